import { probePorts } from '../../../../src-main/diagnostics/probe';
import { AtSession } from '../../../../src-main/serial/atSession';
import { DeviceSimulator } from '../../../../src-main/sim/device/deviceSimulator';
import type { FirmwareFamily } from '../../../../src-main/sim/device/options';
import {
  createSimulatedBinding,
  type SimulatedPortSpec,
} from '../../../../src-main/sim/transports/simulatedBinding';

// The real AtSession over helper B's simulated binding: the probe's verdicts come from the
// session's own mode detection against byte-exact firmware replies.
function device(firmware: FirmwareFamily, extra: { silent?: boolean } = {}) {
  const sim = new DeviceSimulator({ firmware, ...extra });
  sim.start();
  return sim;
}

const sims: DeviceSimulator[] = [];
function spec(path: string, firmware?: FirmwareFamily, silent = false): SimulatedPortSpec {
  const simulator = firmware === undefined ? undefined : device(firmware, { silent });
  if (simulator) sims.push(simulator);
  return simulator
    ? { path, info: { vendorId: '1915', serialNumber: 'THINGY91X_A1B2C3' }, simulator }
    : { path, info: {} };
}

afterEach(() => {
  for (const s of sims.splice(0)) s.stop();
});

describe('probePorts against simulated devices', () => {
  it('tells AT host, Serial LTE Modem, shell, silence and a missing port apart', async () => {
    const binding = createSimulatedBinding([
      spec('/dev/ttyACM0', 'at'),
      spec('/dev/ttyACM1', 'slm'),
      spec('/dev/ttyACM2', 'shell'),
      spec('/dev/ttyACM3', 'at', true),
      spec('/dev/ttyACM4'),
    ]);
    const openSession = (path: string) => AtSession.open({ path, binding });
    const paths = [
      '/dev/ttyACM0',
      '/dev/ttyACM1',
      '/dev/ttyACM2',
      '/dev/ttyACM3',
      '/dev/ttyACM4',
      '/dev/ttyACM9',
    ];
    const results = await probePorts(paths, { openSession, timeoutMs: 400 });
    expect(results.map((r) => [r.path, r.verdict])).toEqual([
      ['/dev/ttyACM0', 'at-host'],
      ['/dev/ttyACM1', 'slm'],
      ['/dev/ttyACM2', 'shell'],
      ['/dev/ttyACM3', 'no-answer'],
      ['/dev/ttyACM4', 'no-answer'],
      ['/dev/ttyACM9', 'gone'],
    ]);
    expect(results[5]?.error?.code).toBe('PORT_NOT_FOUND');

    // Every probed port was closed again: each opens once more without a lock error.
    for (const path of paths.slice(0, 5)) {
      const session = await AtSession.open({ path, binding });
      await session.close();
    }
  });

  it('reports a port locked by another session as busy and skips ports the app holds', async () => {
    const binding = createSimulatedBinding([
      spec('/dev/ttyACM0', 'at'),
      spec('/dev/ttyACM1', 'at'),
    ]);
    const held = await AtSession.open({ path: '/dev/ttyACM0', binding });
    try {
      const results = await probePorts(['/dev/ttyACM0', '/dev/ttyACM1'], {
        openSession: (path) => AtSession.open({ path, binding }),
        findHolders: async () => [{ pid: 4242, command: 'minicom' }],
        timeoutMs: 400,
      });
      expect(results.map((r) => [r.verdict, r.label])).toEqual([
        ['busy', 'busy (held by minicom, pid 4242)'],
        ['at-host', 'AT host, answers'],
      ]);
      const skipped = await probePorts(['/dev/ttyACM0'], {
        openSession: (path) => AtSession.open({ path, binding }),
        isInUseByApp: (path) => path === '/dev/ttyACM0',
      });
      expect(skipped[0]?.verdict).toBe('in-use-by-app');
      // The app's own session is untouched.
      expect((await held.send('AT')).final).toBe('OK');
    } finally {
      await held.close();
    }
  });
});
