/**
 * One queue for every nRF Cloud call of the app: a bounded number of calls at a time, first come
 * first served, and one shared back-off. When nRF Cloud answers 429 with Retry-After, no call of
 * any job starts until that time has passed; the pause is part of the queue's view so every tile
 * can count down. A failing call fails only its own caller.
 *
 * The bound starts at 4 and adapts the way TCP's congestion window does (additive increase,
 * multiplicative decrease): one more slot after a bound's worth of successes while calls are
 * waiting, up to `maxConcurrency`; half the slots when nRF Cloud says 429. nRF Cloud publishes no
 * rate limit, so its 429 is the only signal there is.
 */
import { AppError } from '../../src-shared/ipc/errors';
import type { CloudQueueView } from '../../src-shared/ipc/onboarding';
import type { CloudAdapter } from '../cloud/adapter';

export const DEFAULT_CLOUD_CONCURRENCY = 4;
export const DEFAULT_MAX_CLOUD_CONCURRENCY = 16;
// While paused the view is re-sent this often, so a countdown moves without a renderer timer.
const TICK_MS = 1000;

export interface CloudQueueOptions {
  /** The bound to start with (default 4). */
  concurrency?: number;
  /** The bound never grows past this (default 16; set it to `concurrency` for a fixed bound). */
  maxConcurrency?: number;
  now?: () => number;
  /** Every change of the view: a call started or ended, a pause began, ticked or ended. */
  onChange?: (view: CloudQueueView) => void;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Told true while the call waits (for a slot or the pause), false once it runs. */
  onWaiting?: (isWaiting: boolean) => void;
}

interface Entry {
  start: () => void;
  cancel: () => void;
}

export class CloudQueue {
  readonly maxConcurrency: number;
  private limit: number;
  private successes = 0;
  private readonly now: () => number;
  private readonly waiting: Entry[] = [];
  private readonly listeners = new Set<(view: CloudQueueView) => void>();
  private active = 0;
  private pause: { until: number; reason: string } | undefined;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: CloudQueueOptions = {}) {
    this.limit = Math.max(1, options.concurrency ?? DEFAULT_CLOUD_CONCURRENCY);
    this.maxConcurrency = Math.max(
      this.limit,
      options.maxConcurrency ?? DEFAULT_MAX_CLOUD_CONCURRENCY,
    );
    this.now = options.now ?? Date.now;
  }

  /** How many calls may run at once now. */
  get concurrency(): number {
    return this.limit;
  }

  /** True while a 429 holds every call back. */
  get isPaused(): boolean {
    return this.pause !== undefined;
  }

  view(): CloudQueueView {
    const view: CloudQueueView = {
      concurrency: this.concurrency,
      active: this.active,
      waiting: this.waiting.length,
    };
    if (this.pause !== undefined) {
      view.pause = {
        until: new Date(this.pause.until).toISOString(),
        remainingMs: Math.max(0, this.pause.until - this.now()),
        reason: this.pause.reason,
      };
    }
    return view;
  }

  /** Runs `task` when a slot is free and no pause holds; rejects CANCELLED if aborted while waiting. */
  run<T>(task: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted === true) return Promise.reject(cancelledWhileWaiting());
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => entry.cancel();
      const entry: Entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          options.onWaiting?.(false);
          this.active++;
          this.changed();
          let promise: Promise<T>;
          try {
            promise = task();
          } catch (error) {
            promise = Promise.reject(error);
          }
          promise.then(
            () => this.succeeded(),
            () => undefined,
          );
          promise.then(resolve, reject).finally(() => {
            this.active--;
            this.changed();
            this.pump();
          });
        },
        cancel: () => {
          const index = this.waiting.indexOf(entry);
          if (index < 0) return;
          this.waiting.splice(index, 1);
          signal?.removeEventListener('abort', onAbort);
          options.onWaiting?.(false);
          this.changed();
          reject(cancelledWhileWaiting());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      options.onWaiting?.(true);
      this.changed();
      this.pump();
    });
  }

  /** Holds every call that has not started for `delayMs` (the longest pause asked for wins). */
  backOff(delayMs: number, reason: string): void {
    const until = this.now() + Math.max(0, delayMs);
    // One halving per pause: the calls already in flight all meet the same limit.
    if (this.pause === undefined) {
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.successes = 0;
    }
    if (this.pause !== undefined && this.pause.until >= until) return;
    this.pause = { until, reason };
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.resume(), until - this.now());
    this.tickTimer ??= setInterval(() => this.changed(), TICK_MS);
    this.changed();
  }

  /** The adapter with every call going through this queue. */
  wrap(adapter: CloudAdapter, options: Omit<RunOptions, 'signal'> = {}): CloudAdapter {
    const run = <T>(task: () => Promise<T>, signal: AbortSignal | undefined) =>
      this.run(task, { ...options, signal });
    return {
      getAccount: (signal) => run(() => adapter.getAccount(signal), signal),
      dryRun: (token, tags, signal) => run(() => adapter.dryRun(token, tags, signal), signal),
      claim: (token, tags, signal) => run(() => adapter.claim(token, tags, signal), signal),
      unclaim: (deviceId, signal) => run(() => adapter.unclaim(deviceId, signal), signal),
      listRules: (signal) => run(() => adapter.listRules(signal), signal),
      createTag: (tag, description, signal) =>
        run(() => adapter.createTag(tag, description, signal), signal),
      createRule: (rule, signal) => run(() => adapter.createRule(rule, signal), signal),
      listCommands: (deviceId, signal) => run(() => adapter.listCommands(deviceId, signal), signal),
      getCommand: (deviceId, commandId, signal) =>
        run(() => adapter.getCommand(deviceId, commandId, signal), signal),
      getDevice: (deviceId, signal) => run(() => adapter.getDevice(deviceId, signal), signal),
    };
  }

  /** Listens to every change of the view, like the onChange option; returns the unsubscribe. */
  subscribe(listener: (view: CloudQueueView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timers (the waiting calls stay waiting); for shutting down. */
  dispose(): void {
    this.clearTimers();
  }

  private resume(): void {
    this.clearTimers();
    this.pause = undefined;
    this.changed();
    this.pump();
  }

  private clearTimers(): void {
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
    this.pauseTimer = undefined;
    this.tickTimer = undefined;
  }

  private pump(): void {
    while (this.pause === undefined && this.active < this.limit) {
      const entry = this.waiting.shift();
      if (entry === undefined) return;
      entry.start();
    }
  }

  private succeeded(): void {
    if (this.pause !== undefined || this.waiting.length === 0) return;
    this.successes++;
    if (this.successes < this.limit || this.limit >= this.maxConcurrency) return;
    this.successes = 0;
    this.limit++;
  }

  private changed(): void {
    const view = this.view();
    this.options.onChange?.(view);
    for (const listener of this.listeners) listener(view);
  }
}

const cancelledWhileWaiting = () =>
  new AppError('CANCELLED', 'Cancelled while waiting for the nRF Cloud queue.');
