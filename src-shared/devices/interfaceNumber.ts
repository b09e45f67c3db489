/**
 * The USB interface number of a serial port, read from how each OS names it (docs/protocol.md
 * section 3), so a kit's ports can be put in interface order.
 */
import type { PortInfo } from './kits';

// Windows: `USB\VID_1366&PID_1055&MI_00\7&2F9D3E4&0&0000`; the number is hex.
const WINDOWS_MI = /&MI_([0-9A-F]{2})/i;
// Linux: `/dev/serial/by-id/usb-SEGGER_J-Link_000960012345-if00` (pnpId is the by-id name); hex.
const LINUX_IF = /-if([0-9a-f]{2})(?:-port\d+)?$/i;
// macOS: `/dev/tty.usbmodem0009600123451`: the driver appends the interface number plus one. [D]
const MAC_MODEM = /\/(?:tty|cu)\.usbmodem(.*)$/;

/** The USB interface number, or undefined when the port's names do not reveal it. */
export function interfaceNumberOf(port: PortInfo): number | undefined {
  const windows = port.pnpId === undefined ? null : WINDOWS_MI.exec(port.pnpId);
  if (windows?.[1] !== undefined) return parseInt(windows[1], 16);
  const linux = LINUX_IF.exec(port.pnpId ?? '') ?? LINUX_IF.exec(port.path);
  if (linux?.[1] !== undefined) return parseInt(linux[1], 16);
  return macInterfaceNumber(port);
}

function macInterfaceNumber(port: PortInfo): number | undefined {
  const name = MAC_MODEM.exec(port.path)?.[1];
  if (name === undefined) return undefined;
  const serial = port.serialNumber?.trim() ?? '';
  // With the serial number in the name, all digits after it are the suffix; otherwise the last digit.
  const suffix =
    serial !== '' && name.startsWith(serial) ? name.slice(serial.length) : /\d$/.exec(name)?.[0];
  if (suffix === undefined || !/^\d{1,2}$/.test(suffix)) return undefined;
  const number = Number(suffix) - 1;
  return number >= 0 ? number : undefined;
}

/** Compares strings with digit runs as numbers (ttyACM2 before ttyACM10), ignoring case first. */
export function naturalCompare(a: string, b: string): number {
  return compareChunks(a.toLowerCase(), b.toLowerCase()) || compareChunks(a, b);
}

function compareChunks(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(chunksA.length, chunksB.length); i++) {
    const x = chunksA[i] ?? '';
    const y = chunksB[i] ?? '';
    if (x === y) continue;
    const isNumeric = /^\d/.test(x) && /^\d/.test(y);
    if (isNumeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return chunksA.length - chunksB.length;
}
