/**
 * What each token error means to the person holding the text, in plain words. The decoder's own
 * message stays the detail (it names the part and the character for support); this is the line
 * shown first, with the code beside it as a chip (docs/protocol.md §1.4).
 */
import type { ErrorCode } from '../ipc/errors';

export type TokenErrorCode = Extract<
  ErrorCode,
  | 'TOKEN_EMPTY'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_BAD_ENCODING'
  | 'TOKEN_PART1_INVALID'
  | 'TOKEN_PART2_INVALID'
>;

const PLAIN: Record<TokenErrorCode, string> = {
  TOKEN_EMPTY: 'There is nothing to read: the text is empty.',
  TOKEN_NOT_FOUND:
    'No attestation token in this text. Paste the token itself, the %ATTESTTOKEN line of the reply, or the log lines after "Attestation token:".',
  TOKEN_MALFORMED:
    'This is not an attestation token: a token is two long pieces of letters and digits joined by one dot.',
  TOKEN_BAD_ENCODING:
    'The token was changed on the way: a character was added, lost or altered. Copy it again in one piece, without line breaks.',
  TOKEN_PART1_INVALID:
    'The first half of the token (who the device is) is damaged or cut off. Copy the whole token again.',
  TOKEN_PART2_INVALID:
    'The second half of the token (its signature) is damaged or cut off. Copy the whole token again.',
};

export const isTokenErrorCode = (code: ErrorCode): code is TokenErrorCode => code in PLAIN;

/** The plain-words sentence for a token error code. */
export function tokenErrorInPlainWords(code: TokenErrorCode): string {
  return PLAIN[code];
}
