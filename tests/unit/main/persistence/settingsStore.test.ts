import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConfBackend, openConfSettings } from '../../../../src-main/persistence/confBackend';
import {
  CURRENT_SCHEMA_VERSION,
  defaultPublicSettings,
  migrateDocument,
} from '../../../../src-main/persistence/schema';
import {
  createSettingsStore,
  type StoreBackend,
} from '../../../../src-main/persistence/settingsStore';

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

  it('claims without asking only once turned on: off in a file written before the setting existed', () => {
    const { preferences } = migrateDocument({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      preferences: { theme: 'dark' },
    }).document;
    expect(preferences).toMatchObject({ theme: 'dark', isAutoClaimOn: false });
    const dir = tempDir();
    createSettingsStore(openConfBackend(dir).backend).updatePublicSettings({ isAutoClaimOn: true });
    expect(
      createSettingsStore(openConfBackend(dir).backend).getPublicSettings().isAutoClaimOn,
    ).toBe(true);
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

  it('moves a corrupt file aside instead of failing or deleting it, and says so', () => {
    const dir = tempDir();
    const damaged = '{"schemaVersion": 2, "preferences": {';
    writeFileSync(join(dir, 'settings.json'), damaged);
    const { backend, movedAside } = openConfBackend(dir);
    expect(movedAside).toMatch(/settings\.json\.corrupt-\d+$/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(createSettingsStore(backend).getPublicSettings()).toEqual(defaultPublicSettings);

    writeFileSync(join(dir, 'settings.json'), damaged);
    const store = openConfSettings(dir);
    expect(store.notices).toEqual([
      expect.objectContaining({
        code: 'SETTINGS_CORRUPT',
        file: join(dir, 'settings.json'),
        copy: expect.stringMatching(/settings\.json\.corrupt-\d+$/),
      }),
    ]);
    expect(readFileSync(store.notices[0]?.copy ?? '', 'utf8')).toBe(damaged);
  });

  it('starts on defaults in memory when the settings path cannot be read, touching nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'settings.json'));
    const store = openConfSettings(dir);
    expect(store.getPublicSettings()).toEqual(defaultPublicSettings);
    expect(store.isReadOnly).toBe(true);
    expect(store.notices.map((n) => n.code)).toEqual(['SETTINGS_UNREADABLE']);
    expect(store.notices[0]?.message).toMatch(/cannot be read: EISDIR/);
    store.updatePublicSettings({ theme: 'dark' });
    expect(store.getPublicSettings().theme).toBe('dark');
    expect(statSync(join(dir, 'settings.json')).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('refuses to rewrite a file from a newer version: reads what it knows, keeps the bytes as they are', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const newer = `${JSON.stringify({
      schemaVersion: CURRENT_SCHEMA_VERSION + 1,
      preferences: { theme: 'dark', futureOption: { on: true } },
      fleets: [{ name: 'lab' }],
    })}\n`;
    writeFileSync(file, newer);
    const store = openConfSettings(dir);
    expect(store.getPublicSettings().theme).toBe('dark');
    expect(store.isReadOnly).toBe(true);
    expect(store.notices).toEqual([
      expect.objectContaining({ code: 'SETTINGS_FROM_NEWER_VERSION', file }),
    ]);
    expect(store.notices[0]?.message).toMatch(/changes made now are not saved/);
    store.updatePublicSettings({ baudRate: 9600 });
    store.setWindowBounds({ width: 900, height: 650, isMaximized: false });
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('keeps a copy before resetting fields it cannot use, and names them', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const original = JSON.stringify({
      schemaVersion: 2,
      preferences: { baudRate: 'fast', theme: 'light' },
    });
    writeFileSync(file, original);
    const store = openConfSettings(dir);
    expect(store.getPublicSettings()).toMatchObject({ baudRate: 115200, theme: 'light' });
    expect(store.notices).toEqual([
      expect.objectContaining({ code: 'SETTINGS_FIELDS_RESET', file, copy: expect.any(String) }),
    ]);
    expect(store.notices[0]?.message).toContain('preferences.baudRate');
    expect(readFileSync(store.notices[0]?.copy ?? '', 'utf8')).toBe(original);
    expect(readJson(dir).preferences).toMatchObject({ baudRate: 115200 });
  });

  it('opens read-only for the CLI: reads the file, writes nothing, not even a migration', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const v1 = JSON.stringify({ theme: 'dark', baudRate: 9600 });
    writeFileSync(file, v1);
    const store = openConfSettings(dir, { readOnly: true });
    expect(store.getPublicSettings()).toMatchObject({ theme: 'dark', baudRate: 9600 });
    store.updatePublicSettings({ theme: 'light' });
    expect(readFileSync(file, 'utf8')).toBe(v1);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it.skipIf(process.platform === 'win32')(
    'keeps moved-aside and backup copies 0600 too (they hold the keys ciphertext)',
    () => {
      const dir = tempDir();
      const file = join(dir, 'settings.json');
      writeFileSync(file, '{"schemaVersion": 2, "prefer', { mode: 0o644 });
      chmodSync(file, 0o644);
      const moved = openConfSettings(dir).notices[0]?.copy ?? '';
      expect(statSync(moved).mode & 0o777).toBe(0o600);
      writeFileSync(file, JSON.stringify({ theme: 'dark' }), { mode: 0o644 });
      chmodSync(file, 0o644);
      const backup = readdirSync(dir).length;
      openConfSettings(dir);
      const copies = readdirSync(dir).filter((f) => f.startsWith('settings.json.backup-'));
      expect(readdirSync(dir)).toHaveLength(backup + 1);
      expect(statSync(join(dir, copies[0] ?? '')).mode & 0o777).toBe(0o600);
    },
  );

  it('has no notice for a clean file and keeps no copy', () => {
    const dir = tempDir();
    openConfSettings(dir).updatePublicSettings({ theme: 'dark' });
    const store = openConfSettings(dir);
    expect(store.notices).toEqual([]);
    expect(store.isReadOnly).toBe(false);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('runs in memory with a notice when the file cannot be written, instead of throwing', () => {
    const stored = { schemaVersion: 2, preferences: { theme: 'dark' } };
    const backend: StoreBackend = {
      path: '/readonly/settings.json',
      get store() {
        return structuredClone(stored);
      },
      set store(_value) {
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
    };
    const store = createSettingsStore(backend);
    expect(store.getPublicSettings().theme).toBe('dark');
    expect(store.isReadOnly).toBe(true);
    expect(store.notices.map((n) => n.code)).toEqual(['SETTINGS_UNREADABLE']);
    expect(store.notices[0]?.message).toMatch(/cannot be written: EROFS/);
    expect(() => store.updatePublicSettings({ baudRate: 9600 })).not.toThrow();
  });

  it.skipIf(process.platform === 'win32')(
    'creates settings.json 0600 and tightens one an older version left 0644',
    () => {
      const dir = tempDir();
      const file = join(dir, 'settings.json');
      openConfSettings(dir).updatePublicSettings({ theme: 'dark' });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      chmodSync(file, 0o644);
      openConfSettings(dir).updatePublicSettings({ theme: 'light' });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    },
  );

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
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(createSettingsStore(openConfBackend(dir).backend).getPublicSettings().theme).toBe(
      'dark',
    );
    vi.doUnmock('electron');
  });
});
