/**
 * Part 1 of an attestation token: the device identity claim (docs/protocol.md §1).
 * tag 55799 (d9 d9 f7) + array(5): [message type 1, bstr16 device UUID, uint device type,
 * bstr16 modem firmware UUID, bstr16 nonce]. 57 bytes when the device type is below 24.
 */
import { decodeCborItem, toHex, untag } from './cbor';

/** The fields carried by part 1. */
export interface DeviceIdentity {
  messageType: number;
  deviceUuid: string;
  deviceType: number;
  modemFirmwareUuid: string;
  nonceHex: string;
}

export const PART1_BYTES = 57;
export const PART1_CHARS = 76;
const SELF_DESCRIBE = [0xd9, 0xd9, 0xf7];
const COSE_SIGN1_START = [0xd2, 0x84];
const IDENTITY_MESSAGE_TYPE = 1;
const FIELD_COUNT = 5;
const UUID_BYTES = 16;

/** Either the decoded identity or a sentence saying which part of part 1 is wrong. */
export type IdentityOutcome = { ok: true; value: DeviceIdentity } | { ok: false; message: string };

const failure = (message: string): IdentityOutcome => ({ ok: false, message });

/** Validates and decodes the bytes of part 1. */
export function decodeIdentity(bytes: Uint8Array, charCount: number): IdentityOutcome {
  if (bytes.length < SELF_DESCRIBE.length) {
    return failure(truncated(bytes.length, charCount));
  }
  if (!startsWith(bytes, SELF_DESCRIBE)) {
    if (startsWith(bytes, COSE_SIGN1_START)) {
      return failure('part 1 holds a signature (COSE_Sign1): the two parts seem to be swapped');
    }
    return failure(
      `part 1 must start with CBOR tag 55799 (d9 d9 f7), found ${spacedHex(bytes.subarray(0, 3))}`,
    );
  }
  const outcome = decodeCborItem(bytes);
  if (outcome.kind === 'truncated') return failure(truncated(bytes.length, charCount));
  if (outcome.kind === 'invalid') return failure(`part 1 is not valid CBOR: ${outcome.reason}`);
  // cbor2 strips tag 55799 itself; untag copes with either behaviour.
  const { content } = untag(outcome.value, 55799);
  if (!Array.isArray(content)) {
    return failure(
      `part 1 must hold an array of ${FIELD_COUNT} fields, found ${describeValue(content)}`,
    );
  }
  if (content.length !== FIELD_COUNT) {
    return failure(`part 1 must hold an array of ${FIELD_COUNT} fields, found ${content.length}`);
  }
  const [messageType, deviceUuid, deviceType, firmwareUuid, nonce] = content as unknown[];
  if (messageType !== IDENTITY_MESSAGE_TYPE) {
    return failure(`message type must be 1 (device identity), found ${describeValue(messageType)}`);
  }
  const fieldError =
    checkBytes('device UUID', deviceUuid) ??
    checkDeviceType(deviceType) ??
    checkBytes('modem firmware UUID', firmwareUuid) ??
    checkBytes('nonce', nonce);
  if (fieldError !== undefined) return failure(fieldError);
  if (outcome.hasTrailingBytes) {
    return failure(
      `part 1 has extra bytes after the identity claim (${bytes.length} bytes, ${PART1_BYTES} expected)`,
    );
  }
  return {
    ok: true,
    value: {
      messageType: IDENTITY_MESSAGE_TYPE,
      deviceUuid: formatUuid(deviceUuid as Uint8Array),
      deviceType: deviceType as number,
      modemFirmwareUuid: formatUuid(firmwareUuid as Uint8Array),
      nonceHex: toHex(nonce as Uint8Array),
    },
  };
}

function truncated(byteCount: number, charCount: number): string {
  if (byteCount >= PART1_BYTES) {
    return `part 1 ends in the middle of a CBOR item although it has ${byteCount} bytes: a length or type byte is damaged`;
  }
  return `part 1 is truncated: ${byteCount} of ${PART1_BYTES} bytes (${charCount} of ${PART1_CHARS} characters)`;
}

function checkBytes(name: string, value: unknown): string | undefined {
  if (!(value instanceof Uint8Array))
    return `${name} must be a byte string, found ${describeValue(value)}`;
  if (value.length !== UUID_BYTES)
    return `${name} must be ${UUID_BYTES} bytes, found ${value.length}`;
  return undefined;
}

function checkDeviceType(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
  return `device type must be an unsigned integer, found ${describeValue(value)}`;
}

/** Lower-case 8-4-4-4-12, the form nRF Cloud uses as the device id. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function spacedHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** A short, safe description of a decoded CBOR value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nil';
  if (value === undefined) return 'undefined';
  if (value instanceof Uint8Array) return `a byte string of ${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Map) return `a map of ${value.size}`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === 'bigint') return `the integer ${value.toString()}`;
  if (typeof value === 'string') return `a text string of ${value.length} characters`;
  if (typeof value === 'boolean') return `${value}`;
  return `a value of type ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}
