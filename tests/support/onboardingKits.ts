/** The six kits of the onboarding integration tests, and a device claimed beforehand. */
import { createApiKeyAdapter } from '../../src-main/cloud/restClient';
import type { SimulatorOptions } from '../../src-main/sim/device/options';
import type { DeviceProvisioningLink } from '../../src-main/sim/provisioningLink';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { encodeAttestationToken, randomNonce } from '../../src-shared/token/encode';

export const uuid = (i: number) => `0b0a7d00-0000-4000-8000-00000000000${i}`;

/**
 * Six kits: shell, Serial Modem with the provisioning overlay, AT host, shell, silent, and an AT
 * host already claimed by the team. The shell and Serial Modem kits fetch their credentials from
 * the local cloud's `link` after the claim (issue 13; createTestApp hands its own link in).
 */
export function sixKits(
  link?: DeviceProvisioningLink,
): Array<{ serialNumber: string; simulator: SimulatorOptions }> {
  const firmware = ['shell', 'slm', 'at', 'shell', 'at', 'at'] as const;
  return firmware.map((family, i) => ({
    serialNumber: `00105123456${i}`,
    simulator: {
      firmware: family,
      deviceUuid: uuid(i),
      deviceType: i % 2 === 0 ? 6 : 4,
      ...(i === 4 ? { silent: true } : {}),
      provisioning: {
        ...(link === undefined ? {} : { link }),
        ...(family === 'slm' ? { client: true } : {}),
      },
    },
  }));
}

export const SILENT = 4;
export const ALREADY_CLAIMED = 5;
/**
 * How the six kits end, in order: the shell and Serial Modem kits connected, the AT host claimed
 * (it cannot fetch credentials), the silent one failed, the pre-claimed one already claimed.
 */
export const SIX_KIT_ENDS = [
  'connected',
  'connected',
  'claimed',
  'connected',
  'failed',
  'already-claimed',
] as const;

/** Claims kit `index`'s device in the local nRF Cloud beforehand, as if done yesterday. */
export async function preClaim(apiBaseUrl: string, provisioningBaseUrl: string, index: number) {
  const adapter = createApiKeyAdapter({ apiKey: FAKE_DEMO_KEY, apiBaseUrl, provisioningBaseUrl });
  const token = encodeAttestationToken({
    deviceUuid: uuid(index),
    deviceType: 6,
    modemFirmwareUuid: '9c2b6e41-3d7a-4f05-b8e6-0d1c2a3b4c5d',
    nonce: randomNonce(),
  });
  await adapter.claim(token, ['nrf-cloud-onboarding']);
}
