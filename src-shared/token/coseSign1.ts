/**
 * Part 2 of an attestation token: a COSE_Sign1 (docs/protocol.md §1.6, RFC 9052 section 4.2).
 * tag 18 + array(4): [bstr protected {1: -7 (ES256)}, map unprotected {4 (kid): h'21'}, nil, bstr64].
 * Only nRF Cloud can verify the signature; here we only check the shape.
 */
import { decodeCborItem, toHex, untag } from './cbor';
import { describeValue } from './identity';

export const PART2_BYTES = 77;
export const PART2_CHARS = 103;
const COSE_SIGN1_TAG = 18;
const PROTECTED_ES256 = 'a10126';
const KID_LABEL = 4;
const IDENTITY_KEY_KID = '21';
const SIGNATURE_BYTES = 64;

/** Either success or a sentence saying which part of part 2 is wrong. */
export type SignatureOutcome = { ok: true } | { ok: false; message: string };

const failure = (message: string): SignatureOutcome => ({ ok: false, message });

/** Validates the shape of the bytes of part 2. */
export function checkCoseSign1(bytes: Uint8Array, charCount: number): SignatureOutcome {
  if (bytes.length === 0) return failure(truncated(0, charCount));
  if (bytes[0] !== 0xd2) {
    if (bytes[0] === 0xd9)
      return failure(
        'part 2 holds an identity claim (tag 55799): the two parts seem to be swapped',
      );
    return failure(
      `part 2 must start with CBOR tag 18 (d2, COSE_Sign1), found ${hexByte(bytes[0] ?? 0)}`,
    );
  }
  const outcome = decodeCborItem(bytes);
  if (outcome.kind === 'truncated') return failure(truncated(bytes.length, charCount));
  if (outcome.kind === 'invalid') return failure(`part 2 is not valid CBOR: ${outcome.reason}`);
  // The first byte d2 is tag 18 itself; untag copes whether the decoder kept the Tag or unwrapped it.
  const { content } = untag(outcome.value, COSE_SIGN1_TAG);
  if (!Array.isArray(content) || content.length !== 4) {
    return failure(
      `part 2 must be a COSE_Sign1 array of 4 fields, found ${describeValue(content)}`,
    );
  }
  const [protectedHeader, unprotectedHeader, payload, signature] = content as unknown[];
  const fieldError =
    checkProtected(protectedHeader) ??
    checkUnprotected(unprotectedHeader) ??
    (payload === null
      ? undefined
      : `part 2 payload must be nil (detached), found ${describeValue(payload)}`) ??
    checkSignature(signature);
  if (fieldError !== undefined) return failure(fieldError);
  if (outcome.hasTrailingBytes) {
    return failure(
      `part 2 has extra bytes after the signature (${bytes.length} bytes, ${PART2_BYTES} expected)`,
    );
  }
  return { ok: true };
}

function truncated(byteCount: number, charCount: number): string {
  if (byteCount >= PART2_BYTES) {
    return `part 2 ends in the middle of a CBOR item although it has ${byteCount} bytes: a length or type byte is damaged`;
  }
  return `part 2 is truncated: ${byteCount} of ${PART2_BYTES} bytes (${charCount} of ${PART2_CHARS} characters)`;
}

function checkProtected(value: unknown): string | undefined {
  if (!(value instanceof Uint8Array)) {
    return `part 2 protected header must be a byte string, found ${describeValue(value)}`;
  }
  const hex = toHex(value);
  if (hex !== PROTECTED_ES256) {
    return `part 2 protected header must be a1 01 26 (algorithm ES256), found ${hex || 'nothing'}`;
  }
  return undefined;
}

function checkUnprotected(value: unknown): string | undefined {
  if (!(value instanceof Map))
    return `part 2 unprotected header must be a map, found ${describeValue(value)}`;
  const kid: unknown = value.get(KID_LABEL);
  if (kid === undefined) return 'part 2 unprotected header has no key id (label 4)';
  if (!(kid instanceof Uint8Array) || toHex(kid) !== IDENTITY_KEY_KID) {
    const found =
      kid instanceof Uint8Array ? toHex(kid) || 'an empty byte string' : describeValue(kid);
    return `part 2 key id must be 0x21 (the identity key), found ${found}`;
  }
  return undefined;
}

function checkSignature(value: unknown): string | undefined {
  if (!(value instanceof Uint8Array))
    return `part 2 signature must be a byte string, found ${describeValue(value)}`;
  if (value.length !== SIGNATURE_BYTES) {
    return `part 2 signature must be ${SIGNATURE_BYTES} bytes (ES256), found ${value.length}`;
  }
  return undefined;
}

function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
