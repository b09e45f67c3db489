/**
 * `nrf-onboard doctor [--json] [--no-probe]`: every serial port with its kit, role and probe
 * verdict, then the permission findings with their fixes. A report, so it exits 0 even when it
 * finds problems; 1 only when the ports cannot be listed at all.
 */
import {
  buildDoctorReport,
  type DoctorReport,
  type DoctorReportDeps,
} from '../../diagnostics/doctorReport';
import { explainError } from '../../diagnostics/explain';
import { runPermissionDoctor } from '../../diagnostics/permissionDoctor';
import { findPortHolders } from '../../diagnostics/portHolders';
import { probePorts, toErrorData } from '../../diagnostics/probe';
import { AtSession } from '../../serial/atSession';
import { enumerateDevices } from '../../serial/enumerate';
import { nativeBinding } from '../../serial/portConnection';
import { defineCommand, EXIT_OK } from '../command';

export const usage = `Usage: nrf-onboard doctor [--json] [--no-probe]

Lists every serial port with its kit, USB ids, role and what answers on it,
then checks permissions (Linux) and prints fixes.

  --json      print one JSON object instead of tables: { ports, findings, degraded?, problems? }
  --no-probe  do not open the ports (only list them)
  -h, --help  this text
`;

export interface DoctorDeps extends DoctorReportDeps {
  platform: NodeJS.Platform;
}

export const { run } = defineCommand({
  usage,
  options: { json: { type: 'boolean' }, 'no-probe': { type: 'boolean' } },
  deps: (): DoctorDeps => {
    const list = async () => (await nativeBinding()).list();
    return {
      enumerate: () => enumerateDevices({ list }),
      probe: async (paths) => {
        const binding = await nativeBinding();
        return probePorts(paths, {
          openSession: (path) => AtSession.open({ path, binding }),
          findHolders: (path) => findPortHolders(path),
          classify: toErrorData,
        });
      },
      doctor: (devicePaths, vendorIds) =>
        runPermissionDoctor({ devicePaths, ...(vendorIds.length ? { vendorIds } : {}) }),
      platform: process.platform,
    };
  },
  async run({ values, out, deps }) {
    const isProbing = values['no-probe'] !== true;
    const report = await buildDoctorReport(deps, { isProbing });
    if (out.isJson) out.json(report);
    else out.text(formatText(report, deps.platform, isProbing));
    return EXIT_OK;
  },
});

function formatText(report: DoctorReport, platform: NodeJS.Platform, isProbing: boolean): string {
  const { ports: reports, findings, degraded, problems = [] } = report;
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
        ...(e.cause ? [`  cause: ${e.cause}`] : []),
        ...(e.fix ? [`  fix:   ${e.fix}`] : []),
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
