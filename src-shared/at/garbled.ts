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

/** True when a line is mostly replacement characters or non-printable control characters. */
export function isGarbledLine(line: string): boolean {
  if (line.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < line.length; i++) {
    if (isBadChar(line.charCodeAt(i))) bad++;
  }
  return bad > 0 && bad / line.length >= GARBLED_SHARE;
}
