/** Port lists shaped like serialport's list() on each OS (docs/protocol.md §3). */
import type { PortInfo } from '../../../../src-shared/devices/kits';

const segger = { manufacturer: 'SEGGER', vendorId: '1366', productId: '1055' };
const nordic = { manufacturer: 'Nordic Semiconductor ASA', vendorId: '1915' };

export const linux = {
  nrf9160dk: ['if04', 'if00', 'if02'].map((iface, i) => ({
    ...segger,
    path: `/dev/ttyACM${[2, 10, 1][i]}`,
    serialNumber: '000960012345',
    pnpId: `usb-SEGGER_J-Link_000960012345-${iface}`,
  })),
  nrf9161dk: [
    {
      ...segger,
      path: '/dev/ttyACM4',
      serialNumber: '001050912345',
      pnpId: 'usb-SEGGER_J-Link_001050912345-if02',
    },
    {
      ...segger,
      path: '/dev/ttyACM3',
      serialNumber: '001050912345',
      pnpId: 'usb-SEGGER_J-Link_001050912345-if00',
    },
  ],
  thingy91: [
    {
      ...nordic,
      productId: '9100',
      path: '/dev/ttyACM0',
      serialNumber: 'THINGY91_1A2B3C4D5E6F',
      pnpId: 'usb-Nordic_Semiconductor_Thingy:91_UART_THINGY91_1A2B3C4D5E6F-if00',
    },
    {
      ...nordic,
      productId: '9100',
      path: '/dev/ttyACM1',
      serialNumber: 'THINGY91_1A2B3C4D5E6F',
      pnpId: 'usb-Nordic_Semiconductor_Thingy:91_UART_THINGY91_1A2B3C4D5E6F-if02',
    },
  ],
  ftdi: {
    path: '/dev/ttyUSB0',
    manufacturer: 'FTDI',
    vendorId: '0403',
    productId: '6001',
    serialNumber: 'A50285BI',
    pnpId: 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0',
  },
  builtIn: { path: '/dev/ttyS0' },
} satisfies Record<string, PortInfo | PortInfo[]>;

export const windows = {
  nrf9161dk: [
    {
      ...segger,
      path: 'COM12',
      serialNumber: '001050954321',
      pnpId: 'USB\\VID_1366&PID_1055&MI_00\\7&2F9D3E4&0&0000',
    },
    {
      ...segger,
      path: 'COM9',
      serialNumber: '001050954321',
      pnpId: 'USB\\VID_1366&PID_1055&MI_02\\7&2F9D3E4&0&0002',
    },
  ],
  nrf9160dk: [
    {
      ...segger,
      path: 'COM5',
      serialNumber: '000960054321',
      pnpId: 'USB\\VID_1366&PID_1055&MI_04\\7&1A2B3C4&0&0004',
    },
    {
      ...segger,
      path: 'COM3',
      serialNumber: '000960054321',
      pnpId: 'USB\\VID_1366&PID_1055&MI_00\\7&1A2B3C4&0&0000',
    },
    {
      ...segger,
      path: 'COM4',
      serialNumber: '000960054321',
      pnpId: 'USB\\VID_1366&PID_1055&MI_02\\7&1A2B3C4&0&0002',
    },
  ],
  thingy91: [
    {
      ...nordic,
      productId: '9100',
      path: 'COM21',
      serialNumber: 'THINGY91_ABCDEF012345',
      pnpId: 'USB\\VID_1915&PID_9100&MI_02\\8&11223344&0&0002',
    },
    {
      ...nordic,
      productId: '9100',
      path: 'COM20',
      serialNumber: 'THINGY91_ABCDEF012345',
      pnpId: 'USB\\VID_1915&PID_9100&MI_00\\8&11223344&0&0000',
    },
  ],
  thingy91x: [
    {
      ...nordic,
      productId: '910A',
      path: 'COM8',
      serialNumber: 'THINGY91X_0A1B2C3D4E5F',
      pnpId: 'USB\\VID_1915&PID_910A&MI_00\\9&AABBCC&0&0000',
    },
    {
      ...nordic,
      productId: '910A',
      path: 'COM10',
      serialNumber: 'THINGY91X_0A1B2C3D4E5F',
      pnpId: 'USB\\VID_1915&PID_910A&MI_02\\9&AABBCC&0&0002',
    },
  ],
  // Composite-device serial lookup failed: serialport falls back to the instance id from pnpId.
  lostSerial: {
    ...segger,
    path: 'COM6',
    serialNumber: '7&2F9D3E4&0&0000',
    pnpId: 'USB\\VID_1366&PID_1055&MI_00\\7&2F9D3E4&0&0000',
  },
} satisfies Record<string, PortInfo | PortInfo[]>;

export const mac = {
  nrf9151dk: [
    {
      ...segger,
      path: '/dev/tty.usbmodem0010512345673',
      serialNumber: '001051234567',
      locationId: '14100000',
    },
    {
      ...segger,
      path: '/dev/tty.usbmodem0010512345671',
      serialNumber: '001051234567',
      locationId: '14100000',
    },
  ],
  nrf9151dkLate: [
    {
      ...segger,
      path: '/dev/tty.usbmodem0010520765431',
      serialNumber: '001052076543',
      locationId: '14200000',
    },
    {
      ...segger,
      path: '/dev/tty.usbmodem0010520765433',
      serialNumber: '001052076543',
      locationId: '14200000',
    },
  ],
  thingy91x: [
    {
      ...nordic,
      productId: '910a',
      path: '/dev/tty.usbmodem141103',
      serialNumber: 'THINGY91X_FEDCBA987654',
      locationId: '14110000',
    },
    {
      ...nordic,
      productId: '910a',
      path: '/dev/tty.usbmodem141101',
      serialNumber: 'THINGY91X_FEDCBA987654',
      locationId: '14110000',
    },
  ],
  thingy91: [
    {
      ...nordic,
      productId: '9100',
      path: '/dev/tty.usbmodemTHINGY91_0011223344553',
      serialNumber: 'THINGY91_001122334455',
    },
    {
      ...nordic,
      productId: '9100',
      path: '/dev/tty.usbmodemTHINGY91_0011223344551',
      serialNumber: 'THINGY91_001122334455',
    },
  ],
  bluetooth: { path: '/dev/tty.Bluetooth-Incoming-Port' },
} satisfies Record<string, PortInfo | PortInfo[]>;
