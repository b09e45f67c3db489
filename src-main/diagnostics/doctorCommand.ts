/**
 * `nrf-onboard doctor [--json] [--no-probe]`: every serial port with its kit, role and probe
 * verdict, then the permission findings with their fixes. A report, so it exits 0 even when it
 * finds problems; 2 on bad arguments; 1 only when the ports cannot be listed at all.
 */
import type { Device, DevicePort } from '../../src-shared/devices/groupPorts';
import type { PortReport } from '../../src-shared/ipc/diagnostics';
import { explainError } from './explain';
import type { Finding } from './permissionDoctor';
import type { ProbeResult } from './probe';

/** Where the command writes (process.stdout/stderr in the CLI). */
export interface DoctorIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The services the command reports on. */
export interface DoctorDeps {
  enumerate: () => Promise<{
    devices: Device[];
    otherPorts: DevicePort[];
    degraded?: { reason: string } | undefined;
  }>;
  probe: (paths: string[]) => Promise<ProbeResult[]>;
  /** The permission doctor, given the device node paths. */
  doctor: (devicePaths: string[]) => Promise<Finding[]>;
  platform?: NodeJS.Platform;
}

/** The help text. */
export const doctorUsage = `Usage: nrf-onboard doctor [--json] [--no-probe]

Lists every serial port with its kit, USB ids, role and what answers on it,
then checks permissions (Linux) and prints fixes.

  --json      print one JSON object instead of tables
  --no-probe  do not open the ports (only list them)
  -h, --help  show this help
`;

/** Runs the doctor command and returns the process exit code. */
export async function runDoctorCommand(
  argv: readonly string[],
  io: DoctorIo,
  deps: DoctorDeps,
): Promise<number> {
  let isJson = false;
  let isProbing = true;
  for (const arg of argv) {
    if (arg === '--json') isJson = true;
    else if (arg === '--no-probe') isProbing = false;
    else if (arg === '-h' || arg === '--help') {
      io.stdout.write(doctorUsage);
      return 0;
    } else {
      io.stderr.write(`nrf-onboard doctor: unknown argument '${arg}'\n\n${doctorUsage}`);
      return 2;
    }
  }

  let snapshot: Awaited<ReturnType<DoctorDeps['enumerate']>>;
  try {
    snapshot = await deps.enumerate();
  } catch (error) {
    io.stderr.write(
      `nrf-onboard doctor: could not list serial ports: ${(error as Error).message}\n`,
    );
    return 1;
  }
  const ports = [...snapshot.devices.flatMap((d) => d.ports), ...snapshot.otherPorts];
  const paths = ports.map((p) => p.path);
  const problems: string[] = [];
  const probes = isProbing
    ? await deps.probe(paths).catch((e: unknown) => note(problems, 'probe', e, []))
    : [];
  const findings = await deps
    .doctor(paths)
    .catch((e: unknown) => note(problems, 'permission check', e, []));
  const reports = buildPortReports(snapshot.devices, snapshot.otherPorts, probes);

  if (isJson) {
    const out = {
      ports: reports,
      findings,
      ...(snapshot.degraded ? { degraded: snapshot.degraded } : {}),
      ...(problems.length ? { problems } : {}),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    formatText(
      reports,
      findings,
      snapshot.degraded,
      problems,
      deps.platform ?? process.platform,
      isProbing,
    ),
  );
  return 0;
}

/** One row per port: what grouping knows about it joined with its probe verdict. */
export function buildPortReports(
  devices: readonly Device[],
  otherPorts: readonly DevicePort[],
  probes: readonly ProbeResult[],
): PortReport[] {
  const byPath = new Map(probes.map((p) => [p.path, p]));
  const row = (port: DevicePort, device?: Device): PortReport => {
    const report: PortReport = { path: port.path, role: port.role };
    const set = <K extends keyof PortReport>(key: K, value: PortReport[K] | undefined) => {
      if (value !== undefined) report[key] = value;
    };
    set('deviceName', device?.name);
    set('serialNumber', port.serialNumber ?? device?.serialNumber);
    set('vendorId', port.vendorId);
    set('productId', port.productId);
    set('interfaceNumber', port.interfaceNumber);
    const probe = byPath.get(port.path);
    if (probe) {
      report.verdict = probe.verdict;
      report.label = probe.label;
      report.durationMs = probe.durationMs;
      set('error', probe.error);
      set(
        'holders',
        probe.holders?.map((h) =>
          h.user === undefined
            ? { pid: h.pid, command: h.command }
            : { pid: h.pid, command: h.command, user: h.user },
        ),
      );
    }
    return report;
  };
  return [
    ...devices.flatMap((d) => d.ports.map((p) => row(p, d))),
    ...otherPorts.map((p) => row(p)),
  ];
}

function note<T>(problems: string[], what: string, error: unknown, fallback: T): T {
  problems.push(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  return fallback;
}

function formatText(
  reports: readonly PortReport[],
  findings: readonly Finding[],
  degraded: { reason: string } | undefined,
  problems: readonly string[],
  platform: NodeJS.Platform,
  isProbing: boolean,
): string {
  const out: string[] = [];
  if (degraded) out.push(`Note: port details are incomplete (${degraded.reason}).`, '');
  if (reports.length === 0) {
    out.push(
      'No serial ports found. Check the USB cable (a data cable, not charge-only) and the power switch.',
    );
  } else {
    const header = [
      'PORT',
      'DEVICE',
      'VID:PID',
      'SERIAL',
      'IF',
      'ROLE',
      ...(isProbing ? ['PROBE'] : []),
    ];
    const rows = reports.map((r) => [
      r.path,
      r.deviceName ?? '-',
      r.vendorId ? `${r.vendorId}:${r.productId ?? '?'}` : '-',
      r.serialNumber ?? '-',
      r.interfaceNumber === undefined ? '-' : String(r.interfaceNumber),
      r.role,
      ...(isProbing ? [r.label ?? '-'] : []),
    ]);
    out.push(...table([header, ...rows]));
    const failed = reports.flatMap((r) =>
      r.error && r.verdict !== 'at-host' ? [{ ...r, error: r.error }] : [],
    );
    if (failed.length > 0) out.push('');
    for (const r of failed) {
      const e = explainError(r.error, {
        platform,
        path: r.path,
        ...(r.holders ? { holders: r.holders } : {}),
      });
      out.push(
        `${r.path}: ${e.title}`,
        `  cause: ${e.cause}`,
        `  fix:   ${e.fix}`,
        ...(e.fixCommand ? [`  run:   ${e.fixCommand}`] : []),
      );
    }
  }
  out.push('', 'Permissions:');
  for (const f of findings) {
    out.push(`  [${f.severity}] ${f.title}`, ...indent(f.detail, 4));
    if (f.id !== 'ok') out.push(...indent(`fix: ${f.fix}`, 4));
    if (f.fixCommand) out.push(...indent(`run: ${f.fixCommand}`, 4));
  }
  for (const p of problems) out.push(`Note: ${p}`);
  return `${out.join('\n')}\n`;
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function indent(text: string, n: number): string[] {
  return text.split('\n').map((line) => `${' '.repeat(n)}${line}`);
}
