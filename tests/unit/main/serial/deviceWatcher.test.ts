import { DeviceWatcher } from '../../../../src-main/serial/deviceWatcher';
import type { DeviceEnumeration } from '../../../../src-main/serial/enumerate';
import type { Device } from '../../../../src-shared/devices/groupPorts';

const device = (id: string): Device => ({
  id,
  name: `kit ${id}`,
  serialNumber: id,
  ports: [{ path: `/dev/${id}`, role: 'at' }],
  atPortPath: `/dev/${id}`,
});

function fakeLister(initial: DeviceEnumeration) {
  let current = initial;
  let calls = 0;
  return {
    set: (next: DeviceEnumeration) => (current = next),
    calls: () => calls,
    enumerate: async () => {
      calls++;
      return structuredClone(current);
    },
  };
}

function manualScheduler() {
  let tick: (() => void) | undefined;
  let interval = 0;
  return {
    schedule: (fn: () => void, ms: number) => {
      tick = fn;
      interval = ms;
      return () => (tick = undefined);
    },
    fire: () => tick?.(),
    interval: () => interval,
    isRunning: () => tick !== undefined,
  };
}

describe('DeviceWatcher', () => {
  it('emits only when something changed, with arrived and left devices', async () => {
    const lister = fakeLister({ devices: [device('A')], otherPorts: [] });
    const watcher = new DeviceWatcher({ enumerate: lister.enumerate, now: () => 42 });
    const changes: Array<{ arrived: string[]; left: string[] }> = [];
    watcher.onChange((c) =>
      changes.push({ arrived: c.arrived.map((d) => d.id), left: c.left.map((d) => d.id) }),
    );

    const first = await watcher.poll();
    expect(first).toMatchObject({ pollIntervalMs: 1000, scannedAt: 42 });
    await watcher.poll();
    lister.set({ devices: [device('B')], otherPorts: [] });
    await watcher.poll();
    await watcher.poll();
    expect(changes).toEqual([
      { arrived: ['A'], left: [] },
      { arrived: ['B'], left: ['A'] },
    ]);
    expect(lister.calls()).toBe(4);
  });

  it('tracks ports of no known kit by path and reports degraded mode', async () => {
    const lister = fakeLister({ devices: [], otherPorts: [] });
    const watcher = new DeviceWatcher({ enumerate: lister.enumerate });
    const seen: string[][] = [];
    watcher.onChange((c) =>
      seen.push([
        ...c.arrivedPorts.map((p) => `+${p.path}`),
        ...c.leftPorts.map((p) => `-${p.path}`),
      ]),
    );
    await watcher.poll();
    lister.set({
      devices: [],
      otherPorts: [{ path: '/dev/ttyUSB0', role: 'other' }],
      degraded: { reason: 'no udevadm' },
    });
    const snapshot = await watcher.poll();
    expect(snapshot.degraded).toEqual({ reason: 'no udevadm' });
    lister.set({ devices: [], otherPorts: [] });
    await watcher.poll();
    expect(seen).toEqual([[], ['+/dev/ttyUSB0'], ['-/dev/ttyUSB0']]);
  });

  it('polls on the injected timer at the configured interval and stops', async () => {
    const scheduler = manualScheduler();
    const lister = fakeLister({ devices: [], otherPorts: [] });
    const watcher = new DeviceWatcher({
      enumerate: lister.enumerate,
      intervalMs: 250,
      schedule: scheduler.schedule,
    });
    watcher.start();
    expect(scheduler.interval()).toBe(250);
    await watcher.poll();
    const before = lister.calls();
    scheduler.fire();
    await watcher.poll();
    expect(lister.calls()).toBeGreaterThan(before);
    watcher.stop();
    expect(scheduler.isRunning()).toBe(false);
  });

  it('shares one enumeration between overlapping polls', async () => {
    const lister = fakeLister({ devices: [], otherPorts: [] });
    const watcher = new DeviceWatcher({ enumerate: lister.enumerate });
    await Promise.all([watcher.poll(), watcher.poll(), watcher.poll()]);
    expect(lister.calls()).toBe(1);
  });

  it('remembers the last-used device through the injected store', async () => {
    let stored: string | undefined;
    const watcher = new DeviceWatcher({
      enumerate: fakeLister({ devices: [device('A')], otherPorts: [] }).enumerate,
      lastUsed: { get: () => stored, set: (serial) => (stored = serial) },
    });
    expect((await watcher.poll()).lastUsedSerial).toBeUndefined();
    watcher.markUsed('A');
    expect(stored).toBe('A');
    expect(watcher.snapshot?.lastUsedSerial).toBe('A');
    expect((await watcher.poll()).lastUsedSerial).toBe('A');
  });

  it('survives an enumerator that throws', async () => {
    const watcher = new DeviceWatcher({ enumerate: () => Promise.reject(new Error('boom')) });
    const snapshot = await watcher.poll();
    expect(snapshot.devices).toEqual([]);
    expect(snapshot.degraded?.reason).toContain('boom');
  });
});
