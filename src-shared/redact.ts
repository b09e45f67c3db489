/**
 * Secret redaction used by the logger, transcripts shown in support bundles and error texts.
 * API keys (40 hex chars) vanish entirely; attestation tokens keep their last 6 characters so a
 * support ticket can still be matched to a journal entry.
 */

const API_KEY = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/g;
// Part 1 always starts with the CBOR self-describe tag (2dn3), part 2 with the COSE_Sign1 tag (0oRD).
const TOKEN = /2dn3[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}/g;
// Skips an already-redacted value so redacting twice changes nothing.
const BEARER = /(Bearer\s+)(?!\[api-key redacted\])\S+/gi;

export const REDACTED_KEY = '[api-key redacted]';

/** Masks a token to `…` plus its last 6 characters. */
export function maskToken(token: string): string {
  return token.length <= 6 ? '[token]' : `[token …${token.slice(-6)}]`;
}

/** Masks an API key to its last 4 characters, for display where the user must recognise it. */
export function maskApiKey(key: string): string {
  return key.length <= 4 ? '••••' : `${'•'.repeat(8)}${key.slice(-4)}`;
}

/** Removes API keys and masks attestation tokens in any text. */
export function redactSecrets(text: string): string {
  return text
    .replace(BEARER, `$1${REDACTED_KEY}`)
    .replace(TOKEN, (t) => maskToken(t))
    .replace(API_KEY, REDACTED_KEY);
}
