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

/**
 * Keeps the current choice while its device is still plugged in; otherwise prefers the last-used
 * device, then a lone device. Several devices and no history: the user chooses.
 */
export function autoSelect(
  snapshot: DeviceSnapshot,
  current: Selection | undefined,
): Selection | undefined {
  if (current) {
    if (current.deviceId === undefined) return current;
    const still = snapshot.devices.find((d) => d.id === current.deviceId);
    if (still) return current.isUserChoice ? current : (selectionFor(still, false) ?? current);
  }
  const lastUsed = snapshot.lastUsedSerial
    ? snapshot.devices.find((d) => d.serialNumber === snapshot.lastUsedSerial)
    : undefined;
  if (lastUsed) return selectionFor(lastUsed, false);
  const only = snapshot.devices.length === 1 ? snapshot.devices[0] : undefined;
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
