/**
 * Named accessors over the settings document. The backend is electron-store in the app and conf
 * (the library under it) in the plain-Node CLI and tests; both expose the same `store` property.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AppNotice } from '../../src-shared/ipc/app';
import type { PublicSettings } from '../../src-shared/ipc/settings';
import { publicSettingsSchema } from '../../src-shared/ipc/settings';
import {
  CURRENT_SCHEMA_VERSION,
  migrateDocument,
  type MigrationOutcome,
  type SettingsDocument,
} from './schema';
import {
  settingsNewerNotice,
  settingsResetNotice,
  settingsUnreadableNotice,
} from './settingsNotices';

/** What conf and electron-store have in common that we use. */
/** The window's size and place, remembered between starts. */
export interface WindowBounds {
  width: number;
  height: number;
  x?: number | undefined;
  y?: number | undefined;
  isMaximized: boolean;
}

export interface StoreBackend {
  store: Record<string, unknown>;
  readonly path: string;
  /** Set by memoryBackend: nothing reaches the file. */
  readonly isInMemory?: boolean;
}

/** A backend that keeps everything in memory and never touches the file at `path`. */
export function memoryBackend(path: string, store: Record<string, unknown> = {}): StoreBackend {
  return { path, store, isInMemory: true };
}

export interface SettingsStore {
  readonly path: string;
  readonly migration: Omit<MigrationOutcome, 'document'>;
  /** What opening recovered from (moved aside, unreadable, newer version, fields reset). */
  readonly notices: readonly AppNotice[];
  /** Changes stay in memory: the file could not be used or must not be rewritten. */
  readonly isReadOnly: boolean;
  getPublicSettings(): PublicSettings;
  updatePublicSettings(patch: {
    [K in keyof PublicSettings]?: PublicSettings[K] | undefined;
  }): PublicSettings;
  getWindowBounds(): WindowBounds;
  setWindowBounds(bounds: WindowBounds): void;
  getLastUsedDeviceSerial(): string | undefined;
  setLastUsedDeviceSerial(serial: string | undefined): void;
  getApiKeysBlob(): unknown;
  setApiKeysBlob(blob: unknown): void;
}

/**
 * Named accessors over the document in `backend`. Opening writes the migrated document back,
 * except for a file from a newer version (left untouched); a lossy rewrite keeps a copy first.
 */
export function createSettingsStore(
  opened: StoreBackend,
  options: {
    notices?: readonly AppNotice[];
    now?: () => number;
    /** Read the file, never write it (the CLI beside a running app): changes stay in memory. */
    readOnly?: boolean;
  } = {},
): SettingsStore {
  let backend = opened;
  const notices: AppNotice[] = [...(options.notices ?? [])];
  const { document: initial, ...migration } = migrateDocument(backend.store);
  let doc: SettingsDocument = initial;
  const toMemory = () => (backend = memoryBackend(backend.path, { ...doc }));

  if (options.readOnly) {
    toMemory();
  } else if (migration.fromNewerVersion !== undefined) {
    notices.push(
      settingsNewerNotice(backend.path, migration.fromNewerVersion, CURRENT_SCHEMA_VERSION),
    );
    toMemory();
  } else {
    const isLossy = migration.dropped.length > 0 || migration.migratedFrom !== undefined;
    const copy = isLossy ? keepCopy(backend.path, options.now ?? Date.now) : undefined;
    if (migration.dropped.length > 0) {
      notices.push(
        settingsResetNotice(
          backend.path,
          migration.dropped,
          copy && 'copy' in copy ? copy.copy : undefined,
        ),
      );
    }
    if (copy && 'failed' in copy) {
      notices.push(
        settingsUnreadableNotice(
          backend.path,
          `no copy could be kept before rewriting it: ${copy.failed}`,
        ),
      );
      toMemory();
    }
    try {
      backend.store = { ...doc };
    } catch (error) {
      notices.push(
        settingsUnreadableNotice(backend.path, `it cannot be written: ${messageOf(error)}`),
      );
      toMemory();
    }
  }

  const write = (next: SettingsDocument) => {
    doc = next;
    backend.store = { ...next };
  };

  return {
    path: backend.path,
    migration,
    notices,
    get isReadOnly() {
      return backend.isInMemory === true;
    },
    getPublicSettings: () => structuredClone(doc.preferences),
    updatePublicSettings(patch) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const preferences = publicSettingsSchema.parse({ ...doc.preferences, ...defined });
      write({ ...doc, preferences });
      return structuredClone(preferences);
    },
    getWindowBounds: () => ({ ...doc.window }),
    setWindowBounds: (bounds) => write({ ...doc, window: { ...bounds } }),
    getLastUsedDeviceSerial: () => doc.lastUsedDeviceSerial,
    setLastUsedDeviceSerial(serial) {
      const { lastUsedDeviceSerial: _old, ...rest } = doc;
      write(serial === undefined ? rest : { ...rest, lastUsedDeviceSerial: serial });
    },
    getApiKeysBlob: () => (doc.apiKeys === undefined ? undefined : structuredClone(doc.apiKeys)),
    setApiKeysBlob: (blob) => write({ ...doc, apiKeys: structuredClone(blob) }),
  };
}

/** Copies the settings file beside itself before a rewrite that changes its meaning. */
function keepCopy(
  path: string,
  now: () => number,
): { copy: string } | { failed: string } | undefined {
  if (!existsSync(path)) return undefined;
  const copy = `${path}.backup-${now()}`;
  try {
    writeFileSync(copy, readFileSync(path), { mode: 0o600, flag: 'wx' });
    return { copy };
  } catch (error) {
    return { failed: messageOf(error) };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
