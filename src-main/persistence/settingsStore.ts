/**
 * Named accessors over the settings document. The backend is electron-store in the app and conf
 * (the library under it) in the plain-Node CLI and tests; both expose the same `store` property.
 */
import type { PublicSettings } from '../../src-shared/ipc/settings';
import { publicSettingsSchema } from '../../src-shared/ipc/settings';
import type { WindowBounds } from '../window';
import { migrateDocument, type MigrationOutcome, type SettingsDocument } from './schema';

/** What conf and electron-store have in common that we use. */
export interface StoreBackend {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface SettingsStore {
  readonly path: string;
  readonly migration: Omit<MigrationOutcome, 'document'>;
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

export function createSettingsStore(backend: StoreBackend): SettingsStore {
  const { document: initial, ...migration } = migrateDocument(backend.store);
  let doc: SettingsDocument = initial;
  backend.store = { ...doc };

  const write = (next: SettingsDocument) => {
    doc = next;
    backend.store = { ...next };
  };

  return {
    path: backend.path,
    migration,
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
