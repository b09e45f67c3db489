/**
 * The doctor's report as data: every serial port joined with its probe verdict, and the
 * permission findings. The Diagnostics view and `nrf-onboard doctor` both build it here; how it is
 * shown is theirs.
 */
import type { Device, DevicePort } from '../../src-shared/devices/groupPorts';
import type { PortReport } from '../../src-shared/ipc/diagnostics';
import { AppError } from '../../src-shared/ipc/errors';
import type { Finding } from './permissionDoctor';
import type { ProbeResult } from './probe';
import { notProbedReason, probeTargets } from './probeScope';

/** The services the report is built from. */
export interface DoctorReportDeps {
  enumerate: () => Promise<{
    devices: Device[];
    otherPorts: DevicePort[];
    degraded?: { reason: string } | undefined;
  }>;
  probe: (paths: string[]) => Promise<ProbeResult[]>;
  /** The permission doctor, given the device node paths and the USB vendors seen. */
  doctor: (devicePaths: string[], vendorIds: string[]) => Promise<Finding[]>;
}

export interface DoctorReport {
  ports: PortReport[];
  findings: Finding[];
  degraded?: { reason: string };
  /** A probe or permission check that could not run; the rest of the report still stands. */
  problems?: string[];
}

/** Lists, probes (unless told not to) and checks permissions; throws only if nothing can be listed. */
export async function buildDoctorReport(
  deps: DoctorReportDeps,
  options: { isProbing: boolean },
): Promise<DoctorReport> {
  let snapshot: Awaited<ReturnType<DoctorReportDeps['enumerate']>>;
  try {
    snapshot = await deps.enumerate();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'INTERNAL',
      `could not list serial ports: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const ports = [...snapshot.devices.flatMap((d) => d.ports), ...snapshot.otherPorts];
  const paths = ports.map((p) => p.path);
  const targets = probeTargets(snapshot.devices, snapshot.otherPorts);
  const vendorIds = [
    ...new Set(ports.flatMap((p) => (p.vendorId ? [p.vendorId.toLowerCase()] : []))),
  ];
  const problems: string[] = [];
  const probes = options.isProbing
    ? await deps.probe(targets).catch((e: unknown) => note(problems, 'probe', e, []))
    : [];
  const findings = await deps
    .doctor(paths, vendorIds)
    .catch((e: unknown) => note(problems, 'permission check', e, []));
  return {
    ports: buildPortReports(snapshot.devices, snapshot.otherPorts, probes, options),
    findings,
    ...(snapshot.degraded ? { degraded: snapshot.degraded } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

/**
 * One row per port: what grouping knows about it joined with its probe verdict; when probing, a
 * port left out on purpose (probeScope.ts) says what it is instead.
 */
export function buildPortReports(
  devices: readonly Device[],
  otherPorts: readonly DevicePort[],
  probes: readonly ProbeResult[],
  options: { isProbing: boolean } = { isProbing: true },
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
    const skipped = options.isProbing && !probe ? notProbedReason(port, device) : undefined;
    if (skipped !== undefined) {
      report.verdict = 'not-probed';
      report.label = skipped;
    }
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
