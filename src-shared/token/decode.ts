/**
 * Validates and decodes an nRF91 identity attestation token (docs/protocol.md §1): two
 * base64url parts joined by a dot. Every failure names the part and what is wrong; never throws.
 */
import { fail, ok } from '../ipc/errors';
import type { Result } from '../ipc/errors';
import { decodeBase64Url, describeCharacter, findBase64UrlFault } from './base64url';
import { checkCoseSign1, PART2_CHARS } from './coseSign1';
import { deviceTypeName } from './deviceTypes';
import { decodeIdentity, PART1_CHARS } from './identity';

/** What a token tells about its device; the UUID is nRF Cloud's device id. */
export interface DecodedToken {
  /** The normalised token string (whitespace and surrounding quotes removed). */
  token: string;
  messageType: number;
  /** Lower-case 8-4-4-4-12. */
  deviceUuid: string;
  deviceType: number;
  /** e.g. 'nRF9160 SICA', or `unknown type <n>`. */
  deviceTypeName: string;
  modemFirmwareUuid: string;
  /** 32 hex chars; changes on every AT%ATTESTTOKEN, so never use the token to identify a device. */
  nonceHex: string;
}

// A real token is 180 characters; anything far longer is not a token and is not worth decoding.
const MAX_TOKEN_CHARS = 4096;
const QUOTES = /^["'`\u2018\u2019\u201c\u201d]+|["'`\u2018\u2019\u201c\u201d]+$/g;
const PART_CHARS = [PART1_CHARS, PART2_CHARS] as const;

/** Removes whitespace anywhere (a wrapped paste) and quotes around the token. */
export function normaliseToken(input: string): string {
  return input.replace(/\s+/g, '').replace(QUOTES, '');
}

/** Checks every part of an attestation token and returns what it carries, or a precise error. */
export function decodeAttestationToken(input: string): Result<DecodedToken> {
  const token = normaliseToken(input);
  if (token.length === 0) return fail('TOKEN_EMPTY', 'The attestation token is empty.');
  if (token.length > MAX_TOKEN_CHARS) {
    return fail(
      'TOKEN_MALFORMED',
      `The text is ${token.length} characters long; an attestation token has about ${PART1_CHARS + 1 + PART2_CHARS}.`,
    );
  }
  const parts = token.split('.');
  if (parts.length !== 2) {
    const hint = token.startsWith('eyJ')
      ? ' This looks like a JSON Web Token, not an attestation token.'
      : '';
    return fail(
      'TOKEN_MALFORMED',
      `expected two parts joined by a dot, found ${parts.length}.${hint}`,
    );
  }
  const bytes: Uint8Array[] = [];
  for (const [index, part] of parts.entries()) {
    const name = `part ${index + 1}`;
    if (part.length === 0)
      return fail('TOKEN_MALFORMED', `${name} is empty: nothing on that side of the dot.`);
    const fault = findBase64UrlFault(part);
    if (fault !== undefined) {
      return fail('TOKEN_BAD_ENCODING', badCharacterMessage(name, fault.position, fault.character));
    }
    const decoded = decodeBase64Url(part);
    const expectedChars = PART_CHARS[index] ?? 0;
    // A 4n+1 length cannot be base64url; a short part is reported as truncated further down instead.
    if (decoded.hasDanglingChar && part.length >= expectedChars) {
      return fail(
        'TOKEN_BAD_ENCODING',
        `${name} has ${part.length} characters, a length base64url cannot have (${expectedChars} expected): a character was added or lost.`,
      );
    }
    // Canonical base64url leaves the unused low bits zero; a set bit means the last character was altered.
    if (decoded.hasStrayBits && part.length >= expectedChars) {
      return fail(
        'TOKEN_BAD_ENCODING',
        `${name} ends in ${describeCharacter(part.at(-1) ?? '')}, which no encoder writes there: the last character was altered.`,
      );
    }
    bytes.push(decoded.bytes);
  }
  const identity = decodeIdentity(bytes[0] ?? new Uint8Array(), parts[0]?.length ?? 0);
  if (!identity.ok) return fail('TOKEN_PART1_INVALID', identity.message);
  const signature = checkCoseSign1(bytes[1] ?? new Uint8Array(), parts[1]?.length ?? 0);
  if (!signature.ok) return fail('TOKEN_PART2_INVALID', signature.message);
  return ok({
    token,
    ...identity.value,
    deviceTypeName: deviceTypeName(identity.value.deviceType),
  });
}

function badCharacterMessage(name: string, position: number, character: string): string {
  const what = describeCharacter(character);
  if (character === '=') {
    return `${name} has padding '=' at character ${position}: attestation tokens are base64url without padding.`;
  }
  if (character === '+' || character === '/') {
    return `${name} has ${what} at character ${position}: that is standard base64, a token uses '-' and '_' instead.`;
  }
  return `${name} has ${what} at character ${position}: only A-Z, a-z, 0-9, '-' and '_' may appear.`;
}
