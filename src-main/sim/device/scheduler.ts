/**
 * Timing for the simulator behind a small interface, so unit tests drive it by hand and real
 * transports use the event loop.
 */

/** An opaque handle returned by `Scheduler.setTimer`. */
export type TimerHandle = { readonly id: number };

/** Clock plus one-shot timers. */
export interface Scheduler {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** The event loop's timers (also what vitest fake timers replace). */
export function createRealScheduler(): Scheduler {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;
  return {
    now: () => performance.now(),
    setTimer(callback, delayMs) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          timers.delete(id);
          callback();
        },
        Math.max(0, delayMs),
      );
      // A simulated device alone must not keep a process (test run, CLI) alive.
      timer.unref?.();
      timers.set(id, timer);
      return { id };
    },
    clearTimer(handle) {
      const timer = timers.get(handle.id);
      if (timer !== undefined) {
        clearTimeout(timer);
        timers.delete(handle.id);
      }
    },
  };
}

interface ManualTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/** A scheduler whose time only moves when a test calls `advance`; timers fire in due order. */
export class ManualScheduler implements Scheduler {
  private time = 0;
  private nextId = 1;
  private timers: ManualTimer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.nextId++, dueAt: this.time + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** When the next timer falls due, or undefined when none waits. */
  get nextDueAt(): number | undefined {
    return this.nextDue()?.dueAt;
  }

  /** Number of timers still waiting. */
  get pendingCount(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (including ones they set). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next.dueAt > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.dueAt);
      next.callback();
    }
    this.time = target;
  }

  /** Fires timers until none is left or `maxMs` of simulated time has passed (guards against periodic timers). */
  runUntilIdle(maxMs = 60_000): void {
    const limit = this.time + maxMs;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next.dueAt > limit) return;
      this.advance(next.dueAt - this.time);
    }
  }

  private nextDue(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) {
      if (best === undefined || t.dueAt < best.dueAt) best = t;
    }
    return best;
  }
}
