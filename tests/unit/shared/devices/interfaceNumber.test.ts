import { interfaceNumberOf, naturalCompare } from '../../../../src-shared/devices/interfaceNumber';
import type { PortInfo } from '../../../../src-shared/devices/kits';

describe('interfaceNumberOf', () => {
  it.each<[string, PortInfo, number | undefined]>([
    ['Windows MI_00', { path: 'COM3', pnpId: 'USB\\VID_1366&PID_1055&MI_00\\7&2F9D3E4&0&0000' }, 0],
    ['Windows MI_04', { path: 'COM5', pnpId: 'USB\\VID_1366&PID_1055&MI_04\\7&2F9D3E4&0&0004' }, 4],
    [
      'Windows MI_0A is hex',
      { path: 'COM5', pnpId: 'USB\\VID_1366&PID_1055&mi_0a\\7&2F9D3E4&0&0004' },
      10,
    ],
    [
      'Windows without MI (single interface)',
      { path: 'COM1', pnpId: 'USB\\VID_0403&PID_6001\\A50285BI' },
      undefined,
    ],
    ['Linux pnpId if02', { path: '/dev/ttyACM1', pnpId: 'usb-SEGGER_J-Link_000960012345-if02' }, 2],
    ['Linux by-id path', { path: '/dev/serial/by-id/usb-SEGGER_J-Link_000960012345-if04' }, 4],
    [
      'Linux FTDI -if00-port0',
      { path: '/dev/ttyUSB0', pnpId: 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0' },
      0,
    ],
    ['Linux without pnpId', { path: '/dev/ttyACM7' }, undefined],
    [
      'macOS with the serial in the name',
      { path: '/dev/tty.usbmodem0010512345673', serialNumber: '001051234567' },
      2,
    ],
    [
      'macOS cu. device',
      { path: '/dev/cu.usbmodem0010512345671', serialNumber: '001051234567' },
      0,
    ],
    ['macOS location-based name', { path: '/dev/tty.usbmodem141103' }, 2],
    [
      'macOS suffix 0 is not an interface',
      { path: '/dev/tty.usbmodem0010512345670', serialNumber: '001051234567' },
      undefined,
    ],
    ['macOS Bluetooth port', { path: '/dev/tty.Bluetooth-Incoming-Port' }, undefined],
    ['a plain serial port', { path: '/dev/ttyS0' }, undefined],
  ])('%s', (_name, port, expected) => {
    expect(interfaceNumberOf(port)).toBe(expected);
  });
});

describe('naturalCompare', () => {
  it('orders digit runs by value and letters without regard to case', () => {
    const sorted = [
      '/dev/ttyACM10',
      '/dev/ttyACM2',
      'COM10',
      'COM9',
      '/dev/ttyACM1',
      'Thingy:91',
      'nRF9160 DK',
    ].sort(naturalCompare);
    expect(sorted).toEqual([
      '/dev/ttyACM1',
      '/dev/ttyACM2',
      '/dev/ttyACM10',
      'COM9',
      'COM10',
      'nRF9160 DK',
      'Thingy:91',
    ]);
  });

  it('is a total order that separates strings differing only in case', () => {
    expect(naturalCompare('a', 'A')).not.toBe(0);
    expect(Math.sign(naturalCompare('a', 'A'))).toBe(-Math.sign(naturalCompare('A', 'a')));
    expect(naturalCompare('x1', 'x1')).toBe(0);
  });
});
