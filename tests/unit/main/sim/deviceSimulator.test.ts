import { DeviceSimulator } from '../../../../src-main/sim/device/deviceSimulator';
import { ManualScheduler } from '../../../../src-main/sim/device/scheduler';
import { startDevice } from './simHarness';

describe('DeviceSimulator timing and failure switches', () => {
  it('sends replies in chunks of at most maxChunkBytes, gapMs apart, with identical content', () => {
    const plain = startDevice({ firmware: 'at', imei: '350404291234564' });
    plain.send('AT+CGSN=1\r\n');

    const dev = startDevice({
      firmware: 'at',
      imei: '350404291234564',
      chunking: { maxChunkBytes: 5, gapMs: 20 },
    });
    dev.send('AT+CGSN=1\r\n');
    expect(dev.chunks).toEqual(['+CGSN']);
    dev.clock.advance(19);
    expect(dev.chunks).toHaveLength(1);
    dev.clock.advance(1);
    expect(dev.chunks).toHaveLength(2);
    dev.clock.runUntilIdle();
    expect(dev.chunks.every((c) => c.length <= 5)).toBe(true);
    expect(dev.text()).toBe(plain.text());
  });

  it('holds the reply for replyDelayMs and answers queued commands in order', () => {
    const dev = startDevice({ firmware: 'at', replyDelayMs: 50 });
    dev.send('AT+CGMI\r\nAT+CGMM\r\n');
    expect(dev.text()).toBe('');
    dev.clock.advance(50);
    expect(dev.text()).toBe('Nordic Semiconductor ASA\r\nOK\r\n');
    dev.clock.advance(50);
    expect(dev.text()).toBe('Nordic Semiconductor ASA\r\nOK\r\nnRF9151-LACA\r\nOK\r\n');
  });

  it('emits +CEREG notifications between replies, never inside a reply line', () => {
    const dev = startDevice({
      firmware: 'at',
      unsolicitedEveryMs: 40,
      chunking: { maxChunkBytes: 3, gapMs: 1 },
    });
    for (let i = 0; i < 5; i++) {
      dev.send('AT%ATTESTTOKEN\r\n');
      dev.clock.advance(13);
    }
    dev.clock.advance(1000);
    const lines = dev.text().split('\r\n');
    lines.pop(); // a notification may still be on its way
    const urcs = lines.filter((l) => l.startsWith('+CEREG'));
    expect(urcs.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).toMatch(/^(\+CEREG: 5,"4E2A","0123ABCD",7|%ATTESTTOKEN: "[A-Za-z0-9_.-]+"|OK)$/);
    }
    expect(lines.filter((l) => l === 'OK')).toHaveLength(5);
  });

  it('vanishes mid-reply after disappearAfterBytes and ignores everything afterwards', () => {
    const dev = startDevice({ firmware: 'at', disappearAfterBytes: 20, unsolicitedEveryMs: 5 });
    const gone = vi.fn();
    dev.sim.onDisappear(gone);
    dev.send('AT%ATTESTTOKEN\r\n');
    expect(dev.text()).toHaveLength(20);
    expect(dev.text()).toBe('%ATTESTTOKEN: "2dn3h');
    expect(gone).toHaveBeenCalledTimes(1);
    expect(dev.sim.state).toBe('gone');
    dev.send('AT\r\n');
    dev.clock.advance(100);
    expect(dev.text()).toHaveLength(20);
    expect(dev.clock.pendingCount).toBe(0);
  });

  it('counts echo and boot output towards disappearAfterBytes (shell)', () => {
    const dev = startDevice({ firmware: 'shell', disappearAfterBytes: 3 });
    dev.send('at AT\r\n');
    expect(dev.text()).toBe('at ');
    expect(dev.sim.state).toBe('gone');
  });

  it('stop() clears every timer and later input is ignored', () => {
    const dev = startDevice({
      firmware: 'shell',
      unsolicitedEveryMs: 10,
      logLinesEveryMs: 10,
      replyDelayMs: 5,
      chunking: { maxChunkBytes: 1, gapMs: 1 },
    });
    dev.send('at AT\r\n');
    expect(dev.clock.pendingCount).toBeGreaterThan(0);
    dev.sim.stop();
    expect(dev.clock.pendingCount).toBe(0);
    const before = dev.text();
    dev.send('at AT\r\n');
    dev.clock.advance(1000);
    expect(dev.text()).toBe(before);
    expect(dev.sim.state).toBe('off');
  });

  it('unsubscribes output listeners', () => {
    const sim = new DeviceSimulator({ firmware: 'at' }, new ManualScheduler());
    const seen: number[] = [];
    const off = sim.onOutput((b) => seen.push(b.length));
    sim.start();
    sim.receive(new TextEncoder().encode('AT\r'));
    off();
    sim.receive(new TextEncoder().encode('AT\r'));
    expect(seen).toEqual([4]);
  });

  it('freezes its options and rejects nonsense numbers', () => {
    const sim = new DeviceSimulator({ firmware: 'at', deviceType: 3 }, new ManualScheduler());
    expect(Object.isFrozen(sim.options)).toBe(true);
    expect(
      () => new DeviceSimulator({ firmware: 'at', chunking: { maxChunkBytes: 0, gapMs: 1 } }),
    ).toThrow(RangeError);
    expect(() => new DeviceSimulator({ firmware: 'at', unsolicitedEveryMs: -5 })).toThrow(
      RangeError,
    );
  });

  it('runs on real timers when no scheduler is given', async () => {
    const sim = new DeviceSimulator({ firmware: 'at', replyDelayMs: 5 });
    const got = new Promise<string>((resolve) =>
      sim.onOutput((b) => resolve(Buffer.from(b).toString())),
    );
    sim.start();
    sim.receive(new TextEncoder().encode('AT\r\n'));
    await expect(got).resolves.toBe('OK\r\n');
    sim.stop();
  });
});
