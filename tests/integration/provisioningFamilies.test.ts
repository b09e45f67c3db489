/**
 * Issue 13, per firmware family, through `nrf-onboard onboard --json` over a real pty and the local
 * nRF Cloud: rule present -> connected; rule missing -> ONBOARDING_RULE_MISSING and no claim;
 * --create-rule -> connected; the journal's provisioning outcome (docs/protocol.md §8–§14).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../src-main/sim/device/options';
import { isClaimPost, KIT_UUID, startBench, TENANT, type Bench } from '../support/provisioningCli';

const link = (b: Bench) => b.cloud.deviceLink();
const timeScale = 0.005;

interface Family {
  name: string;
  family: string;
  kit: (b: Bench) => SimulatorOptions;
}

const families: Family[] = [
  ...(['lib-old', 'lib-mid', 'lib-new'] as const).map((library) => ({
    name: `shell sample (${library})`,
    family: 'shell',
    kit: (b: Bench): SimulatorOptions => ({
      firmware: 'shell',
      deviceUuid: KIT_UUID,
      provisioning: { link: link(b), library, timeScale },
    }),
  })),
  {
    name: 'Asset Tracker Template (reboot drops USB)',
    family: 'att',
    kit: (b) => ({
      firmware: 'shell',
      shellApp: 'att',
      rebootDropsUsb: true,
      deviceUuid: KIT_UUID,
      provisioning: { link: link(b), timeScale },
    }),
  },
  {
    name: 'Serial Modem with AT#XNRFPROV',
    family: 'serial-modem',
    kit: (b) => ({
      firmware: 'slm',
      deviceUuid: KIT_UUID,
      // LTE off at boot, as a real Serial Modem: the app must switch it on (docs/protocol.md §11).
      provisioning: { link: link(b), client: true, timeScale, modemLogs: true, lteOffAtBoot: true },
    }),
  },
];

let bench: Bench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe.each(families)('$name', ({ family, kit }) => {
  it('rule present: connected, the cloud sees it, the journal says connected', async () => {
    bench = await startBench();
    const b = bench;
    await b.kit(kit(b));
    const { code, kit: line } = await b.onboard([]);
    expect(line).toMatchObject({
      state: 'connected',
      deviceUuid: KIT_UUID,
      provisioning: { family, stage: 'connected' },
    });
    expect(code).toBe(0);
    const seen = b.cloud.provisioning(KIT_UUID);
    expect(seen.isProvisioned).toBe(true);
    expect(seen.connectedAt).toEqual(expect.any(String));
    expect(seen.commands.map((c) => c.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const [entry] = b.journal();
    expect(entry?.provisioning).toMatchObject({ outcome: 'connected', family });
  }, 30_000);

  it('rule missing: ONBOARDING_RULE_MISSING before any claim; the device never checks in', async () => {
    bench = await startBench([]);
    const b = bench;
    await b.kit(kit(b));
    const { code, kit: line } = await b.onboard([]);
    expect(line).toMatchObject({ state: 'failed', error: { code: 'ONBOARDING_RULE_MISSING' } });
    expect(code).toBe(1);
    expect(b.cloud.requests().filter(isClaimPost)).toEqual([]);
    expect(b.cloud.claimed().size).toBe(0);
    expect(b.cloud.provisioning(KIT_UUID).hasCheckedIn).toBe(false);
    const [entry] = b.journal();
    expect(entry?.lastError?.code).toBe('ONBOARDING_RULE_MISSING');
    expect(entry?.provisioning).toBeUndefined();
  }, 30_000);

  it('--create-rule: the onboarding rule is created, then claimed and connected', async () => {
    bench = await startBench([]);
    const b = bench;
    await b.kit(kit(b));
    const { code, kit: line } = await b.onboard(['--create-rule']);
    expect(line).toMatchObject({ state: 'connected', provisioning: { family } });
    expect(code).toBe(0);
    expect(b.cloud.rules(TENANT).map((r) => [r.name, r.tags])).toEqual([
      ['nRF Cloud Onboarding', ['nrf-cloud-onboarding']],
    ]);
    expect(b.cloud.provisioning(KIT_UUID).isProvisioned).toBe(true);
    expect(b.journal()[0]?.provisioning?.outcome).toBe('connected');
  }, 30_000);
});

describe('firmware that cannot fetch credentials', () => {
  it.each([
    ['Serial Modem without the provisioning overlay', { firmware: 'slm' } as const],
    ['AT host', { firmware: 'at' } as const],
  ])(
    '%s: claimed, with a note saying so, journaled not-provisioned',
    async (_name, base) => {
      bench = await startBench();
      const b = bench;
      await b.kit({ ...base, deviceUuid: KIT_UUID, provisioning: { link: link(b), timeScale } });
      const { code, kit: line } = await b.onboard([]);
      expect(line.state).toBe('claimed');
      expect(line.note).toMatch(/cannot fetch its credentials/);
      expect(code).toBe(0);
      expect(b.cloud.claimed().has(KIT_UUID)).toBe(true);
      expect(b.cloud.provisioning(KIT_UUID).hasCheckedIn).toBe(false);
      expect(b.journal()[0]?.provisioning?.outcome).toBe('not-provisioned');
    },
    30_000,
  );
});
