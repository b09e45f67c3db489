import { LineFramer, type FramedItem } from '../../../../src-shared/at/lineFramer';
import { classifyLine } from '../../../../src-shared/at/classifyLine';
import { transcripts } from './transcripts';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

function frame(
  chunks: readonly Uint8Array[],
  framer = new LineFramer(),
): { items: FramedItem[]; partial: string } {
  const items = chunks.flatMap((chunk) => framer.push(chunk));
  return { items, partial: framer.partial };
}

const linesOf = (items: FramedItem[]): string[] =>
  items.map((item) => (item.kind === 'line' ? item.text : '<overflow>'));

describe('LineFramer on every docs/protocol.md transcript', () => {
  describe.each(transcripts)('$name', (transcript) => {
    const bytes = bytesOf(transcript.bytes);

    it('yields the expected lines and partial line when fed whole', () => {
      const { items, partial } = frame([bytes]);
      expect(linesOf(items)).toEqual(transcript.lines);
      expect(partial).toBe(transcript.partial);
    });

    it('classifies each line as expected', () => {
      const kinds = frame([bytes]).items.map((item) =>
        item.kind === 'line' ? classifyLine(item.text, transcript.context).kind : 'overflow',
      );
      expect(kinds).toEqual(transcript.kinds);
    });

    it('yields the same when fed byte by byte', () => {
      const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
      const { items, partial } = frame(chunks);
      expect(linesOf(items)).toEqual(transcript.lines);
      expect(partial).toBe(transcript.partial);
    });

    it('yields the same when split in two at every byte boundary', () => {
      for (let cut = 1; cut < bytes.length; cut++) {
        const { items, partial } = frame([bytes.slice(0, cut), bytes.slice(cut)]);
        expect(linesOf(items), `cut at ${cut}`).toEqual(transcript.lines);
        expect(partial, `cut at ${cut}`).toBe(transcript.partial);
      }
    });
  });
});

describe('LineFramer line endings', () => {
  it.each([
    ['LF', 'a\nb\n', ['a', 'b']],
    ['CR', 'a\rb\r', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['CR CR LF', 'a\r\r\nb\r\r\n', ['a', 'b']],
    ['blank lines stay', 'a\r\n\r\nb\n\n', ['a', '', 'b', '']],
  ])('%s', (_name, input, expected) => {
    expect(linesOf(new LineFramer().push(input))).toEqual(expected);
  });

  it('ends a line at a bare CR without waiting for more input', () => {
    const framer = new LineFramer();
    expect(linesOf(framer.push('OK\r'))).toEqual(['OK']);
    expect(framer.push('\n')).toEqual([]);
  });
});

describe('LineFramer escapes and cursor movement', () => {
  it('never shows half an escape in the partial line', () => {
    const framer = new LineFramer();
    framer.push('abc\x1b[1;3');
    expect(framer.partial).toBe('abc');
    framer.push('2mdef');
    expect(framer.partial).toBe('abcdef');
  });

  it('applies cursor-left and erase-to-end', () => {
    const framer = new LineFramer();
    expect(linesOf(framer.push('uart:~$ at AT\x1b[5D\x1b[Jxyz\r\n'))).toEqual(['uart:~$ xyz']);
  });

  it('overwrites after backspace', () => {
    expect(linesOf(new LineFramer().push('abc\bd\n'))).toEqual(['abd']);
  });

  it('drops OSC strings and 8-bit CSI sequences', () => {
    expect(linesOf(new LineFramer().push('\x1b]0;title\x07a\u009b31mb\n'))).toEqual(['ab']);
  });

  it('gives a line end back when it interrupts an escape', () => {
    expect(linesOf(new LineFramer().push('a\x1b[12\r\nb\n'))).toEqual(['a', 'b']);
  });
});

describe('LineFramer UTF-8', () => {
  it('decodes a multi-byte character split across chunks', () => {
    const bytes = bytesOf('µ°C\n');
    const { items } = frame(Array.from(bytes, (b) => Uint8Array.of(b)));
    expect(linesOf(items)).toEqual(['µ°C']);
  });

  it('turns invalid bytes into U+FFFD instead of throwing', () => {
    expect(linesOf(new LineFramer().push(Uint8Array.of(0xff, 0xfe, 0x41, 0x0a)))).toEqual([
      '\ufffd\ufffdA',
    ]);
  });
});

describe('LineFramer bounds', () => {
  it('reports an over-long line once and resynchronises at the next line end', () => {
    const framer = new LineFramer({ maxLineLength: 10 });
    const items = [
      ...framer.push('x'.repeat(25)),
      ...framer.push('y'.repeat(25)),
      ...framer.push('\r\nOK\r\n'),
    ];
    expect(items).toEqual([
      { kind: 'overflow', maxLength: 10 },
      { kind: 'line', text: 'OK' },
    ]);
  });

  it('keeps memory bounded for 1 MiB without a line end', () => {
    const framer = new LineFramer();
    const chunk = new Uint8Array(4096).fill(0x41);
    const overflows: FramedItem[] = [];
    for (let i = 0; i < 256; i++) {
      overflows.push(...framer.push(chunk));
      expect(framer.partial.length).toBeLessThanOrEqual(framer.maxLineLength);
    }
    expect(overflows).toEqual([{ kind: 'overflow', maxLength: 8192 }]);
    expect(linesOf(framer.push('\nOK\n'))).toEqual(['OK']);
  });

  it('forgets everything on reset', () => {
    const framer = new LineFramer({ maxLineLength: 4 });
    framer.push('xxxxxxxx');
    expect(framer.isDiscarding).toBe(true);
    framer.reset();
    expect(linesOf(framer.push('OK\n'))).toEqual(['OK']);
  });
});
