/**
 * Hot-plug by polling: enumerates every interval (1 s by default) and reports only real changes,
 * with which devices arrived and left. Polling works the same on every OS and needs no udev.
 */
import type { Device, DevicePort } from '../../src-shared/devices/groupPorts';
import type { DeviceSnapshot } from '../../src-shared/ipc/serial';
import type { DeviceEnumeration } from './enumerate';

/** A change between two polls; devices are matched by serial number, other ports by path. */
export interface DeviceChange {
  snapshot: DeviceSnapshot;
  arrived: Device[];
  left: Device[];
  arrivedPorts: DevicePort[];
  leftPorts: DevicePort[];
}

/** Starts a repeating timer and returns its cancel function. */
export type IntervalScheduler = (tick: () => void, intervalMs: number) => () => void;

export interface DeviceWatcherOptions {
  enumerate: () => Promise<DeviceEnumeration>;
  intervalMs?: number;
  schedule?: IntervalScheduler;
  now?: () => number;
  /** Where the last-used device's serial number is kept (settings). */
  lastUsed?: { get: () => string | undefined; set: (serial: string) => void };
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;

const realScheduler: IntervalScheduler = (tick, intervalMs) => {
  const handle = setInterval(tick, intervalMs);
  return () => clearInterval(handle);
};

/** Watches for devices coming and going. */
export class DeviceWatcher {
  readonly intervalMs: number;
  private readonly listeners = new Set<(change: DeviceChange) => void>();
  private current: DeviceSnapshot | undefined;
  private fingerprint = '';
  private cancel: (() => void) | undefined;
  private inFlight: Promise<DeviceSnapshot> | undefined;

  constructor(private readonly options: DeviceWatcherOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  /** The latest snapshot, if any poll has finished. */
  get snapshot(): DeviceSnapshot | undefined {
    return this.current;
  }

  /** Polls now and then every interval. */
  start(): void {
    if (this.cancel !== undefined) return;
    const schedule = this.options.schedule ?? realScheduler;
    this.cancel = schedule(() => void this.poll(), this.intervalMs);
    void this.poll();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (change: DeviceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Remembers the device the user just used, so the UI can preselect it next time. */
  markUsed(serialNumber: string): void {
    this.options.lastUsed?.set(serialNumber);
    if (this.current !== undefined) this.current = this.withLastUsed(this.current);
  }

  /** Enumerates now; overlapping calls share one enumeration. Emits a change when something changed. */
  poll(): Promise<DeviceSnapshot> {
    this.inFlight ??= this.enumerateOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async enumerateOnce(): Promise<DeviceSnapshot> {
    let found: DeviceEnumeration;
    try {
      found = await this.options.enumerate();
    } catch (err) {
      // enumerateDevices never throws; an injected one might. Keep the last picture, say why.
      found = {
        devices: [],
        otherPorts: [],
        degraded: { reason: `Listing ports failed: ${String(err)}` },
      };
    }
    const snapshot = this.withLastUsed({
      devices: found.devices,
      otherPorts: found.otherPorts,
      ...(found.degraded === undefined ? {} : { degraded: found.degraded }),
      pollIntervalMs: this.intervalMs,
      scannedAt: (this.options.now ?? Date.now)(),
    });
    const fingerprint = JSON.stringify([found.devices, found.otherPorts, found.degraded ?? null]);
    const previous = this.current;
    this.current = snapshot;
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.emit(diff(previous, snapshot));
    }
    return snapshot;
  }

  private withLastUsed(snapshot: DeviceSnapshot): DeviceSnapshot {
    const { lastUsedSerial: _old, ...rest } = snapshot;
    const lastUsed = this.options.lastUsed?.get();
    return lastUsed === undefined ? rest : { ...rest, lastUsedSerial: lastUsed };
  }

  private emit(change: DeviceChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function diff(previous: DeviceSnapshot | undefined, next: DeviceSnapshot): DeviceChange {
  const before = new Set(previous?.devices.map((d) => d.id) ?? []);
  const after = new Set(next.devices.map((d) => d.id));
  const portsBefore = new Set(previous?.otherPorts.map((p) => p.path) ?? []);
  const portsAfter = new Set(next.otherPorts.map((p) => p.path));
  return {
    snapshot: next,
    arrived: next.devices.filter((d) => !before.has(d.id)),
    left: previous?.devices.filter((d) => !after.has(d.id)) ?? [],
    arrivedPorts: next.otherPorts.filter((p) => !portsBefore.has(p.path)),
    leftPorts: previous?.otherPorts.filter((p) => !portsAfter.has(p.path)) ?? [],
  };
}
