/**
 * Main-process heap across 100 consecutive attestations (open, readDeviceIdentity, close) against
 * one unpaced pty simulator running in a child process (so only the host side is in this heap).
 * heapUsed is sampled after a forced full GC every 10 runs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AtSession } from '../serial/atSession';
import { readDeviceIdentity } from '../serial/attest';
import type { SerialBinding } from '../serial/bindingTypes';
import { sleep, type PtyPool } from './ptyPool';
import { slope } from './stats';

export interface HeapResult {
  runs: number;
  isGcForced: boolean;
  /** heapUsed after GC: before the first run, then after every `every` runs. */
  samples: Array<{ afterRuns: number; heapUsedBytes: number }>;
  /** Least-squares growth per attestation, from the sample after the first `every` runs on (warm-up excluded). */
  slopeBytesPerRun: number;
  /** heapUsed growth over the last half of the runs. */
  lastHalfGrowthBytes: number;
}

/** A full-GC function: global.gc when Node runs with --expose-gc, else one made at run time. */
export function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `runs` attestations and samples the heap every `every` runs. */
export async function measureHeap(
  pool: PtyPool,
  binding: SerialBinding,
  mainDir: string,
  runs = 100,
  every = 10,
): Promise<HeapResult> {
  const gc = findGc();
  const sample = (afterRuns: number) => {
    gc?.();
    gc?.();
    return { afterRuns, heapUsedBytes: process.memoryUsage().heapUsed };
  };
  const pty = await pool.startChild(mainDir, ['--firmware', 'shell', '--reply-delay', '0']);
  const samples = [sample(0)];
  try {
    for (let i = 1; i <= runs; i++) {
      const session = await AtSession.open({ path: pty.path, binding });
      try {
        await readDeviceIdentity(session);
        // The prompt after OK is still arriving: closing mid-read can leave the port locked (see timeToToken.ts).
        await sleep(10);
      } finally {
        await session.close();
      }
      if (i % every === 0) samples.push(sample(i));
    }
  } finally {
    await pool.close(pty);
  }
  const at = (n: number) => samples.find((s) => s.afterRuns === n)?.heapUsedBytes ?? Number.NaN;
  const half = Math.floor(runs / 2 / every) * every;
  return {
    runs,
    isGcForced: gc !== undefined,
    samples,
    slopeBytesPerRun: slope(
      samples
        .filter((s) => s.afterRuns >= every)
        .map((s) => ({ x: s.afterRuns, y: s.heapUsedBytes })),
    ),
    lastHalfGrowthBytes: at(runs) - at(half),
  };
}
