/** Pure rules for which device and port the flow uses, so live list updates never surprise the user. */
import type { Device } from '../../../../src-shared/devices/index';
import type { DeviceSnapshot } from '../../../../src-shared/ipc/serial';

/** What the user (or the auto-selection) picked: a device with its AT port, or a bare port path. */
export interface Selection {
  path: string;
  deviceId?: string;
  deviceSerial?: string;
  /** True when the user clicked or typed it: live updates must not replace it. */
  isUserChoice: boolean;
}

/** The port to talk AT on: the kit table's answer, else the first AT-role port, else the first port. */
export function atPortOf(device: Device): string | undefined {
  return (
    device.atPortPath ?? device.ports.find((p) => p.role === 'at')?.path ?? device.ports[0]?.path
  );
}

/** Builds the selection for one device, or undefined when it has no port at all. */
export function selectionFor(device: Device, isUserChoice: boolean): Selection | undefined {
  const path = atPortOf(device);
  if (path === undefined) return undefined;
  const selection: Selection = { path, deviceId: device.id, isUserChoice };
  if (device.serialNumber !== undefined) selection.deviceSerial = device.serialNumber;
  return selection;
}

/** What the auto-selection knows of this session: boards already done, and when each arrived. */
export interface SelectionHistory {
  /** Serial numbers of boards claimed (or found already claimed) this session: never preselected. */
  done?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
  /** When each device id was first seen plugged in; the newest arrival is preferred. */
  arrivals?: ReadonlyMap<string, number>;
}

/**
 * Keeps the current choice while its device is still plugged in and not done; otherwise prefers
 * the newest arrival, then the last-used device, then a lone device, never a board already done
 * this session. Several devices and no history: the user chooses.
 */
export function autoSelect(
  snapshot: DeviceSnapshot,
  current: Selection | undefined,
  history: SelectionHistory = {},
): Selection | undefined {
  const isDone = (device: Device) =>
    device.serialNumber !== undefined && (history.done?.has(device.serialNumber) ?? false);
  if (current) {
    if (current.deviceId === undefined) return current;
    const still = snapshot.devices.find((d) => d.id === current.deviceId);
    if (still && (current.isUserChoice || !isDone(still)))
      return current.isUserChoice ? current : (selectionFor(still, false) ?? current);
  }
  const open = snapshot.devices.filter((d) => !isDone(d));
  const arrivedAt = (d: Device) => history.arrivals?.get(d.id);
  const newest = open
    .filter((d) => arrivedAt(d) !== undefined)
    .sort((a, b) => (arrivedAt(b) ?? 0) - (arrivedAt(a) ?? 0))[0];
  if (newest) return selectionFor(newest, false);
  const lastUsed = snapshot.lastUsedSerial
    ? open.find((d) => d.serialNumber === snapshot.lastUsedSerial)
    : undefined;
  if (lastUsed) return selectionFor(lastUsed, false);
  const only = open.length === 1 ? open[0] : undefined;
  return only ? selectionFor(only, false) : undefined;
}

/** Other ports of the same device, offered when the chosen one does not answer. */
export function alternativePorts(
  snapshot: DeviceSnapshot | undefined,
  selection: Selection | undefined,
): string[] {
  if (!snapshot || !selection?.deviceId) return [];
  const device = snapshot.devices.find((d) => d.id === selection.deviceId);
  return device ? device.ports.map((p) => p.path).filter((path) => path !== selection.path) : [];
}
