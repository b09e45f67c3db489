import { isGarbledLine, isGarbledPartial } from '../../../../src-shared/at/garbled';
import { TOKEN } from './transcripts';

describe('isGarbledLine', () => {
  it.each(['OK', `%ATTESTTOKEN: "${TOKEN}"`, '', 'nRF9160-SICA', 'tab\tseparated', 'µ°C'])(
    '%j is text',
    (line) => {
      expect(isGarbledLine(line)).toBe(false);
    },
  );

  it.each(['\ufffd\ufffd\ufffdx', '\x00\x01\x02abc', 'ab\ufffd', '\u0085\u0091\u0093\ufffdAZ'])(
    '%j is noise',
    (line) => {
      expect(isGarbledLine(line)).toBe(true);
    },
  );

  it('flags what a wrong baud rate produces', () => {
    const noise = new TextDecoder().decode(
      Uint8Array.of(0xe0, 0x80, 0xfc, 0x1c, 0x78, 0xf0, 0x86, 0x00, 0xfe, 0x98),
    );
    expect(isGarbledLine(noise)).toBe(true);
  });
});

describe('isGarbledPartial (a line still arriving)', () => {
  it.each([
    ['nothing yet', ''],
    ['a short burst of noise', '\ufffd'.repeat(15)],
    ['a glitch byte before text', `\ufffd\x00%ATTESTTOKEN: "${TOKEN.slice(0, 40)}`],
    ['text with a few bad characters', `${'\ufffd'.repeat(16)}${'x'.repeat(60)}`],
    ['plain text', 'nRF9160-SICA and more of the same line'],
  ])('%s is not yet a verdict', (_name, partial) => {
    expect(isGarbledPartial(partial)).toBe(false);
  });

  it.each([
    ['16 replacement characters', '\ufffd'.repeat(16)],
    ['noise after a little text', `OK${'\ufffd\u0085'.repeat(10)}`],
    ['a long run of noise', '\ufffd\x01\x02'.repeat(1000)],
  ])('%s is noise', (_name, partial) => {
    expect(isGarbledPartial(partial)).toBe(true);
  });
});
