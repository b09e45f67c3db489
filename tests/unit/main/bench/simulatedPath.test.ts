import { describe, expect, it } from 'vitest';
import {
  simulatedMs,
  simulatedPath,
  type ProvisioningCaseId,
} from '../../../../src-main/bench/simulatedPath';
import type { SimulatorOptions } from '../../../../src-main/sim/device/options';
import {
  FakeProvisioningLink,
  ONBOARDING_COMMANDS,
} from '../../../support/sim/fakeProvisioningLink';
import { playUntil } from '../sim/provisioningHarness';
import { startDevice, type Harness } from '../sim/simHarness';

describe('simulatedPath', () => {
  // Hand-summed from the simulator's timing constants (three commands, the onboarding rule's).
  const cases: Array<[ProvisioningCaseId, number]> = [
    ['shell-lib-mid', 16_300],
    ['shell-lib-new', 17_800],
    ['att', 35_300],
    ['serial-modem', 23_200],
  ];

  it.each(cases)('%s waits %i real-world ms from the trigger to connected', (id, total) => {
    expect(simulatedPath(id).reduce((sum, s) => sum + s.ms, 0)).toBe(total);
    expect(simulatedMs(id, 0.1)).toBeCloseTo(total / 10);
  });

  it('counts 800 ms per command and lists no empty wait', () => {
    expect(simulatedMs('shell-lib-new', 1, 5) - simulatedMs('shell-lib-new', 1, 3)).toBe(1600);
    for (const [id] of cases) expect(simulatedPath(id).every((s) => s.ms > 0)).toBe(true);
  });
});

/**
 * The same path played by the simulator itself on a manual clock at timeScale 1, with a host that
 * answers at once: the time from the trigger to the "connected" line is the path's sum, so a wait
 * added to (or dropped from) the simulator without simulatedPath.ts following it fails here.
 */
describe('simulatedPath against the simulator', () => {
  const UUID = '7e57da7a-00b1-4abc-8def-0123456789ab';

  function device(
    options: Omit<SimulatorOptions, 'deviceUuid'>,
    trigger: string,
    connected: string,
  ): { dev: Harness; played: () => Promise<number> } {
    const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
    const dev = startDevice({
      ...options,
      deviceUuid: UUID,
      provisioning: { ...options.provisioning, link, timeScale: 1 },
    });
    return {
      dev,
      async played() {
        dev.take();
        const started = dev.clock.now();
        dev.send(trigger);
        await playUntil(dev.clock, () => dev.text().includes(connected), 120_000);
        return dev.clock.now() - started;
      },
    };
  }

  it.each([
    ['shell-lib-mid', 'lib-mid'],
    ['shell-lib-new', 'lib-new'],
  ] as const)('%s: nrf_provisioning now to the CoAP connection', async (id, library) => {
    const { played } = device(
      { firmware: 'shell', provisioning: { library } },
      'nrf_provisioning now\r\n',
      'nRF Cloud CoAP connection successful',
    );
    expect(await played()).toBe(simulatedMs(id, 1));
  });

  it('att: kernel reboot warm (USB dropped) to the CoAP connection', async () => {
    const { played } = device(
      { firmware: 'shell', shellApp: 'att', rebootDropsUsb: true },
      'kernel reboot warm\r\n',
      'nRF Cloud CoAP connection successful',
    );
    expect(await played()).toBe(simulatedMs('att', 1));
  });

  it('serial-modem: LTE off at boot, AT+CFUN=1 and AT#XNRFPROV, the host switching LTE and connecting, to #XNRFCLOUD: 1', async () => {
    const { dev, played } = device(
      { firmware: 'slm', provisioning: { client: true, lteOffAtBoot: true } },
      'AT+CFUN=1\r\nAT#XNRFPROV\r\n',
      '#XNRFCLOUD: 1,',
    );
    // The host answers like the app does: CFUN=4 on 1, CFUN=1 on 2, connects on 0.
    dev.sim.onOutput((bytes) => {
      const text = Buffer.from(bytes).toString('latin1');
      if (text.includes('#XNRFPROV: 1\r')) setImmediate(() => dev.send('AT+CFUN=4\r\n'));
      if (text.includes('#XNRFPROV: 2\r')) setImmediate(() => dev.send('AT+CFUN=1\r\n'));
      if (text.includes('#XNRFPROV: 0\r')) setImmediate(() => dev.send('AT#XNRFCLOUD=1\r\n'));
    });
    expect(await played()).toBe(simulatedMs('serial-modem', 1));
  });
});
