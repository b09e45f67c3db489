import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConfBackend } from '../../../../src-main/persistence/confBackend';
import {
  CURRENT_SCHEMA_VERSION,
  defaultPublicSettings,
  migrateDocument,
} from '../../../../src-main/persistence/schema';
import { createSettingsStore } from '../../../../src-main/persistence/settingsStore';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'onboarder-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const readJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('settings store over conf (plain Node)', () => {
  it('starts with defaults, persists through named accessors, and reopens the same values', () => {
    const dir = tempDir();
    const store = createSettingsStore(openConfBackend(dir).backend);
    expect(store.getPublicSettings()).toEqual(defaultPublicSettings);
    store.updatePublicSettings({ baudRate: 1_000_000, claimTags: ['lab-3'] });
    store.setLastUsedDeviceSerial('001051234567');
    store.setWindowBounds({ width: 900, height: 650, x: 10, y: 20, isMaximized: true });

    const reopened = createSettingsStore(openConfBackend(dir).backend);
    expect(reopened.getPublicSettings()).toMatchObject({
      baudRate: 1_000_000,
      claimTags: ['lab-3'],
    });
    expect(reopened.getLastUsedDeviceSerial()).toBe('001051234567');
    expect(reopened.getWindowBounds()).toEqual({
      width: 900,
      height: 650,
      x: 10,
      y: 20,
      isMaximized: true,
    });
    expect(readJson(dir).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('rejects an invalid update and keeps the previous value', () => {
    const store = createSettingsStore(openConfBackend(tempDir()).backend);
    expect(() => store.updatePublicSettings({ baudRate: -5 })).toThrow();
    expect(store.getPublicSettings().baudRate).toBe(115200);
  });

  it('migrates a version-1 file on open and writes version 2', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        theme: 'dark',
        baudRate: 9600,
        claimTags: 'lab, nrf-cloud-onboarding ,',
        apiUrl: 'http://127.0.0.1:9/v1/',
        lastUsedDeviceSerial: 'THINGY91X_AB',
      }),
    );
    const store = createSettingsStore(openConfBackend(dir).backend);
    expect(store.migration.migratedFrom).toBe(1);
    expect(store.getPublicSettings()).toMatchObject({
      theme: 'dark',
      baudRate: 9600,
      claimTags: ['lab', 'nrf-cloud-onboarding'],
      apiBaseUrl: 'http://127.0.0.1:9/v1/',
      provisioningBaseUrl: defaultPublicSettings.provisioningBaseUrl,
    });
    expect(store.getLastUsedDeviceSerial()).toBe('THINGY91X_AB');
    const onDisk = readJson(dir);
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk).not.toHaveProperty('apiUrl');
  });

  it('drops invalid fields with their names and keeps the rest', () => {
    const outcome = migrateDocument({
      schemaVersion: 2,
      preferences: { baudRate: 'fast', theme: 'light' },
      window: { width: 'wide' },
    });
    expect(outcome.dropped).toEqual(['preferences.baudRate', 'window']);
    expect(outcome.document.preferences.theme).toBe('light');
    expect(outcome.document.preferences.baudRate).toBe(115200);
  });

  it('moves a corrupt file aside instead of failing or deleting it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"schemaVersion": 2, "preferences": {');
    const { backend, movedAside } = openConfBackend(dir);
    expect(movedAside).toMatch(/settings\.json\.corrupt-\d+$/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(createSettingsStore(backend).getPublicSettings()).toEqual(defaultPublicSettings);
  });

  it('keeps the key vault blob opaque and round-trips it', () => {
    const dir = tempDir();
    const store = createSettingsStore(openConfBackend(dir).backend);
    store.setApiKeysBlob({ version: 1, keys: [{ id: 'a', cipher: 'AAEC' }] });
    expect(createSettingsStore(openConfBackend(dir).backend).getApiKeysBlob()).toEqual({
      version: 1,
      keys: [{ id: 'a', cipher: 'AAEC' }],
    });
  });
});

describe('settings store over electron-store (Electron mocked)', () => {
  it('uses the same schema and accessors', async () => {
    vi.doMock('electron', () => ({
      default: { app: undefined, ipcMain: undefined, shell: undefined },
    }));
    const { openElectronStoreBackend } =
      await import('../../../../src-main/persistence/electronBackend');
    const dir = tempDir();
    const store = createSettingsStore(openElectronStoreBackend(dir).backend);
    store.updatePublicSettings({ theme: 'dark' });
    expect(readJson(dir)).toMatchObject({ schemaVersion: 2, preferences: { theme: 'dark' } });
    expect(createSettingsStore(openConfBackend(dir).backend).getPublicSettings().theme).toBe(
      'dark',
    );
    vi.doUnmock('electron');
  });
});
