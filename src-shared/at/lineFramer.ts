/**
 * Streaming line framing for what an nRF91 prints on its serial port (docs/protocol.md §2):
 * UTF-8 decoded across chunk boundaries, ANSI escapes removed (never half of one), cursor
 * redraws of the Zephyr shell applied, CR / LF / CRLF / CR CR LF each ending exactly one line,
 * and bounded memory however long a line runs.
 */
import stripAnsi from 'strip-ansi';
import { EscapeParser, type EscapeAction } from './escapeParser';

/** A complete line, or the notice that an over-long line was dropped. */
export type FramedItem = { kind: 'line'; text: string } | { kind: 'overflow'; maxLength: number };

export interface LineFramerOptions {
  /** Longest line kept, in characters; longer lines are dropped and reported once. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 8192;

interface Utf8StreamDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type DecoderConstructor = new (label: string) => Utf8StreamDecoder;

// TextDecoder exists in Node and browsers alike; src-shared compiles without DOM types.
const newDecoder = (): Utf8StreamDecoder =>
  new (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder('utf-8');

// eslint-disable-next-line no-control-regex -- control characters are what this matches
const SPECIAL = /[\x1b\r\n\b]/g;

/** Turns a byte or text stream into lines; push chunks as they arrive. */
export class LineFramer {
  readonly maxLineLength: number;
  private decoder = newDecoder();
  private readonly escape = new EscapeParser();
  private line = '';
  private cursor = 0;
  private isAfterCr = false;
  private isDiscardingLine = false;

  constructor(options: LineFramerOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  /** The line received so far without its end, ANSI-stripped: shows a prompt like `uart:~$ `. */
  get partial(): string {
    return this.isDiscardingLine ? '' : stripAnsi(this.line);
  }

  /** True while the rest of an over-long line is being skipped. */
  get isDiscarding(): boolean {
    return this.isDiscardingLine;
  }

  /** Drops everything buffered (partial line, half escape, half UTF-8 character, overflow state). */
  reset(): void {
    this.decoder = newDecoder();
    this.escape.cancel();
    this.line = '';
    this.cursor = 0;
    this.isAfterCr = false;
    this.isDiscardingLine = false;
  }

  /** Feeds a chunk; returns the lines it completed. */
  push(chunk: Uint8Array | string): FramedItem[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const out: FramedItem[] = [];
    let i = 0;
    while (i < text.length) {
      if (this.escape.active) {
        i = this.feedEscape(text, i);
        continue;
      }
      SPECIAL.lastIndex = i;
      const match = SPECIAL.exec(text);
      const end = match === null ? text.length : match.index;
      if (end > i) {
        this.isAfterCr = false;
        this.write(text.slice(i, end), out);
      }
      if (match === null) break;
      this.control(match[0], out);
      i = end + 1;
    }
    return out;
  }

  private feedEscape(text: string, i: number): number {
    const ch = text.charAt(i);
    const step = this.escape.feed(ch);
    if (step.kind === 'pending') return i + 1;
    if (step.kind === 'done') {
      this.apply(step.action);
      return i + 1;
    }
    // Aborted: the character that broke the sequence is ordinary input again.
    return i;
  }

  private control(ch: string, out: FramedItem[]): void {
    switch (ch) {
      case '\x1b':
        this.escape.start();
        return;
      case '\b':
        this.isAfterCr = false;
        this.cursor = Math.max(0, this.cursor - 1);
        return;
      case '\r':
        // CR ends a line at once (no waiting for an LF that may never come); the LF of CRLF and the
        // extra CR of the shell's CR CR LF are then swallowed so they add no empty line.
        if (this.isAfterCr) return;
        this.endLine(out);
        this.isAfterCr = true;
        return;
      default:
        // LF
        if (this.isAfterCr) {
          this.isAfterCr = false;
          return;
        }
        this.endLine(out);
    }
  }

  private endLine(out: FramedItem[]): void {
    if (this.isDiscardingLine) {
      this.isDiscardingLine = false;
    } else {
      out.push({ kind: 'line', text: stripAnsi(this.line) });
    }
    this.line = '';
    this.cursor = 0;
  }

  private write(run: string, out: FramedItem[]): void {
    if (this.isDiscardingLine) return;
    if (this.cursor === this.line.length) {
      this.line += run;
    } else {
      this.line = this.line.slice(0, this.cursor) + run + this.line.slice(this.cursor + run.length);
    }
    this.cursor += run.length;
    if (this.line.length > this.maxLineLength) {
      out.push({ kind: 'overflow', maxLength: this.maxLineLength });
      this.line = '';
      this.cursor = 0;
      this.isDiscardingLine = true;
    }
  }

  private apply(action: EscapeAction): void {
    switch (action.kind) {
      case 'cursorLeft':
        this.cursor = Math.max(0, this.cursor - action.n);
        return;
      case 'cursorRight':
        this.cursor = Math.min(this.maxLineLength, this.cursor + action.n);
        this.padToCursor();
        return;
      case 'cursorColumn':
        this.cursor = Math.min(this.maxLineLength, action.column);
        this.padToCursor();
        return;
      case 'eraseToEnd':
        this.line = this.line.slice(0, this.cursor);
        return;
      case 'eraseLine':
        this.line = '';
        this.cursor = 0;
        return;
      case 'ignore':
        return;
    }
  }

  private padToCursor(): void {
    if (!this.isDiscardingLine && this.line.length < this.cursor) {
      this.line = this.line.padEnd(this.cursor, ' ');
    }
  }
}
