import {
  hasXnrfprovCommand,
  parseXnrfprov,
  xnrfprovStatus,
} from '../../../../src-shared/provisioning/xnrfprov';
import { ProvisioningLineReader } from '../../../../src-shared/provisioning/lineReader';
import { summarize } from './lineForms';

// docs/protocol.md §11's table.
const table: readonly [number, string[]][] = [
  [0, ['no-commands']],
  [1, ['host-action:lte-offline']],
  [2, ['host-action:lte-online']],
  [-1, ['failure:PROVISIONING_FAILED:fatal']],
  [-2, ['failure:PROVISIONING_NOT_CLAIMED:fatal']],
  [-3, ['failure:PROVISIONING_WRONG_ROOT_CA:fatal']],
  [-4, ['failure:PROVISIONING_NO_TIME:fatal']],
  [-5, ['failure:PROVISIONING_TOO_MANY_COMMANDS:fatal']],
  [-6, ['failure:PROVISIONING_FAILED:fatal']],
  [-7, ['failure:PROVISIONING_FAILED:fatal']],
  [86400, []],
];

describe('#XNRFPROV notifications (docs/protocol.md §11)', () => {
  it.each(table)('#XNRFPROV: %i', (status, events) => {
    expect(xnrfprovStatus(`#XNRFPROV: ${status}`)).toBe(status);
    expect(parseXnrfprov(`#XNRFPROV: ${status}`).map(summarize)).toEqual(events);
  });

  it.each(table)('#XNRFPROV: %i framed by Serial Modem, byte by byte', (status, events) => {
    const bytes = new TextEncoder().encode(`\r\n#XNRFPROV: ${status}\r\n`);
    const reader = new ProvisioningLineReader();
    const got = Array.from(bytes).flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(got.map(summarize)).toEqual(events);
  });

  it('says that 0 does not prove the device got its credentials', () => {
    expect(parseXnrfprov('#XNRFPROV: 0')[0]?.text).toMatch(/does not tell them apart/);
  });

  it.each(['#XNRFPROV', '#XNRFPROV: ', '#XNRFPROV: x', '+CEREG: 1', 'OK', '#XNRFPROVX: 1'])(
    'ignores %j',
    (line) => {
      expect(xnrfprovStatus(line)).toBeUndefined();
      expect(parseXnrfprov(line)).toEqual([]);
    },
  );

  it('accepts no space after the colon and trailing blanks', () => {
    expect(xnrfprovStatus('#XNRFPROV:-3  ')).toBe(-3);
  });
});

describe('hasXnrfprovCommand (the AT#XNRFPROV=? reply)', () => {
  it.each([
    [['#XNRFPROV'], true],
    [['', '#XNRFPROV', ''], true],
    [['#XNRFPROV: (0,1)'], true],
    [[], false],
    [['ERROR'], false],
    [['#XNRFCLOUD: (0,1)'], false],
  ])('%j -> %s', (lines, expected) => {
    expect(hasXnrfprovCommand(lines)).toBe(expected);
  });
});
