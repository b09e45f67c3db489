/**
 * Which ports the doctor probes. A kit's secondary ports (a DK's other UARTs, the Thingy:91's modem
 * trace port) carry no AT by design, and a built-in UART of the computer has no kit behind it:
 * probing them can only come back "no answer" and advise the wrong port. They are labelled
 * for what they are instead (docs/protocol.md §3.1).
 */
import type { Device, DevicePort } from '../../src-shared/devices/groupPorts';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

// Linux names the PC's own 16550-style UARTs ttyS<n> (ttyAMA<n> on ARM boards); a USB device never
// appears under these names, and the serialport library gives them no vendor id.
const BUILT_IN_UART = /^\/dev\/tty(?:S|AMA)\d+$/;

/** Why a port is left unprobed, in words for its row; undefined for a port worth probing. */
export function notProbedReason(port: DevicePort, device?: Device): string | undefined {
  if (device !== undefined && (port.role === 'trace' || port.role === 'secondary')) {
    const atPort = device.atPortPath === undefined ? '' : `; its AT port is ${device.atPortPath}`;
    if (port.role === 'trace') {
      return `modem trace port of the ${device.name} (binary trace, no AT commands)${atPort}`;
    }
    const index = device.ports.indexOf(port);
    const ordinal = ORDINALS[index] ?? `port ${index + 1}`;
    return `${ordinal} UART of the ${device.name}, not its AT port${atPort}`;
  }
  if (device === undefined && port.vendorId === undefined && BUILT_IN_UART.test(port.path)) {
    return 'a built-in serial port of this computer: no kit is behind it (nRF91 kits connect over USB)';
  }
  return undefined;
}

/** The paths worth probing: every port but those notProbedReason names. */
export function probeTargets(
  devices: readonly Device[],
  otherPorts: readonly DevicePort[],
): string[] {
  return [
    ...devices.flatMap((d) => d.ports.filter((p) => notProbedReason(p, d) === undefined)),
    ...otherPorts.filter((p) => notProbedReason(p) === undefined),
  ].map((p) => p.path);
}
