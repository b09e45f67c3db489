/**
 * Diagnostics as one service over the live app: probes every port (never one the onboarding flow
 * holds), names who holds a busy port, runs the permission doctor, keeps the USB timeline and
 * writes the support bundle. Used by the Diagnostics view; `nrf-onboard doctor` builds its
 * report from the same pieces (doctorReport.ts).
 */
import { release, arch } from 'node:os';
import type { Device, DevicePort } from '../../src-shared/devices/index';
import type {
  Explanation,
  Finding,
  PortHolder,
  PortReport,
  TimelineEntry,
} from '../../src-shared/ipc/diagnostics';
import type { AppErrorData } from '../../src-shared/ipc/errors';
import { AtSession } from '../serial/atSession';
import type { SerialBinding } from '../serial/bindingTypes';
import type { SerialService } from '../serial/serialService';
import { buildPortReports } from './doctorReport';
import { explainError } from './explain';
import { runPermissionDoctor, type PermissionDoctorDeps } from './permissionDoctor';
import { findPortHolders, type PortHolderDeps } from './portHolders';
import { probePorts, toErrorData, type ProbeResult } from './probe';
import { probeTargets } from './probeScope';
import {
  buildSupportBundle,
  summarizeForTicket,
  writeSupportBundleZip,
  type SupportBundleInput,
} from './supportBundle';
import { createUsbTimeline, type UsbTimeline } from './usbTimeline';

export interface DiagnosticsDeps {
  serial: SerialService;
  binding: () => SerialBinding;
  appVersion: string;
  platform?: NodeJS.Platform;
  logText: () => string;
  /** Asks where to save (dialog in the app, a test folder in the harness); null when cancelled. */
  chooseBundlePath: (suggestedName: string) => Promise<string | null>;
  copyText: (text: string) => void | Promise<void>;
  probeTimeoutMs?: number;
  holderDeps?: PortHolderDeps;
  doctorDeps?: Omit<PermissionDoctorDeps, 'devicePaths'>;
  /** Extra facts for the bundle (settings summary, key status without keys). */
  extra?: () => Record<string, unknown>;
}

/** Every port of a snapshot, device ports first. */
const allPorts = (devices: readonly Device[], otherPorts: readonly DevicePort[]): DevicePort[] => [
  ...devices.flatMap((d) => d.ports),
  ...otherPorts,
];

export class DiagnosticsService {
  readonly timeline: UsbTimeline = createUsbTimeline();
  private lastProbes: ProbeResult[] = [];
  private lastFindings: Finding[] = [];

  constructor(private readonly deps: DiagnosticsDeps) {
    deps.serial.watcher.onChange((change) => this.timeline.record(change));
  }

  private get platform(): NodeJS.Platform {
    return this.deps.platform ?? process.platform;
  }

  /** Probes every port concurrently with short deadlines and joins the verdicts to the port table. */
  async probe(): Promise<PortReport[]> {
    const { devices, otherPorts } = await this.deps.serial.snapshot();
    this.lastProbes = await probePorts(probeTargets(devices, otherPorts), {
      openSession: (path) => AtSession.open({ path, binding: this.deps.binding() }),
      isInUseByApp: (path) => this.deps.serial.isOpen(path),
      // Unstripped holders: the probe names only those holding the lock when the OS tells.
      findHolders: (path) => findPortHolders(path, this.deps.holderDeps ?? {}),
      // AtSession.open already classified OS errors; toErrorData keeps those codes (PORT_BUSY, NO_ANSWER).
      classify: toErrorData,
      ...(this.deps.probeTimeoutMs === undefined ? {} : { timeoutMs: this.deps.probeTimeoutMs }),
    });
    return buildPortReports(devices, otherPorts, this.lastProbes);
  }

  async findHolders(path: string): Promise<PortHolder[]> {
    const holders = await findPortHolders(path, this.deps.holderDeps ?? {});
    return holders.map(({ pid, command, user }) =>
      user === undefined ? { pid, command } : { pid, command, user },
    );
  }

  async permissionDoctor(): Promise<Finding[]> {
    const { devices, otherPorts } = await this.deps.serial.snapshot();
    const vendorIds = [
      ...new Set(
        allPorts(devices, otherPorts).flatMap((p) =>
          p.vendorId ? [p.vendorId.toLowerCase()] : [],
        ),
      ),
    ];
    this.lastFindings = await runPermissionDoctor({
      platform: this.platform,
      ...this.deps.doctorDeps,
      devicePaths: allPorts(devices, otherPorts).map((p) => p.path),
      ...(vendorIds.length ? { vendorIds } : {}),
    });
    return this.lastFindings;
  }

  usbTimeline(): {
    entries: TimelineEntry[];
    flapping: Array<{ serialNumber: string; count: number }>;
  } {
    return { entries: this.timeline.entries(), flapping: this.timeline.flapping() };
  }

  /** Cause and fix for an error; a busy port is explained with the processes that hold it. */
  async explain(error: AppErrorData, path?: string): Promise<Explanation> {
    const holders =
      error.code === 'PORT_BUSY' && path ? await this.findHolders(path).catch(() => []) : [];
    return explainError(error, {
      platform: this.platform,
      ...(path === undefined ? {} : { path }),
      ...(holders.length ? { holders } : {}),
    });
  }

  async saveBundle(): Promise<{ path: string } | null> {
    const target = await this.deps.chooseBundlePath(
      `onboarder-support-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`,
    );
    if (target === null) return null;
    await writeSupportBundleZip(buildSupportBundle(await this.bundleInput()), target);
    return { path: target };
  }

  async ticketSummary(): Promise<{ text: string }> {
    const text = summarizeForTicket(await this.bundleInput());
    await this.deps.copyText(text);
    return { text };
  }

  private async bundleInput(): Promise<SupportBundleInput> {
    const { devices, otherPorts } = await this.deps.serial.snapshot();
    return {
      appVersion: this.deps.appVersion,
      os: { platform: this.platform, release: release(), arch: arch() },
      ports: allPorts(devices, otherPorts),
      probes: this.lastProbes,
      findings: this.lastFindings,
      timeline: this.timeline.entries(),
      transcripts: this.deps.serial.transcript.entries(),
      logText: this.deps.logText(),
      ...(this.deps.extra ? { extra: this.deps.extra() } : {}),
    };
  }
}
