import { isGarbledLine } from '../../../../src-shared/at/garbled';
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
