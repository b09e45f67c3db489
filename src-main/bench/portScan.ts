/**
 * Port scan: 16 pty ports at once (12 simulated devices of mixed firmware, 4 silent), listed as
 * plain paths, grouped by enumerateDevices and probed with probePorts at its default deadline,
 * through the real AtSession and native binding. Wall time from the list call to the last verdict.
 */
import { probePorts, type ProbeResult } from '../diagnostics/probe';
import { AtSession } from '../serial/atSession';
import type { SerialBinding } from '../serial/bindingTypes';
import { enumerateDevices } from '../serial/enumerate';
import type { FirmwareFamily } from '../sim/device/options';
import type { PtySimulator } from '../sim/transports/ptySimulator';
import type { PtyPool } from './ptyPool';
import { median } from './stats';

/** What each port is, so the verdicts can be checked. */
const PLAN: ReadonlyArray<{ firmware: FirmwareFamily; silent: boolean }> = [
  ...(['at', 'slm', 'shell'] as const).flatMap((firmware) =>
    Array.from({ length: 4 }, () => ({ firmware, silent: false })),
  ),
  ...Array.from({ length: 4 }, () => ({ firmware: 'at' as const, silent: true })),
];

const EXPECTED: Record<FirmwareFamily, string> = { at: 'at-host', slm: 'slm', shell: 'shell' };

export interface PortScanResult {
  /** probePorts' deadline per port; undefined = its default. */
  timeoutMs: number | undefined;
  ports: number;
  silentPorts: number;
  /** Wall time of each repetition, ms. */
  wallMs: number[];
  medianMs: number;
  /** Ports whose verdict was not the expected one, in the last repetition. */
  wrongVerdicts: string[];
  verdictCounts: Record<string, number>;
}

/** Starts the 16 ports, scans them `repeats` times (probe deadline: default or `timeoutMs`), closes them. */
export async function measurePortScan(
  pool: PtyPool,
  binding: SerialBinding,
  baudRate: number,
  repeats: number,
  timeoutMs?: number,
): Promise<PortScanResult> {
  // One after the other (untimed): sixteen python relays starting at once on a busy 2-core
  // machine can miss the relay's 10 s start-up deadline.
  const ptys: PtySimulator[] = [];
  for (const p of PLAN)
    ptys.push(
      await pool.start({
        firmware: p.firmware,
        silent: p.silent,
        pace: { baudRate },
        replyDelayMs: 0,
      }),
    );
  try {
    const wallMs: number[] = [];
    let last: ProbeResult[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      const found = await enumerateDevices({
        list: async () => ptys.map((p) => ({ path: p.path })),
      });
      const paths = [...found.devices.flatMap((d) => d.ports), ...found.otherPorts].map(
        (p) => p.path,
      );
      last = await probePorts(paths, {
        openSession: (path) => AtSession.open({ path, binding }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
      wallMs.push(performance.now() - started);
    }
    const byPath = new Map(last.map((r) => [r.path, r]));
    const wrongVerdicts: string[] = [];
    const verdictCounts: Record<string, number> = {};
    PLAN.forEach((plan, i) => {
      const path = ptys[i]?.path ?? '';
      const verdict = byPath.get(path)?.verdict ?? 'missing';
      verdictCounts[verdict] = (verdictCounts[verdict] ?? 0) + 1;
      const expected = plan.silent ? 'no-answer' : EXPECTED[plan.firmware];
      if (verdict !== expected) wrongVerdicts.push(`${path}: ${verdict}, expected ${expected}`);
    });
    return {
      timeoutMs,
      ports: PLAN.length,
      silentPorts: PLAN.filter((p) => p.silent).length,
      wallMs,
      medianMs: median(wallMs),
      wrongVerdicts,
      verdictCounts,
    };
  } finally {
    await Promise.all(ptys.map((p) => pool.close(p)));
  }
}
