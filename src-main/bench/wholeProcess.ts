/**
 * Whole-process figures: `nrf-onboard --help`, and `nrf-onboard attest --json` against a paced pty
 * simulator for each firmware family, each timed from spawn to exit of a fresh `node cli.js`.
 * They run interleaved, round by round, with `node -e 0` on the same machine, so load from other
 * work falls on the baseline and the commands alike. Each family's wire time is the bytes the
 * same work (open + readDeviceIdentity) puts on the line, counted at the host's binding.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtSession } from '../serial/atSession';
import { readDeviceIdentity } from '../serial/attest';
import type { SerialBinding } from '../serial/bindingTypes';
import type { FirmwareFamily } from '../sim/device/options';
import type { PtySimulator } from '../sim/transports/ptySimulator';
import { countingBinding } from './countingBinding';
import type { PtyPool } from './ptyPool';
import { median, percentile } from './stats';

/** Wall times of one command over the rounds. */
export interface ProcessSeries {
  label: string;
  runsMs: number[];
  medianMs: number;
  p95Ms: number;
}

/** `nrf-onboard attest` against one firmware family, with that family's wire time. */
export interface AttestProcessSeries extends ProcessSeries {
  firmware: FirmwareFamily;
  txBytes: number;
  rxBytes: number;
  /** (tx + rx) x 10 bits / baud. */
  wireMs: number;
  /** The same open + readDeviceIdentity + close inside this process, median: the protocol part. */
  inProcessMs: number;
}

export interface WholeProcessResult {
  rounds: number;
  warmupRounds: number;
  nodeBaseline: ProcessSeries;
  help: ProcessSeries;
  attest: AttestProcessSeries[];
}

export interface WholeProcessOptions {
  pool: PtyPool;
  binding: SerialBinding;
  /** out/main, where cli.js is. */
  mainDir: string;
  firmwares: readonly FirmwareFamily[];
  baudRate: number;
  rounds: number;
  warmupRounds: number;
}

const PROCESS_DEADLINE_MS = 30_000;
const IN_PROCESS_RUNS = 5;

/** Runs `node <args>` to its exit; rejects on a non-zero exit or a hang. Resolves wall ms and stdout. */
function timeProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_DEADLINE_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve({ ms, stdout });
      else
        reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

const series = (label: string, runsMs: number[]): ProcessSeries => ({
  label,
  runsMs,
  medianMs: median(runsMs),
  p95Ms: percentile(runsMs, 95),
});

/** Bytes on the wire and in-process time of open + readDeviceIdentity + close, medians. */
async function wireOf(
  pty: PtySimulator,
  binding: SerialBinding,
  baudRate: number,
): Promise<{ txBytes: number; rxBytes: number; wireMs: number; inProcessMs: number }> {
  const counter = countingBinding(binding);
  const runs: Array<{ tx: number; rx: number; ms: number }> = [];
  for (let i = 0; i < IN_PROCESS_RUNS; i++) {
    counter.reset();
    const started = performance.now();
    const session = await AtSession.open({ path: pty.path, binding: counter.binding, baudRate });
    try {
      await readDeviceIdentity(session);
    } finally {
      await session.close();
    }
    runs.push({ ...counter.counts, ms: performance.now() - started });
  }
  const txBytes = median(runs.map((r) => r.tx));
  const rxBytes = median(runs.map((r) => r.rx));
  return {
    txBytes,
    rxBytes,
    wireMs: (((txBytes + rxBytes) * 10) / baudRate) * 1000,
    inProcessMs: median(runs.map((r) => r.ms)),
  };
}

/** Measures the baseline, `--help` and one `attest` per family, interleaved per round. */
export async function measureWholeProcess(
  options: WholeProcessOptions,
): Promise<WholeProcessResult> {
  const cli = join(options.mainDir, 'cli.js');
  const dataRoot = mkdtempSync(join(tmpdir(), 'onboarder-bench-'));
  const ptys = new Map<FirmwareFamily, PtySimulator>();
  try {
    for (const firmware of options.firmwares)
      ptys.set(
        firmware,
        await options.pool.start({
          firmware,
          replyDelayMs: 0,
          pace: { baudRate: options.baudRate },
        }),
      );
    const times = new Map<string, number[]>();
    const record = (key: string, ms: number, round: number) => {
      if (round < options.warmupRounds) return;
      times.set(key, [...(times.get(key) ?? []), ms]);
    };
    for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
      record('node', (await timeProcess(['-e', '0'], process.env)).ms, round);
      record('help', (await timeProcess([cli, '--help'], process.env)).ms, round);
      for (const [firmware, pty] of ptys) {
        // A fresh data folder per run: the journal a first attest on this machine would write.
        const dataDir = join(dataRoot, `${firmware}-${round}`);
        const { ms, stdout } = await timeProcess(
          [cli, 'attest', '--port', pty.path, '--baud', String(options.baudRate), '--json'],
          { ...process.env, ONBOARDER_DATA_DIR: dataDir },
        );
        const reply = JSON.parse(stdout) as { deviceUuid?: unknown };
        if (typeof reply.deviceUuid !== 'string')
          throw new Error(`attest against ${firmware} printed no device UUID: ${stdout.trim()}`);
        record(`attest:${firmware}`, ms, round);
      }
    }
    const attest: AttestProcessSeries[] = [];
    for (const [firmware, pty] of ptys) {
      attest.push({
        ...series(`nrf-onboard attest (${firmware})`, times.get(`attest:${firmware}`) ?? []),
        firmware,
        ...(await wireOf(pty, options.binding, options.baudRate)),
      });
    }
    return {
      rounds: options.rounds,
      warmupRounds: options.warmupRounds,
      nodeBaseline: series('node -e 0', times.get('node') ?? []),
      help: series('nrf-onboard --help', times.get('help') ?? []),
      attest,
    };
  } finally {
    for (const pty of ptys.values()) await options.pool.close(pty);
    rmSync(dataRoot, { recursive: true, force: true });
  }
}
