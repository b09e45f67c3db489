/**
 * The USB identity (vendor and product id, serial number, manufacturer) of ONE serial port, read
 * straight from Linux's sysfs: the same attributes udev reports, without `udevadm` enumerating
 * every device (about 100 ms, which is most of a CLI attest's budget). Elsewhere, and where sysfs
 * says nothing (a pty, a port that is gone), the answer is undefined and callers fall back to the
 * binding's list.
 */
import { access, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PortInfo } from '../../src-shared/devices/kits';

export interface UsbIdentityOptions {
  /** Where sysfs is mounted; tests point it at a tree of their own. */
  sysRoot?: string;
}

export interface PortsForOptions extends UsbIdentityOptions {
  platform?: NodeJS.Platform;
  /** The binding's list, asked where sysfs cannot answer (macOS, Windows, no /sys). */
  list: () => Promise<PortInfo[]>;
}

/**
 * What is known of the ports to name the kit on `path` by: on Linux with sysfs, that one port
 * as sysfs describes it (nothing when it is no USB device: udev would know no more); elsewhere
 * the binding's whole list. Never throws: a list that fails is no ports.
 */
export async function portsFor(path: string, options: PortsForOptions): Promise<PortInfo[]> {
  const sysRoot = options.sysRoot ?? '/sys';
  const platform = options.platform ?? process.platform;
  const hasSysfs =
    platform === 'linux' &&
    (await access(join(sysRoot, 'class', 'tty')).then(
      () => true,
      () => false,
    ));
  if (hasSysfs) {
    const info = await usbIdentity(path, { sysRoot });
    return info === undefined ? [] : [info];
  }
  return options.list().catch(() => []);
}

// From the tty's interface directory up to its USB device: interface, device (a hub in between
// adds levels, but the tty's `device` link points at the interface).
const MAX_LEVELS = 4;

async function attribute(dir: string, name: string): Promise<string | undefined> {
  try {
    const text = (await readFile(join(dir, name), 'latin1')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The port's USB identity, or undefined when sysfs does not describe it as a USB device. */
export async function usbIdentity(
  path: string,
  options: UsbIdentityOptions = {},
): Promise<PortInfo | undefined> {
  const sysRoot = options.sysRoot ?? '/sys';
  let dir: string;
  try {
    const name = basename(await realpath(path));
    dir = await realpath(join(sysRoot, 'class', 'tty', name, 'device'));
  } catch {
    return undefined;
  }
  for (let level = 0; level < MAX_LEVELS; level++) {
    const vendorId = await attribute(dir, 'idVendor');
    if (vendorId !== undefined) {
      const info: PortInfo = { path, vendorId };
      const productId = await attribute(dir, 'idProduct');
      const serialNumber = await attribute(dir, 'serial');
      const manufacturer = await attribute(dir, 'manufacturer');
      if (productId !== undefined) info.productId = productId;
      if (serialNumber !== undefined) info.serialNumber = serialNumber;
      if (manufacturer !== undefined) info.manufacturer = manufacturer;
      return info;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
