/**
 * Every device transcript of docs/protocol.md (§2), byte for byte, with the lines the framer
 * must produce and what each line is while the given command is in flight.
 */
import type { LineClass, LineContext } from '../../../../src-shared/at/classifyLine';

export const TOKEN =
  '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE';
// A token-shaped string holding the letters OK and ERROR, as real tokens may.
export const TOKEN_WITH_OK = '2dn3hQFQOKxxERRORyyOK.0oRDoQEmoQRBIfZYQOKERROR';

const ESC = '\x1b';
const PROMPT = `${ESC}[1;32muart:~$ ${ESC}[m`;

export interface TranscriptCase {
  name: string;
  bytes: string;
  context: LineContext | undefined;
  lines: string[];
  kinds: LineClass['kind'][];
  partial: string;
}

const attest: LineContext = { command: 'AT%ATTESTTOKEN', sentAs: 'AT%ATTESTTOKEN' };
const attestShell: LineContext = { command: 'AT%ATTESTTOKEN', sentAs: 'at AT%ATTESTTOKEN' };

export const transcripts: TranscriptCase[] = [
  {
    name: 'AT host: token then OK',
    bytes: `%ATTESTTOKEN: "${TOKEN}"\r\nOK\r\n`,
    context: attest,
    lines: [`%ATTESTTOKEN: "${TOKEN}"`, 'OK'],
    kinds: ['info', 'final'],
    partial: '',
  },
  {
    name: 'AT host: bare ERROR',
    bytes: 'ERROR\r\n',
    context: attest,
    lines: ['ERROR'],
    kinds: ['final'],
    partial: '',
  },
  {
    name: 'AT host: unsolicited +CEREG inside the reply',
    bytes: `+CEREG: 5,"4321","0123ABCD",7\r\n%ATTESTTOKEN: "${TOKEN}"\r\nOK\r\n`,
    context: attest,
    lines: ['+CEREG: 5,"4321","0123ABCD",7', `%ATTESTTOKEN: "${TOKEN}"`, 'OK'],
    kinds: ['unsolicited', 'info', 'final'],
    partial: '',
  },
  {
    name: 'AT host: +CME ERROR after CMEE=1',
    bytes: '+CME ERROR: 514\r\n',
    context: attest,
    lines: ['+CME ERROR: 514'],
    kinds: ['final'],
    partial: '',
  },
  {
    name: 'AT host: token containing OK and ERROR',
    bytes: `%ATTESTTOKEN: "${TOKEN_WITH_OK}"\r\nOK\r\n`,
    context: attest,
    lines: [`%ATTESTTOKEN: "${TOKEN_WITH_OK}"`, 'OK'],
    kinds: ['info', 'final'],
    partial: '',
  },
  {
    name: 'SLM: boot',
    bytes: 'Ready\r\n',
    context: undefined,
    lines: ['Ready'],
    kinds: ['ready'],
    partial: '',
  },
  {
    name: 'SLM: token with blank-line framing',
    bytes: `\r\n%ATTESTTOKEN: "${TOKEN}"\r\n\r\nOK\r\n`,
    context: attest,
    lines: ['', `%ATTESTTOKEN: "${TOKEN}"`, '', 'OK'],
    kinds: ['blank', 'info', 'blank', 'final'],
    partial: '',
  },
  {
    name: 'SLM: rejects the at prefix',
    bytes: '\r\nERROR\r\n',
    context: attestShell,
    lines: ['', 'ERROR'],
    kinds: ['blank', 'final'],
    partial: '',
  },
  {
    name: 'shell: start',
    bytes: `${ESC}[m\r\n\r\n${PROMPT}`,
    context: undefined,
    lines: ['', ''],
    kinds: ['blank', 'blank'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: plain command not found',
    bytes: `AT%ATTESTTOKEN\r\n${ESC}[1;31mAT%ATTESTTOKEN: command not found\r\n${ESC}[m${PROMPT}`,
    context: attest,
    lines: ['AT%ATTESTTOKEN', 'AT%ATTESTTOKEN: command not found'],
    kinds: ['echo', 'shellError'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: at prefix, token, CR CR LF',
    bytes: `at AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${TOKEN}"\r\r\nOK\r\r\n\r\n${PROMPT}`,
    context: attestShell,
    lines: ['at AT%ATTESTTOKEN', `%ATTESTTOKEN: "${TOKEN}"`, 'OK', ''],
    kinds: ['echo', 'info', 'final', 'blank'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: echo after the prompt, modem ERROR',
    bytes: `${PROMPT}at AT%ATTESTTOKEN\r\nERROR\r\r\n\r\n${PROMPT}`,
    context: attestShell,
    lines: ['uart:~$ at AT%ATTESTTOKEN', 'ERROR', ''],
    kinds: ['echo', 'final', 'blank'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: modem library failure',
    bytes: `at AT%ATTESTTOKEN\r\n${ESC}[1;31mSending AT command failed with error code -5\r\n${ESC}[m${PROMPT}`,
    context: attestShell,
    lines: ['at AT%ATTESTTOKEN', 'Sending AT command failed with error code -5'],
    kinds: ['echo', 'shellError'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: quoted command',
    bytes: `at 'AT%ATTESTTOKEN="00112233445566778899aabbccddeeff"'\r\n%ATTESTTOKEN: "${TOKEN}"\r\r\nOK\r\r\n`,
    context: {
      command: 'AT%ATTESTTOKEN="00112233445566778899aabbccddeeff"',
      sentAs: `at 'AT%ATTESTTOKEN="00112233445566778899aabbccddeeff"'`,
    },
    lines: [
      `at 'AT%ATTESTTOKEN="00112233445566778899aabbccddeeff"'`,
      `%ATTESTTOKEN: "${TOKEN}"`,
      'OK',
    ],
    kinds: ['echo', 'info', 'final'],
    partial: '',
  },
  {
    name: 'shell: log line erases and redraws the prompt',
    bytes: `${PROMPT}${ESC}[8D${ESC}[J[00:00:05.123,456] <inf> app: hello\r\n${PROMPT}`,
    context: undefined,
    lines: ['[00:00:05.123,456] <inf> app: hello'],
    kinds: ['log'],
    partial: 'uart:~$ ',
  },
  {
    name: 'shell: boot banner and provisioning log',
    bytes: `*** Booting nRF Connect SDK v2.6.0 ***\r\n[00:00:00.251,000] <wrn> nrf_provisioning: Attestation token:\r\n${PROMPT}`,
    context: undefined,
    lines: [
      '*** Booting nRF Connect SDK v2.6.0 ***',
      '[00:00:00.251,000] <wrn> nrf_provisioning: Attestation token:',
    ],
    kinds: ['log', 'log'],
    partial: 'uart:~$ ',
  },
];
