/**
 * Recognises VT100/ANSI escape sequences one character at a time, so a sequence split across two
 * serial chunks is held back whole instead of leaking half of it into a line.
 * Grammar: ECMA-48 (CSI = ESC [ params intermediates final; OSC/DCS strings end at BEL or ESC \).
 */

/** What the line framer does with a finished sequence; only cursor moves and erasures matter. */
export type EscapeAction =
  | { kind: 'cursorLeft'; n: number }
  | { kind: 'cursorRight'; n: number }
  | { kind: 'cursorColumn'; column: number }
  | { kind: 'eraseToEnd' }
  | { kind: 'eraseLine' }
  | { kind: 'ignore' };

/** Result of feeding one character to the parser. */
export type EscapeStep =
  | { kind: 'pending' }
  | { kind: 'done'; action: EscapeAction }
  /** The character cannot continue the sequence: drop the sequence, treat the character as text. */
  | { kind: 'aborted' };

// A real sequence from a device is a few bytes; anything longer is noise and must not grow memory.
const MAX_SEQUENCE = 64;
const MAX_STRING_SEQUENCE = 512;

const isParam = (c: number): boolean => c >= 0x30 && c <= 0x3f;
const isIntermediate = (c: number): boolean => c >= 0x20 && c <= 0x2f;
const isFinal = (c: number): boolean => c >= 0x40 && c <= 0x7e;
const isEscFinal = (c: number): boolean => c >= 0x30 && c <= 0x7e;

/** Parses one escape sequence after its ESC; create a new one (or call start) for each ESC. */
export class EscapeParser {
  private body = '';
  private isActive = false;

  get active(): boolean {
    return this.isActive;
  }

  /** Begins a sequence (the ESC itself has been consumed). */
  start(): void {
    this.body = '';
    this.isActive = true;
  }

  /** Forgets a sequence in progress. */
  cancel(): void {
    this.body = '';
    this.isActive = false;
  }

  /** Feeds the next character of the sequence. */
  feed(ch: string): EscapeStep {
    const c = ch.charCodeAt(0);
    const first = this.body.charCodeAt(0);
    if (this.body.length === 0) {
      if (ch === '[' || ch === ']' || ch === 'P' || ch === 'X' || ch === '^' || ch === '_') {
        return this.grow(ch);
      }
      if (isIntermediate(c)) return this.grow(ch);
      if (isEscFinal(c)) return this.finish({ kind: 'ignore' });
      return this.abort();
    }
    if (first === 0x5b /* [ */) return this.feedCsi(ch, c);
    if (first === 0x5d || first === 0x50 || first === 0x58 || first === 0x5e || first === 0x5f) {
      return this.feedString(ch, c);
    }
    // ESC intermediates... final, e.g. ESC ( B
    if (isIntermediate(c)) return this.grow(ch);
    if (isEscFinal(c)) return this.finish({ kind: 'ignore' });
    return this.abort();
  }

  private feedCsi(ch: string, c: number): EscapeStep {
    const rest = this.body.slice(1);
    const hasIntermediate = /[\x20-\x2f]/.test(rest);
    if (isParam(c) && !hasIntermediate) return this.grow(ch);
    if (isIntermediate(c)) return this.grow(ch);
    if (isFinal(c)) return this.finish(csiAction(rest, ch));
    return this.abort();
  }

  private feedString(ch: string, c: number): EscapeStep {
    if (c === 0x07) return this.finish({ kind: 'ignore' });
    // A line end inside a control string means we lost sync: give the line back to the text.
    if (ch === '\r' || ch === '\n') return this.abort();
    if (this.body.endsWith('\x1b')) {
      return ch === '\\' ? this.finish({ kind: 'ignore' }) : this.abort();
    }
    if (this.body.length >= MAX_STRING_SEQUENCE) return this.abort();
    this.body += ch;
    return { kind: 'pending' };
  }

  private grow(ch: string): EscapeStep {
    if (this.body.length >= MAX_SEQUENCE) return this.abort();
    this.body += ch;
    return { kind: 'pending' };
  }

  private finish(action: EscapeAction): EscapeStep {
    this.cancel();
    return { kind: 'done', action };
  }

  private abort(): EscapeStep {
    this.cancel();
    return { kind: 'aborted' };
  }
}

function csiAction(params: string, final: string): EscapeAction {
  const n = Number.parseInt(params, 10);
  const count = Number.isFinite(n) && n > 0 ? n : 1;
  switch (final) {
    case 'D':
      return { kind: 'cursorLeft', n: count };
    case 'C':
      return { kind: 'cursorRight', n: count };
    case 'G':
      return { kind: 'cursorColumn', column: count - 1 };
    case 'J':
    case 'K':
      return params === '2'
        ? { kind: 'eraseLine' }
        : params === '' || params === '0'
          ? { kind: 'eraseToEnd' }
          : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}
