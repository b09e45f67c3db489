import fc from 'fast-check';
import { errorCodes } from '../../../../src-shared/ipc/errors';
import { decodeAttestationToken } from '../../../../src-shared/token/decode';
import type { DecodedToken } from '../../../../src-shared/token/decode';
import { realToken, realTokens } from './tokenFixtures';

// Reproducible by default; FC_SEED=<n> replays another run. fast-check prints seed and path on failure.
const seed = Number(process.env['FC_SEED'] ?? 91_160);
const runs = { seed, numRuns: 1500 };
const tokenCodes = errorCodes.filter((code) => code.startsWith('TOKEN_'));
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Decodes and checks the result is well formed either way; returns the value when ok. */
function decodeChecked(input: string): DecodedToken | undefined {
  const result = decodeAttestationToken(input);
  if (!result.ok) {
    expect(tokenCodes).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(10);
    return undefined;
  }
  expect(result.value.deviceUuid).toMatch(UUID);
  expect(result.value.modemFirmwareUuid).toMatch(UUID);
  expect(result.value.nonceHex).toMatch(/^[0-9a-f]{32}$/);
  return result.value;
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    char: fc.oneof(
      fc.constantFrom(...alphabet),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), char: fc.constant('') }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    char: fc.constantFrom(...alphabet, '.', '=', '+', ' ', '"'),
  }),
);

function mutate(
  token: string,
  edits: readonly { kind: 'replace' | 'delete' | 'insert'; at: number; char: string }[],
): string {
  let text = token;
  for (const edit of edits) {
    const at = text.length === 0 ? 0 : edit.at % text.length;
    if (edit.kind === 'replace') text = text.slice(0, at) + edit.char + text.slice(at + 1);
    else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
    else text = text.slice(0, at) + edit.char + text.slice(at);
  }
  return text;
}

describe('decodeAttestationToken never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        (input) => void decodeChecked(input),
      ),
      runs,
    );
  });

  it('on strings made of base64url characters and dots', () => {
    const tokenish = fc.string({ unit: fc.constantFrom(...alphabet, '.'), maxLength: 300 });
    fc.assert(
      fc.property(tokenish, (input) => void decodeChecked(input)),
      runs,
    );
  });

  it('on random bytes in either part (garbage for the CBOR decoder)', () => {
    const bytes = fc.uint8Array({ maxLength: 120 });
    const prefixed = fc
      .tuple(fc.constantFrom([0xd9, 0xd9, 0xf7], [0xd2], []), bytes)
      .map(([head, tail]) => Uint8Array.from([...head, ...tail]));
    fc.assert(
      fc.property(prefixed, prefixed, (a, b) => {
        void decodeChecked(
          `${Buffer.from(a).toString('base64url')}.${Buffer.from(b).toString('base64url')}`,
        );
        void decodeChecked(`${realToken.split('.')[0]}.${Buffer.from(b).toString('base64url')}`);
      }),
      runs,
    );
  });

  it('on random mutations of the real tokens', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...realTokens.map((t) => t.token)),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (token, edits) => {
          void decodeChecked(mutate(token, edits));
        },
      ),
      runs,
    );
  });
});

describe('decodeAttestationToken notices every altered character of part 1', () => {
  it('either rejects the token or decodes different contents', () => {
    const original = decodeChecked(realToken);
    expect(original).toBeDefined();
    const part1Length = realToken.indexOf('.');
    fc.assert(
      fc.property(fc.nat({ max: part1Length - 1 }), fc.constantFrom(...alphabet), (at, char) => {
        fc.pre(realToken[at] !== char);
        const altered = decodeChecked(realToken.slice(0, at) + char + realToken.slice(at + 1));
        if (altered === undefined) return;
        const { token: _a, ...before } = original ?? ({} as DecodedToken);
        const { token: _b, ...after } = altered;
        expect(after).not.toEqual(before);
      }),
      runs,
    );
  });
});
