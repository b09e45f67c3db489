/**
 * `npm run bench`: time to token per firmware family against its wire time, whole-process
 * `nrf-onboard --help` and `attest` against `node -e 0`, a 16-port scan, the renderer bundle size,
 * the main-process heap over 100 attestations, station mode, and claim -> connected per family.
 * Prints a table, writes bench-results/bench-<timestamp>.json. `--only claim-to-connected` runs
 * that scenario alone. Exit code 0 even when a target is missed (it is a report); 1 only when the
 * benchmark itself fails (or on an unknown flag). Every pty it starts is closed on the way out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SerialBinding } from '../serial/bindingTypes';
import { nativeBinding } from '../serial/portConnection';
import type { FirmwareFamily } from '../sim/device/options';
import { measureBundle, measureFile } from './bundleSize';
import {
  formatClaimToConnected,
  measureClaimToConnected,
  type ClaimToConnectedResult,
} from './claimToConnected';
import { measureHeap } from './heap';
import { machineInfo } from './machine';
import { measurePortScan } from './portScan';
import { PtyPool } from './ptyPool';
import { evaluateTargets, formatReport, type BenchResults } from './report';
import { formatStation, measureStation } from './station';
import { measureTokenSeries, type TokenSeries } from './timeToToken';
import { measureWholeProcess } from './wholeProcess';

const BAUD_RATE = 115200;
const RUNS = 30;
const WARMUP_RUNS = 2;
const SCAN_REPEATS = 3;
const PROCESS_ROUNDS = 15;
const PROCESS_WARMUP_ROUNDS = 1;
const FIRMWARES: readonly FirmwareFamily[] = ['at', 'slm', 'shell'];

// out/main/bench.js: cli.js sits beside it, the repository root two levels up.
const MAIN_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(MAIN_DIR, '..', '..');

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** Scenarios that can run alone with `--only <name>`. */
const SCENARIOS = ['claim-to-connected'] as const;
type Scenario = (typeof SCENARIOS)[number];

function writeResults(name: string, results: unknown): void {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nWritten: ${file}\n`);
}

async function claimToConnected(
  pool: PtyPool,
  binding: SerialBinding,
): Promise<ClaimToConnectedResult> {
  progress('claim -> connected per family');
  const result = await measureClaimToConnected({ pool, binding, baudRate: BAUD_RATE, progress });
  process.stdout.write(formatClaimToConnected(result));
  return result;
}

async function runOne(pool: PtyPool, scenario: Scenario): Promise<void> {
  const machine = machineInfo();
  const binding = await nativeBinding();
  process.stdout.write(
    `Onboarder benchmark, ${scenario} only\nMachine: ${machine.cpuModel}, ${machine.cores} cores; Node ${machine.node}; ${machine.date}; load average ${machine.loadAverage} at start\n`,
  );
  const result = await claimToConnected(pool, binding);
  writeResults(`bench-${scenario}-${machine.date.replace(/[:.]/g, '-')}`, {
    machine,
    [scenario]: result,
  });
}

async function runBench(pool: PtyPool): Promise<void> {
  const machine = machineInfo();
  const binding = await nativeBinding();

  const session: TokenSeries[] = [];
  for (const firmware of FIRMWARES) {
    progress(`time to token, ${firmware} (${RUNS} runs)`);
    session.push(
      await measureTokenSeries({
        pool,
        binding,
        firmware,
        runs: RUNS,
        warmupRuns: WARMUP_RUNS,
        baudRate: BAUD_RATE,
      }),
    );
  }
  progress(
    `whole process: node -e 0, --help, attest x ${FIRMWARES.length} (${PROCESS_ROUNDS} rounds)`,
  );
  const wholeProcess = await measureWholeProcess({
    pool,
    binding,
    mainDir: MAIN_DIR,
    firmwares: FIRMWARES,
    baudRate: BAUD_RATE,
    rounds: PROCESS_ROUNDS,
    warmupRounds: PROCESS_WARMUP_ROUNDS,
  });
  progress(`port scan, ${SCAN_REPEATS} times`);
  const scan = await measurePortScan(pool, binding, BAUD_RATE, SCAN_REPEATS);
  const scanShortDeadline = await measurePortScan(pool, binding, BAUD_RATE, 1, 1000);
  const bundle = measureBundle(join(ROOT, 'out', 'renderer', 'assets'));
  const preloadBytes = measureFile(join(ROOT, 'out', 'preload', 'index.cjs'));
  progress('heap across 100 attestations');
  const heap = await measureHeap(pool, binding, MAIN_DIR);

  const results: BenchResults = {
    machine,
    baudRate: BAUD_RATE,
    session,
    wholeProcess,
    scan,
    scanShortDeadline,
    bundle,
    preloadBytes,
    heap,
  };
  const targets = evaluateTargets(results);
  process.stdout.write(formatReport(results, targets));
  const station = await measureStation({
    pool,
    binding,
    baudRate: BAUD_RATE,
    mainDir: MAIN_DIR,
    progress,
  });
  process.stdout.write(formatStation(station));
  const provisioning = await claimToConnected(pool, binding);

  writeResults(`bench-${machine.date.replace(/[:.]/g, '-')}`, {
    ...results,
    targets,
    station,
    claimToConnected: provisioning,
  });
}

const USAGE = `usage: npm run bench [-- --only <scenario>]
  (after a build: node out/main/bench.js [--only <scenario>])
  --only <scenario>  run one scenario: ${SCENARIOS.join(', ')}
  --help             this text
`;

/** A command line the bench cannot take: the usage goes with it, never a stack trace. */
class UsageError extends Error {}

function scenarioOf(argv: string[]): Scenario | 'help' | undefined {
  let values: { only?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { only: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return 'help';
  if (values.only === undefined) return undefined;
  const found = SCENARIOS.find((s) => s === values.only);
  if (found === undefined)
    throw new UsageError(`--only takes one of: ${SCENARIOS.join(', ')} (not "${values.only}")`);
  return found;
}

async function main(): Promise<number> {
  const pool = new PtyPool();
  const onSignal = () => {
    void pool.closeAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const scenario = scenarioOf(process.argv.slice(2));
    if (scenario === 'help') process.stdout.write(USAGE);
    else if (scenario === undefined) await runBench(pool);
    else await runOne(pool, scenario);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n${USAGE}`);
      return 2;
    }
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  } finally {
    await pool.closeAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

void main().then((code) => {
  process.exitCode = code;
});
