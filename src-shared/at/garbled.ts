/**
 * Spots lines that are noise rather than text, the usual sign of a wrong baud rate: at the wrong
 * speed UART bytes decode to invalid UTF-8 (U+FFFD) and stray control characters.
 */

// Share of bad characters above which a line is noise; real device text has none at all.
const GARBLED_SHARE = 0.25;

const isBadChar = (code: number): boolean =>
  code === 0xfffd ||
  (code < 0x20 && code !== 0x09) ||
  code === 0x7f ||
  (code >= 0x80 && code <= 0x9f);

// Bad characters a line still in progress must hold before it is judged: noise without line ends
// must not wait for a line end (or the line-length bound) that may take seconds at a low rate,
// while one or two glitch bytes of a power-up in front of a real line are no verdict.
const MIN_BAD_IN_PARTIAL = 16;

function countBad(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBadChar(text.charCodeAt(i))) bad++;
  }
  return bad;
}

/** True when a line is mostly replacement characters or non-printable control characters. */
export function isGarbledLine(line: string): boolean {
  if (line.length === 0) return false;
  const bad = countBad(line);
  return bad > 0 && bad / line.length >= GARBLED_SHARE;
}

/** True when a line not yet ended is already noise: enough bad characters, and as large a share. */
export function isGarbledPartial(partial: string): boolean {
  if (partial.length < MIN_BAD_IN_PARTIAL) return false;
  const bad = countBad(partial);
  return bad >= MIN_BAD_IN_PARTIAL && bad / partial.length >= GARBLED_SHARE;
}
