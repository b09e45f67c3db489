/** Opens the settings file with `conf` (no Electron), for the CLI and tests. */
import { chmodSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { AppNotice } from '../../src-shared/ipc/app';
import { settingsCorruptNotice, settingsUnreadableNotice } from './settingsNotices';
import {
  createSettingsStore,
  memoryBackend,
  type SettingsStore,
  type StoreBackend,
} from './settingsStore';

export const SETTINGS_FILE_NAME = 'settings';
/** The settings hold the encrypted API keys and the user's URLs: the owner's alone. */
export const SETTINGS_FILE_MODE = 0o600;

/** What opening the backend found; it never throws, the notices say what it recovered from. */
export interface OpenedBackend {
  backend: StoreBackend;
  movedAside?: string;
  notices: AppNotice[];
}

/**
 * A corrupt settings file is moved aside (never deleted) and a fresh one started, so a bad write
 * cannot lock the user out. A file that cannot be read at all is left alone: the app runs on
 * defaults in memory. Either way a notice says so.
 */
export function openWithRecovery(cwd: string, open: () => StoreBackend): OpenedBackend {
  const path = join(cwd, `${SETTINGS_FILE_NAME}.json`);
  const inMemory = (why: string): OpenedBackend => ({
    backend: memoryBackend(path),
    notices: [settingsUnreadableNotice(path, why)],
  });
  try {
    return { backend: open(), notices: [] };
  } catch (error) {
    if (!(error instanceof SyntaxError)) return inMemory(`it cannot be read: ${messageOf(error)}`);
  }
  const movedAside = `${path}.corrupt-${Date.now()}`;
  try {
    renameSync(path, movedAside);
    tightenMode(movedAside);
  } catch (error) {
    return inMemory(`it is not valid JSON and could not be moved aside: ${messageOf(error)}`);
  }
  const notice = settingsCorruptNotice(path, movedAside);
  try {
    return { backend: open(), movedAside, notices: [notice] };
  } catch (error) {
    return { ...inMemory(`a fresh one cannot be started: ${messageOf(error)}`), movedAside };
  }
}

export function openConfBackend(cwd: string): OpenedBackend {
  return openWithRecovery(
    cwd,
    () =>
      new Conf<Record<string, unknown>>({
        cwd,
        configName: SETTINGS_FILE_NAME,
        projectName: 'onboarder',
        configFileMode: SETTINGS_FILE_MODE,
      }),
  );
}

/**
 * The settings store over conf, with every recovery opening made in `settings.notices`.
 * `readOnly` (for the CLI) reads the file and never writes it.
 */
export function openConfSettings(cwd: string, options: { readOnly?: boolean } = {}): SettingsStore {
  const { backend, notices } = openConfBackend(cwd);
  return createSettingsStore(backend, { notices, ...options });
}

/** The moved-aside file keeps the keys' ciphertext: the owner's alone, whatever mode it had. */
function tightenMode(file: string): void {
  try {
    chmodSync(file, SETTINGS_FILE_MODE);
  } catch {
    // Windows has no POSIX modes.
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
