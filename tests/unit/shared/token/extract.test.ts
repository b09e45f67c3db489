import fc from 'fast-check';
import { decodeAttestationToken } from '../../../../src-shared/token/decode';
import {
  extractTokenFromReply,
  extractTokenFromText,
  extractTokensFromReply,
} from '../../../../src-shared/token/extract';
import { realToken, realTokens } from './tokenFixtures';

const other = realTokens[0].token;

describe('extractTokensFromReply', () => {
  it('lists every distinct token of a reply in order, the same token once', () => {
    const line = (token: string) => `%ATTESTTOKEN: "${token}"`;
    expect(extractTokensFromReply([line(realToken), 'OK'])).toEqual([realToken]);
    expect(extractTokensFromReply([line(realToken), line(realToken), 'OK'])).toEqual([realToken]);
    expect(extractTokensFromReply([line(realToken), '', line(other), 'OK'])).toEqual([
      realToken,
      other,
    ]);
    expect(extractTokensFromReply(['OK'])).toEqual([]);
  });
});

describe('extractTokenFromReply', () => {
  it.each([
    ['AT host reply', [`%ATTESTTOKEN: "${realToken}"`, 'OK']],
    ['SLM reply with blank lines', ['', `%ATTESTTOKEN: "${realToken}"`, '', 'OK']],
    ['shell reply after the echo', ['at AT%ATTESTTOKEN', `%ATTESTTOKEN: "${realToken}"`, 'OK', '']],
    ['lower-case prefix', [`%attesttoken: "${realToken}"`]],
    ['no space after the colon', [`%ATTESTTOKEN:"${realToken}"`]],
    ['spaces everywhere', [`  %ATTESTTOKEN :  " ${realToken} "  `]],
    ['no quotes', [`%ATTESTTOKEN: ${realToken}`]],
    [
      'an unsolicited line first',
      ['+CEREG: 2,"76C1","0102DA04",7', `%ATTESTTOKEN: "${realToken}"`, 'OK'],
    ],
  ])('finds the token in a %s', (_name, lines) => {
    expect(extractTokenFromReply(lines)).toBe(realToken);
  });

  it.each([
    ['nothing', []],
    ['only ERROR', ['ERROR']],
    ['the shell saying command not found', ['AT%ATTESTTOKEN', 'AT%ATTESTTOKEN: command not found']],
    ['an empty token', ['%ATTESTTOKEN: ""', 'OK']],
    ['the echo alone', ['at AT%ATTESTTOKEN']],
  ])('returns undefined for %s', (_name, lines) => {
    expect(extractTokenFromReply(lines)).toBeUndefined();
  });
});

describe('extractTokenFromText', () => {
  const logLines = [
    '*** Booting nRF Connect SDK v2.6.0 ***',
    '[00:00:05.100,000] <inf> nrf_provisioning: Device not claimed',
  ];

  it.each([
    ['a bare token', realToken],
    ['a token in double quotes', `"${realToken}"`],
    ['a token in single quotes with whitespace', `\n  '${realToken}'  \r\n`],
    ['a whole %ATTESTTOKEN line', `%ATTESTTOKEN: "${realToken}"`],
    [
      'a terminal session with echo and OK',
      `at AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${realToken}"\r\r\nOK\r\r\n\r\nuart:~$ `,
    ],
    [
      'a coloured shell session',
      `\u001b[1;32muart:~$ \u001b[mat AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${realToken}"\r\nOK\r\n`,
    ],
    [
      'the log form, token on the same line',
      [
        ...logLines,
        `[00:00:05.123,456] <inf> nrf_provisioning: Attestation token: ${realToken}`,
      ].join('\n'),
    ],
    [
      'the log form, token on the next line',
      [
        ...logLines,
        '[00:00:05.123,456] <inf> nrf_provisioning: Attestation token:',
        `[00:00:05.123,789] <inf> nrf_provisioning: ${realToken}`,
        '[00:00:06.000,000] <inf> app: waiting',
      ].join('\r\n'),
    ],
    ['the log form, bare next line', `Attestation token:\n${realToken}\n`],
    ['the log form, blank line between', `I: Attestation token:\n\n   ${realToken}\n`],
    [
      'the log form with colours',
      `\u001b[0m[00:00:05.123,456] \u001b[0m<inf> nrf_provisioning: Attestation token:\u001b[0m\n\u001b[0m[00:00:05.123,456] <inf> nrf_provisioning: ${realToken}\u001b[0m`,
    ],
    ['a JSON body', `{"claimToken": "${realToken}", "tags": []}`],
    [
      'a token wrapped by the terminal',
      `${realToken.slice(0, 60)}\n${realToken.slice(60, 140)}\n${realToken.slice(140)}`,
    ],
    ['a sentence around the token', `Here it is: ${realToken} thanks`],
  ])('finds it in %s', (_name, text) => {
    const result = extractTokenFromText(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toBe(realToken);
    expect(decodeAttestationToken(result.value).ok).toBe(true);
  });

  it('takes the most recent of several tokens in a log', () => {
    const log = [`Attestation token:`, other, 'rebooting', 'Attestation token:', realToken].join(
      '\n',
    );
    const result = extractTokenFromText(log);
    expect(result).toEqual({ ok: true, value: realToken });
    const replies = [`%ATTESTTOKEN: "${other}"`, 'OK', `%ATTESTTOKEN: "${realToken}"`, 'OK'].join(
      '\n',
    );
    expect(extractTokenFromText(replies)).toEqual({ ok: true, value: realToken });
  });

  it('hands a damaged bare token on, so decoding can say what is wrong', () => {
    const damaged = realToken.slice(0, 100);
    expect(extractTokenFromText(` "${damaged}" `)).toEqual({ ok: true, value: damaged });
    const decoded = decodeAttestationToken(damaged);
    expect(decoded.ok ? undefined : decoded.error.code).toBe('TOKEN_PART2_INVALID');
  });

  it('skips a log line after the marker that is not a token', () => {
    const log = [
      'Attestation token: see below',
      '[00:00:05.1] <inf> app: not a token here',
      `%ATTESTTOKEN: "${realToken}"`,
    ].join('\n');
    expect(extractTokenFromText(log)).toEqual({ ok: true, value: realToken });
  });

  it.each(['', '   ', '\r\n\t', '""', '\u001b[m'])('says TOKEN_EMPTY for %j', (text) => {
    const result = extractTokenFromText(text);
    expect(result.ok ? undefined : result.error.code).toBe('TOKEN_EMPTY');
  });

  it.each([
    'no token in this text at all',
    'AT%ATTESTTOKEN: command not found\nuart:~$ ',
    'ERROR\r\n',
    'Attestation token:\n',
    'hello',
    '"OK"',
  ])('says TOKEN_NOT_FOUND for %j', (text) => {
    const result = extractTokenFromText(text);
    expect(result.ok ? undefined : result.error.code).toBe('TOKEN_NOT_FOUND');
    expect(result.ok ? '' : result.error.message).toContain('%ATTESTTOKEN');
  });
});

describe('extraction never throws', () => {
  it('on arbitrary text (seeded; FC_SEED replays another run)', () => {
    const seed = Number(process.env['FC_SEED'] ?? 9151);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        const fromText = extractTokenFromText(text);
        if (fromText.ok) expect(fromText.value.length).toBeGreaterThan(0);
        else expect(['TOKEN_EMPTY', 'TOKEN_NOT_FOUND']).toContain(fromText.error.code);
        const fromReply = extractTokenFromReply(text.split('\n'));
        if (fromReply !== undefined) expect(fromReply).not.toMatch(/[\s"]/);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
