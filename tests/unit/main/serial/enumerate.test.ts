import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { enumerateDevices, enumeratePorts } from '../../../../src-main/serial/enumerate';
import {
  guessFromById,
  scanFallbackPorts,
  type FallbackRoots,
} from '../../../../src-main/serial/fallbackScan';

let root: string;
let roots: FallbackRoots;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'onboarder-enum-'));
  roots = {
    byId: path.join(root, 'dev/serial/by-id'),
    sysClassTty: path.join(root, 'sys/class/tty'),
    dev: path.join(root, 'dev'),
  };
  await mkdir(roots.byId, { recursive: true });
  await mkdir(roots.sysClassTty, { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const noUdev = (): Promise<never> => Promise.reject(new Error('spawn udevadm ENOENT'));

/** A USB device in a fake sysfs with one interface per tty, like the kernel lays it out. */
async function fakeUsbDevice(
  busPath: string,
  attrs: Record<string, string>,
  ttys: Array<{ name: string; iface: string; usbSerial?: boolean }>,
): Promise<void> {
  const deviceDir = path.join(root, 'sys/devices/pci0000:00/usb1', busPath);
  await mkdir(deviceDir, { recursive: true });
  for (const [name, value] of Object.entries(attrs))
    await writeFile(path.join(deviceDir, name), `${value}\n`);
  for (const tty of ttys) {
    const ifaceDir = path.join(deviceDir, `${busPath}:1.${Number(tty.iface)}`);
    await mkdir(ifaceDir, { recursive: true });
    await writeFile(path.join(ifaceDir, 'bInterfaceNumber'), `${tty.iface}\n`);
    // ttyUSB sits one level deeper (usb-serial creates its own device below the interface).
    const target = tty.usbSerial === true ? path.join(ifaceDir, tty.name) : ifaceDir;
    await mkdir(target, { recursive: true });
    await mkdir(path.join(roots.sysClassTty, tty.name), { recursive: true });
    await symlink(target, path.join(roots.sysClassTty, tty.name, 'device'));
  }
}

describe('enumeratePorts', () => {
  it('passes serialport list results through, dropping absent fields', async () => {
    const result = await enumeratePorts({
      list: async () => [
        {
          path: '/dev/ttyACM0',
          serialNumber: '000960012345',
          vendorId: '1366',
          manufacturer: undefined,
        },
      ],
      fallbackRoots: roots,
    });
    expect(result).toEqual({
      ports: [{ path: '/dev/ttyACM0', serialNumber: '000960012345', vendorId: '1366' }],
    });
  });

  it('falls back to /sys when listing throws, and says it is degraded', async () => {
    await fakeUsbDevice(
      '1-2',
      { idVendor: '1366', idProduct: '1055', serial: '000960012345', manufacturer: 'SEGGER' },
      [
        { name: 'ttyACM1', iface: '02' },
        { name: 'ttyACM0', iface: '00' },
        { name: 'ttyACM2', iface: '04' },
      ],
    );
    const result = await enumeratePorts({ list: noUdev, fallbackRoots: roots });
    expect(result.degraded?.reason).toContain('udevadm ENOENT');
    expect(result.ports.map((p) => p.path)).toEqual(
      ['ttyACM0', 'ttyACM1', 'ttyACM2'].map((n) => path.join(roots.dev, n)),
    );
    expect(result.ports[0]).toMatchObject({
      vendorId: '1366',
      productId: '1055',
      serialNumber: '000960012345',
      manufacturer: 'SEGGER',
      pnpId: 'usb-SEGGER_000960012345-if00',
    });
  });

  it('reads ttyUSB ports one level deeper in sysfs', async () => {
    await fakeUsbDevice('1-3', { idVendor: '10C4', idProduct: 'EA60', serial: 'ABC' }, [
      { name: 'ttyUSB0', iface: '00', usbSerial: true },
    ]);
    const [port] = await scanFallbackPorts(roots);
    expect(port).toMatchObject({ vendorId: '10c4', productId: 'ea60', serialNumber: 'ABC' });
  });

  it('uses /dev/serial/by-id names when sysfs has nothing', async () => {
    await symlink(
      '../../ttyACM3',
      path.join(roots.byId, 'usb-Nordic_Semiconductor_Thingy_91_THINGY91_1234ABCD5678-if00'),
    );
    await symlink(
      '../../ttyACM4',
      path.join(roots.byId, 'usb-Nordic_Semiconductor_Thingy_91_THINGY91_1234ABCD5678-if02'),
    );
    const result = await enumerateDevices({ list: noUdev, fallbackRoots: roots });
    expect(result.degraded).toBeDefined();
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]).toMatchObject({
      id: 'THINGY91_1234ABCD5678',
      kit: 'thingy91',
      atPortPath: path.join(roots.dev, 'ttyACM3'),
    });
  });

  it('merges by-id names with sysfs facts for the same port', async () => {
    await fakeUsbDevice('1-4', { idVendor: '1366', serial: '001050912345' }, [
      { name: 'ttyACM7', iface: '00' },
    ]);
    await symlink('../../ttyACM7', path.join(roots.byId, 'usb-SEGGER_J-Link_001050912345-if00'));
    const ports = await scanFallbackPorts(roots);
    expect(ports).toEqual([
      {
        path: path.join(roots.dev, 'ttyACM7'),
        pnpId: 'usb-SEGGER_J-Link_001050912345-if00',
        serialNumber: '001050912345',
        vendorId: '1366',
        manufacturer: 'SEGGER',
        locationId: '1-4',
      },
    ]);
  });

  it('never throws: missing folders give an empty list plus the reason', async () => {
    const missing = {
      byId: path.join(root, 'nope1'),
      sysClassTty: path.join(root, 'nope2'),
      dev: '/dev',
    };
    const result = await enumerateDevices({ list: noUdev, fallbackRoots: missing });
    expect(result.devices).toEqual([]);
    expect(result.otherPorts).toEqual([]);
    expect(result.degraded?.reason).toBeTruthy();
  });
});

describe('guessFromById', () => {
  it.each([
    [
      'usb-SEGGER_J-Link_000960012345-if00',
      { serialNumber: '000960012345', vendorId: '1366', manufacturer: 'SEGGER' },
    ],
    [
      'usb-Nordic_Semiconductor_Thingy_91_X_THINGY91X_A1B2C3D4E5F6-if00',
      {
        serialNumber: 'THINGY91X_A1B2C3D4E5F6',
        vendorId: '1915',
        manufacturer: 'Nordic Semiconductor',
      },
    ],
    ['usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0', { serialNumber: 'A50285BI' }],
    ['pci-0000:00:14.0-usb-0:2:1.0', {}],
  ])('%s', (name, expected) => {
    expect(guessFromById(name)).toEqual(expected);
  });
});
