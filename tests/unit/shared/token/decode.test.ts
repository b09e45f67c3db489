import { decodeAttestationToken } from '../../../../src-shared/token/decode';
import { deviceTypeNames } from '../../../../src-shared/token/deviceTypes';
import { encodeAttestationToken } from '../../../../src-shared/token/encode';
import type { ErrorCode } from '../../../../src-shared/ipc/errors';
import {
  part1,
  part2,
  partsOf,
  realToken,
  realTokens,
  syntheticIds,
  tokenOf,
} from './tokenFixtures';

function expectError(input: string, code: ErrorCode, message: string | RegExp): void {
  const result = decodeAttestationToken(input);
  if (result.ok) throw new Error(`expected ${code}, but the token decoded`);
  expect(result.error.code).toBe(code);
  if (typeof message === 'string') expect(result.error.message).toContain(message);
  else expect(result.error.message).toMatch(message);
}

const validPart2 = part2();
const [real1, real2] = partsOf(realToken);
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

describe('decodeAttestationToken on the public real tokens', () => {
  it.each(realTokens)('decodes $deviceUuid', ({ token, deviceUuid, modemFirmwareUuid }) => {
    const result = decodeAttestationToken(token);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token).toBe(token);
    expect(result.value.messageType).toBe(1);
    expect(result.value.deviceUuid).toBe(deviceUuid);
    expect(result.value.deviceType).toBe(3);
    expect(result.value.deviceTypeName).toBe('nRF9160 SICA');
    if (modemFirmwareUuid !== undefined)
      expect(result.value.modemFirmwareUuid).toBe(modemFirmwareUuid);
    expect(result.value.modemFirmwareUuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    // The nonce is the last 16 bytes of part 1.
    expect(result.value.nonceHex).toBe(partsOf(token)[0].subarray(41).toString('hex'));
  });

  it.each([
    ['surrounding double quotes', `"${realToken}"`],
    ['single quotes', `'${realToken}'`],
    ['typographic quotes', `\u201c${realToken}\u201d`],
    ['whitespace and newlines', `  \r\n\t${realToken}\n\n `],
    ['quotes and whitespace', ` \n "${realToken}" \n`],
    [
      'a line break inside (wrapped paste)',
      `${realToken.slice(0, 50)}\n${realToken.slice(50, 120)}\r\n${realToken.slice(120)}`,
    ],
  ])('normalises %s', (_name, input) => {
    const result = decodeAttestationToken(input);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token).toBe(realToken);
    expect(result.value.deviceUuid).toBe(realTokens[1].deviceUuid);
  });
});

describe('decodeAttestationToken on synthetic tokens', () => {
  it('agrees with the encoder for every known device type and an unknown one', () => {
    for (const deviceType of [...Object.keys(deviceTypeNames).map(Number), 7, 24, 300]) {
      const nonce = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + deviceType);
      const token = encodeAttestationToken({
        deviceUuid: '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9',
        deviceType,
        modemFirmwareUuid: '11111111-2222-3333-4444-555555555555',
        nonce,
      });
      const result = decodeAttestationToken(token);
      if (!result.ok) throw new Error(`${deviceType}: ${result.error.message}`);
      expect(result.value.deviceUuid).toBe('0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9');
      expect(result.value.modemFirmwareUuid).toBe('11111111-2222-3333-4444-555555555555');
      expect(result.value.deviceType).toBe(deviceType);
      expect(result.value.deviceTypeName).toBe(
        deviceTypeNames[deviceType] ?? `unknown type ${deviceType}`,
      );
      expect(result.value.nonceHex).toBe(Buffer.from(nonce).toString('hex'));
    }
  });

  it('names each device type from docs/protocol.md', () => {
    expect(deviceTypeNames).toEqual({
      1: 'nRF9160 SIAA',
      2: 'nRF9160 SIBA',
      3: 'nRF9160 SICA',
      4: 'nRF9161 LACA',
      5: 'nRF9131 LACA',
      6: 'nRF9151 LACA',
    });
  });

  it('decodes a hand-built part 1 field by field', () => {
    const result = decodeAttestationToken(tokenOf(part1({ type: '06' }), validPart2));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.deviceUuid.replace(/-/g, '')).toBe(syntheticIds.uuidA);
    expect(result.value.modemFirmwareUuid.replace(/-/g, '')).toBe(syntheticIds.uuidB);
    expect(result.value.nonceHex).toBe(syntheticIds.nonce);
    expect(result.value.deviceTypeName).toBe('nRF9151 LACA');
  });
});

describe('decodeAttestationToken: shape and encoding errors', () => {
  it.each(['', '   ', '\n\t', '""', "''"])('rejects empty input %j', (input) => {
    expectError(input, 'TOKEN_EMPTY', 'empty');
  });

  it.each([
    ['hello', 1],
    ['OK', 1],
    ['a.b.c', 3],
    [`${realToken}.${realToken}`, 4],
    [realToken.replace('.', ''), 1],
  ])('rejects %j as not two parts', (input, count) => {
    expectError(input, 'TOKEN_MALFORMED', `expected two parts joined by a dot, found ${count}`);
  });

  it('recognises a JSON Web Token', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expectError(jwt, 'TOKEN_MALFORMED', 'JSON Web Token');
  });

  it.each([
    ['.abc', 'part 1 is empty'],
    ['abc.', 'part 2 is empty'],
  ])('rejects %j with an empty side', (input, message) => {
    expectError(input, 'TOKEN_MALFORMED', message);
  });

  it('rejects absurdly long input without decoding it', () => {
    expectError(`${'A'.repeat(5000)}.${'B'.repeat(5000)}`, 'TOKEN_MALFORMED', 'characters long');
  });

  it.each([
    [
      'standard base64 +',
      (t: string) => `${t.slice(0, 11)}+${t.slice(12)}`,
      "part 1 has '+' at character 12",
      'standard base64',
    ],
    [
      'standard base64 /',
      (t: string) => `${t.slice(0, 99)}/${t.slice(100)}`,
      "part 2 has '/' at character 23",
      'standard base64',
    ],
    [
      'padding',
      (t: string) => `${t}==`,
      "part 2 has padding '=' at character 104",
      'without padding',
    ],
    [
      'a colon',
      (t: string) => `${t.slice(0, 4)}:${t.slice(5)}`,
      "part 1 has ':' at character 5",
      'A-Z',
    ],
    [
      'a non-ASCII letter',
      (t: string) => `${t.slice(0, 7)}\u00e9${t.slice(8)}`,
      'part 1 has U+00E9 at character 8',
      'A-Z',
    ],
  ])('names the part and position of %s', (_name, mutate, where, why) => {
    const input = mutate(realToken);
    expectError(input, 'TOKEN_BAD_ENCODING', where);
    expectError(input, 'TOKEN_BAD_ENCODING', why);
  });

  it('reports one extra character that completes a byte as extra bytes', () => {
    expectError(
      `${realToken}A`,
      'TOKEN_PART2_INVALID',
      'part 2 has extra bytes after the signature (78 bytes, 77 expected)',
    );
  });

  it('rejects a last character whose unused bits are set', () => {
    // Part 2 is 103 characters: the last one carries 4 bits of data and 2 that must be zero.
    expect(realToken.endsWith('Y')).toBe(true);
    expectError(
      `${realToken.slice(0, -1)}Z`,
      'TOKEN_BAD_ENCODING',
      "part 2 ends in 'Z', which no encoder writes there",
    );
  });

  it('rejects a part whose length no base64url string can have', () => {
    expectError(`${realToken}AA`, 'TOKEN_BAD_ENCODING', 'part 2 has 105 characters');
    const [p1, p2] = realToken.split('.');
    expectError(`${p1}AAAAA.${p2}`, 'TOKEN_BAD_ENCODING', 'part 1 has 81 characters');
  });
});

describe('decodeAttestationToken: truncation', () => {
  const [p1 = '', p2 = ''] = realToken.split('.');

  it.each([1, 2, 3, 4, 10, 36, 75])('reports part 1 cut short by %i characters', (cut) => {
    const kept = p1.length - cut;
    const bytes = Math.floor((kept * 6) / 8);
    expectError(
      `${p1.slice(0, kept)}.${p2}`,
      'TOKEN_PART1_INVALID',
      `part 1 is truncated: ${bytes} of 57 bytes (${kept} of 76 characters)`,
    );
  });

  it.each([1, 2, 3, 4, 30, 102])('reports part 2 cut short by %i characters', (cut) => {
    const kept = p2.length - cut;
    const bytes = Math.floor((kept * 6) / 8);
    expectError(
      `${p1}.${p2.slice(0, kept)}`,
      'TOKEN_PART2_INVALID',
      `part 2 is truncated: ${bytes} of 77 bytes (${kept} of 103 characters)`,
    );
  });

  it('never accepts the token cut at any length', () => {
    for (let length = 0; length < realToken.length; length++) {
      const result = decodeAttestationToken(realToken.slice(0, length));
      expect(result.ok, `cut to ${length}`).toBe(false);
    }
  });
});

describe('decodeAttestationToken: part 1 contents', () => {
  it.each([
    [
      'wrong tag',
      part1({ head: 'd9d9f8 85 01' }),
      'must start with CBOR tag 55799 (d9 d9 f7), found d9 d9 f8',
    ],
    ['no tag', part1({ head: '85 01' }), 'must start with CBOR tag 55799'],
    ['array of 4', hex85('84'), 'array of 5 fields, found 4'],
    [
      'a map instead of an array',
      part1({ head: 'd9d9f7 a0', uuid: '', type: '', fw: '', nonce: '' }),
      'array of 5 fields, found a map of 0',
    ],
    [
      'message type 2',
      part1({ head: 'd9d9f7 85 02' }),
      'message type must be 1 (device identity), found the integer 2',
    ],
    [
      'device UUID of 12 bytes',
      part1({ uuid: `4c${'11'.repeat(12)}` }),
      'device UUID must be 16 bytes, found 12',
    ],
    [
      'device UUID as text',
      part1({ uuid: `70${'41'.repeat(16)}` }),
      'device UUID must be a byte string, found a text string of 16 characters',
    ],
    [
      'negative device type',
      part1({ type: '20' }),
      'device type must be an unsigned integer, found the integer -1',
    ],
    [
      'device type as bytes',
      part1({ type: '4100' }),
      'device type must be an unsigned integer, found a byte string of 1 bytes',
    ],
    [
      'firmware UUID of 17 bytes',
      part1({ fw: `51${'22'.repeat(17)}` }),
      'modem firmware UUID must be 16 bytes, found 17',
    ],
    ['nil nonce', part1({ nonce: 'f6' }), 'nonce must be a byte string, found nil'],
    [
      'nonce of 15 bytes',
      part1({ nonce: `4f${'33'.repeat(15)}` }),
      'nonce must be 16 bytes, found 15',
    ],
    [
      'extra bytes',
      part1({ tail: '00' }),
      'part 1 has extra bytes after the identity claim (58 bytes, 57 expected)',
    ],
    [
      'a damaged length byte',
      part1({ nonce: `58ff${'33'.repeat(15)}` }),
      'ends in the middle of a CBOR item although it has 57 bytes',
    ],
    ['the signature part', partsOf(realToken)[1], 'the two parts seem to be swapped'],
  ])('reports %s', (_name, bytes, message) => {
    expectError(tokenOf(bytes, validPart2), 'TOKEN_PART1_INVALID', message);
  });

  it('reports a part 1 of two bytes as truncated', () => {
    expectError(
      `${b64(real1.subarray(0, 2))}.${b64(real2)}`,
      'TOKEN_PART1_INVALID',
      'truncated: 2 of 57 bytes',
    );
  });

  function hex85(arrayHeader: string): Buffer {
    return part1({ head: `d9d9f7 ${arrayHeader} 01`, nonce: '' });
  }
});

describe('decodeAttestationToken: part 2 contents', () => {
  const goodPart1 = part1();
  it.each([
    [
      'no COSE tag',
      part2({ head: '84' }),
      'must start with CBOR tag 18 (d2, COSE_Sign1), found 84',
    ],
    ['the identity part', partsOf(realToken)[0], 'the two parts seem to be swapped'],
    [
      'array of 3',
      part2({ head: 'd2 83', payload: '' }),
      'COSE_Sign1 array of 4 fields, found an array of 3',
    ],
    [
      'a number instead of an array',
      hexBytes('d2 01'),
      'COSE_Sign1 array of 4 fields, found the integer 1',
    ],
    [
      'another algorithm',
      part2({ protectedHeader: '43 a10127' }),
      'must be a1 01 26 (algorithm ES256), found a10127',
    ],
    [
      'protected header as a map',
      part2({ protectedHeader: 'a1 01 26' }),
      'protected header must be a byte string, found a map of 1',
    ],
    ['no key id', part2({ unprotected: 'a0' }), 'unprotected header has no key id (label 4)'],
    [
      'another key id',
      part2({ unprotected: 'a1 04 41 22' }),
      'key id must be 0x21 (the identity key), found 22',
    ],
    [
      'unprotected header as bytes',
      part2({ unprotected: '41 21' }),
      'unprotected header must be a map, found a byte string of 1 bytes',
    ],
    [
      'an attached payload',
      part2({ payload: '40' }),
      'payload must be nil (detached), found a byte string of 0 bytes',
    ],
    [
      'a short signature',
      part2({ signature: `583f${'ab'.repeat(63)}` }),
      'signature must be 64 bytes (ES256), found 63',
    ],
    [
      'extra bytes',
      part2({ tail: 'f6' }),
      'part 2 has extra bytes after the signature (78 bytes, 77 expected)',
    ],
  ])('reports %s', (_name, bytes, message) => {
    expectError(tokenOf(goodPart1, bytes), 'TOKEN_PART2_INVALID', message);
  });

  function hexBytes(text: string): Buffer {
    return Buffer.from(text.replace(/\s+/g, ''), 'hex');
  }
});
