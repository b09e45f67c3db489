/** Drives a simulated device through provisioning on a manual clock, letting link promises settle. */
import type { ManualScheduler } from '../../../../src-main/sim/device/scheduler';

/** Lets pending promise callbacks run, and what they queued with setImmediate (a host answering). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the clock forward by `ms`, timer by timer, settling promises after each. */
export async function play(clock: ManualScheduler, ms: number): Promise<void> {
  const target = clock.now() + ms;
  for (;;) {
    await flush();
    const next = clock.nextDueAt;
    if (next === undefined || next > target) break;
    clock.advance(next - clock.now());
  }
  clock.advance(target - clock.now());
  await flush();
}

/** Plays until `isDone()` holds; fails after `maxMs` of simulated time. */
export async function playUntil(
  clock: ManualScheduler,
  isDone: () => boolean,
  maxMs = 60_000,
): Promise<void> {
  const limit = clock.now() + maxMs;
  for (;;) {
    await flush();
    if (isDone()) return;
    const next = clock.nextDueAt;
    if (next === undefined || next > limit) {
      throw new Error(`not done after ${maxMs} ms of simulated time`);
    }
    clock.advance(next - clock.now());
  }
}

/** The log records of a shell transcript, without timestamps, prompts or erase sequences. */
export function logLines(text: string): string[] {
  const lines: string[] = [];
  for (const match of text.matchAll(/\[\d\d:\d\d:\d\d\.\d{3},\d{3}\] ([^\r]*)\r\n/g)) {
    lines.push(match[1] ?? '');
  }
  return lines;
}
