/**
 * The nRF91 kits the app recognises, by USB vendor id plus serial-number pattern (docs/protocol.md
 * section 3). Product ids are never used: SEGGER has many and they change between probe firmware.
 */

/** One serial port as the serialport library lists it. */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  locationId?: string | undefined;
}

/** The optional fields of PortInfo, for code that copies or merges port descriptions. */
export const portInfoFields = [
  'manufacturer',
  'serialNumber',
  'pnpId',
  'vendorId',
  'productId',
  'locationId',
] as const;

export type KitId = 'nrf9160dk' | 'nrf9161dk' | 'nrf9151dk' | 'thingy91' | 'thingy91x';

/** How to recognise a kit and which of its ports (sorted by USB interface) talks AT. */
export interface KitSpec {
  id: KitId;
  name: string;
  /** Lower-case hex, 4 digits, no 0x. */
  vendorId: string;
  serialPattern: RegExp;
  portCount: number;
  atPortIndex: number;
  tracePortIndex?: number;
  traceBaudRate?: number;
}

const SEGGER = '1366';
const NORDIC = '1915';

export const kits: readonly KitSpec[] = [
  {
    id: 'nrf9160dk',
    name: 'nRF9160 DK',
    vendorId: SEGGER,
    serialPattern: /^0009600\d+$/,
    portCount: 3,
    atPortIndex: 0,
  },
  {
    id: 'nrf9161dk',
    name: 'nRF9161 DK',
    vendorId: SEGGER,
    serialPattern: /^0010509\d+$/,
    portCount: 2,
    atPortIndex: 0,
  },
  {
    id: 'nrf9151dk',
    name: 'nRF9151 DK',
    vendorId: SEGGER,
    serialPattern: /^00105(?:12|20)\d+$/,
    portCount: 2,
    atPortIndex: 0,
  },
  {
    id: 'thingy91',
    name: 'Thingy:91',
    vendorId: NORDIC,
    serialPattern: /^THINGY91_[0-9A-F]+$/i,
    portCount: 2,
    atPortIndex: 0,
    tracePortIndex: 1,
    traceBaudRate: 1_000_000,
  },
  {
    id: 'thingy91x',
    name: 'Thingy:91 X',
    vendorId: NORDIC,
    serialPattern: /^THINGY91X_[0-9A-F]+$/i,
    portCount: 2,
    atPortIndex: 0,
  },
];

/** Vendor ids arrive as `1366`, `0x1366` or `1915`/`1915` in any case; compare them in one form. */
export function normaliseUsbId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const hex = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : undefined;
}

/** The kit a port belongs to, or undefined for any other serial port. */
export function identifyKit(port: PortInfo): KitSpec | undefined {
  const vendorId = normaliseUsbId(port.vendorId);
  const serialNumber = port.serialNumber?.trim();
  if (vendorId === undefined || serialNumber === undefined || serialNumber === '') return undefined;
  return kits.find((kit) => kit.vendorId === vendorId && kit.serialPattern.test(serialNumber));
}

/**
 * The kit a USB serial number names, by its pattern alone: the patterns do not overlap, so a
 * serial number kept without its vendor id (an older journal entry) still names its kit.
 */
export function kitOfSerialNumber(serialNumber: string | undefined): KitSpec | undefined {
  const trimmed = serialNumber?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  return kits.find((kit) => kit.serialPattern.test(trimmed));
}
