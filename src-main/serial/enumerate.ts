/**
 * Lists serial ports and groups them into kits. Never throws: when serialport's list fails
 * (on Linux it needs udevadm) the /dev and /sys scan takes over and the result says it is degraded.
 */
import { groupPorts, type Device, type DevicePort } from '../../src-shared/devices/groupPorts';
import { portInfoFields, type PortInfo } from '../../src-shared/devices/kits';
import { DEFAULT_FALLBACK_ROOTS, scanFallbackPorts, type FallbackRoots } from './fallbackScan';
import { nativeBinding } from './portConnection';

export interface EnumerateDeps {
  list: () => Promise<PortInfo[]>;
  fallbackRoots?: FallbackRoots;
}

export interface PortEnumeration {
  ports: PortInfo[];
  degraded?: { reason: string };
}

export interface DeviceEnumeration {
  devices: Device[];
  otherPorts: DevicePort[];
  degraded?: { reason: string };
}

/** serialport's own list through the native binding. */
export async function listWithSerialport(): Promise<PortInfo[]> {
  return (await nativeBinding()).list();
}

/** The ports serialport lists, or the fallback scan's when listing fails. */
export async function enumeratePorts(deps: EnumerateDeps): Promise<PortEnumeration> {
  try {
    const ports = await deps.list();
    return { ports: ports.map(cleanPortInfo) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const ports = await scanFallbackPorts(deps.fallbackRoots ?? DEFAULT_FALLBACK_ROOTS).catch(
      () => [],
    );
    return {
      ports,
      degraded: {
        reason: `The system port list failed (${why}), so ports were found by scanning /dev/serial/by-id and /sys/class/tty; kit names may be guesses. Installing udev (udevadm) fixes this.`,
      },
    };
  }
}

/** Ports grouped into kits (helper groupPorts), plus the degraded flag. */
export async function enumerateDevices(deps: EnumerateDeps): Promise<DeviceEnumeration> {
  const { ports, degraded } = await enumeratePorts(deps);
  const grouped = groupPorts(ports);
  return degraded === undefined ? grouped : { ...grouped, degraded };
}

// serialport reports absent fields as undefined properties; keep only the present ones.
function cleanPortInfo(port: PortInfo): PortInfo {
  const out: PortInfo = { path: port.path };
  for (const key of portInfoFields) {
    const value = port[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
