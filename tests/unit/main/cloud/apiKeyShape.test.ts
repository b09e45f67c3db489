import { checkApiKeyShape } from '../../../../src-main/cloud/apiKeyShape';

const KEY = '0123456789abcdef0123456789abcdef01234567';

describe('checkApiKeyShape', () => {
  it('accepts 40 hex characters, trimming a paste with spaces and newlines', () => {
    expect(checkApiKeyShape(`  ${KEY}\r\n`)).toEqual({ ok: true, key: KEY });
    expect(checkApiKeyShape(KEY.toUpperCase())).toEqual({ ok: true, key: KEY.toUpperCase() });
  });

  it.each([
    [`Bearer ${KEY}`],
    [`bearer ${KEY}`],
    [`Bearer: ${KEY}`],
    [`"${KEY}"`],
    [`'${KEY}'`],
    [`\u201c${KEY}\u201d`],
    [`\u2018${KEY}\u2019`],
    [`\u201e${KEY}\u201c`],
    ['`' + KEY + '`'],
    [`  "Bearer ${KEY}"\n`],
    [`Bearer "${KEY}"`],
    [`\u00a0\u200b${KEY}\ufeff\r\n`],
    [`\n\t'  ${KEY}  '\n`],
  ])('accepts %j, normalised to the bare key', (input) => {
    expect(checkApiKeyShape(input)).toEqual({ ok: true, key: KEY });
  });

  it.each([
    ['', /No API key/],
    ['""', /No API key/],
    ['Bearer ', /No API key/],
    [KEY.slice(0, 31), /too short: 31 of 40/],
    [`${KEY}ab`, /too long: 42 characters/],
    [`${KEY.slice(0, 9)}g${KEY.slice(10)}`, /Non-hex character 'g' at position 10/],
    [`${KEY.slice(0, 20)} ${KEY.slice(21)}`, /Non-hex character at position 21/],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      /JWT or an Organization Auth Token.*User Account/,
    ],
    [`Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln`, /JWT or an Organization Auth Token/],
    [`"${KEY}'`, /Non-hex character '"' at position 1/],
    ['2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQ.0oRDoQEmoQRBIfZYQ', /attestation token, not an API key/],
  ])('refuses %j with a specific message', (input, message) => {
    const result = checkApiKeyShape(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
