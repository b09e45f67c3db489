/** Checks that pasted text is shaped like an nRF Cloud API key before any request is made. */

export const API_KEY_LENGTH = 40;

export type ApiKeyShape = { ok: true; key: string } | { ok: false; message: string };

const WHERE =
  'Copy it from the nRF Cloud portal: menu > User Account > Current Team Details > API key.';

// Quote pairs a paste may carry: straight, typographic (what word processors and chat apps make
// of straight quotes), and the backtick of Markdown.
const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['\u201e', '\u201c'],
  ['\u00ab', '\u00bb'],
];
// Whitespace and the invisible characters copied from web pages (no-break and zero-width spaces, BOM).
const EDGE_SPACE = /^(?:\s|\u200b|\u200c|\u200d|\u2060)+|(?:\s|\u200b|\u200c|\u200d|\u2060)+$/g;

/**
 * What a person meant to paste: surrounding whitespace and newlines, one pair of quotes (straight
 * or typographic) and an HTTP `Bearer ` prefix are dropped, in any nesting (`"Bearer abc"`,
 * `Bearer 'abc'`). The key itself is left as typed.
 */
export function normalizeApiKeyPaste(input: string): string {
  let text = input.replace(EDGE_SPACE, '');
  for (;;) {
    const before = text;
    const bearer = /^bearer(?:[\s:]+|$)/i.exec(text);
    if (bearer) text = text.slice(bearer[0].length);
    const pair = QUOTES.find(
      ([open, close]) => text.length >= 2 && text.startsWith(open) && text.endsWith(close),
    );
    if (pair) text = text.slice(pair[0].length, text.length - pair[1].length);
    text = text.replace(EDGE_SPACE, '');
    if (text === before) return text;
  }
}

/**
 * Normalises the paste (normalizeApiKeyPaste) and checks for 40 hex characters, with a message that
 * names the actual problem. Lower-case is kept as typed: nRF Cloud shows keys in lower case.
 */
export function checkApiKeyShape(input: string): ApiKeyShape {
  const key = normalizeApiKeyPaste(input);
  if (key.length === 0) return { ok: false, message: `No API key given. ${WHERE}` };
  // JWTs (and Organization Auth Tokens, which are JWTs) start with a base64url '{"'.
  if (/^eyJ[\w-]*\.[\w-]*\./.test(key)) {
    return {
      ok: false,
      message: `This looks like a JWT or an Organization Auth Token. This app needs the API key from User Account (40 hex characters). ${WHERE}`,
    };
  }
  if (key.startsWith('2dn3') && key.includes('.')) {
    return { ok: false, message: 'This is a device attestation token, not an API key. ' + WHERE };
  }
  const bad = key.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    const char = key.charCodeAt(bad) > 32 && key.charCodeAt(bad) < 127 ? ` '${key[bad]}'` : '';
    return {
      ok: false,
      message: `Non-hex character${char} at position ${bad + 1}: an API key has only 0-9 and a-f. ${WHERE}`,
    };
  }
  if (key.length < API_KEY_LENGTH) {
    return {
      ok: false,
      message: `The API key is too short: ${key.length} of ${API_KEY_LENGTH} characters. ${WHERE}`,
    };
  }
  if (key.length > API_KEY_LENGTH) {
    return {
      ok: false,
      message: `The API key is too long: ${key.length} characters, expected ${API_KEY_LENGTH}. ${WHERE}`,
    };
  }
  return { ok: true, key };
}
