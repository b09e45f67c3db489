/**
 * Finds USB serial ports without udevadm (containers, minimal installs, broken udev), where
 * serialport's Linux list() throws: reads /dev/serial/by-id symlinks and the sysfs device tree.
 * Both are best effort; a missing folder just contributes nothing.
 */
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { portInfoFields, type PortInfo } from '../../src-shared/devices/kits';

/** Where to look; tests point these at temp folders. */
export interface FallbackRoots {
  byId: string;
  sysClassTty: string;
  dev: string;
}

export const DEFAULT_FALLBACK_ROOTS: FallbackRoots = {
  byId: '/dev/serial/by-id',
  sysClassTty: '/sys/class/tty',
  dev: '/dev',
};

const USB_TTY = /^tty(ACM|USB)\d+$/;
// udev's by-id name: usb-<vendor>_<model>_<serial>-if<NN>[-port<N>]
const BY_ID = /^usb-(.+?)(?:-if([0-9a-f]{2}))?(?:-port\d+)?$/i;
// Thingy serial numbers contain an underscore themselves (docs/protocol.md §3.2).
const THINGY_SERIAL = /(THINGY91X?_[0-9A-Fa-f]+)$/;
// How far above /sys/class/tty/<name>/device the USB device folder can sit (ttyUSB adds a level).
const MAX_SYSFS_CLIMB = 4;

/** Ports found by scanning; never throws. */
export async function scanFallbackPorts(
  roots: FallbackRoots = DEFAULT_FALLBACK_ROOTS,
): Promise<PortInfo[]> {
  const [byId, sysfs] = await Promise.all([scanById(roots), scanSysfs(roots)]);
  const merged = new Map<string, PortInfo>();
  for (const port of [...byId, ...sysfs]) {
    const known = merged.get(port.path);
    merged.set(port.path, known === undefined ? port : mergeInfo(known, port));
  }
  return [...merged.values()].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

// sysfs values are facts, by-id values are guesses from a name: sysfs wins, by-id fills gaps.
function mergeInfo(fromById: PortInfo, fromSysfs: PortInfo): PortInfo {
  const out: PortInfo = { path: fromById.path };
  for (const key of portInfoFields) {
    const value =
      key === 'pnpId' ? (fromById[key] ?? fromSysfs[key]) : (fromSysfs[key] ?? fromById[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

async function scanById(roots: FallbackRoots): Promise<PortInfo[]> {
  const names = await readdir(roots.byId).catch(() => [] as string[]);
  const ports: PortInfo[] = [];
  for (const name of names) {
    const target = await readlink(path.join(roots.byId, name)).catch(() => undefined);
    if (target === undefined) continue;
    const tty = path.basename(target);
    const port: PortInfo = { path: path.join(roots.dev, tty), pnpId: name };
    const guess = guessFromById(name);
    if (guess.serialNumber !== undefined) port.serialNumber = guess.serialNumber;
    if (guess.vendorId !== undefined) port.vendorId = guess.vendorId;
    if (guess.manufacturer !== undefined) port.manufacturer = guess.manufacturer;
    ports.push(port);
  }
  return ports;
}

/** Vendor and serial number guessed from a /dev/serial/by-id name. */
export function guessFromById(name: string): {
  serialNumber?: string;
  vendorId?: string;
  manufacturer?: string;
} {
  const body = BY_ID.exec(name)?.[1];
  if (body === undefined) return {};
  const serialNumber = THINGY_SERIAL.exec(body)?.[1] ?? body.split('_').at(-1);
  const guess: { serialNumber?: string; vendorId?: string; manufacturer?: string } = {};
  if (serialNumber !== undefined && serialNumber !== body) guess.serialNumber = serialNumber;
  if (/^SEGGER/i.test(body)) {
    guess.vendorId = '1366';
    guess.manufacturer = 'SEGGER';
  } else if (/^Nordic/i.test(body)) {
    guess.vendorId = '1915';
    guess.manufacturer = 'Nordic Semiconductor';
  }
  return guess;
}

async function scanSysfs(roots: FallbackRoots): Promise<PortInfo[]> {
  const names = (await readdir(roots.sysClassTty).catch(() => [] as string[])).filter((n) =>
    USB_TTY.test(n),
  );
  const ports: PortInfo[] = [];
  for (const name of names) {
    const port: PortInfo = { path: path.join(roots.dev, name) };
    const start = await realpath(path.join(roots.sysClassTty, name, 'device')).catch(
      () => undefined,
    );
    if (start !== undefined) await fillFromSysfs(port, start);
    ports.push(port);
  }
  return ports;
}

async function fillFromSysfs(port: PortInfo, start: string): Promise<void> {
  let dir = start;
  let interfaceNumber: string | undefined;
  for (let level = 0; level <= MAX_SYSFS_CLIMB; level++) {
    interfaceNumber ??= await readAttribute(dir, 'bInterfaceNumber');
    const vendorId = await readAttribute(dir, 'idVendor');
    if (vendorId !== undefined) {
      port.vendorId = vendorId.toLowerCase();
      const productId = await readAttribute(dir, 'idProduct');
      const serialNumber = await readAttribute(dir, 'serial');
      const manufacturer = await readAttribute(dir, 'manufacturer');
      if (productId !== undefined) port.productId = productId.toLowerCase();
      if (serialNumber !== undefined) port.serialNumber = serialNumber;
      if (manufacturer !== undefined) port.manufacturer = manufacturer;
      port.locationId = path.basename(dir);
      // The name udev would have given it in /dev/serial/by-id, so interface ordering still works.
      if (interfaceNumber !== undefined) {
        const label = `${manufacturer ?? 'usb'}_${serialNumber ?? vendorId}`.replace(/\s+/g, '_');
        port.pnpId = `usb-${label}-if${interfaceNumber.padStart(2, '0')}`;
      }
      return;
    }
    dir = path.dirname(dir);
  }
}

async function readAttribute(dir: string, name: string): Promise<string | undefined> {
  const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
  const value = text?.trim();
  return value === undefined || value === '' ? undefined : value;
}
