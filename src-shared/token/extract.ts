/**
 * Finds the attestation token in a modem reply, a user's paste or a device log. Extraction is
 * lenient on purpose: a damaged token is still returned so decodeAttestationToken can say what is wrong.
 */
import stripAnsi from 'strip-ansi';
import { fail, ok } from '../ipc/errors';
import type { Result } from '../ipc/errors';
import { normaliseToken } from './decode';

// docs/protocol.md §1.1: `%ATTESTTOKEN: "<part1>.<part2>"`; AT replies are case-insensitive.
const REPLY_LINE = /^\s*%ATTESTTOKEN\s*:\s*"?\s*([^"\s]*)\s*"?\s*$/i;
// Inside other text only the quoted form counts (`AT%ATTESTTOKEN: command not found` must not).
const REPLY_QUOTED = /%ATTESTTOKEN\s*:\s*"\s*([^"\s]*)/i;
// docs/protocol.md §2.C: the provisioning library logs `Attestation token:` then the token.
const LOG_MARKER = /attestation token\s*:\s*(.*)$/i;
// `[00:00:05.123,456] <inf> nrf_provisioning: ` and similar Zephyr log prefixes.
const LOG_PREFIX = /^\s*(?:\[[^\]]*\]\s*)?(?:<\w+>\s*)?(?:[\w.-]+:\s+)?/;
const QUOTES = /^["'`\u2018\u2019\u201c\u201d]+|["'`\u2018\u2019\u201c\u201d]+$/g;
const TOKEN_CHARS = /^[A-Za-z0-9_\-.=+/]+$/;
const MIN_BARE_CHARS = 20;
// Part 1 always starts with the self-describe tag, base64url `2dn3` (docs/protocol.md §1.5).
const TOKEN_SHAPE = /2dn3[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/** The first token of a framed `AT%ATTESTTOKEN` reply, or undefined when no line carries one. */
export function extractTokenFromReply(lines: readonly string[]): string | undefined {
  return extractTokensFromReply(lines)[0];
}

/**
 * Every distinct token of a framed `AT%ATTESTTOKEN` reply, in order. One reply holds one token; the
 * caller decides what more than one means (the same token repeated is listed once).
 */
export function extractTokensFromReply(lines: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const line of lines) {
    const token = REPLY_LINE.exec(line)?.[1];
    if (token !== undefined && token.length > 0 && !tokens.includes(token)) tokens.push(token);
  }
  return tokens;
}

/**
 * The token in free text: a bare token (quotes and whitespace trimmed), a `%ATTESTTOKEN` line, the
 * provisioning log form, or a token-shaped string anywhere. With several, the last one wins: in a
 * log it is the most recent.
 */
export function extractTokenFromText(text: string): Result<string> {
  const clean = stripAnsi(text);
  if (normaliseToken(clean).length === 0)
    return fail('TOKEN_EMPTY', 'Nothing was pasted: the text is empty.');
  const lines = clean.split(/\r\n|\r|\n/);
  const found =
    fromReplyLines(lines) ??
    fromLogMarker(lines) ??
    fromBareText(clean) ??
    fromTokenShape(clean) ??
    fromWrappedText(clean);
  if (found !== undefined && found.length > 0) return ok(found);
  return fail(
    'TOKEN_NOT_FOUND',
    'No attestation token found. Paste the token itself, the %ATTESTTOKEN line, or the log lines after "Attestation token:".',
  );
}

function fromReplyLines(lines: readonly string[]): string | undefined {
  const tokens = lines.map((line) => REPLY_LINE.exec(line)?.[1] ?? REPLY_QUOTED.exec(line)?.[1]);
  return lastDefined(tokens.filter((token) => token !== ''));
}

function fromLogMarker(lines: readonly string[]): string | undefined {
  const candidates: string[] = [];
  lines.forEach((line, index) => {
    const rest = LOG_MARKER.exec(line)?.[1];
    if (rest === undefined) return;
    const sameLine = unquote(rest);
    if (TOKEN_CHARS.test(sameLine)) {
      candidates.push(sameLine);
      return;
    }
    const next = lines.slice(index + 1).find((candidate) => candidate.trim().length > 0);
    if (next !== undefined) candidates.push(unquote(next.replace(LOG_PREFIX, '')));
  });
  return lastDefined(candidates.filter((candidate) => TOKEN_CHARS.test(candidate)));
}

function fromBareText(text: string): string | undefined {
  const trimmed = unquote(text);
  // A single token-like word, damaged or not, is handed on for diagnosis; `ERROR` or `OK` is not.
  const isTokenLike =
    TOKEN_CHARS.test(trimmed) && (trimmed.includes('.') || trimmed.length >= MIN_BARE_CHARS);
  return isTokenLike ? trimmed : undefined;
}

function fromTokenShape(text: string): string | undefined {
  return lastDefined([...text.matchAll(TOKEN_SHAPE)].map((match) => match[0]));
}

// A token the terminal wrapped over several lines: only token characters, whitespace and quotes.
function fromWrappedText(text: string): string | undefined {
  const joined = normaliseToken(text);
  return TOKEN_CHARS.test(joined) && joined.includes('.') ? joined : undefined;
}

function unquote(text: string): string {
  return text.trim().replace(QUOTES, '').trim();
}

function lastDefined(values: readonly (string | undefined)[]): string | undefined {
  return values.filter((value): value is string => value !== undefined).at(-1);
}
