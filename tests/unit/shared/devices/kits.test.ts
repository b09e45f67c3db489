import { identifyKit, kits, normaliseUsbId } from '../../../../src-shared/devices/kits';
import type { KitId, PortInfo } from '../../../../src-shared/devices/kits';

describe('identifyKit', () => {
  it.each<[string, PortInfo, KitId | undefined]>([
    ['nRF9160 DK', { path: 'a', vendorId: '1366', serialNumber: '000960012345' }, 'nrf9160dk'],
    ['nRF9161 DK', { path: 'a', vendorId: '1366', serialNumber: '001050912345' }, 'nrf9161dk'],
    [
      'nRF9151 DK 0010512',
      { path: 'a', vendorId: '1366', serialNumber: '001051212345' },
      'nrf9151dk',
    ],
    [
      'nRF9151 DK 0010520',
      { path: 'a', vendorId: '1366', serialNumber: '001052012345' },
      'nrf9151dk',
    ],
    [
      'Thingy:91',
      { path: 'a', vendorId: '1915', serialNumber: 'THINGY91_1A2B3C4D5E6F' },
      'thingy91',
    ],
    [
      'Thingy:91 lower-case hex',
      { path: 'a', vendorId: '1915', serialNumber: 'THINGY91_1a2b3c4d5e6f' },
      'thingy91',
    ],
    [
      'Thingy:91 X',
      { path: 'a', vendorId: '1915', serialNumber: 'THINGY91X_0A1B2C3D4E5F' },
      'thingy91x',
    ],
    [
      'vendor id with 0x',
      { path: 'a', vendorId: '0x1366', serialNumber: '000960012345' },
      'nrf9160dk',
    ],
    [
      'vendor id upper-case 0X',
      { path: 'a', vendorId: '0X1915', serialNumber: 'THINGY91X_AB' },
      'thingy91x',
    ],
    [
      'serial with whitespace',
      { path: 'a', vendorId: '1366', serialNumber: ' 000960012345 ' },
      'nrf9160dk',
    ],
    [
      'any product id',
      { path: 'a', vendorId: '1366', productId: 'beef', serialNumber: '001050912345' },
      'nrf9161dk',
    ],
    [
      'a 9160 serial on the Nordic vendor id',
      { path: 'a', vendorId: '1915', serialNumber: '000960012345' },
      undefined,
    ],
    [
      'a Thingy serial on the SEGGER vendor id',
      { path: 'a', vendorId: '1366', serialNumber: 'THINGY91_1A2B3C4D5E6F' },
      undefined,
    ],
    [
      'nRF52840 DK (other SEGGER board)',
      { path: 'a', vendorId: '1366', serialNumber: '000683123456' },
      undefined,
    ],
    ['Nordic dongle', { path: 'a', vendorId: '1915', serialNumber: 'D1F2E3A4B5C6' }, undefined],
    ['no serial number', { path: 'a', vendorId: '1366' }, undefined],
    ['empty serial number', { path: 'a', vendorId: '1366', serialNumber: '' }, undefined],
    ['no vendor id', { path: 'a', serialNumber: '000960012345' }, undefined],
    [
      'garbage vendor id',
      { path: 'a', vendorId: 'SEGGER', serialNumber: '000960012345' },
      undefined,
    ],
  ])('%s', (_name, port, expected) => {
    expect(identifyKit(port)?.id).toBe(expected);
  });

  it('keeps the kit table of docs/protocol.md', () => {
    const table = Object.fromEntries(
      kits.map((k) => [
        k.id,
        [k.name, k.vendorId, k.portCount, k.atPortIndex, k.tracePortIndex, k.traceBaudRate],
      ]),
    );
    expect(table).toEqual({
      nrf9160dk: ['nRF9160 DK', '1366', 3, 0, undefined, undefined],
      nrf9161dk: ['nRF9161 DK', '1366', 2, 0, undefined, undefined],
      nrf9151dk: ['nRF9151 DK', '1366', 2, 0, undefined, undefined],
      thingy91: ['Thingy:91', '1915', 2, 0, 1, 1_000_000],
      thingy91x: ['Thingy:91 X', '1915', 2, 0, undefined, undefined],
    });
  });

  it.each([
    ['1366', '1366'],
    ['0x1366', '1366'],
    ['910A', '910a'],
    ['0403', '0403'],
    ['403', '0403'],
    ['', undefined],
    ['12345', undefined],
    [undefined, undefined],
  ])('normalises the USB id %j', (input, expected) => {
    expect(normaliseUsbId(input)).toBe(expected);
  });
});
