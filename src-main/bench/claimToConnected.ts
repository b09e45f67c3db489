/**
 * Claim → connected per firmware family (issue 13): one simulated kit at a time on a real pty,
 * through the pipeline the CLI uses (onboardBatch with provisioningParts) against the local nRF
 * Cloud, from the claim's end to the job's "connected". Families: the shell sample (lib-mid and
 * lib-new), the Asset Tracker Template (a reboot that re-enumerates the port) and Serial Modem
 * (AT#XNRFPROV). Rounds interleave the cases. The simulator's own time on the same path
 * (simulatedPath.ts × timeScale) is the floor; what the pipeline adds is measured − simulated,
 * split into: claim end → the trigger reaching the device, the device's span beyond its own
 * waits, and the device's "connected" line → the job's "connected".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobView } from '../../src-shared/ipc/onboarding';
import { openJournal } from '../cloud/journal';
import { createApiKeyAdapter } from '../cloud/restClient';
import { CloudQueue } from '../onboarding/cloudQueue';
import { onboardBatch } from '../onboarding/onboardBatch';
import { provisioningParts } from '../onboarding/provisioningParts';
import type { SerialBinding } from '../serial/bindingTypes';
import { startFakeCloud, type FakeCloud } from '../sim/fakeCloud/server';
import { DEVICE_TIMING } from '../sim/device/deviceSimulator';
import { FAKE_DEMO_KEY } from '../sim/fakeCloud/teams';
import type { PtySimulatorOptions } from '../sim/transports/ptySimulator';
import type { PtyPool } from './ptyPool';
import { simulatedMs, type ProvisioningCaseId } from './simulatedPath';
import { median, percentile } from './stats';

interface CaseSpec {
  id: ProvisioningCaseId;
  label: string;
  simulator: Omit<PtySimulatorOptions, 'deviceUuid' | 'pace'>;
  /** A reboot drops the USB port: the pty comes back behind a symlink. */
  isReenumerating?: true;
}

const CASES: readonly CaseSpec[] = [
  {
    id: 'shell-lib-mid',
    label: 'shell sample, lib-mid',
    simulator: { firmware: 'shell', provisioning: { library: 'lib-mid' } },
  },
  {
    id: 'shell-lib-new',
    label: 'shell sample, lib-new',
    simulator: { firmware: 'shell', provisioning: { library: 'lib-new' } },
  },
  {
    id: 'att',
    label: 'ATT (reboot, re-enumerates)',
    simulator: { firmware: 'shell', shellApp: 'att' },
    isReenumerating: true,
  },
  {
    id: 'serial-modem',
    label: 'Serial Modem, AT#XNRFPROV',
    simulator: { firmware: 'slm', provisioning: { client: true, lteOffAtBoot: true } },
  },
];

// What the host sends to start provisioning, and what the device prints once nRF Cloud took it.
const TRIGGER = /nrf_provisioning now[\r\n]|kernel reboot warm[\r\n]|AT#XNRFPROV[\r\n]/;
const CONNECTED = /nRF Cloud CoAP connection successful|#XNRFCLOUD: 1,/;

/** One kit's run, in ms of the bench's clock, all measured from the claim's end. */
export interface ClaimToConnectedRun {
  state: JobView['state'];
  errorCode?: string;
  /** Claim end (the job's change to `provisioning`) → the job's change to `connected`. */
  ms: number;
  /** The job view's own figure: the connected stage's sinceClaimMs. */
  viewMs: number | undefined;
  /** Who told the pipeline "connected": the device's line, or the cloud watch's poll. */
  endedBy: 'device' | 'cloud' | 'app' | undefined;
  /** Claim end → the trigger's bytes reaching the simulated device. */
  toTriggerMs: number | undefined;
  /** Trigger at the device → the device printing its "connected" line. */
  deviceSpanMs: number | undefined;
  /** The device's "connected" line → the job's change to `connected`. */
  tailMs: number | undefined;
  /**
   * The reboot's USB port loss → the device back up (ATT): the pty transport replaces its relay
   * meanwhile, which takes longer than the simulated re-enumeration and is the simulator's time.
   */
  usbAwayMs: number | undefined;
  /** The simulator's own time on this run: its waits × timeScale, the re-enumeration as measured. */
  simulatedMs: number;
  lteDrops: number;
}

export interface ClaimToConnectedSeries {
  id: ProvisioningCaseId;
  label: string;
  runs: ClaimToConnectedRun[];
  connected: number;
  medianMs: number;
  p90Ms: number;
  /** The simulator's own time on this path (median over the runs). */
  simulatedMs: number;
  /** Median and p90 of ms − simulated, per run. */
  overheadMs: number;
  p90OverheadMs: number;
  toTriggerMs: number;
  /** Median of device span − simulated: host answers, link calls, late timers. */
  deviceExtraMs: number;
  tailMs: number;
  /** Median of usbAwayMs (ATT), else undefined. */
  usbAwayMs: number | undefined;
  endedBy: Record<string, number>;
  /** Median of the job view's own figure (viewMs): what the user is shown as the time taken. */
  viewMs: number;
  /** Median LTE drops the job view counted per run (normal while commands run, docs/protocol.md §8.4). */
  lteDrops: number;
}

export interface ClaimToConnectedResult {
  timeScale: number;
  baudRate: number;
  rounds: number;
  /** The target: the pipeline adds at most this over the simulator's own time (medians). */
  limitMs: number;
  series: ClaimToConnectedSeries[];
  wallMs: number;
}

export interface ClaimToConnectedOptions {
  pool: PtyPool;
  binding: SerialBinding;
  baudRate: number;
  timeScale?: number;
  rounds?: number;
  progress?: (text: string) => void;
}

export const DEFAULT_TIME_SCALE = 0.1;
export const DEFAULT_ROUNDS = 5;
/**
 * The budget for what the pipeline adds, from its design: one `help` (shell) or `AT#XNRFPROV=?`
 * exchange and the trigger at 115200 baud (tens of ms of wire), Serial Modem's three host answers
 * (AT+CFUN=4, AT+CFUN=1, AT#XNRFCLOUD=1), the end line parsed as it arrives, and slack for ~15
 * chained simulator timers on a shared machine. An end that waited for the cloud watch (it polls
 * at once, then 2, 4, 8 and at most 15 s apart, back to 2 s on news) or for a fixed timer would
 * exceed it.
 */
export const OVERHEAD_LIMIT_MS = 300;
const PROVISION_TIMEOUT_MS = 60_000;

interface Context {
  pool: PtyPool;
  binding: SerialBinding;
  baudRate: number;
  timeScale: number;
  cloud: FakeCloud;
  dir: string;
  count: number;
  /** Ptys still shutting down (a relay's gentle exit takes up to ~1 s): awaited at the end. */
  closing: Array<Promise<void>>;
}

/** Latin-1 text of raw bytes (the simulator speaks one byte per char). */
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Remembers when a pattern first shows up in a byte stream that arrives in pieces. */
function firstSeen(pattern: RegExp): { feed(bytes: Uint8Array): void; at: number | undefined } {
  let tail = '';
  const mark = {
    at: undefined as number | undefined,
    feed(bytes: Uint8Array) {
      if (mark.at !== undefined) return;
      tail = (tail + text(bytes)).slice(-256);
      if (pattern.test(tail)) mark.at = performance.now();
    },
  };
  return mark;
}

const since = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? undefined : to - from;

async function runOnce(spec: CaseSpec, ctx: Context): Promise<ClaimToConnectedRun> {
  const n = ctx.count++;
  const pty = await ctx.pool.start({
    ...spec.simulator,
    deviceUuid: randomUUID(),
    pace: { baudRate: ctx.baudRate },
    provisioning: {
      ...spec.simulator.provisioning,
      link: ctx.cloud.deviceLink(),
      timeScale: ctx.timeScale,
    },
    ...(spec.isReenumerating === true ? { linkPath: join(ctx.dir, `kit-${n}`) } : {}),
  });
  const trigger = firstSeen(TRIGGER);
  const connected = firstSeen(CONNECTED);
  const simulator = pty.simulator;
  // The device's own clock marks: bytes as the simulated device takes them in and puts them out.
  const receive = simulator.receive.bind(simulator);
  simulator.receive = (bytes) => {
    trigger.feed(bytes);
    receive(bytes);
  };
  const offOutput = simulator.onOutput((bytes) => connected.feed(bytes));
  let usbDown: number | undefined;
  let usbUp: number | undefined;
  const offUsb = simulator.onUsb((event) => {
    if (event === 'down') usbDown ??= performance.now();
    else usbUp ??= performance.now();
  });
  let claimEnd: number | undefined;
  let connectedAt: number | undefined;
  let last: JobView | undefined;
  const queue = new CloudQueue();
  try {
    const adapter = createApiKeyAdapter({
      apiKey: FAKE_DEMO_KEY,
      apiBaseUrl: ctx.cloud.apiBaseUrl,
      provisioningBaseUrl: ctx.cloud.provisioningBaseUrl,
    });
    await onboardBatch(
      {
        targets: [{ path: pty.path }],
        claim: true,
        tags: ['nrf-cloud-onboarding'],
        provisionTimeoutMs: PROVISION_TIMEOUT_MS,
        onChange: ({ job }) => {
          const at = performance.now();
          if (claimEnd === undefined && job.state === 'provisioning') claimEnd = at;
          if (connectedAt === undefined && job.state === 'connected') connectedAt = at;
        },
        onDone: (_outcome, job) => {
          last = job;
        },
      },
      {
        binding: ctx.binding,
        journal: openJournal(ctx.dir),
        queue,
        baudRate: ctx.baudRate,
        cloud: { adapter },
        provisioning: provisioningParts(),
      },
    );
  } finally {
    queue.dispose();
    offOutput();
    offUsb();
    // Not waited for here: the next kit starts while this relay winds down.
    ctx.closing.push(ctx.pool.close(pty));
  }
  const job = last;
  const usbAwayMs = since(usbDown, usbUp);
  const nominal = simulatedMs(spec.id, ctx.timeScale);
  const usbNominal = DEVICE_TIMING.usbDown * ctx.timeScale;
  const stage = job?.provisioning?.stages.find((s) => s.stage === 'connected');
  return {
    state: job?.state ?? 'failed',
    ...(job?.error === undefined ? {} : { errorCode: job.error.code }),
    ms: since(claimEnd, connectedAt) ?? Number.NaN,
    viewMs: stage?.sinceClaimMs,
    endedBy: stage?.source,
    toTriggerMs: since(claimEnd, trigger.at),
    deviceSpanMs: since(trigger.at, connected.at),
    tailMs: since(connected.at, connectedAt),
    usbAwayMs,
    simulatedMs: usbAwayMs === undefined ? nominal : nominal - usbNominal + usbAwayMs,
    lteDrops: job?.provisioning?.lteDrops ?? 0,
  };
}

const defined = (list: Array<number | undefined>) =>
  list.filter((x): x is number => x !== undefined && Number.isFinite(x));

function summarise(spec: CaseSpec, runs: ClaimToConnectedRun[]): ClaimToConnectedSeries {
  const ok = runs.filter((r) => r.state === 'connected');
  const ms = defined(ok.map((r) => r.ms));
  const overheads = defined(ok.map((r) => r.ms - r.simulatedMs));
  const deviceExtras = defined(
    ok.map((r) => (r.deviceSpanMs === undefined ? undefined : r.deviceSpanMs - r.simulatedMs)),
  );
  const usbAway = defined(ok.map((r) => r.usbAwayMs));
  const endedBy: Record<string, number> = {};
  for (const r of ok) endedBy[r.endedBy ?? '?'] = (endedBy[r.endedBy ?? '?'] ?? 0) + 1;
  return {
    id: spec.id,
    label: spec.label,
    runs,
    connected: ok.length,
    medianMs: median(ms),
    p90Ms: percentile(ms, 90),
    simulatedMs: median(ok.map((r) => r.simulatedMs)),
    overheadMs: median(overheads),
    p90OverheadMs: percentile(overheads, 90),
    toTriggerMs: median(defined(ok.map((r) => r.toTriggerMs))),
    deviceExtraMs: median(deviceExtras),
    tailMs: median(defined(ok.map((r) => r.tailMs))),
    usbAwayMs: usbAway.length === 0 ? undefined : median(usbAway),
    endedBy,
    viewMs: median(defined(ok.map((r) => r.viewMs))),
    lteDrops: median(ok.map((r) => r.lteDrops)),
  };
}

/** Measures every case `rounds` times, interleaved; the local cloud and every pty are closed after. */
export async function measureClaimToConnected(
  options: ClaimToConnectedOptions,
): Promise<ClaimToConnectedResult> {
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE;
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  // The directory first: a local cloud started before a failing mkdtemp would keep its port open.
  const dir = mkdtempSync(join(tmpdir(), 'onboarder-bench-provision-'));
  const cloud = await startFakeCloud().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const ctx: Context = { ...options, timeScale, cloud, dir, count: 0, closing: [] };
  const started = performance.now();
  try {
    // Once, unmeasured: the first run pays for module loading and JIT, not for the pipeline.
    await runOnce(CASES[1] ?? CASES[0]!, ctx);
    const runs = new Map<ProvisioningCaseId, ClaimToConnectedRun[]>(CASES.map((c) => [c.id, []]));
    for (let round = 1; round <= rounds; round++) {
      options.progress?.(`claim -> connected: round ${round} of ${rounds}`);
      for (const spec of CASES) runs.get(spec.id)?.push(await runOnce(spec, ctx));
    }
    return {
      timeScale,
      baudRate: options.baudRate,
      rounds,
      limitMs: OVERHEAD_LIMIT_MS,
      series: CASES.map((spec) => summarise(spec, runs.get(spec.id) ?? [])),
      wallMs: performance.now() - started,
    };
  } finally {
    await Promise.allSettled(ctx.closing);
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '-' : `${n.toFixed(0)} ms`;

/** Whether a series meets the target: every run connected, the median overhead within the limit. */
export function isClaimToConnectedMet(s: ClaimToConnectedSeries, limitMs: number): boolean {
  return s.connected === s.runs.length && s.runs.length > 0 && s.overheadMs <= limitMs;
}

/** The figure as report lines. */
export function formatClaimToConnected(r: ClaimToConnectedResult): string {
  const header = [
    'case',
    'ok',
    'median',
    'p90',
    'simulated',
    'overhead',
    'x sim',
    'to trigger',
    'device +',
    'tail',
    'USB away',
    'shown',
    'LTE drops',
    'ended by',
  ];
  const rows = r.series.map((s) => [
    s.label,
    `${s.connected}/${s.runs.length}`,
    ms(s.medianMs),
    ms(s.p90Ms),
    ms(s.simulatedMs),
    ms(s.overheadMs),
    s.connected === 0 ? '-' : `${(s.medianMs / s.simulatedMs).toFixed(2)}x`,
    ms(s.toTriggerMs),
    ms(s.deviceExtraMs),
    ms(s.tailMs),
    ms(s.usbAwayMs),
    ms(s.viewMs),
    s.connected === 0 ? '-' : s.lteDrops.toFixed(0),
    Object.entries(s.endedBy)
      .map(([who, count]) => `${who} ${count}`)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const failures = r.series.flatMap((s) =>
    s.runs
      .filter((run) => run.state !== 'connected')
      .map((run) => `  ${s.label}: ended ${run.state}${run.errorCode ? ` ${run.errorCode}` : ''}`),
  );
  return `
Claim -> connected per family (one kit at a time through onboardBatch + provisioningParts, pty paced at
${r.baudRate} baud, local nRF Cloud, simulator timeScale ${r.timeScale}; ${r.rounds} rounds, cases interleaved, after one
warm-up run; ${(r.wallMs / 1000).toFixed(1)} s in all). Clock: the job's change to provisioning (the claim's end) to its
change to connected. simulated = the device's own waits on that path x timeScale (simulatedPath.ts), with ATT's USB
re-enumeration as the pty transport took it (USB away: it replaces its relay); overhead = measured -
simulated per run (median; p90 below); to trigger = claim end -> the trigger's bytes at the device;
device + = the device's span beyond its own waits (host answers, late timers); tail = its "connected"
line -> the job; shown = the time the job view gives for its connected stage; LTE drops = what it
counted on the way (medians); ended by = who said connected (device line, or the cloud watch's poll).
${line(header)}
${widths.map((w) => '-'.repeat(w)).join('  ')}
${rows.map(line).join('\n')}
${failures.join('\n')}${failures.length > 0 ? '\n' : ''}${r.series
    .map(
      (s) =>
        `  ${isClaimToConnectedMet(s, r.limitMs) ? 'MET    ' : 'NOT MET'}  claim -> connected, ${s.label}: the pipeline adds at most ${r.limitMs} ms over the simulator's own time: ${ms(s.overheadMs)} (p90 ${ms(s.p90OverheadMs)})`,
    )
    .join('\n')}
`;
}
