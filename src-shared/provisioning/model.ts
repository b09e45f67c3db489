/**
 * What can be learned about a device on its way from "claimed" to "connected to nRF Cloud", from
 * either side: the device's own log lines and `#XNRFPROV` notifications (docs/protocol.md §9 to
 * §12) and the cloud's provisioning-command statuses and device record (§6, §7). The parsers of
 * both sides produce these; the pipeline folds them into a ProvisioningView.
 */
import type { ErrorCode } from '../ipc/errors';

/** The firmware family as far as provisioning is concerned (§10 to §13). */
export type ProvisioningFamily = 'shell' | 'att' | 'serial-modem' | 'at-host';

/** The milestones of one provisioning, in the order they normally come. */
export const provisioningStages = [
  /** The app asked the device to fetch its credentials (or rebooted it, for ATT). */
  'triggered',
  /** The device contacts the provisioning service (DTLS setup, requesting commands). */
  'waiting-for-device',
  /** The device received its commands (or the cloud shows them). */
  'commands-received',
  /** Key pair / cloud access key generated on the device. */
  'keys-generated',
  /** Server (and client) certificates written to the modem. */
  'certificates-installed',
  /** Responses sent; the device says provisioning finished (or the cloud's commands all ended). */
  'finished',
  /** The device connects to nRF Cloud with its new credentials. */
  'connecting',
  /** nRF Cloud sees it (device log, or GET /v1/devices/{id}). */
  'connected',
] as const;
export type ProvisioningStage = (typeof provisioningStages)[number];

/** One thing learned, from the device or from the cloud. */
export type ProvisioningEvent =
  | { kind: 'stage'; stage: ProvisioningStage; source: 'device' | 'cloud' | 'app'; text: string }
  /** LTE went down or came back: normal during provisioning (§8.4), never a failure by itself. */
  | { kind: 'lte'; isUp: boolean; source: 'device' | 'app'; text: string }
  /** Serial Modem asks the host to switch LTE: 1 = offline (AT+CFUN=4), 2 = online (§11). */
  | { kind: 'host-action'; action: 'lte-offline' | 'lte-online'; text: string }
  /** The device said "nothing to do" (NO_COMMANDS, `#XNRFPROV: 0`): done or no rule (§14.1). */
  | { kind: 'no-commands'; source: 'device' | 'cloud'; text: string }
  /** A known failure signature (§14); `isFatal` false means the device retries by itself. */
  | { kind: 'failure'; code: ErrorCode; isFatal: boolean; source: 'device' | 'cloud'; text: string }
  /**
   * nRF Cloud refused the device's connection (unauthorized or invalid credentials, §14.1,
   * §14.6): what it means depends on what came before, so the fold decides.
   */
  | { kind: 'cloud-refused'; source: 'device' | 'app'; text: string }
  /** The client id the device connects with (ATT logs it), to compare with the claim id (§14.6). */
  | { kind: 'client-id'; clientId: string; text: string }
  /** One provisioning command's status as the cloud reports it (§6); unknown statuses kept. */
  | { kind: 'command'; id: string; type: string; status: string; text: string };
