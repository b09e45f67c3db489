import { describe, expect, it } from 'vitest';
import { maskApiKey, maskToken, redactSecrets } from '../../../src-shared/redact';

const TOKEN =
  '2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY';

describe('redactSecrets', () => {
  it('masks tokens to their last 6 characters, inside quotes and AT replies too', () => {
    expect(redactSecrets(`%ATTESTTOKEN: "${TOKEN}"`)).toBe('%ATTESTTOKEN: "[token …ZmAcNY]"');
  });
  it('removes 40-hex API keys and bearer values', () => {
    const key = 'ABCDEF0123456789abcdef0123456789ABCDEF01';
    expect(redactSecrets(`key=${key}`)).toBe('key=[api-key redacted]');
    expect(redactSecrets('Authorization: Bearer sk-something')).toBe(
      'Authorization: Bearer [api-key redacted]',
    );
  });
  it('leaves UUIDs, IMEIs and 41-hex strings alone', () => {
    const text = '4961c873-408c-45ce-b1ba-7c0d99d88179 351358815178345 ' + 'a'.repeat(41);
    expect(redactSecrets(text)).toBe(text);
  });
  it('is idempotent', () => {
    const once = redactSecrets(`Bearer ABCDEF0123456789abcdef0123456789ABCDEF01 ${TOKEN}`);
    expect(redactSecrets(once)).toBe(once);
  });
  it('masks for display', () => {
    expect(maskToken(TOKEN)).toBe('[token …ZmAcNY]');
    expect(maskApiKey('ABCDEF0123456789abcdef0123456789ABCDEF01')).toBe('••••••••EF01');
  });
});
