/** The station's tiles, derived from the live device list and the jobs; nothing is kept twice. */
import { naturalCompare, type Device } from '../../../../src-shared/devices/index';
import type { JobPhase } from '../../../../src-shared/ipc/onboarding';
import type { DeviceSnapshot } from '../../../../src-shared/ipc/serial';
import type { JobEntry, JobTarget } from './jobsSlice';

/** One tile: a plugged kit, a job, or both (the usual case once started). */
export interface StationKit {
  /** The job id: the USB serial number, or the port path for a kit without one. */
  id: string;
  kitName?: string | undefined;
  serialNumber?: string | undefined;
  /** Set while the kit is plugged in. */
  device?: Device | undefined;
  /** How to start it; undefined when the kit shows no AT port. */
  target?: JobTarget | undefined;
  job?: JobEntry | undefined;
}

// Main keys a kit's job by the device id (its USB serial number) and looks the kit up by it.
const targetOf = (device: Device): JobTarget | undefined =>
  device.atPortPath === undefined ? undefined : { serialNumber: device.id };

/** Every plugged kit and every job, one tile each, in serial-number order. */
export function stationKits(
  snapshot: DeviceSnapshot | undefined,
  jobs: Readonly<Record<string, JobEntry>>,
): StationKit[] {
  const kits = new Map<string, StationKit>();
  for (const device of snapshot?.devices ?? []) {
    const id = device.id;
    kits.set(id, {
      id,
      kitName: device.name,
      serialNumber: device.serialNumber ?? device.id,
      device,
      target: targetOf(device),
      job: jobs[id],
    });
  }
  for (const [id, job] of Object.entries(jobs)) {
    if (kits.has(id)) continue;
    const { view } = job;
    kits.set(id, {
      id,
      kitName: view.kitName,
      serialNumber: view.serialNumber,
      // A job for a typed path can be retried while its port exists; main will say if not.
      target: view.serialNumber === undefined ? { path: view.port } : undefined,
      job,
    });
  }
  return [...kits.values()].sort((a, b) => naturalCompare(a.id, b.id));
}

/** The header group of a tile; a plugged kit with no job yet waits. */
export const phaseOfKit = (kit: StationKit): JobPhase => kit.job?.view.phase ?? 'waiting';

export type StationCounts = Record<JobPhase, number>;

export function countKits(kits: readonly StationKit[]): StationCounts {
  const counts: StationCounts = {
    waiting: 0,
    working: 0,
    connected: 0,
    claimed: 0,
    'already-claimed': 0,
    read: 0,
    failed: 0,
  };
  for (const kit of kits) counts[phaseOfKit(kit)] += 1;
  return counts;
}

/** Kits Start all starts: plugged, with an AT port, and no job yet. */
export const startableKits = (kits: readonly StationKit[]): StationKit[] =>
  kits.filter((kit) => kit.job === undefined && kit.target !== undefined);

/** Jobs Retry failed retries: failed, unplugged or stopped, and the kit is there to try again. */
export const retryableKits = (kits: readonly StationKit[]): StationKit[] =>
  kits.filter(
    (kit) =>
      kit.job?.view.phase === 'failed' && (kit.device !== undefined || kit.target !== undefined),
  );
