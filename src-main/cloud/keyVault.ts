/**
 * API keys at rest: one per team, one active, each encrypted with the OS key store (Electron
 * safeStorage in the app). The stored JSON holds ciphertext and a masked form only; the plain
 * key leaves this module only through activeKey(), which main-process code alone may call.
 */
import { z } from 'zod';
import type { KeySummary } from '../../src-shared/ipc/cloud';
import { AppError } from '../../src-shared/ipc/errors';
import { maskApiKey } from '../../src-shared/redact';
import type { AccountInfo } from './adapter';
import { checkApiKeyShape } from './apiKeyShape';

/** The encryption seam: safeStorage in Electron, a fake in tests. */
export interface KeyEncryption {
  isAvailable(): boolean;
  /** e.g. 'basic_text' on Linux without a keyring, where the "encryption" is a fixed password. */
  backend(): string;
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

const storedKeySchema = z.object({
  id: z.string().min(1),
  teamName: z.string(),
  tenantId: z.string(),
  role: z.string(),
  canClaim: z.boolean(),
  maskedKey: z.string(),
  cipher: z.string().min(1),
  addedAt: z.string(),
});

export const storedKeysSchema = z.object({
  version: z.literal(1),
  activeId: z.string().optional(),
  keys: z.array(storedKeySchema),
});

/** JSON-safe: ciphertext as base64. */
export type StoredKeys = z.infer<typeof storedKeysSchema>;

export interface KeyStorage {
  read(): StoredKeys | undefined;
  write(value: StoredKeys): void;
}

/** What the settings screen lists; never the key. */
export type { KeySummary } from '../../src-shared/ipc/cloud';

/** What the renderer may learn. */
export interface KeyVaultStatus {
  hasApiKey: boolean;
  teamName?: string;
  role?: string;
  maskedKey?: string;
  isEncryptionWeak: boolean;
  encryptionBackend: string;
}

export interface KeyVault {
  addKey(key: string, account: AccountInfo): KeySummary;
  list(): KeySummary[];
  setActive(id: string): void;
  remove(id: string): void;
  /** The plain active key, for the main-process adapter only. */
  activeKey(): string | undefined;
  status(): KeyVaultStatus;
}

// Electron's safeStorage on Linux without a keyring: a hard-coded password, readable by anyone.
const WEAK_BACKENDS = ['basic_text'];

/** Builds the vault over injected storage and encryption. */
export function createKeyVault(deps: {
  storage: KeyStorage;
  encryption: KeyEncryption;
  now?: () => Date;
}): KeyVault {
  const { storage, encryption } = deps;
  const now = deps.now ?? (() => new Date());

  const load = (): StoredKeys => {
    const parsed = storedKeysSchema.safeParse(storage.read());
    return parsed.success ? parsed.data : { version: 1, keys: [] };
  };
  const save = (value: StoredKeys) => storage.write(value);

  const requireEncryption = () => {
    if (!encryption.isAvailable()) {
      throw new AppError(
        'KEY_STORE_UNAVAILABLE',
        'The operating system key store is not available, so the API key cannot be stored safely. ' +
          'On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.',
      );
    }
  };

  const summarize = (
    entry: StoredKeys['keys'][number],
    activeId: string | undefined,
  ): KeySummary => ({
    id: entry.id,
    teamName: entry.teamName,
    tenantId: entry.tenantId,
    role: entry.role,
    maskedKey: entry.maskedKey,
    isActive: entry.id === activeId,
    canClaim: entry.canClaim,
  });

  return {
    addKey(input, account) {
      const shape = checkApiKeyShape(input);
      if (!shape.ok) throw new AppError('API_KEY_MALFORMED', shape.message);
      requireEncryption();
      const cipher = Buffer.from(encryption.encrypt(shape.key)).toString('base64');
      const stored = load();
      // One key per team: a regenerated key replaces the old one.
      const id = account.tenantId;
      const entry = {
        id,
        teamName: account.teamName,
        tenantId: account.tenantId,
        role: account.role,
        canClaim: account.canClaim,
        maskedKey: maskApiKey(shape.key),
        cipher,
        addedAt: now().toISOString(),
      };
      const keys = [...stored.keys.filter((k) => k.id !== id), entry];
      save({ version: 1, activeId: id, keys });
      return summarize(entry, id);
    },

    list() {
      const stored = load();
      return stored.keys.map((k) => summarize(k, stored.activeId));
    },

    setActive(id) {
      const stored = load();
      if (!stored.keys.some((k) => k.id === id))
        throw new AppError('NOT_FOUND', 'No stored API key for that team.');
      save({ ...stored, activeId: id });
    },

    remove(id) {
      const stored = load();
      const keys = stored.keys.filter((k) => k.id !== id);
      if (keys.length === stored.keys.length)
        throw new AppError('NOT_FOUND', 'No stored API key for that team.');
      const activeId = stored.activeId === id ? keys[0]?.id : stored.activeId;
      save(activeId === undefined ? { version: 1, keys } : { version: 1, activeId, keys });
    },

    activeKey() {
      const stored = load();
      const entry = stored.keys.find((k) => k.id === stored.activeId);
      if (!entry) return undefined;
      requireEncryption();
      try {
        return encryption.decrypt(Buffer.from(entry.cipher, 'base64'));
      } catch {
        throw new AppError(
          'KEY_STORE_UNAVAILABLE',
          `The stored API key for ${entry.teamName} can no longer be decrypted (the OS key store changed). Paste the key again.`,
        );
      }
    },

    status() {
      const stored = load();
      const entry = stored.keys.find((k) => k.id === stored.activeId);
      const backend = encryption.isAvailable() ? encryption.backend() : 'unavailable';
      const base = {
        hasApiKey: entry !== undefined,
        isEncryptionWeak: !encryption.isAvailable() || WEAK_BACKENDS.includes(backend),
        encryptionBackend: backend,
      };
      return entry
        ? { ...base, teamName: entry.teamName, role: entry.role, maskedKey: entry.maskedKey }
        : base;
    },
  };
}
