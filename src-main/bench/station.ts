/**
 * The station figure: N = 1, 4, 8 and 16 simulated kits on real ptys paced at the line speed,
 * the three firmware families mixed, onboarded at once through the real pipeline (onboardBatch)
 * against the local nRF Cloud with an injected latency on every call; the time until all are
 * claimed. Then the main-process heap after each of 10 rounds of 16 kits (forced GC).
 * Target: 16 kits in at most 2x the time of 1 kit, and a flat heap.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../cloud/journal';
import { createApiKeyAdapter } from '../cloud/restClient';
import { CloudQueue } from '../onboarding/cloudQueue';
import { onboardBatch } from '../onboarding/onboardBatch';
import type { SerialBinding } from '../serial/bindingTypes';
import { firmwareFamilies } from '../sim/device/options';
import { startFakeCloud } from '../sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../sim/fakeCloud/teams';
import { findGc } from './heap';
import { sleep, type PtyPool } from './ptyPool';
import { slope } from './stats';

export interface StationRun {
  kits: number;
  /** From the first job start until the last kit is claimed. */
  ms: number;
  claimed: number;
}

export interface StationResult {
  baudRate: number;
  cloudLatencyMs: number;
  isChildSimulators: boolean;
  runs: StationRun[];
  heap: {
    rounds: number;
    kitsPerRound: number;
    isGcForced: boolean;
    samples: Array<{ afterRounds: number; heapUsedBytes: number }>;
    /** Least-squares growth per round, from round 2 on (round 1 warms caches up). */
    slopeBytesPerRound: number;
  };
  targets: {
    /** ms of 16 kits divided by ms of 1 kit; MET at <= 2. */
    ratio16to1: number;
    isTimeMet: boolean;
    /** Growth per round under 1 % of the first sample (or 256 KB, whichever is larger). */
    isHeapFlat: boolean;
  };
}

export interface StationOptions {
  pool: PtyPool;
  binding: SerialBinding;
  baudRate: number;
  sizes?: readonly number[];
  cloudLatencyMs?: number;
  heapRounds?: number;
  heapKits?: number;
  /**
   * Where the built cli.js is: each kit then runs in its own process (`nrf-onboard simulate`), as
   * real kits cost the host no CPU. Without it the simulators share this process.
   */
  mainDir?: string;
  /** The cloud queue's bounds (default: the app's, 4 growing to 16). */
  queue?: { concurrency: number; maxConcurrency: number };
  progress?: (text: string) => void;
}

/** Measures the station figure; every pty and the local cloud are closed on the way out. */
export async function measureStation(options: StationOptions): Promise<StationResult> {
  const { pool, binding, baudRate } = options;
  const sizes = options.sizes ?? [1, 4, 8, 16];
  const latency = options.cloudLatencyMs ?? 50;
  const heapRounds = options.heapRounds ?? 10;
  const heapKits = options.heapKits ?? 16;
  const cloud = await startFakeCloud();
  const dir = mkdtempSync(join(tmpdir(), 'onboarder-bench-station-'));
  // The latency of a real network, on every request (the retries' waits come on top).
  const slowFetch: typeof fetch = async (input, init) => {
    await sleep(latency);
    return fetch(input, init);
  };
  const round = async (kits: number): Promise<StationRun> => {
    const ptys = [];
    try {
      for (let i = 0; i < kits; i++) {
        const firmware = firmwareFamilies[i % firmwareFamilies.length] ?? 'at';
        const deviceUuid = randomUUID();
        ptys.push(
          options.mainDir === undefined
            ? await pool.start({ firmware, deviceUuid, pace: { baudRate } })
            : await pool.startChild(options.mainDir, [
                '--firmware',
                firmware,
                '--device-uuid',
                deviceUuid,
                '--baud',
                String(baudRate),
              ]),
        );
      }
      const queue = new CloudQueue(options.queue ?? {});
      const adapter = createApiKeyAdapter({
        apiKey: FAKE_DEMO_KEY,
        apiBaseUrl: cloud.apiBaseUrl,
        provisioningBaseUrl: cloud.provisioningBaseUrl,
        fetch: slowFetch,
        onRetry: (info) => {
          if (info.code === 'RATE_LIMITED') queue.backOff(info.delayMs, info.reason);
        },
      });
      try {
        const { summary } = await onboardBatch(
          { targets: ptys.map((p) => ({ path: p.path })), claim: true, tags: [] },
          { binding, journal: openJournal(dir), queue, baudRate, cloud: { adapter } },
        );
        return { kits, ms: summary.ms, claimed: summary.claimed };
      } finally {
        queue.dispose();
      }
    } finally {
      await Promise.all(ptys.map((p) => pool.close(p)));
    }
  };

  try {
    // One kit once, unmeasured: the first run pays for module loading and JIT, not for the kits.
    await round(1);
    const runs: StationRun[] = [];
    for (const kits of sizes) {
      options.progress?.(`station: ${kits} kit(s) at once`);
      runs.push(await round(kits));
    }
    const gc = findGc();
    const sample = (afterRounds: number) => {
      gc?.();
      gc?.();
      return { afterRounds, heapUsedBytes: process.memoryUsage().heapUsed };
    };
    const samples = [sample(0)];
    for (let r = 1; r <= heapRounds; r++) {
      options.progress?.(`station heap: round ${r} of ${heapRounds} (${heapKits} kits)`);
      await round(heapKits);
      samples.push(sample(r));
    }
    const growth = slope(
      samples
        .filter((s) => s.afterRounds >= 2)
        .map((s) => ({ x: s.afterRounds, y: s.heapUsedBytes })),
    );
    const one = runs.find((r) => r.kits === 1)?.ms ?? Number.NaN;
    const sixteen = runs.find((r) => r.kits === 16)?.ms ?? Number.NaN;
    const ratio = sixteen / one;
    const base = samples[0]?.heapUsedBytes ?? 0;
    return {
      baudRate,
      cloudLatencyMs: latency,
      isChildSimulators: options.mainDir !== undefined,
      runs,
      heap: {
        rounds: heapRounds,
        kitsPerRound: heapKits,
        isGcForced: gc !== undefined,
        samples,
        slopeBytesPerRound: growth,
      },
      targets: {
        ratio16to1: ratio,
        isTimeMet: runs.every((r) => r.claimed === r.kits) && ratio <= 2,
        isHeapFlat: growth <= Math.max(256 * 1024, base * 0.01),
      },
    };
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure as a few report lines. */
export function formatStation(result: StationResult): string {
  const mark = (isMet: boolean) => (isMet ? 'MET' : 'NOT MET');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const rows = result.runs
    .map((r) => `  ${String(r.kits).padStart(2)} kit(s): ${r.ms} ms, ${r.claimed} claimed`)
    .join('\n');
  const heap = result.heap;
  const first = heap.samples[0]?.heapUsedBytes ?? 0;
  const last = heap.samples.at(-1)?.heapUsedBytes ?? 0;
  return `
Station (kits at once, paced at ${result.baudRate} baud, mixed firmware, ${result.cloudLatencyMs} ms per cloud call, ${result.isChildSimulators ? 'a process per kit' : 'simulators in this process'})
${rows}
  16 kits in ${result.targets.ratio16to1.toFixed(2)}x the time of 1 (target <= 2x): ${mark(result.targets.isTimeMet)}
  heap after ${heap.rounds} rounds of ${heap.kitsPerRound}: ${mb(first)} -> ${mb(last)}, ${(heap.slopeBytesPerRound / 1024).toFixed(0)} KB per round${heap.isGcForced ? '' : ' (GC not forced)'}: ${heap.slopeBytesPerRound <= 0 || result.targets.isHeapFlat ? 'flat, MET' : 'growing, NOT MET'}
`;
}
