import {
  classifyLine,
  expectedReplyPrefixes,
  isShellPrompt,
  mayBeReplyLine,
  shellWrap,
  type LineContext,
} from '../../../../src-shared/at/classifyLine';
import { TOKEN, TOKEN_WITH_OK } from './transcripts';

const cgmm: LineContext = { command: 'AT+CGMM', sentAs: 'AT+CGMM' };
const attest: LineContext = { command: 'AT%ATTESTTOKEN', sentAs: 'at AT%ATTESTTOKEN' };

describe('classifyLine final results', () => {
  it.each([
    ['OK', 'OK'],
    ['  OK  ', 'OK'],
    ['ok', 'OK'],
    ['ERROR', 'ERROR'],
    ['+CME ERROR: 0', { cme: 0 }],
    ['+CME ERROR: 514', { cme: 514 }],
    ['+CMS ERROR: 304', { cms: 304 }],
  ])('%j is final %j', (line, final) => {
    expect(classifyLine(line, cgmm)).toEqual({ kind: 'final', final });
  });

  it.each([
    `%ATTESTTOKEN: "${TOKEN_WITH_OK}"`,
    TOKEN_WITH_OK,
    'OKAY',
    'NO ERROR HERE',
    'ERROR: something',
    '+CME ERROR: not allowed',
    'OK OK',
  ])('%j is never final', (line) => {
    expect(classifyLine(line, cgmm).kind).not.toBe('final');
  });
});

describe('classifyLine shell lines', () => {
  it('recognises our echo exactly and case-insensitively, after a prompt too', () => {
    expect(classifyLine('at AT%ATTESTTOKEN', attest).kind).toBe('echo');
    expect(classifyLine('AT AT%attesttoken', attest).kind).toBe('echo');
    expect(classifyLine('uart:~$ at AT%ATTESTTOKEN', attest).kind).toBe('echo');
    expect(classifyLine('at AT%ATTESTTOKEN=1', attest).kind).not.toBe('echo');
    expect(classifyLine('at AT%ATTESTTOKEN', undefined).kind).not.toBe('echo');
  });

  it('recognises shell errors with their details', () => {
    expect(classifyLine('AT+CGMM: command not found', cgmm)).toEqual({
      kind: 'shellError',
      reason: 'commandNotFound',
      name: 'AT+CGMM',
    });
    expect(classifyLine('Sending AT command failed with error code -8', attest)).toEqual({
      kind: 'shellError',
      reason: 'sendFailed',
      code: -8,
    });
  });

  it('recognises prompts', () => {
    expect(classifyLine('uart:~$ ', undefined).kind).toBe('prompt');
    expect(classifyLine('mosh:~$', undefined).kind).toBe('prompt');
    expect(isShellPrompt('uart:~$ ')).toBe(true);
    expect(isShellPrompt('uart:~$ at')).toBe(false);
  });
});

describe('classifyLine log, boot, notifications', () => {
  it.each([
    '[00:00:05.123,456] <inf> module: text',
    '[00:00:05.123] <err> x: y',
    '<wrn> lte: no signal',
    '*** Booting nRF Connect SDK v2.6.0 ***',
  ])('%j is a log line', (line) => {
    expect(classifyLine(line, cgmm).kind).toBe('log');
  });

  it('reads SLM Ready', () => {
    expect(classifyLine('Ready', undefined).kind).toBe('ready');
  });

  it('takes a notification as unsolicited unless its prefix is the reply of the command in flight', () => {
    expect(classifyLine('+CEREG: 5,"4321","0123ABCD",7', attest)).toEqual({
      kind: 'unsolicited',
      prefix: '+CEREG',
    });
    expect(classifyLine(`%ATTESTTOKEN: "${TOKEN}"`, attest).kind).toBe('info');
    expect(classifyLine('+CEREG: 0,1', { command: 'AT+CEREG?', sentAs: 'AT+CEREG?' }).kind).toBe(
      'info',
    );
    expect(classifyLine('%XTIME: "1"', undefined).kind).toBe('unsolicited');
  });

  it("takes Serial Modem's #XNRFPROV notification as unsolicited, its test reply as information", () => {
    expect(classifyLine('#XNRFPROV: 1', undefined)).toEqual({
      kind: 'unsolicited',
      prefix: '#XNRFPROV',
    });
    const cfun = { command: 'AT+CFUN=4', sentAs: 'AT+CFUN=4' };
    expect(classifyLine('#XNRFPROV: 2', cfun).kind).toBe('unsolicited');
    const test = { command: 'AT#XNRFPROV=?', sentAs: 'AT#XNRFPROV=?' };
    expect(classifyLine('#XNRFPROV', test).kind).toBe('info');
    expect(classifyLine('#XNRFPROV: (0,1)', test).kind).toBe('info');
  });

  it('takes plain text as information', () => {
    expect(classifyLine('nRF9160-SICA', cgmm).kind).toBe('info');
    expect(classifyLine('', cgmm).kind).toBe('blank');
  });
});

describe('expectedReplyPrefixes', () => {
  it.each([
    ['AT%ATTESTTOKEN', ['%ATTESTTOKEN']],
    ['at+cereg?', ['+CEREG']],
    ['AT+CFUN=1', ['+CFUN']],
    ['AT+CGMM;+CGMR', ['+CGMM', '+CGMR']],
    ['ATI', []],
    ['AT#XNRFPROV=?', ['#XNRFPROV']],
  ])('%s -> %j', (command, expected) => {
    expect(expectedReplyPrefixes(command)).toEqual(expected);
  });
});

describe('shellWrap', () => {
  it('prefixes at, and single-quotes commands with double quotes', () => {
    expect(shellWrap('AT+CGMM')).toBe('at AT+CGMM');
    expect(shellWrap('AT%ATTESTTOKEN="00"')).toBe(`at 'AT%ATTESTTOKEN="00"'`);
  });
});

describe('mayBeReplyLine (what resets the idle deadline)', () => {
  it.each([
    ['the start of the token line', '%ATTESTTOKEN: "2dn3hQFQ', attest],
    ['the start of an information line', 'nRF9160-SI', cgmm],
    ['our echo', 'at AT%ATTE', attest],
    ['a half final result', 'O', cgmm],
  ])('%s may answer', (_name, partial, context) => {
    expect(mayBeReplyLine(partial, context)).toBe(true);
  });

  it.each([
    ['nothing', ''],
    ['a bare prompt', 'uart:~$ '],
    ['a log line', '[00:00:05.123,456] <inf> app: hello'],
    ['the start of a log timestamp', '[00:00:0'],
    ['a log level without timestamp', '<wrn> mod'],
    ['a boot banner', '*** Boo'],
    ['an unsolicited notification', '+CEREG: 5'],
    ['a log line after a redrawn prompt', 'uart:~$ [00:00:01.000,000] <inf'],
  ])('%s does not', (_name, partial) => {
    expect(mayBeReplyLine(partial, attest)).toBe(false);
  });
});
