import type { Device } from '../../../../src-shared/devices/groupPorts';
import { AppError } from '../../../../src-shared/ipc/errors';
import type { DeviceSnapshot } from '../../../../src-shared/ipc/serial';
import { AutoStart, resolveTarget } from '../../../../src-main/onboarding/autoStart';
import { JobHarness, makeKits, type FakeKit } from './jobHarness';

const deviceOf = (kit: FakeKit): Device => ({
  id: kit.serialNumber,
  kit: 'nrf9151dk',
  name: 'nRF9151 DK',
  serialNumber: kit.serialNumber,
  ports: [{ path: kit.path, role: 'at' }],
  atPortPath: kit.path,
});

let harness: JobHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function setUp(count: number) {
  const kits = makeKits(count);
  harness = new JobHarness(kits);
  const plugged: Device[] = [];
  const auto = new AutoStart({ service: harness.service, devices: () => plugged });
  return { h: harness, kits, plugged, auto };
}

describe('Auto', () => {
  it('off: a plugged kit waits for a click', () => {
    const { h, kits, auto } = setUp(1);
    auto.onDevicesChanged({ arrived: [deviceOf(kits[0]!)], left: [] });
    expect(h.service.list()).toEqual([]);
  });

  it('turning it on starts every plugged kit; a newly plugged kit starts by itself', async () => {
    const { h, kits, plugged, auto } = setUp(3);
    plugged.push(deviceOf(kits[0]!), deviceOf(kits[1]!));
    auto.set(true);
    expect(auto.isOn).toBe(true);
    expect(h.service.list().map((j) => j.id)).toEqual([
      kits[0]!.serialNumber,
      kits[1]!.serialNumber,
    ]);
    auto.onDevicesChanged({ arrived: [deviceOf(kits[2]!)], left: [] });
    const done = await Promise.all(kits.map((k) => h.finish(k.serialNumber)));
    expect(done.map((j) => [j.state, j.kitName, j.serialNumber])).toEqual(
      kits.map((k) => ['claimed', 'nRF9151 DK', k.serialNumber]),
    );
  });

  it('a replugged kit whose job failed starts again; a claimed one is not claimed twice', async () => {
    const { h, kits, auto } = setUp(2);
    const [bad, good] = kits as [FakeKit, FakeKit];
    bad.connectError = new AppError('NO_ANSWER', 'silent');
    auto.set(true);
    auto.onDevicesChanged({ arrived: [deviceOf(bad), deviceOf(good)], left: [] });
    await h.finish(bad.serialNumber);
    await h.finish(good.serialNumber);
    delete bad.connectError;
    auto.onDevicesChanged({ arrived: [], left: [deviceOf(bad), deviceOf(good)] });
    auto.onDevicesChanged({ arrived: [deviceOf(bad), deviceOf(good)], left: [] });
    expect((await h.finish(bad.serialNumber)).attempt).toBe(2);
    expect(await h.finish(bad.serialNumber)).toMatchObject({ state: 'claimed' });
    expect(h.service.get(good.serialNumber)?.attempt).toBe(1);
    expect(h.cloudCalls.filter((c) => c === `claim:${good.path}`)).toHaveLength(1);
  });

  it('a kit that leaves mid-job ends unplugged, Auto on or off', async () => {
    const { h, kits, auto } = setUp(1);
    const kit = kits[0]!;
    h.hold('read');
    h.service.start({ path: kit.path, serialNumber: kit.serialNumber });
    await h.isHeld('read', kit.path);
    auto.onDevicesChanged({ arrived: [], left: [deviceOf(kit)] });
    expect(await h.finish(kit.serialNumber)).toMatchObject({ state: 'unplugged' });
  });
});

describe('resolveTarget', () => {
  const kit = makeKits(1)[0]!;
  const snapshot: DeviceSnapshot = {
    devices: [
      deviceOf(kit),
      { ...deviceOf(kit), id: 'NOAT', serialNumber: 'NOAT', atPortPath: undefined },
    ],
    otherPorts: [],
    pollIntervalMs: 1000,
    scannedAt: 0,
  };

  it('a serial number becomes its kit and AT port', () => {
    expect(resolveTarget(snapshot, { serialNumber: kit.serialNumber })).toEqual({
      path: kit.path,
      serialNumber: kit.serialNumber,
      kit: 'nrf9151dk',
      kitName: 'nRF9151 DK',
    });
  });

  it('a typed path of a kit is keyed by its serial number; any other path stays a path', () => {
    expect(resolveTarget(snapshot, { path: kit.path }).serialNumber).toBe(kit.serialNumber);
    expect(resolveTarget(snapshot, { path: '/dev/pts/9' })).toEqual({ path: '/dev/pts/9' });
  });

  it('an unknown serial number or a kit without an AT port is refused', () => {
    expect(() => resolveTarget(snapshot, { serialNumber: 'nope' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => resolveTarget(snapshot, { serialNumber: 'NOAT' })).toThrow(
      expect.objectContaining({ code: 'PORT_NOT_FOUND' }),
    );
  });
});
