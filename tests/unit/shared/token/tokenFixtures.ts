/** Public real tokens (docs/protocol.md §1.9) and byte-level helpers for building damaged ones. */

export const realTokens = [
  {
    token:
      '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE',
    deviceUuid: '4961c873-408c-45ce-b1ba-7c0d99d88179',
    modemFirmwareUuid: undefined,
  },
  {
    token:
      '2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY',
    deviceUuid: '50363154-3931-44f0-8022-121b6401627d',
    modemFirmwareUuid: '1aff3acb-f1a6-4764-a263-4c2646c1c654',
  },
] as const;

export const realToken = realTokens[1].token;

/** The two parts of a token as raw bytes (Node Buffer is fine in tests). */
export function partsOf(token: string): [Buffer, Buffer] {
  const [a = '', b = ''] = token.split('.');
  return [Buffer.from(a, 'base64url'), Buffer.from(b, 'base64url')];
}

/** Joins raw parts back into a token string. */
export function tokenOf(part1: Uint8Array, part2: Uint8Array): string {
  return `${Buffer.from(part1).toString('base64url')}.${Buffer.from(part2).toString('base64url')}`;
}

/** Bytes from a hex string with optional spaces. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

const uuidA = '00112233445566778899aabbccddeeff';
const uuidB = 'ffeeddccbbaa99887766554433221100';
const nonce = '0102030405060708090a0b0c0d0e0f10';

/** Part 1 built field by field, so one field at a time can be broken. */
export function part1(
  fields: {
    head?: string;
    type?: string;
    uuid?: string;
    fw?: string;
    nonce?: string;
    tail?: string;
  } = {},
): Buffer {
  return hex(
    (fields.head ?? 'd9d9f7 85 01') +
      (fields.uuid ?? `50${uuidA}`) +
      (fields.type ?? '03') +
      (fields.fw ?? `50${uuidB}`) +
      (fields.nonce ?? `50${nonce}`) +
      (fields.tail ?? ''),
  );
}

export const syntheticIds = { uuidA, uuidB, nonce };

const signature = 'ab'.repeat(64);

/** Part 2 built field by field. */
export function part2(
  fields: {
    head?: string;
    protectedHeader?: string;
    unprotected?: string;
    payload?: string;
    signature?: string;
    tail?: string;
  } = {},
): Buffer {
  return hex(
    (fields.head ?? 'd2 84') +
      (fields.protectedHeader ?? '43 a10126') +
      (fields.unprotected ?? 'a1 04 41 21') +
      (fields.payload ?? 'f6') +
      (fields.signature ?? `5840${signature}`) +
      (fields.tail ?? ''),
  );
}
