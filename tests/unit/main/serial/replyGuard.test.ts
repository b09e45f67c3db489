import {
  MAX_REPLY_BYTES,
  MAX_REPLY_LINES,
  ReplyGuard,
  type ReplyDeadline,
} from '../../../../src-main/serial/replyGuard';

// Fake timers drive the deadlines; the guard reads the same fake clock.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function guard(
  idleMs: number,
  totalMs: number,
  bounds: { maxLines?: number; maxBytes?: number } = {},
) {
  const expired: ReplyDeadline[] = [];
  const g = new ReplyGuard({
    idleMs,
    totalMs,
    ...bounds,
    clock: () => Date.now(),
    onExpire: (deadline) => expired.push(deadline),
  });
  return { g, expired };
}

describe('ReplyGuard deadlines', () => {
  it('a silent device meets the idle deadline, once', () => {
    const { expired } = guard(3000, 30_000);
    vi.advanceTimersByTime(2999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([{ kind: 'idle', idleMs: 3000 }]);
    vi.advanceTimersByTime(60_000);
    expect(expired).toHaveLength(1);
  });

  it('activity restarts the idle deadline from the last input', () => {
    const { g, expired } = guard(3000, 30_000);
    vi.advanceTimersByTime(2000);
    g.touch();
    vi.advanceTimersByTime(2999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([{ kind: 'idle', idleMs: 3000 }]);
  });

  it('a device that keeps talking meets the total deadline', () => {
    const { g, expired } = guard(3000, 30_000);
    for (let t = 0; t < 29; t++) {
      vi.advanceTimersByTime(1000);
      g.touch();
    }
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([{ kind: 'total', totalMs: 30_000 }]);
  });

  it('the total deadline is never shorter than the idle one', () => {
    const { expired } = guard(5000, 1000);
    vi.advanceTimersByTime(4999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([{ kind: 'total', totalMs: 5000 }]);
  });

  it('nothing fires after stop', () => {
    const { g, expired } = guard(100, 1000);
    g.stop();
    vi.advanceTimersByTime(5000);
    expect(expired).toEqual([]);
  });
});

describe('ReplyGuard bounds', () => {
  it('reports the line past the bound, with the count', () => {
    const { g } = guard(1000, 1000, { maxLines: 3 });
    expect([g.onReplyLine(), g.onReplyLine(), g.onReplyLine()]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(g.onReplyLine()).toEqual({ kind: 'lines', maxLines: 3, lines: 4 });
    g.stop();
  });

  it('reports the bytes past the bound, counting every chunk', () => {
    const { g } = guard(1000, 1000, { maxBytes: 10 });
    expect(g.onBytes(6)).toBeUndefined();
    expect(g.onBytes(4)).toBeUndefined();
    expect(g.bytesSeen).toBe(10);
    expect(g.onBytes(1)).toEqual({ kind: 'bytes', maxBytes: 10, bytes: 11 });
    g.stop();
  });

  it('a reply line is activity, a byte count alone is not', () => {
    const { g, expired } = guard(1000, 10_000);
    vi.advanceTimersByTime(900);
    g.onBytes(100);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual([{ kind: 'idle', idleMs: 1000 }]);
    const other = guard(1000, 10_000);
    vi.advanceTimersByTime(900);
    other.g.onReplyLine();
    vi.advanceTimersByTime(100);
    expect(other.expired).toEqual([]);
    other.g.stop();
  });

  it('defaults: far above any AT reply, far below what costs memory', () => {
    const { g } = guard(1000, 1000);
    expect(g.maxLines).toBe(MAX_REPLY_LINES);
    expect(g.maxBytes).toBe(MAX_REPLY_BYTES);
    expect(MAX_REPLY_BYTES).toBeGreaterThanOrEqual(16 * 1024);
    expect(MAX_REPLY_BYTES).toBeLessThanOrEqual(1024 * 1024);
    g.stop();
  });
});
