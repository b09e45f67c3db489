/**
 * Turns a flat port list into kits: ports grouped by USB serial number, ordered by interface,
 * with the AT port marked from the kit table (docs/protocol.md §3).
 */
import { interfaceNumberOf, naturalCompare } from './interfaceNumber';
import { identifyKit } from './kits';
import type { KitId, KitSpec, PortInfo } from './kits';

/**
 * `at`: the kit's AT port; `trace`: its modem trace port; `secondary`: another port of a kit
 * whose AT port is known (a DK's second UART); `other`: a port of no recognised kit, or of a kit
 * whose AT port cannot be told.
 */
export type PortRole = 'at' | 'trace' | 'secondary' | 'other';

/** A port with what grouping learned about it. */
export interface DevicePort extends PortInfo {
  interfaceNumber?: number | undefined;
  role: PortRole;
}

/** One physical kit: its ports in interface order and the one to send AT commands to. */
export interface Device {
  /** The USB serial number. */
  id: string;
  kit?: KitId | undefined;
  /** e.g. 'nRF9151 DK', 'Thingy:91 X'. */
  name: string;
  serialNumber?: string | undefined;
  ports: DevicePort[];
  atPortPath?: string | undefined;
}

// Each CDC ACM function takes two interfaces (control + data) and the port carries the control
// one, so the kit's k-th port sits on interface 2k. Only used when a kit shows fewer ports. [D]
const INTERFACES_PER_PORT = 2;

/**
 * Groups recognised kits' ports into devices. Ports of no known kit (other USB serial adapters,
 * kits without a serial number) stay ungrouped in `otherPorts`, sorted by path.
 */
export function groupPorts(ports: readonly PortInfo[]): {
  devices: Device[];
  otherPorts: DevicePort[];
} {
  const groups = new Map<string, { kit: KitSpec; ports: DevicePort[] }>();
  const otherPorts: DevicePort[] = [];
  for (const port of ports) {
    const kit = identifyKit(port);
    const devicePort: DevicePort = {
      ...port,
      interfaceNumber: interfaceNumberOf(port),
      role: 'other',
    };
    const serialNumber = port.serialNumber?.trim();
    if (kit === undefined || serialNumber === undefined) {
      otherPorts.push(devicePort);
      continue;
    }
    const group = groups.get(serialNumber) ?? { kit, ports: [] };
    group.ports.push(devicePort);
    groups.set(serialNumber, group);
  }
  const devices = [...groups].map(([serialNumber, group]) =>
    buildDevice(serialNumber, group.kit, group.ports),
  );
  devices.sort((a, b) => naturalCompare(a.name, b.name) || naturalCompare(a.id, b.id));
  otherPorts.sort((a, b) => naturalCompare(a.path, b.path));
  return { devices, otherPorts };
}

function buildDevice(serialNumber: string, kit: KitSpec, ports: DevicePort[]): Device {
  const sorted = [...ports].sort(comparePorts);
  const atPort = pickPort(sorted, kit, kit.atPortIndex);
  const tracePort =
    kit.tracePortIndex === undefined ? undefined : pickPort(sorted, kit, kit.tracePortIndex);
  const marked = sorted.map((port): DevicePort => {
    if (port === atPort) return { ...port, role: 'at' };
    if (port === tracePort) return { ...port, role: 'trace' };
    return atPort === undefined ? port : { ...port, role: 'secondary' };
  });
  return {
    id: serialNumber,
    kit: kit.id,
    name: kit.name,
    serialNumber,
    ports: marked,
    atPortPath: atPort?.path,
  };
}

// With every port present the index is enough; with some missing only a known interface number
// tells which one is left.
function pickPort(
  sorted: readonly DevicePort[],
  kit: KitSpec,
  index: number,
): DevicePort | undefined {
  if (sorted.length >= kit.portCount) return sorted[index];
  return sorted.find((port) => port.interfaceNumber === index * INTERFACES_PER_PORT);
}

function comparePorts(a: DevicePort, b: DevicePort): number {
  if (
    a.interfaceNumber !== undefined &&
    b.interfaceNumber !== undefined &&
    a.interfaceNumber !== b.interfaceNumber
  ) {
    return a.interfaceNumber - b.interfaceNumber;
  }
  if (a.interfaceNumber !== undefined && b.interfaceNumber === undefined) return -1;
  if (a.interfaceNumber === undefined && b.interfaceNumber !== undefined) return 1;
  return naturalCompare(a.path, b.path);
}
