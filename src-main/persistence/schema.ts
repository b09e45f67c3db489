/**
 * The persisted settings document: one zod schema, its defaults, and the migrations that bring an
 * older document up to the current version. Secrets are stored only as ciphertext (see cloud/keyVault).
 */
import { z } from 'zod';
import { publicSettingsSchema, type PublicSettings } from '../../src-shared/ipc/settings';

export const CURRENT_SCHEMA_VERSION = 2;

export const defaultPublicSettings: PublicSettings = {
  theme: 'system',
  baudRate: 115200,
  rtscts: false,
  claimTags: ['nrf-cloud-onboarding'],
  apiBaseUrl: 'https://api.nrfcloud.com/v1/',
  provisioningBaseUrl: 'https://api.provisioning.nrfcloud.com/v1/',
  portalBaseUrl: 'https://nrfcloud.com/',
  isProvisioningOn: true,
  provisioningTimeoutS: 300,
  isAutoClaimOn: false,
};

export const windowBoundsSchema = z.object({
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  isMaximized: z.boolean(),
});

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  preferences: publicSettingsSchema,
  window: windowBoundsSchema,
  /** USB serial number of the device used last, to preselect it. */
  lastUsedDeviceSerial: z.string().optional(),
  /** Opaque to this layer: the key vault owns and validates its own JSON (ciphertext only). */
  apiKeys: z.unknown().optional(),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

export const defaultDocument = (): SettingsDocument => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  preferences: { ...defaultPublicSettings, claimTags: [...defaultPublicSettings.claimTags] },
  window: { width: 1100, height: 780, isMaximized: false },
});

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations keyed by the version they produce. v1 (the 0.0.x previews) kept preferences flat at
 * the top level with tags as one comma-separated string; v2 groups them under `preferences`.
 */
const migrations: Record<number, Migration> = {
  2: (v1) => {
    const { theme, baudRate, claimTags, apiUrl, provisioningUrl, ...rest } = v1;
    const tags =
      typeof claimTags === 'string'
        ? claimTags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : undefined;
    return {
      ...rest,
      schemaVersion: 2,
      preferences: {
        ...(theme === undefined ? {} : { theme }),
        ...(baudRate === undefined ? {} : { baudRate }),
        ...(tags === undefined ? {} : { claimTags: tags }),
        ...(apiUrl === undefined ? {} : { apiBaseUrl: apiUrl }),
        ...(provisioningUrl === undefined ? {} : { provisioningBaseUrl: provisioningUrl }),
      },
    };
  },
};

export interface MigrationOutcome {
  document: SettingsDocument;
  migratedFrom?: number;
  /** The stored version, when a newer app wrote the file: it must then never be rewritten. */
  fromNewerVersion?: number;
  /** Fields that could not be kept, with why; the rest of the document survives. */
  dropped: string[];
}

/** Brings any stored value to the current schema; invalid fields fall back to defaults. */
export function migrateDocument(raw: unknown): MigrationOutcome {
  const base = defaultDocument();
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) {
    return { document: base, dropped: [] };
  }
  let doc = { ...(raw as Record<string, unknown>) };
  const storedVersion = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 1;
  const isFromNewer = storedVersion > CURRENT_SCHEMA_VERSION;
  if (isFromNewer) {
    // Written by a newer app: read what we understand; the caller must not write it back.
    doc.schemaVersion = CURRENT_SCHEMA_VERSION;
  }
  for (let v = storedVersion + 1; v <= CURRENT_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (step) doc = step(doc);
  }
  const dropped: string[] = [];
  const prefs: Record<string, unknown> = { ...base.preferences };
  const storedPrefs = (doc.preferences ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(storedPrefs)) {
    const fieldSchema = publicSettingsSchema.shape[key as keyof PublicSettings];
    if (fieldSchema?.safeParse(value).success) prefs[key] = value;
    else dropped.push(`preferences.${key}`);
  }
  const window = windowBoundsSchema.safeParse(doc.window);
  if (doc.window !== undefined && !window.success) dropped.push('window');
  const lastUsed =
    typeof doc.lastUsedDeviceSerial === 'string' ? doc.lastUsedDeviceSerial : undefined;
  const document: SettingsDocument = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    preferences: publicSettingsSchema.parse(prefs),
    window: window.success ? window.data : base.window,
    ...(lastUsed === undefined ? {} : { lastUsedDeviceSerial: lastUsed }),
    ...(doc.apiKeys === undefined ? {} : { apiKeys: doc.apiKeys }),
  };
  if (isFromNewer) return { document, fromNewerVersion: storedVersion, dropped };
  return storedVersion < CURRENT_SCHEMA_VERSION
    ? { document, migratedFrom: storedVersion, dropped }
    : { document, dropped };
}
