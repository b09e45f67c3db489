import { bytesPerMs, LinePacer } from '../../../../src-main/sim/transports/pacer';

describe('LinePacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function pacer(baud: number) {
    const got: number[] = [];
    const p = new LinePacer(
      baud,
      (b) => got.push(...b),
      () => Date.now(),
    );
    return { p, got };
  }

  it('never delivers more than the line could carry, and delivers everything in order', () => {
    const { p, got } = pacer(115200);
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    p.push(data.subarray(0, 600));
    p.push(data.subarray(600));
    vi.advanceTimersByTime(10);
    expect(got).toHaveLength(Math.floor(10 * bytesPerMs(115200)));
    vi.advanceTimersByTime(76);
    expect(got.length).toBeLessThan(1000);
    vi.advanceTimersByTime(1);
    expect(got).toEqual(Array.from(data));
    expect(p.pendingBytes).toBe(0);
  });

  it('does not gain speed when a new burst arrives while the line is still busy', () => {
    const { p, got } = pacer(9600); // 0.96 bytes/ms
    p.push(new Uint8Array(10));
    vi.advanceTimersByTime(5);
    p.push(new Uint8Array(10));
    vi.advanceTimersByTime(15);
    expect(got).toHaveLength(Math.floor(20 * 0.96));
  });

  it('resolves drained() when the queue empties and stop() drops the rest', async () => {
    const { p, got } = pacer(115200);
    p.push(new Uint8Array(50));
    const drained = p.drained();
    vi.advanceTimersByTime(10);
    await expect(drained).resolves.toBeUndefined();
    p.push(new Uint8Array(500));
    p.stop();
    vi.advanceTimersByTime(1000);
    expect(got).toHaveLength(50);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a nonsense baud rate', () => {
    expect(() => new LinePacer(0, () => undefined)).toThrow(RangeError);
  });
});
