import type { Device } from '../../../../src-shared/devices/groupPorts';
import {
  createUsbTimeline,
  findFlapping,
  type TimelineDevice,
} from '../../../../src-main/diagnostics/usbTimeline';

const thingy: TimelineDevice = {
  serialNumber: 'THINGY91_ABCDEF012345',
  name: 'Thingy:91',
  ports: [{ path: '/dev/ttyACM0' }, { path: '/dev/ttyACM1' }],
};
const dk: TimelineDevice = {
  serialNumber: '001050912345',
  name: 'nRF9161 DK',
  ports: [{ path: '/dev/ttyACM2' }],
};

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createUsbTimeline', () => {
  it('records arrivals and departures with time, name, serial and ports, departures first', () => {
    const c = clock();
    const timeline = createUsbTimeline({ now: c.now });
    timeline.record({ arrived: [thingy], left: [] });
    c.advance(500);
    timeline.record({ arrived: [dk], left: [thingy] });
    expect(timeline.entries()).toEqual([
      {
        t: 1_000_000,
        kind: 'arrived',
        serialNumber: 'THINGY91_ABCDEF012345',
        name: 'Thingy:91',
        ports: ['/dev/ttyACM0', '/dev/ttyACM1'],
      },
      {
        t: 1_000_500,
        kind: 'left',
        serialNumber: 'THINGY91_ABCDEF012345',
        name: 'Thingy:91',
        ports: ['/dev/ttyACM0', '/dev/ttyACM1'],
      },
      {
        t: 1_000_500,
        kind: 'arrived',
        serialNumber: '001050912345',
        name: 'nRF9161 DK',
        ports: ['/dev/ttyACM2'],
      },
    ]);
  });

  it('names a device without name or serial by its first port, and omits the serial', () => {
    const timeline = createUsbTimeline({ now: () => 5 });
    timeline.record({ arrived: [{ ports: [{ path: '/dev/ttyUSB0' }] }], left: [] });
    expect(timeline.entries()).toEqual([
      { t: 5, kind: 'arrived', name: '/dev/ttyUSB0', ports: ['/dev/ttyUSB0'] },
    ]);
  });

  it('keeps only the newest `limit` entries', () => {
    const c = clock();
    const timeline = createUsbTimeline({ now: c.now, limit: 3 });
    for (let i = 0; i < 5; i++) {
      c.advance(1);
      timeline.record({ arrived: [dk], left: [] });
    }
    expect(timeline.entries().map((e) => e.t)).toEqual([1_000_003, 1_000_004, 1_000_005]);
  });

  it('entries() returns copies', () => {
    const timeline = createUsbTimeline({ now: () => 1 });
    timeline.record({ arrived: [dk], left: [] });
    timeline.entries()[0]?.ports.push('/dev/evil');
    expect(timeline.entries()[0]?.ports).toEqual(['/dev/ttyACM2']);
  });

  it('flags a device that reconnected 3 times within the window, not one that did it twice', () => {
    const c = clock();
    const timeline = createUsbTimeline({ now: c.now });
    timeline.record({ arrived: [thingy, dk], left: [] });
    for (let i = 0; i < 3; i++) {
      c.advance(5_000);
      timeline.record({ arrived: [], left: [thingy] });
      c.advance(1_000);
      timeline.record({ arrived: [thingy], left: [] });
    }
    for (let i = 0; i < 2; i++) {
      c.advance(1_000);
      timeline.record({ arrived: [], left: [dk] });
      timeline.record({ arrived: [dk], left: [] });
    }
    expect(timeline.flapping()).toEqual([{ serialNumber: 'THINGY91_ABCDEF012345', count: 3 }]);
  });

  it('forgets reconnects that fall out of the window', () => {
    const c = clock();
    const timeline = createUsbTimeline({ now: c.now });
    for (let i = 0; i < 3; i++) {
      c.advance(20_000);
      timeline.record({ arrived: [], left: [thingy] });
      timeline.record({ arrived: [thingy], left: [] });
    }
    expect(timeline.flapping(60_000)).toHaveLength(1);
    c.advance(30_000);
    expect(timeline.flapping(60_000)).toEqual([]);
    expect(timeline.flapping(120_000)).toEqual([
      { serialNumber: 'THINGY91_ABCDEF012345', count: 3 },
    ]);
  });

  it('findFlapping counts a left followed by an arrival only (arrivals alone are not reconnects)', () => {
    const entries = [0, 1, 2, 3].map((t) => ({
      t,
      kind: 'arrived' as const,
      serialNumber: 'X',
      name: 'x',
      ports: [],
    }));
    expect(findFlapping(entries, 60_000, 10)).toEqual([]);
  });
});

describe("createUsbTimeline with the enumerator's Device", () => {
  it('accepts Device values as they come from groupPorts', () => {
    const device: Device = {
      id: '001050912345',
      kit: 'nrf9161dk',
      name: 'nRF9161 DK',
      serialNumber: '001050912345',
      ports: [{ path: '/dev/ttyACM0', role: 'at', interfaceNumber: 0 }],
    };
    const timeline = createUsbTimeline({ now: () => 7 });
    timeline.record({ arrived: [device], left: [] });
    expect(timeline.entries()[0]).toMatchObject({ name: 'nRF9161 DK', ports: ['/dev/ttyACM0'] });
  });
});
