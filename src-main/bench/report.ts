/** Turns the benchmark's measurements into targets (MET / NOT MET with the figure) and a text table. */
import type { BundleSize } from './bundleSize';
import type { HeapResult } from './heap';
import type { MachineInfo } from './machine';
import type { PortScanResult } from './portScan';
import type { TokenSeries } from './timeToToken';
import type { ProcessSeries, WholeProcessResult } from './wholeProcess';

const tokenHeader = [
  'firmware',
  'runs',
  'median',
  'p95',
  'bytes tx+rx',
  'wire limit',
  'rx-only',
  'median/limit',
  'mode',
];

export interface BenchResults {
  machine: MachineInfo;
  baudRate: number;
  session: TokenSeries[];
  wholeProcess: WholeProcessResult;
  scan: PortScanResult;
  /** The same scan with a shorter probe deadline, for comparison only (no target). */
  scanShortDeadline: PortScanResult;
  bundle: BundleSize | undefined;
  /** out/preload/index.cjs, raw bytes. */
  preloadBytes: number | undefined;
  heap: HeapResult;
}

export interface Target {
  name: string;
  isMet: boolean;
  figure: string;
}

const MIB = 2 ** 20;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${(n / MIB).toFixed(2)} MiB`;
const FIRMWARE_NAMES: Record<string, string> = {
  at: 'AT host',
  slm: 'Serial LTE Modem',
  shell: 'Zephyr shell',
};

const find = (list: TokenSeries[], firmware: string) => list.find((s) => s.firmware === firmware);

/** Checks the figures against the issue's targets. */
export function evaluateTargets(r: BenchResults): Target[] {
  const targets: Target[] = [];
  const shell = find(r.session, 'shell');
  const at = find(r.session, 'at');
  if (shell && at) {
    const ratio = shell.medianMs / at.medianMs;
    const over = shell.medianMs - shell.wireLimitMs;
    targets.push({
      name: 'shell time to token within 1.5x of AT host AND within 50 ms of its wire-time limit',
      isMet: ratio <= 1.5 && over <= 50,
      figure: `shell ${ms(shell.medianMs)} = ${ratio.toFixed(2)}x AT host (${ms(at.medianMs)}); ${ms(over)} above the ${ms(shell.wireLimitMs)} limit`,
    });
  }
  const node = r.wholeProcess.nodeBaseline.medianMs;
  const help = r.wholeProcess.help.medianMs;
  targets.push({
    name: 'nrf-onboard --help within 1.5x of node -e 0 (whole process, medians, same run)',
    isMet: help <= 1.5 * node,
    figure: `${ms(help)} = ${(help / node).toFixed(2)}x node -e 0 (${ms(node)})`,
  });
  for (const a of r.wholeProcess.attest) {
    const limit = 2.5 * node + a.wireMs;
    targets.push({
      name: `nrf-onboard attest, ${FIRMWARE_NAMES[a.firmware] ?? a.firmware}: within 2.5x node -e 0 + its wire time`,
      isMet: a.medianMs <= limit,
      figure: `${ms(a.medianMs)} against ${ms(limit)} (2.5 x ${ms(node)} + ${ms(a.wireMs)} wire)`,
    });
  }
  targets.push({
    name: `${r.scan.ports}-port scan (${r.scan.silentPorts} silent) under 1.5 s`,
    isMet: r.scan.medianMs < 1500 && r.scan.wrongVerdicts.length === 0,
    figure: `median ${ms(r.scan.medianMs)} of ${r.scan.wallMs.length} scans${r.scan.wrongVerdicts.length > 0 ? `; ${r.scan.wrongVerdicts.length} wrong verdicts` : ', every verdict right'}`,
  });
  targets.push({
    name: `heap flat across ${r.heap.runs} attestations (< 2 MiB over the last ${r.heap.runs / 2})`,
    isMet: r.heap.isGcForced && r.heap.lastHalfGrowthBytes < 2 * MIB,
    figure: `${mib(r.heap.lastHalfGrowthBytes)} over the last ${r.heap.runs / 2}, slope ${(r.heap.slopeBytesPerRun / 1024).toFixed(2)} KiB/run${r.heap.isGcForced ? '' : ' (no forced GC: not judged)'}`,
  });
  return targets;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function tokenRows(list: TokenSeries[]): string[][] {
  return list.map((s) => [
    FIRMWARE_NAMES[s.firmware] ?? s.firmware,
    String(s.runs.length),
    ms(s.medianMs),
    ms(s.p95Ms),
    `${s.runs[0]?.txBytes ?? 0}+${s.runs[0]?.rxBytes ?? 0}`,
    ms(s.wireLimitMs),
    ms(s.rxWireMs),
    `${s.ratioToLimit.toFixed(2)}x`,
    [...new Set(s.runs.map((x) => x.mode))].join(','),
  ]);
}

function processRow(s: ProcessSeries, nodeMs: number): string[] {
  return [
    s.label,
    String(s.runsMs.length),
    ms(s.medianMs),
    ms(s.p95Ms),
    `${(s.medianMs / nodeMs).toFixed(2)}x`,
  ];
}

/** The human-readable report. */
export function formatReport(r: BenchResults, targets: Target[]): string {
  const m = r.machine;
  const out: string[] = [
    'Onboarder benchmark',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.date}; load average ${m.loadAverage} at start`,
    '',
    `Time to token over a real pty (simulator paced at ${r.baudRate} baud device->host, replyDelayMs 0:`,
    'only the wire and our code count). Clock: from just before the port is opened to the decoded',
    'token; session = AtSession.open + AT%ATTESTTOKEN (mode detection included) + decode, fresh',
    `session per run, after ${r.session[0]?.warmupRuns ?? 0} untimed warm-up runs. Bytes: counted at the host's binding`,
    '(tx+rx); limit = (tx+rx) x 10 bits / baud; rx-only = the direction the pty actually paces.',
    '',
    'AtSession (ours)',
    ...table(tokenHeader, tokenRows(r.session)),
    '',
    `Whole process (spawn to exit of a fresh node, ${r.wholeProcess.rounds} rounds after ${r.wholeProcess.warmupRounds} warm-up, each round runs`,
    'every row once, in this order, so load from other work falls on all of them alike). attest:',
    '`nrf-onboard attest --json` against a simulator paced as above, journal in a fresh data folder;',
    'wire = bytes of open + readDeviceIdentity at the host binding x 10 / baud; in-process = the same',
    'work inside the bench process (the protocol part of the whole-process time).',
    ...table(
      ['command', 'runs', 'median', 'p95', 'x node -e 0', 'bytes tx+rx', 'wire', 'in-process'],
      [
        processRow(r.wholeProcess.nodeBaseline, r.wholeProcess.nodeBaseline.medianMs),
        processRow(r.wholeProcess.help, r.wholeProcess.nodeBaseline.medianMs),
        ...r.wholeProcess.attest.map((a) => [
          ...processRow(a, r.wholeProcess.nodeBaseline.medianMs),
          `${a.txBytes}+${a.rxBytes}`,
          ms(a.wireMs),
          ms(a.inProcessMs),
        ]),
      ],
    ),
    '',
    `Port scan: ${r.scan.ports} ptys (${r.scan.ports - r.scan.silentPorts} answering: 4 AT host, 4 SLM, 4 shell; ${r.scan.silentPorts} silent), probePorts default deadline`,
    `  wall time per scan: ${r.scan.wallMs.map(ms).join(', ')}; verdicts ${JSON.stringify(r.scan.verdictCounts)}`,
    ...r.scan.wrongVerdicts.map((w) => `  wrong verdict: ${w}`),
    `  for comparison, probe deadline ${r.scanShortDeadline.timeoutMs ?? '?'} ms instead of the default: ${r.scanShortDeadline.wallMs.map(ms).join(', ')}; verdicts ${JSON.stringify(r.scanShortDeadline.verdictCounts)}`,
    '',
  ];
  if (r.bundle) {
    out.push(
      `Renderer bundle (${r.bundle.dir})`,
      ...table(
        ['file', 'raw', 'gzip'],
        [
          ...r.bundle.files.map((f) => [f.name, kib(f.rawBytes), kib(f.gzipBytes)]),
          ['total .js', kib(r.bundle.js.rawBytes), kib(r.bundle.js.gzipBytes)],
          ['total .css', kib(r.bundle.css.rawBytes), kib(r.bundle.css.gzipBytes)],
        ],
      ),
    );
  } else {
    out.push('Renderer bundle: out/renderer/assets not found (run electron-vite build first)');
  }
  out.push(
    r.preloadBytes === undefined
      ? 'Preload: out/preload/index.cjs not found'
      : `Preload (out/preload/index.cjs, sandboxed, channel table only): ${kib(r.preloadBytes)} raw`,
  );
  const h = r.heap;
  const first = h.samples.find((s) => s.afterRuns === 10);
  const last = h.samples.at(-1);
  out.push(
    '',
    `Main-process heap, ${h.runs} attestations (open + readDeviceIdentity + close; shell simulator in a child process, unpaced), heapUsed after ${h.isGcForced ? 'forced GC' : 'NO forced GC (gc unavailable)'}:`,
    `  ${h.samples.map((s) => `${s.afterRuns}:${mib(s.heapUsedBytes)}`).join('  ')}`,
    `  after 10 runs ${mib(first?.heapUsedBytes ?? Number.NaN)}, after ${last?.afterRuns ?? '?'} ${mib(last?.heapUsedBytes ?? Number.NaN)}; slope ${(h.slopeBytesPerRun / 1024).toFixed(2)} KiB/run`,
    '',
    'Targets',
    ...targets.map((t) => `  ${t.isMet ? 'MET    ' : 'NOT MET'}  ${t.name}: ${t.figure}`),
  );
  return `${out.join('\n')}\n`;
}
