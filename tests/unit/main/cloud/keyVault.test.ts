import { AppError } from '../../../../src-shared/ipc/errors';
import type { AccountInfo } from '../../../../src-main/cloud/adapter';
import {
  createKeyVault,
  type KeyEncryption,
  type StoredKeys,
} from '../../../../src-main/cloud/keyVault';

const KEY_A = 'aaaa1111bbbb2222cccc3333dddd4444eeee5555';
const KEY_B = '0123456789abcdef0123456789abcdef01234567';
const TEAM_A: AccountInfo = {
  teamName: 'Team A',
  tenantId: 'tenant-a',
  role: 'owner',
  canClaim: true,
};
const TEAM_B: AccountInfo = {
  teamName: 'Team B',
  tenantId: 'tenant-b',
  role: 'viewer',
  canClaim: false,
};

/** Reversible and obviously not the plain text: XOR with a byte, like a real cipher hides the key. */
function fakeEncryption(options: { available?: boolean; backend?: string } = {}) {
  const state = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
    failDecrypt: false,
  };
  const encryption: KeyEncryption = {
    isAvailable: () => state.available,
    backend: () => state.backend,
    encrypt: (plain) => Uint8Array.from(Buffer.from(plain, 'utf8'), (b) => b ^ 0x5a),
    decrypt: (cipher) => {
      if (state.failDecrypt)
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString',
        );
      return Buffer.from(Uint8Array.from(cipher, (b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return { encryption, state };
}

function memoryStorage() {
  let value: StoredKeys | undefined;
  const writes: string[] = [];
  return {
    storage: {
      read: () =>
        value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as StoredKeys),
      write: (v: StoredKeys) => {
        writes.push(JSON.stringify(v));
        value = v;
      },
    },
    writes,
    raw: () => JSON.stringify(value),
  };
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('key vault', () => {
  it('stores a key encrypted, lists it masked and gives it back to main', () => {
    const { storage, writes, raw } = memoryStorage();
    const vault = createKeyVault({ storage, encryption: fakeEncryption().encryption });
    const summary = vault.addKey(`  ${KEY_A}\n`, TEAM_A);
    expect(summary).toEqual({
      id: 'tenant-a',
      teamName: 'Team A',
      tenantId: 'tenant-a',
      role: 'owner',
      maskedKey: '••••••••5555',
      isActive: true,
      canClaim: true,
    });
    expect(vault.activeKey()).toBe(KEY_A);
    expect(writes.length).toBeGreaterThan(0);
    for (const written of [...writes, raw()]) expect(written).not.toContain(KEY_A);
    expect(JSON.parse(raw()).keys[0].cipher).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('keeps one key per team, one active, and switches between them', () => {
    const { storage, raw } = memoryStorage();
    const vault = createKeyVault({ storage, encryption: fakeEncryption().encryption });
    vault.addKey(KEY_A, TEAM_A);
    vault.addKey(KEY_B, TEAM_B);
    expect(vault.list().map((k) => [k.id, k.isActive])).toEqual([
      ['tenant-a', false],
      ['tenant-b', true],
    ]);
    expect(vault.status()).toMatchObject({
      hasApiKey: true,
      teamName: 'Team B',
      role: 'viewer',
      maskedKey: '••••••••4567',
    });
    vault.setActive('tenant-a');
    expect(vault.activeKey()).toBe(KEY_A);
    // A regenerated key for Team A replaces the old one.
    vault.addKey(KEY_B, TEAM_A);
    expect(vault.list()).toHaveLength(2);
    expect(vault.activeKey()).toBe(KEY_B);
    for (const key of [KEY_A, KEY_B]) expect(raw()).not.toContain(key);
  });

  it('removes keys, moving the active mark to a remaining one', () => {
    const { storage } = memoryStorage();
    const vault = createKeyVault({ storage, encryption: fakeEncryption().encryption });
    vault.addKey(KEY_A, TEAM_A);
    vault.addKey(KEY_B, TEAM_B);
    vault.remove('tenant-b');
    expect(vault.list().map((k) => [k.id, k.isActive])).toEqual([['tenant-a', true]]);
    vault.remove('tenant-a');
    expect(vault.activeKey()).toBeUndefined();
    expect(vault.status()).toMatchObject({ hasApiKey: false });
    expect(codeOf(() => vault.remove('tenant-a'))).toBe('NOT_FOUND');
    expect(codeOf(() => vault.setActive('nope'))).toBe('NOT_FOUND');
  });

  it('refuses a malformed key before encrypting anything', () => {
    const { storage, writes } = memoryStorage();
    const vault = createKeyVault({ storage, encryption: fakeEncryption().encryption });
    expect(codeOf(() => vault.addKey('abc', TEAM_A))).toBe('API_KEY_MALFORMED');
    expect(writes).toEqual([]);
  });

  it('says KEY_STORE_UNAVAILABLE when the OS cannot encrypt, and never stores plain text', () => {
    const { storage, writes } = memoryStorage();
    const vault = createKeyVault({
      storage,
      encryption: fakeEncryption({ available: false }).encryption,
    });
    expect(codeOf(() => vault.addKey(KEY_A, TEAM_A))).toBe('KEY_STORE_UNAVAILABLE');
    expect(writes).toEqual([]);
    expect(vault.status()).toMatchObject({
      hasApiKey: false,
      isEncryptionWeak: true,
      encryptionBackend: 'unavailable',
    });
  });

  it('flags the basic_text backend as weak', () => {
    const weak = createKeyVault({
      storage: memoryStorage().storage,
      encryption: fakeEncryption({ backend: 'basic_text' }).encryption,
    });
    expect(weak.status()).toMatchObject({
      isEncryptionWeak: true,
      encryptionBackend: 'basic_text',
    });
    const strong = createKeyVault({
      storage: memoryStorage().storage,
      encryption: fakeEncryption().encryption,
    });
    expect(strong.status()).toMatchObject({
      isEncryptionWeak: false,
      encryptionBackend: 'gnome_libsecret',
    });
  });

  it('says KEY_STORE_UNAVAILABLE when a stored key no longer decrypts', () => {
    const { encryption, state } = fakeEncryption();
    const vault = createKeyVault({ storage: memoryStorage().storage, encryption });
    vault.addKey(KEY_A, TEAM_A);
    state.failDecrypt = true;
    expect(codeOf(() => vault.activeKey())).toBe('KEY_STORE_UNAVAILABLE');
  });

  it('treats unreadable stored JSON as no keys', () => {
    const storage = {
      read: () => ({ version: 9, nonsense: true }) as unknown as StoredKeys,
      write: () => {},
    };
    const vault = createKeyVault({ storage, encryption: fakeEncryption().encryption });
    expect(vault.list()).toEqual([]);
    expect(vault.activeKey()).toBeUndefined();
  });
});
