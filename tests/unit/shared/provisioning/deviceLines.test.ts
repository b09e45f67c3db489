import { parseDeviceLine } from '../../../../src-shared/provisioning/deviceLines';
import { splitDeviceLine } from '../../../../src-shared/provisioning/logPrefix';
import { lineForms, summarize, unrelatedLines } from './lineForms';

const parse = (line: string): string[] => parseDeviceLine(line).map(summarize);

describe('parseDeviceLine over every line form of docs/protocol.md', () => {
  it.each(lineForms)('$source: $line', ({ line, events }) => {
    expect(parse(line)).toEqual(events);
  });

  it.each(lineForms.filter((form) => form.line.startsWith('<')))(
    'reads $line the same with a timestamp, colour and a stray prompt',
    ({ line, events }) => {
      expect(parse(`[00:01:02.345,678] ${line}`)).toEqual(events);
      expect(parse(`\x1b[1;33m[00:01:02.345,678] ${line}\x1b[0m`)).toEqual(events);
      expect(parse(`uart:~$ [00:00:00.001,000] ${line}\r`)).toEqual(events);
    },
  );

  it.each(unrelatedLines)('gives nothing for the unrelated line %s', (line) => {
    expect(parse(`[00:00:09.000,000] ${line}`)).toEqual([]);
  });

  it('keeps the device text, without timestamp and colour, in the event', () => {
    const [event] = parseDeviceLine(
      '\x1b[1;31m[00:00:42.001,000] <err> nrf_provisioning: Connection refused\x1b[0m',
    );
    expect(event).toEqual({
      kind: 'failure',
      code: 'PROVISIONING_WRONG_ROOT_CA',
      isFatal: true,
      source: 'device',
      text: '<err> nrf_provisioning: Connection refused',
    });
  });

  it('needs the library module for plain words like Connected and Finished', () => {
    expect(parse('Connected')).toEqual([]);
    expect(parse('Finished')).toEqual([]);
    expect(parse('<inf> nrf_provisioning_coap: Finished')).toEqual(['stage:finished']);
  });
});

describe('splitDeviceLine', () => {
  it.each([
    [
      '[00:00:05.123,456] <inf> nrf_provisioning_coap: DTLS setup',
      { level: 'inf', module: 'nrf_provisioning_coap', message: 'DTLS setup' },
    ],
    [
      '<dbg> cloud: nrf_provisioning_callback: Provisioning finished',
      { level: 'dbg', module: 'cloud', message: 'Provisioning finished' },
    ],
    [
      '[00012345] <wrn> cloud: Treating as provisioning finished',
      { level: 'wrn', module: 'cloud' },
    ],
    ['Provisioning failed, err -22', { message: 'Provisioning failed, err -22' }],
    ['<err> no module here', { level: 'err', message: 'no module here' }],
  ])('splits %s', (raw, expected) => {
    expect(splitDeviceLine(raw)).toMatchObject(expected);
  });

  it('drops the timestamp and prompt from the text, keeps level and module', () => {
    expect(splitDeviceLine('uart:~$ [00:00:05.123,456] <inf> cloud: Connected to Cloud').text).toBe(
      '<inf> cloud: Connected to Cloud',
    );
  });
});
