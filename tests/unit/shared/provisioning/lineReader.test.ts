import { ProvisioningLineReader } from '../../../../src-shared/provisioning/lineReader';
import type { ProvisioningEvent } from '../../../../src-shared/provisioning/model';
import { lineForms, summarize, unrelatedLines } from './lineForms';

const PROMPT = '\x1b[1;32muart:~$ \x1b[m';
const ENDINGS = ['\r\n', '\n', '\r', '\r\r\n'] as const;

const stamp = (i: number): string =>
  `[00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.123,456]`;

/** Each form as a device prints it: timestamp, colour on warnings and errors, a line ending. */
function printed(line: string, i: number): string {
  const ending = ENDINGS[i % ENDINGS.length] ?? '\r\n';
  if (!line.startsWith('<')) return `${line}${ending}`;
  const text = `${stamp(i)} ${line}`;
  const coloured = line.startsWith('<err>')
    ? `\x1b[1;31m${text}\x1b[0m`
    : line.startsWith('<wrn>')
      ? `\x1b[1;33m${text}\x1b[0m`
      : text;
  return `${coloured}${ending}`;
}

// The shell erases its prompt before a log line and redraws it after (docs/protocol.md §2.C).
const redrawn = (text: string): string => `\x1b[8D\x1b[J${text}${PROMPT}`;

function stream(): { text: string; events: string[] } {
  let text = `\x1b[m\r\n\r\n${PROMPT}`;
  const events: string[] = [];
  lineForms.forEach((form, i) => {
    const unrelated = unrelatedLines[i % unrelatedLines.length] ?? '';
    text += redrawn(printed(`<inf> ${unrelated.replace(/^<\w+> /, '')}`, i + 1));
    const line = printed(form.line, i);
    text += form.line.startsWith('<') && i % 2 === 0 ? redrawn(line) : line;
    events.push(...form.events);
  });
  return { text, events };
}

const names = (events: ProvisioningEvent[]): string[] => events.map(summarize);

describe('ProvisioningLineReader', () => {
  const { text, events } = stream();
  const bytes = new TextEncoder().encode(text);

  it('reads every line form, interleaved with unrelated logs and prompt redraws, fed whole', () => {
    const reader = new ProvisioningLineReader();
    expect(names([...reader.push(text), ...reader.flush()])).toEqual(events);
  });

  it('gives the same events fed byte by byte', () => {
    const reader = new ProvisioningLineReader();
    const got = Array.from(bytes).flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(names([...got, ...reader.flush()])).toEqual(events);
  });

  it('gives the same events in chunks of every size from 2 to 17', () => {
    for (let size = 2; size <= 17; size++) {
      const reader = new ProvisioningLineReader();
      const got: ProvisioningEvent[] = [];
      for (let i = 0; i < bytes.length; i += size)
        got.push(...reader.push(bytes.slice(i, i + size)));
      expect(names([...got, ...reader.flush()]), `chunks of ${size}`).toEqual(events);
    }
  });

  it('gives the same events for the text pushed as one-character strings', () => {
    const reader = new ProvisioningLineReader();
    const got = Array.from(text).flatMap((ch) => reader.push(ch));
    expect(names(got)).toEqual(events);
  });

  it('keeps a line without its end until it ends, or until flush', () => {
    const reader = new ProvisioningLineReader();
    expect(reader.push('[00:00:01.000,000] <inf> cloud: Connected to Cl')).toEqual([]);
    expect(names(reader.push('oud'))).toEqual([]);
    expect(names(reader.flush())).toEqual(['stage:connected']);
    expect(reader.flush()).toEqual([]);
  });

  it('returns each line with its events from pushLines', () => {
    const reader = new ProvisioningLineReader();
    const read = reader.pushLines('<inf> app: hello\r\n#XNRFPROV: 1\r\n');
    expect(read.map((r) => [r.line, names(r.events)])).toEqual([
      ['<inf> app: hello', []],
      ['#XNRFPROV: 1', ['host-action:lte-offline']],
    ]);
  });

  it('reads the ATT token block without events and the lines after it', () => {
    const reader = new ProvisioningLineReader();
    const block =
      '[00:00:10.000,000] <wrn> cloud: \n\r----- BEGIN ATTESTATION TOKEN -----\n\r\n\rdGVzdA.c2ln\n\r\n\r----- END ATTESTATION TOKEN -----\r\n' +
      '[00:00:11.000,000] <wrn> cloud: Connection attempt failed, backoff time: 60 seconds\r\n' +
      '[00:01:11.000,000] <inf> nrf_provisioning_coap: Processing commands\r\n';
    expect(names(reader.push(block))).toEqual(['stage:commands-received']);
  });
});
