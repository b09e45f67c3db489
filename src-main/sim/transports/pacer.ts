/**
 * Delivers bytes at a serial line's speed (10 bits per byte: start, 8 data, stop). A pty has no
 * speed of its own, so the transport paces device output to make timing measurable. Timers are
 * drift-corrected: each tick sends what the line would have finished by now.
 */

/** Bytes per millisecond at a baud rate with 8N1 framing. */
export function bytesPerMs(baudRate: number): number {
  return baudRate / 10 / 1000;
}

/** A byte queue drained at line speed into `sink`. */
export class LinePacer {
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private lineStart = 0;
  private sentSinceStart = 0;
  private lineFreeAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly rate: number;
  private readonly drainWaiters: (() => void)[] = [];

  constructor(
    baudRate: number,
    private readonly sink: (bytes: Uint8Array) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(baudRate > 0)) throw new RangeError(`baud rate must be positive, got ${baudRate}`);
    this.rate = bytesPerMs(baudRate);
  }

  /** Bytes waiting to go out. */
  get pendingBytes(): number {
    return this.queued;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.timer === undefined && this.queued === 0) {
      // Continue from where the line becomes free, so back-to-back writes do not gain speed.
      this.lineStart = Math.max(this.now(), this.lineFreeAt);
      this.sentSinceStart = 0;
    }
    this.queue.push(bytes);
    this.queued += bytes.length;
    this.schedule();
  }

  /** Resolves once every queued byte has been handed to the sink. */
  drained(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Drops everything and stops the timer. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.queued = 0;
    for (const w of this.drainWaiters.splice(0)) w();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.queued === 0) return;
    const nextByteAt = this.lineStart + (this.sentSinceStart + 1) / this.rate;
    this.timer = setTimeout(() => this.tick(), Math.max(1, nextByteAt - this.now()));
  }

  private tick(): void {
    this.timer = undefined;
    const due = Math.floor((this.now() - this.lineStart) * this.rate) - this.sentSinceStart;
    let budget = Math.min(due, this.queued);
    const parts: Uint8Array[] = [];
    while (budget > 0) {
      const head = this.queue[0];
      if (head === undefined) break;
      if (head.length <= budget) {
        parts.push(head);
        this.queue.shift();
        budget -= head.length;
        this.sent(head.length);
      } else {
        parts.push(head.subarray(0, budget));
        this.queue[0] = head.subarray(budget);
        this.sent(budget);
        budget = 0;
      }
    }
    if (parts.length > 0) this.sink(parts.length === 1 && parts[0] ? parts[0] : concat(parts));
    if (this.queued === 0) {
      this.lineFreeAt = this.lineStart + this.sentSinceStart / this.rate;
      for (const w of this.drainWaiters.splice(0)) w();
    } else {
      this.schedule();
    }
  }

  private sent(n: number): void {
    this.sentSinceStart += n;
    this.queued -= n;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
