/**
 * Strict base64url decoding (RFC 4648 section 5, no padding) without Node's Buffer, so the same code
 * runs in main, the renderer and the CLI.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

/** The first character outside the base64url alphabet, with its 1-based position. */
export interface Base64UrlFault {
  position: number;
  character: string;
}

/**
 * Decoded bytes. `hasDanglingChar`: a 4n+1 length, whose last character holds no full byte.
 * `hasStrayBits`: the last character sets bits that canonical base64url leaves zero.
 */
export interface Base64UrlBytes {
  bytes: Uint8Array;
  hasDanglingChar: boolean;
  hasStrayBits: boolean;
}

/** Finds the first character that is not base64url (padding `=` included), or undefined. */
export function findBase64UrlFault(text: string): Base64UrlFault | undefined {
  let position = 0;
  for (const character of text) {
    position += 1;
    if (!VALUE_OF.has(character)) return { position, character };
  }
  return undefined;
}

/**
 * Decodes base64url text that has already passed findBase64UrlFault. Unused low bits of the last
 * character are ignored so a truncated token still decodes to the bytes it carries.
 */
export function decodeBase64Url(text: string): Base64UrlBytes {
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const character of text) {
    buffer = ((buffer << 6) | (VALUE_OF.get(character) ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  const hasDanglingChar = text.length % 4 === 1;
  const hasStrayBits = !hasDanglingChar && (buffer & ((1 << bits) - 1)) !== 0;
  return { bytes, hasDanglingChar, hasStrayBits };
}

/** Describes a character for an error message: printable ones quoted, others as U+XXXX. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code > 0x20 && code < 0x7f) return `'${character}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
