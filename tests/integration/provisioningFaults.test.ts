/**
 * Issue 13, each injected provisioning failure through `nrf-onboard onboard --json` over a real
 * pty and the local nRF Cloud: the kit ends "failed" with the failure's own code, and the journal
 * records the provisioning outcome (docs/protocol.md §14).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAdapter } from '../../src-main/cloud/restClient';
import type { SimProvisioningOptions, SimulatorOptions } from '../../src-main/sim/device/options';
import type { ProvisioningFault } from '../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { encodeAttestationToken, randomNonce } from '../../src-shared/token/encode';
import { KIT_UUID, startBench, type Bench } from '../support/provisioningCli';

const timeScale = 0.005;

interface Fault {
  name: string;
  code: string;
  device?: SimProvisioningOptions;
  /** Options of the simulated kit itself (its modem, say). */
  kit?: Partial<SimulatorOptions>;
  cloud?: ProvisioningFault;
  /** Claimed beforehand by the team with tags no rule covers. */
  isClaimedWithoutRule?: boolean;
  args?: string[];
}

// A short limit where a device can only wait (no commands on the sample shell, lib-old's wait for
// network time): the limit then names what held it up.
const SHORT_LIMIT = ['--provision-timeout', '3'];

const faults: Fault[] = [
  {
    name: 'not claimed (the service does not know the claim)',
    code: 'PROVISIONING_NOT_CLAIMED',
    cloud: { kind: 'not-claimed', count: 100 },
  },
  {
    name: 'claimed without a covering rule',
    code: 'PROVISIONING_NO_COMMANDS',
    isClaimedWithoutRule: true,
    args: SHORT_LIMIT,
  },
  { name: 'wrong root CA', code: 'PROVISIONING_WRONG_ROOT_CA', device: { wrongRootCa: true } },
  {
    name: 'no network time',
    code: 'PROVISIONING_NO_TIME',
    device: { noNetworkTime: true },
    args: SHORT_LIMIT,
  },
  {
    // An nRF9160 (device type 3): the simulated modem and the app both learn it from the modem.
    name: 'modem firmware too old',
    code: 'PROVISIONING_MODEM_TOO_OLD',
    kit: { deviceType: 3 },
  },
  {
    name: 'device id mismatch',
    code: 'PROVISIONING_DEVICE_ID_MISMATCH',
    device: { deviceIdMismatch: true },
  },
  {
    name: 'too many commands (device)',
    code: 'PROVISIONING_TOO_MANY_COMMANDS',
    device: { maxCommands: 2 },
  },
  {
    name: 'too many commands (cloud)',
    code: 'PROVISIONING_TOO_MANY_COMMANDS',
    cloud: { kind: 'too-many-commands' },
  },
  {
    name: 'a command fails on the device',
    code: 'PROVISIONING_COMMAND_FAILED',
    device: { failCommand: 'serverCertificate' },
  },
  {
    name: 'a command fails in the cloud',
    code: 'PROVISIONING_COMMAND_FAILED',
    cloud: { kind: 'command-fails', commandType: 'serverCertificate' },
  },
  {
    name: 'the device never reaches the cloud',
    code: 'PROVISIONING_TIMEOUT',
    device: { link: undefined },
    args: ['--provision-timeout', '2'],
  },
];

const shell =
  (library: 'lib-old' | 'lib-mid' | 'lib-new') =>
  (b: Bench, p: SimProvisioningOptions): SimulatorOptions => ({
    firmware: 'shell',
    deviceUuid: KIT_UUID,
    provisioning: { link: b.cloud.deviceLink(), library, timeScale, ...p },
  });

const kits: Array<{
  family: string;
  kit: (b: Bench, p: SimProvisioningOptions) => SimulatorOptions;
  skip: string[];
  /** Where this family's own way of failing gives another code than the fault's. */
  ends?: Record<string, string>;
}> = [
  { family: 'shell lib-mid', kit: shell('lib-mid'), skip: [] },
  { family: 'shell lib-new', kit: shell('lib-new'), skip: [] },
  { family: 'shell lib-old', kit: shell('lib-old'), skip: [] },
  {
    family: 'att',
    kit: (b, p) => ({
      firmware: 'shell',
      shellApp: 'att',
      deviceUuid: KIT_UUID,
      provisioning: { link: b.cloud.deviceLink(), timeScale, ...p },
    }),
    skip: [],
  },
  {
    family: 'serial-modem',
    kit: (b, p) => ({
      firmware: 'slm',
      deviceUuid: KIT_UUID,
      provisioning: {
        link: b.cloud.deviceLink(),
        client: true,
        timeScale,
        lteOffAtBoot: true,
        ...p,
      },
    }),
    skip: [],
    // Serial Modem reports an unreachable server as `#XNRFPROV: -1` and stops trying (§11).
    ends: { 'the device never reaches the cloud': 'PROVISIONING_FAILED' },
  },
];

async function claimWithoutRule(b: Bench) {
  const adapter = createApiKeyAdapter({
    apiKey: FAKE_DEMO_KEY,
    apiBaseUrl: b.cloud.apiBaseUrl,
    provisioningBaseUrl: b.cloud.provisioningBaseUrl,
  });
  const token = encodeAttestationToken({
    deviceUuid: KIT_UUID,
    deviceType: 6,
    modemFirmwareUuid: '9c2b6e41-3d7a-4f05-b8e6-0d1c2a3b4c5d',
    nonce: randomNonce(),
  });
  await adapter.claim(token, ['line-without-rule']);
}

let bench: Bench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe.each(kits)('$family', ({ kit, skip, ends }) => {
  const cases = faults
    .filter((f) => !skip.includes(f.name))
    .map((f) => ({ ...f, code: ends?.[f.name] ?? f.code }));
  it.each(cases)(
    '$name -> $code',
    async (fault) => {
      bench = await startBench();
      const b = bench;
      await b.kit({ ...kit(b, fault.device ?? {}), ...fault.kit });
      if (fault.isClaimedWithoutRule === true) await claimWithoutRule(b);
      if (fault.cloud !== undefined) b.cloud.failProvisioning(fault.cloud);
      const { code, kit: line } = await b.onboard(fault.args ?? []);
      expect(line).toMatchObject({ state: 'failed', error: { code: fault.code } });
      expect(code).toBe(1);
      expect(b.cloud.provisioning(KIT_UUID).connectedAt).toBeUndefined();
      const [entry] = b.journal();
      expect(entry?.provisioning).toMatchObject({ outcome: 'failed', code: fault.code });
    },
    30_000,
  );
});
