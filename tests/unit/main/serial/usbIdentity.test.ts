/**
 * usbIdentity / portsFor over a sysfs tree built in a temp folder the way Linux lays it out: the
 * tty's `device` link points at the USB interface, whose parent holds the device's attributes.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupPorts } from '../../../../src-shared/devices/groupPorts';
import { portsFor, usbIdentity } from '../../../../src-main/serial/usbIdentity';

let root: string;
let sys: string;
let dev: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'onboarder-sysfs-'));
  sys = join(root, 'sys');
  dev = join(root, 'dev');
  mkdirSync(join(sys, 'class', 'tty'), { recursive: true });
  mkdirSync(dev);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A USB CDC ACM port `name` of a device with these attributes; returns its /dev path. */
function usbPort(name: string, attributes: Record<string, string>, usbPath = '1-1'): string {
  const device = join(sys, 'devices', 'pci0000:00', 'usb1', usbPath);
  const iface = join(device, `${usbPath}:1.0`);
  mkdirSync(join(iface, 'tty', name), { recursive: true });
  for (const [file, value] of Object.entries(attributes))
    writeFileSync(join(device, file), `${value}\n`);
  const classDir = join(sys, 'class', 'tty', name);
  mkdirSync(classDir);
  symlinkSync(iface, join(classDir, 'device'));
  const path = join(dev, name);
  writeFileSync(path, '');
  return path;
}

describe('usbIdentity (sysfs)', () => {
  it('reads vendor, product, serial number and manufacturer of the USB device behind the tty', async () => {
    const path = usbPort('ttyACM0', {
      idVendor: '1366',
      idProduct: '1059',
      serial: '001051234567',
      manufacturer: 'SEGGER',
    });
    expect(await usbIdentity(path, { sysRoot: sys })).toEqual({
      path,
      vendorId: '1366',
      productId: '1059',
      serialNumber: '001051234567',
      manufacturer: 'SEGGER',
    });
  });

  it('follows a /dev/serial/by-id style link to the tty', async () => {
    const path = usbPort('ttyACM1', { idVendor: '1915', serial: 'THINGY91X_0A1B2C3D4E' }, '1-2');
    const link = join(dev, 'by-id-link');
    symlinkSync(path, link);
    expect(await usbIdentity(link, { sysRoot: sys })).toMatchObject({
      path: link,
      vendorId: '1915',
      serialNumber: 'THINGY91X_0A1B2C3D4E',
    });
  });

  it('is undefined for a tty sysfs does not know (a pty) and for one that is no USB device', async () => {
    const pty = join(dev, 'pts-3');
    writeFileSync(pty, '');
    expect(await usbIdentity(pty, { sysRoot: sys })).toBeUndefined();
    const platform = join(sys, 'devices', 'platform', 'serial8250');
    mkdirSync(platform, { recursive: true });
    mkdirSync(join(sys, 'class', 'tty', 'ttyS0'));
    symlinkSync(platform, join(sys, 'class', 'tty', 'ttyS0', 'device'));
    writeFileSync(join(dev, 'ttyS0'), '');
    expect(await usbIdentity(join(dev, 'ttyS0'), { sysRoot: sys })).toBeUndefined();
    expect(await usbIdentity(join(dev, 'missing'), { sysRoot: sys })).toBeUndefined();
  });
});

describe('portsFor', () => {
  it('on Linux with sysfs names the kit from sysfs alone, without the list', async () => {
    const path = usbPort('ttyACM0', { idVendor: '1366', serial: '001051234567' });
    const list = vi.fn(() => Promise.resolve([]));
    const ports = await portsFor(path, { sysRoot: sys, platform: 'linux', list });
    expect(list).not.toHaveBeenCalled();
    expect(groupPorts(ports).devices.map((d) => [d.id, d.name])).toEqual([
      ['001051234567', 'nRF9151 DK'],
    ]);
  });

  it('on Linux a port that is no USB device gives no ports, still without the list', async () => {
    const list = vi.fn(() => Promise.resolve([]));
    expect(await portsFor(join(dev, 'pts-1'), { sysRoot: sys, platform: 'linux', list })).toEqual(
      [],
    );
    expect(list).not.toHaveBeenCalled();
  });

  it('elsewhere, or without sysfs, asks the list; a failing list is no ports', async () => {
    const listed = [{ path: 'COM3', vendorId: '1366', serialNumber: '001051234567' }];
    const list = vi.fn(() => Promise.resolve(listed));
    expect(await portsFor('COM3', { sysRoot: sys, platform: 'win32', list })).toEqual(listed);
    const noSys = join(root, 'no-sys');
    expect(await portsFor('/dev/ttyACM0', { sysRoot: noSys, platform: 'linux', list })).toEqual(
      listed,
    );
    expect(list).toHaveBeenCalledTimes(2);
    const failing = () => Promise.reject(new Error('udevadm not found'));
    expect(await portsFor('COM3', { platform: 'darwin', list: failing })).toEqual([]);
  });
});
