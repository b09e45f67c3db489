/**
 * Cause-and-fix texts for the step after the claim: the provisioning rule, the device fetching its
 * credentials, and how that fails (issue 13). Wording follows docs/protocol.md §5 to §14.
 */
import { assertNever, provisioningErrorCodes, type ErrorCode } from '../../src-shared/ipc/errors';
import type { ErrorExplanation } from './explain';

export { provisioningErrorCodes };
export type ProvisioningErrorCode = (typeof provisioningErrorCodes)[number];

const codes: ReadonlySet<ErrorCode> = new Set(provisioningErrorCodes);

/** True for the codes this module explains. */
export const isProvisioningErrorCode = (code: ErrorCode): code is ProvisioningErrorCode =>
  codes.has(code);

const firmwareWithClient =
  'the Asset Tracker Template, Serial Modem built with its nRF Cloud provisioning overlay, or the nrf_provisioning sample';

/** Explains one provisioning error; `message` is the error's own text (it names the port, codes). */
export function explainProvisioningError(
  code: ProvisioningErrorCode,
  message: string,
): ErrorExplanation {
  switch (code) {
    // §5, §14.1
    case 'ONBOARDING_RULE_MISSING':
      return {
        title: 'No provisioning rule for the claim tags',
        cause:
          'None of the team’s active provisioning rules carries one of the claim tags, so the device would be claimed but never receive its credentials: it would answer "no commands" and never connect.',
        fix: 'Create the nRF Cloud Onboarding rule (the button, or `nrf-onboard onboard --create-rule`), or claim with a tag that has an active rule of its own.',
      };
    case 'RULE_CREATE_REFUSED':
      return {
        title: 'nRF Cloud refused to create the onboarding rule',
        cause:
          'The API key may claim devices but not create provisioning rules or tags (its role is too low), or the team already has a rule under that name that is switched off.',
        fix: 'Ask a team Admin or Owner to create the nRF Cloud Onboarding rule in the portal (Device Management → Provisioning rules), or to give you a key of their role, then try again.',
      };
    // §13
    case 'PROVISIONING_UNSUPPORTED':
      return {
        title: 'This firmware cannot fetch credentials',
        cause: `The device runs firmware without the nRF Cloud provisioning client (for example the AT Client sample), so nothing on it ever asks nRF Cloud for its credentials. The claim stands.`,
        fix: `Flash firmware that has the client (${firmwareWithClient}) and start it; it fetches its credentials by itself. Or install credentials locally with nrfcloud-utils.`,
      };
    case 'PROVISIONING_TRIGGER_FAILED':
      return {
        title: 'The device did not start provisioning',
        cause: `The command that asks the device to fetch its credentials was refused or not answered (${message}). The firmware may lack the command, or be busy booting.`,
        fix: 'Reset the device, wait until it has booted, then press Retry. The claim stands; provisioning also starts on its own at the next boot on most firmware.',
      };
    // §14.2
    case 'PROVISIONING_NOT_CLAIMED':
      return {
        title: 'nRF Cloud says the device is not claimed',
        cause: `The provisioning service refused the device as not claimed (${message}): it was claimed by another team, unclaimed in the meantime, or the claim has not reached the provisioning service yet.`,
        fix: 'Check the device in the nRF Cloud portal under your team. Claim it again if it is missing, then press Retry.',
      };
    // §14.1
    case 'PROVISIONING_NO_COMMANDS':
      return {
        title: 'nRF Cloud had no credentials waiting for the device',
        cause:
          'The device asked for its provisioning commands and got none: the device was claimed while no active rule carried its tags (the rule was added later, or switched off), or every command ran before and was removed.',
        fix: 'Check that the nRF Cloud Onboarding rule is active, then unclaim the device and claim it again so that the rule queues its commands; or add a reprovision command (cloudAccessKeyGeneration) in the portal.',
      };
    // §14.3
    case 'PROVISIONING_WRONG_ROOT_CA':
      return {
        title: 'Wrong root certificate for the provisioning server',
        cause:
          'The device refused the provisioning server’s certificate: its root CA sec tag (189298, or 42384 on Serial Modem) holds another certificate. The library writes that tag only when it is empty, so this does not heal by itself.',
        fix: 'Delete the certificate in that sec tag (e.g. AT%CMNG=3,189298,0 with the modem offline) or flash the firmware again, then reset the device and press Retry.',
      };
    // §14.4
    case 'PROVISIONING_NO_TIME':
      return {
        title: 'The device has no network time',
        cause:
          'The device needs a valid clock to sign its login to the provisioning service, and got none from the network within its wait: weak or no LTE coverage, no SIM, or a network that sends no time.',
        fix: 'Check the SIM and the antenna, move the kit where LTE coverage is good, then reset it and press Retry.',
      };
    // §14.8
    case 'PROVISIONING_TOO_MANY_COMMANDS':
      return {
        title: 'Too many provisioning commands for the device',
        cause:
          'More commands are queued for the device than its firmware can hold in memory (the Asset Tracker Template takes 5), for example after repeated reprovision requests.',
        fix: 'Remove the extra pending commands of the device in the nRF Cloud portal, then press Retry.',
      };
    // §14.5
    case 'PROVISIONING_MODEM_TOO_OLD':
      return {
        title: 'The modem firmware is too old for provisioning',
        cause:
          'nRF Cloud provisioning needs an nRF91x1 with modem firmware 2.0.0 or newer; this modem could not create its login token or keys.',
        fix: 'Update the modem firmware (nRF Connect for Desktop, Programmer), then press Retry. An nRF9160 cannot be provisioned this way.',
      };
    // §14.6
    case 'PROVISIONING_DEVICE_ID_MISMATCH':
      return {
        title: 'The device connects under another id',
        cause: `nRF Cloud refuses the device as unknown (${message}). Firmware that does not use the modem's UUID as its client id connects under another id than the UUID it was claimed under.`,
        fix: 'Use firmware built to use the modem’s internal UUID as client id (CONFIG_NRF_CLOUD_CLIENT_ID_SRC_INTERNAL_UUID=y with CONFIG_MODEM_JWT=y), then press Retry.',
      };
    // §6
    case 'PROVISIONING_COMMAND_FAILED':
      return {
        title: 'A provisioning command failed on the device',
        cause: `The device ran one of its provisioning commands and it failed (${message}); nRF Cloud drops it and every command after it.`,
        fix: 'Reprovision the device (Reset in the portal, or a cloudAccessKeyGeneration command), reset it and press Retry. If it fails again, save a support bundle.',
      };
    case 'PROVISIONING_FAILED':
      return {
        title: 'Provisioning failed',
        cause: `The device reported a provisioning failure the app does not know more about (${message}).`,
        fix: 'Reset the device and press Retry. If it fails again, save a support bundle: its transcript holds the device’s log lines.',
      };
    // §14.10
    case 'PROVISIONING_TIMEOUT':
      return {
        title: 'The device did not reach nRF Cloud in time',
        cause: `Provisioning did not finish within the limit (${message}). The device may still be retrying on weak coverage; LTE dropping on the way is normal and was not the reason.`,
        fix: 'Leave the device powered and check it in the nRF Cloud portal a few minutes later, or raise the provisioning timeout in Settings (or --provision-timeout) and press Retry.',
      };
    default:
      return assertNever(code);
  }
}
