import fc from 'fast-check';
import { LineFramer } from '../../../../src-shared/at/lineFramer';
import { classifyLine } from '../../../../src-shared/at/classifyLine';

// Seeded so a failure replays; fast-check prints the seed and the shrunk counterexample.
const SEED = 20250601;
const RUNS = 300;

const ansi = fc.constantFrom(
  '\x1b[m',
  '\x1b[1;32m',
  '\x1b[8D',
  '\x1b[J',
  '\x1b[2K',
  '\x1b]0;t\x07',
  '\x1b(B',
  '\x1b',
  '\x1b[',
);
const textPiece = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('OK', 'ERROR', '\r', '\n', '\r\n', '\r\r\n', 'uart:~$ ', '+CEREG: 1'),
  ansi,
);

/** Splits bytes at the given sorted cut points. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.slice(start, p));
    start = p;
  }
  out.push(bytes.slice(start));
  return out;
}

describe('LineFramer properties', () => {
  it('never throws, never exceeds its bound, and chunking never changes the lines', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(textPiece, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (noise, pieces, cuts) => {
          const text = new TextEncoder().encode(pieces.join(''));
          const bytes = new Uint8Array([...noise, ...text]);
          const whole = new LineFramer({ maxLineLength: 64 });
          const split = new LineFramer({ maxLineLength: 64 });
          const expected = whole.push(bytes);
          const got = chunk(bytes, cuts).flatMap((c) => {
            const items = split.push(c);
            expect(split.partial.length).toBeLessThanOrEqual(64);
            return items;
          });
          expect(got).toEqual(expected);
          expect(split.partial).toBe(whole.partial);
          for (const item of got) {
            if (item.kind === 'line') {
              expect(item.text.length).toBeLessThanOrEqual(64);
              expect(item.text).not.toContain('\x1b');
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never reads a final OK or ERROR out of a line that merely contains them', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split(''),
          ),
          maxLength: 40,
        }),
        fc.string({
          unit: fc.constantFrom(
            ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split(''),
          ),
          maxLength: 40,
        }),
        fc.constantFrom('OK', 'ERROR'),
        fc.array(ansi, { maxLength: 3 }),
        (before, after, word, escapes) => {
          fc.pre(before.length + after.length > 0);
          const framer = new LineFramer();
          const lines = framer.push(
            `%ATTESTTOKEN: "${before}${escapes.join('')}${word}${after}"\r\n${before}${word}${after}\r\n`,
          );
          for (const item of lines) {
            if (item.kind === 'line') {
              expect(
                classifyLine(item.text, { command: 'AT%ATTESTTOKEN', sentAs: 'AT%ATTESTTOKEN' })
                  .kind,
              ).not.toBe('final');
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
