/**
 * A bounded log of USB arrivals and departures, so support can see a device that keeps dropping
 * off the bus (a bad cable, a brown-out, a crash loop) instead of guessing from one snapshot.
 */
import type { TimelineEntry } from '../../src-shared/ipc/diagnostics';

/** The device fields the timeline reads; the enumerator's Device satisfies it. */
export interface TimelineDevice {
  serialNumber?: string | undefined;
  name?: string | undefined;
  ports: ReadonlyArray<{ path: string }>;
}

/** The timeline's operations. */
export interface UsbTimeline {
  /** Records one hot-plug change (the watcher's diff). */
  record(change: { arrived: readonly TimelineDevice[]; left: readonly TimelineDevice[] }): void;
  /** Oldest first, at most `limit` entries. */
  entries(): TimelineEntry[];
  /** Devices that left and came back at least 3 times within the window ending now. */
  flapping(windowMs?: number): Array<{ serialNumber: string; count: number }>;
}

/** Clock and size limit (500 entries by default). */
export interface UsbTimelineOptions {
  now?: () => number;
  limit?: number;
}

/** Creates an empty timeline. */
export function createUsbTimeline(options: UsbTimelineOptions = {}): UsbTimeline {
  const now = options.now ?? Date.now;
  const limit = Math.max(1, options.limit ?? 500);
  const log: TimelineEntry[] = [];

  const push = (kind: TimelineEntry['kind'], device: TimelineDevice, t: number) => {
    const entry: TimelineEntry = {
      t,
      kind,
      name: device.name ?? device.serialNumber ?? device.ports[0]?.path ?? 'unknown device',
      ports: device.ports.map((p) => p.path),
    };
    if (device.serialNumber !== undefined) entry.serialNumber = device.serialNumber;
    log.push(entry);
    if (log.length > limit) log.splice(0, log.length - limit);
  };

  return {
    record(change) {
      const t = now();
      // Departures first: a replug seen in one poll reads left-then-arrived.
      for (const d of change.left) push('left', d, t);
      for (const d of change.arrived) push('arrived', d, t);
    },
    entries: () => log.map((e) => ({ ...e, ports: [...e.ports] })),
    flapping: (windowMs = 60_000) => findFlapping(log, windowMs, now()),
  };
}

/**
 * Counts reconnects (a departure followed by an arrival of the same serial number) inside
 * [end - windowMs, end]; devices with 3 or more are flapping. Devices without a serial are not tracked.
 */
export function findFlapping(
  entries: readonly TimelineEntry[],
  windowMs: number,
  end: number,
): Array<{ serialNumber: string; count: number }> {
  const start = end - windowMs;
  const isAway = new Map<string, boolean>();
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.serialNumber === undefined || e.t < start || e.t > end) continue;
    if (e.kind === 'left') isAway.set(e.serialNumber, true);
    else if (isAway.get(e.serialNumber)) {
      isAway.set(e.serialNumber, false);
      counts.set(e.serialNumber, (counts.get(e.serialNumber) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, count]) => count >= 3)
    .map(([serialNumber, count]) => ({ serialNumber, count }))
    .sort((a, b) => b.count - a.count);
}
