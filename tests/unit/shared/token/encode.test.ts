import {
  base64UrlEncode,
  encodeAttestationToken,
  encodeTokenPart1,
  randomNonce,
  uuidToBytes,
} from '../../../../src-shared/token/encode';

// Public real tokens from docs/protocol.md (nRF9160 SICA, device type 3).
const REAL_TOKENS = [
  {
    uuid: '4961c873-408c-45ce-b1ba-7c0d99d88179',
    token:
      '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE',
  },
  {
    uuid: '50363154-3931-44f0-8022-121b6401627d',
    token:
      '2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY',
  },
];

// A deliberately independent decoder (Node's Buffer), so the encoder is not checked against itself.
function fromBase64Url(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Fixed offsets of the 57-byte part 1: d9d9f7 85 01 50<uuid> <type> 50<fw> 50<nonce>.
function splitPart1(part1: Uint8Array) {
  return {
    deviceUuid: bytesToUuid(part1.slice(6, 22)),
    deviceType: part1[22] ?? -1,
    modemFirmwareUuid: bytesToUuid(part1.slice(24, 40)),
    nonce: part1.slice(41, 57),
  };
}

describe('encodeAttestationToken', () => {
  it.each(REAL_TOKENS)('rebuilds the public token of $uuid byte for byte', ({ uuid, token }) => {
    const [part1Text = '', part2Text = ''] = token.split('.');
    const part1 = fromBase64Url(part1Text);
    const part2 = fromBase64Url(part2Text);
    const fields = splitPart1(part1);
    expect(part1.length).toBe(57);
    expect(fields.deviceUuid).toBe(uuid);
    expect(fields.deviceType).toBe(3);

    const signature = part2.slice(13);
    const rebuilt = encodeAttestationToken({ ...fields, signature });
    expect(rebuilt).toBe(token);
  });

  it('writes part 2 with the COSE_Sign1 prefix and the documented lengths', () => {
    const token = encodeAttestationToken({
      deviceUuid: '01234567-89ab-cdef-0123-456789abcdef',
      deviceType: 6,
      modemFirmwareUuid: 'fedcba98-7654-3210-fedc-ba9876543210',
      nonce: randomNonce(),
    });
    const [part1, part2] = token.split('.');
    expect(part1).toMatch(/^2dn3hQFQ[A-Za-z0-9_-]{68}$/);
    expect(part2).toMatch(/^0oRDoQEmoQRBIfZYQ[A-Za-z0-9_-]{86}$/);
    expect(token).not.toContain('=');
  });

  it('puts the fields where a decoder expects them', () => {
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    const bytes = encodeTokenPart1({
      deviceUuid: 'A1B2C3D4-0000-4000-8000-0123456789AB',
      deviceType: 4,
      modemFirmwareUuid: '11111111-2222-4333-8444-555555555555',
      nonce,
    });
    const fields = splitPart1(bytes);
    expect(fields.deviceUuid).toBe('a1b2c3d4-0000-4000-8000-0123456789ab');
    expect(fields.deviceType).toBe(4);
    expect(fields.modemFirmwareUuid).toBe('11111111-2222-4333-8444-555555555555');
    expect(Array.from(fields.nonce)).toEqual(Array.from(nonce));
  });

  it('rejects malformed inputs', () => {
    const good = {
      deviceUuid: '01234567-89ab-cdef-0123-456789abcdef',
      deviceType: 6,
      modemFirmwareUuid: 'fedcba98-7654-3210-fedc-ba9876543210',
      nonce: new Uint8Array(16),
    };
    expect(() => encodeAttestationToken({ ...good, deviceUuid: 'not-a-uuid' })).toThrow(RangeError);
    expect(() => encodeAttestationToken({ ...good, nonce: new Uint8Array(15) })).toThrow(
      RangeError,
    );
    expect(() => encodeAttestationToken({ ...good, signature: new Uint8Array(63) })).toThrow(
      RangeError,
    );
    expect(() => encodeAttestationToken({ ...good, deviceType: -1 })).toThrow(RangeError);
  });
});

describe('base64UrlEncode', () => {
  it('agrees with Node for every length remainder', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length * 11) & 0xff);
      expect(base64UrlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });
});

describe('uuidToBytes / randomNonce', () => {
  it('round-trips a UUID', () => {
    expect(bytesToUuid(uuidToBytes('4961c873-408c-45ce-b1ba-7c0d99d88179'))).toBe(
      '4961c873-408c-45ce-b1ba-7c0d99d88179',
    );
  });

  it('draws 16 fresh bytes per call', () => {
    const a = randomNonce();
    const b = randomNonce();
    expect(a.length).toBe(16);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
