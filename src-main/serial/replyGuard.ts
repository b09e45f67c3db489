/**
 * The limits of one command's reply: an idle deadline (the device went silent), a longer total
 * deadline (the device keeps talking but never finishes), and bounds on the lines and bytes a
 * reply may bring, so a flooding or endlessly echoing device costs a bounded amount of memory.
 */

/** A deadline that passed. */
export type ReplyDeadline = { kind: 'idle'; idleMs: number } | { kind: 'total'; totalMs: number };
/** A size bound that a reply went past. */
export type ReplyBound =
  | { kind: 'lines'; maxLines: number; lines: number }
  | { kind: 'bytes'; maxBytes: number; bytes: number };

export interface ReplyGuardOptions {
  idleMs: number;
  totalMs: number;
  maxLines?: number;
  maxBytes?: number;
  /** A monotonic clock in ms; the timers must run on the same time. */
  clock?: () => number;
  /** Called once when a deadline passes (not for the line or byte bounds: those are returned). */
  onExpire: (deadline: ReplyDeadline) => void;
}

/**
 * The largest legitimate replies are a few kB (a token is ~0.3 kB, a certificate listing a few);
 * device logs printed while a command runs count towards the bytes too.
 */
export const MAX_REPLY_BYTES = 64 * 1024;
/** Lines that belong to one reply (echo, information, blank framing); log lines do not count. */
export const MAX_REPLY_LINES = 1000;

/** Guards one command from its first write to its final result. */
export class ReplyGuard {
  readonly maxLines: number;
  readonly maxBytes: number;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private lastActivityAt: number;
  private lines = 0;
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isStopped = false;

  constructor(private readonly options: ReplyGuardOptions) {
    this.maxLines = options.maxLines ?? MAX_REPLY_LINES;
    this.maxBytes = options.maxBytes ?? MAX_REPLY_BYTES;
    this.clock = options.clock ?? (() => performance.now());
    this.startedAt = this.clock();
    this.lastActivityAt = this.startedAt;
    this.arm();
  }

  /** Bytes received so far for this command, log lines included. */
  get bytesSeen(): number {
    return this.bytes;
  }

  /** Counts received bytes; returns the limit when they pass the bound. */
  onBytes(count: number): ReplyBound | undefined {
    this.bytes += count;
    if (this.bytes <= this.maxBytes) return undefined;
    return { kind: 'bytes', maxBytes: this.maxBytes, bytes: this.bytes };
  }

  /**
   * Counts one reply line, which restarts the idle deadline unless `isActivity` is false (a bare
   * shell prompt, which the shell redraws after every log line); returns the bound when past it.
   */
  onReplyLine(isActivity = true): ReplyBound | undefined {
    this.lines++;
    if (isActivity) this.touch();
    if (this.lines <= this.maxLines) return undefined;
    return { kind: 'lines', maxLines: this.maxLines, lines: this.lines };
  }

  /** The device is answering: the idle deadline starts again (the total one does not). */
  touch(): void {
    this.lastActivityAt = this.clock();
  }

  /** Ends the guard: no deadline fires after this. */
  stop(): void {
    this.isStopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  // One timer for the nearer deadline; activity only moves a timestamp, so a fast talker costs
  // no timer churn, and the timer re-arms itself when it finds the device was active meanwhile.
  private arm(): void {
    if (this.isStopped) return;
    const idleMs = this.options.idleMs;
    const totalMs = Math.max(this.options.totalMs, idleMs);
    const now = this.clock();
    const totalAt = this.startedAt + totalMs;
    const idleAt = this.lastActivityAt + idleMs;
    if (now >= totalAt) {
      this.expire({ kind: 'total', totalMs });
    } else if (now >= idleAt) {
      this.expire({ kind: 'idle', idleMs });
    } else {
      this.timer = setTimeout(() => this.arm(), Math.max(1, Math.min(totalAt, idleAt) - now));
    }
  }

  private expire(deadline: ReplyDeadline): void {
    if (this.isStopped) return;
    this.stop();
    this.options.onExpire(deadline);
  }
}
