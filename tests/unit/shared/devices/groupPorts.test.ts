import { groupPorts } from '../../../../src-shared/devices/groupPorts';
import type { Device } from '../../../../src-shared/devices/groupPorts';
import type { PortInfo } from '../../../../src-shared/devices/kits';
import { linux, mac, windows } from './portLists';

/** The essentials of a device: name, id, ports in order with roles, AT path. */
function summary(device: Device | undefined) {
  if (device === undefined) return undefined;
  return {
    name: device.name,
    id: device.id,
    kit: device.kit,
    ports: device.ports.map((p) => `${p.path}:${p.role}:${p.interfaceNumber ?? '-'}`),
    atPortPath: device.atPortPath,
  };
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no element ${index}`);
  return value;
}

function only(ports: readonly PortInfo[]) {
  const { devices, otherPorts } = groupPorts(ports);
  expect(devices).toHaveLength(1);
  expect(otherPorts).toEqual([]);
  return summary(devices[0]);
}

describe('groupPorts per kit and OS', () => {
  it.each([
    [
      'nRF9160 DK on Linux (ttyACM10 sits on interface 0)',
      linux.nrf9160dk,
      {
        name: 'nRF9160 DK',
        id: '000960012345',
        kit: 'nrf9160dk',
        ports: ['/dev/ttyACM10:at:0', '/dev/ttyACM1:secondary:2', '/dev/ttyACM2:secondary:4'],
        atPortPath: '/dev/ttyACM10',
      },
    ],
    [
      'nRF9161 DK on Linux',
      linux.nrf9161dk,
      {
        name: 'nRF9161 DK',
        id: '001050912345',
        kit: 'nrf9161dk',
        ports: ['/dev/ttyACM3:at:0', '/dev/ttyACM4:secondary:2'],
        atPortPath: '/dev/ttyACM3',
      },
    ],
    [
      'Thingy:91 on Linux',
      linux.thingy91,
      {
        name: 'Thingy:91',
        id: 'THINGY91_1A2B3C4D5E6F',
        kit: 'thingy91',
        ports: ['/dev/ttyACM0:at:0', '/dev/ttyACM1:trace:2'],
        atPortPath: '/dev/ttyACM0',
      },
    ],
    [
      'nRF9160 DK on Windows',
      windows.nrf9160dk,
      {
        name: 'nRF9160 DK',
        id: '000960054321',
        kit: 'nrf9160dk',
        ports: ['COM3:at:0', 'COM4:secondary:2', 'COM5:secondary:4'],
        atPortPath: 'COM3',
      },
    ],
    [
      'nRF9161 DK on Windows (COM12 before COM9 by interface)',
      windows.nrf9161dk,
      {
        name: 'nRF9161 DK',
        id: '001050954321',
        kit: 'nrf9161dk',
        ports: ['COM12:at:0', 'COM9:secondary:2'],
        atPortPath: 'COM12',
      },
    ],
    [
      'Thingy:91 on Windows',
      windows.thingy91,
      {
        name: 'Thingy:91',
        id: 'THINGY91_ABCDEF012345',
        kit: 'thingy91',
        ports: ['COM20:at:0', 'COM21:trace:2'],
        atPortPath: 'COM20',
      },
    ],
    [
      'Thingy:91 X on Windows',
      windows.thingy91x,
      {
        name: 'Thingy:91 X',
        id: 'THINGY91X_0A1B2C3D4E5F',
        kit: 'thingy91x',
        ports: ['COM8:at:0', 'COM10:secondary:2'],
        atPortPath: 'COM8',
      },
    ],
    [
      'nRF9151 DK on macOS',
      mac.nrf9151dk,
      {
        name: 'nRF9151 DK',
        id: '001051234567',
        kit: 'nrf9151dk',
        ports: [
          '/dev/tty.usbmodem0010512345671:at:0',
          '/dev/tty.usbmodem0010512345673:secondary:2',
        ],
        atPortPath: '/dev/tty.usbmodem0010512345671',
      },
    ],
    [
      'Thingy:91 X on macOS (location-based names)',
      mac.thingy91x,
      {
        name: 'Thingy:91 X',
        id: 'THINGY91X_FEDCBA987654',
        kit: 'thingy91x',
        ports: ['/dev/tty.usbmodem141101:at:0', '/dev/tty.usbmodem141103:secondary:2'],
        atPortPath: '/dev/tty.usbmodem141101',
      },
    ],
    [
      'Thingy:91 on macOS',
      mac.thingy91,
      {
        name: 'Thingy:91',
        id: 'THINGY91_001122334455',
        kit: 'thingy91',
        ports: [
          '/dev/tty.usbmodemTHINGY91_0011223344551:at:0',
          '/dev/tty.usbmodemTHINGY91_0011223344553:trace:2',
        ],
        atPortPath: '/dev/tty.usbmodemTHINGY91_0011223344551',
      },
    ],
  ])('%s', (_name, ports, expected) => {
    expect(only(ports)).toEqual(expected);
    // The listing order must not matter.
    expect(only([...ports].reverse())).toEqual(expected);
  });

  it('keeps every field serialport reported on each port', () => {
    const device = groupPorts(windows.thingy91).devices[0];
    const at = device?.ports.find((p) => p.role === 'at');
    expect(at).toEqual({ ...windows.thingy91[1], interfaceNumber: 0, role: 'at' });
    expect(device?.serialNumber).toBe('THINGY91_ABCDEF012345');
  });
});

describe('groupPorts with missing ports', () => {
  it('marks the AT port of a kit showing fewer ports when interface 0 is there', () => {
    expect(only([pick(linux.nrf9160dk, 0), pick(linux.nrf9160dk, 1)])).toMatchObject({
      ports: ['/dev/ttyACM10:at:0', '/dev/ttyACM2:secondary:4'],
      atPortPath: '/dev/ttyACM10',
    });
  });

  it('marks no AT port when the AT interface is missing', () => {
    expect(only([pick(linux.nrf9160dk, 0), pick(linux.nrf9160dk, 2)])).toMatchObject({
      ports: ['/dev/ttyACM1:other:2', '/dev/ttyACM2:other:4'],
      atPortPath: undefined,
    });
  });

  it('marks the Thingy:91 trace port alone without calling it AT', () => {
    expect(only([pick(windows.thingy91, 0)])).toMatchObject({
      ports: ['COM21:trace:2'],
      atPortPath: undefined,
    });
  });

  it('marks no AT port when a short kit gives no interface numbers', () => {
    const port = { ...pick(linux.nrf9161dk, 0), pnpId: undefined };
    expect(only([port])).toMatchObject({ ports: ['/dev/ttyACM4:other:-'], atPortPath: undefined });
  });

  it('falls back to natural path order when interface numbers are unknown', () => {
    const ports = [10, 2, 1].map((n) => ({
      ...pick(linux.nrf9160dk, 0),
      path: `/dev/ttyACM${n}`,
      pnpId: undefined,
    }));
    expect(only(ports)).toMatchObject({
      ports: ['/dev/ttyACM1:at:-', '/dev/ttyACM2:secondary:-', '/dev/ttyACM10:secondary:-'],
      atPortPath: '/dev/ttyACM1',
    });
  });
});

describe('groupPorts with several devices and other ports', () => {
  const twin9160 = linux.nrf9160dk.map((p, i) => ({
    ...p,
    path: `/dev/ttyACM${20 + i}`,
    serialNumber: '000960000001',
    pnpId: p.pnpId.replace('000960012345', '000960000001'),
  }));
  const everything: PortInfo[] = [
    linux.builtIn,
    ...linux.thingy91,
    linux.ftdi,
    ...linux.nrf9160dk,
    ...twin9160,
    ...mac.nrf9151dkLate,
    ...windows.thingy91x,
    ...linux.nrf9161dk,
    mac.bluetooth,
    windows.lostSerial,
    {
      path: '/dev/ttyACM30',
      vendorId: '1366',
      serialNumber: undefined,
      pnpId: 'usb-SEGGER_J-Link-if00',
    },
    { path: '/dev/ttyACM31', vendorId: '1915', serialNumber: '' },
  ];

  it('sorts devices by name, then serial number', () => {
    const { devices } = groupPorts(everything);
    expect(devices.map((d) => `${d.name} ${d.id}`)).toEqual([
      'nRF9151 DK 001052076543',
      'nRF9160 DK 000960000001',
      'nRF9160 DK 000960012345',
      'nRF9161 DK 001050912345',
      'Thingy:91 THINGY91_1A2B3C4D5E6F',
      'Thingy:91 X THINGY91X_0A1B2C3D4E5F',
    ]);
    expect(devices.map((d) => d.atPortPath)).toEqual([
      '/dev/tty.usbmodem0010520765431',
      '/dev/ttyACM21',
      '/dev/ttyACM10',
      '/dev/ttyACM3',
      '/dev/ttyACM0',
      'COM8',
    ]);
    expect(
      devices.every((d) => d.ports.length === d.ports.filter((p) => p.role !== 'at').length + 1),
    ).toBe(true);
  });

  it('puts unknown adapters and kits without a serial number in otherPorts, ungrouped', () => {
    const { otherPorts } = groupPorts(everything);
    expect(otherPorts.map((p) => `${p.path}:${p.role}`)).toEqual([
      '/dev/tty.Bluetooth-Incoming-Port:other',
      '/dev/ttyACM30:other',
      '/dev/ttyACM31:other',
      '/dev/ttyS0:other',
      '/dev/ttyUSB0:other',
      'COM6:other',
    ]);
    expect(otherPorts.find((p) => p.path === '/dev/ttyUSB0')?.interfaceNumber).toBe(0);
  });

  it('loses no port and gives the same answer for any listing order', () => {
    const forward = groupPorts(everything);
    const backward = groupPorts([...everything].reverse());
    expect(backward).toEqual(forward);
    const count =
      forward.devices.reduce((n, d) => n + d.ports.length, 0) + forward.otherPorts.length;
    expect(count).toBe(everything.length);
  });

  it('returns nothing for no ports', () => {
    expect(groupPorts([])).toEqual({ devices: [], otherPorts: [] });
  });
});
