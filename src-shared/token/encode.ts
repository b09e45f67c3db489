/**
 * Builds synthetic attestation tokens byte for byte like the modem does (docs/protocol.md §1.8,
 * "Building a synthetic token for tests"). Used by the device simulator and by tests.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// CBOR tag 55799 (self-describe), array(5), uint 1 (device identity v1), then bstr(16) headers.
const PART1_HEAD = [0xd9, 0xd9, 0xf7, 0x85, 0x01];
const BSTR16 = 0x50;
// COSE_Sign1: tag 18, array(4), protected {1: -7 (ES256)}, unprotected {4: h'21'}, nil, bstr(64).
const PART2_HEAD = [0xd2, 0x84, 0x43, 0xa1, 0x01, 0x26, 0xa1, 0x04, 0x41, 0x21, 0xf6, 0x58, 0x40];

export const NONCE_LENGTH = 16;
export const SIGNATURE_LENGTH = 64;

/** The fields that make up a synthetic attestation token. */
export interface AttestationTokenFields {
  deviceUuid: string;
  deviceType: number;
  modemFirmwareUuid: string;
  nonce: Uint8Array;
  /** 64 bytes; all zeros when absent (nobody but nRF Cloud can check it anyway). */
  signature?: Uint8Array;
}

/** Encodes bytes as base64url without padding (RFC 4648 section 5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const triple = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) {
      out += BASE64URL.charAt((triple >> (18 - 6 * c)) & 0x3f);
    }
  }
  return out;
}

/** Converts a textual UUID (8-4-4-4-12 hex, any case) to its 16 bytes. */
export function uuidToBytes(uuid: string): Uint8Array {
  if (!UUID_PATTERN.test(uuid)) {
    throw new RangeError(`not a UUID: ${uuid}`);
  }
  const hex = uuid.replace(/-/g, '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/** CBOR major type 0 (unsigned integer) in its shortest form. */
function cborUint(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`device type must be a 32-bit unsigned integer, got ${value}`);
  }
  if (value < 24) return [value];
  if (value <= 0xff) return [0x18, value];
  if (value <= 0xffff) return [0x19, value >> 8, value & 0xff];
  return [0x1a, (value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function exactLength(name: string, bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** The raw bytes of part 1 (CBOR device identity). */
export function encodeTokenPart1(p: AttestationTokenFields): Uint8Array {
  return Uint8Array.from([
    ...PART1_HEAD,
    BSTR16,
    ...uuidToBytes(p.deviceUuid),
    ...cborUint(p.deviceType),
    BSTR16,
    ...uuidToBytes(p.modemFirmwareUuid),
    BSTR16,
    ...exactLength('nonce', p.nonce, NONCE_LENGTH),
  ]);
}

/** The raw bytes of part 2 (COSE_Sign1 with a nil payload). */
export function encodeTokenPart2(
  signature: Uint8Array = new Uint8Array(SIGNATURE_LENGTH),
): Uint8Array {
  return Uint8Array.from([...PART2_HEAD, ...exactLength('signature', signature, SIGNATURE_LENGTH)]);
}

/** Builds the token string `<part1>.<part2>` exactly as `AT%ATTESTTOKEN` prints it between quotes. */
export function encodeAttestationToken(p: AttestationTokenFields): string {
  return `${base64UrlEncode(encodeTokenPart1(p))}.${base64UrlEncode(encodeTokenPart2(p.signature))}`;
}

interface CryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** Cryptographically random bytes through Web Crypto (available in Node 20, Electron and browsers). */
export function randomBytes(length: number): Uint8Array {
  const crypto = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (crypto === undefined) {
    throw new Error('Web Crypto (globalThis.crypto) is not available');
  }
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A fresh 16-byte nonce, as the modem draws for every `AT%ATTESTTOKEN`. */
export function randomNonce(): Uint8Array {
  return randomBytes(NONCE_LENGTH);
}
