/** Opens the settings file with electron-store, inside the Electron main process. */
import ElectronStore from 'electron-store';
import {
  openWithRecovery,
  SETTINGS_FILE_MODE,
  SETTINGS_FILE_NAME,
  type OpenedBackend,
} from './confBackend';
import { createSettingsStore, type SettingsStore } from './settingsStore';

export function openElectronStoreBackend(cwd: string): OpenedBackend {
  return openWithRecovery(
    cwd,
    () =>
      new ElectronStore<Record<string, unknown>>({
        cwd,
        name: SETTINGS_FILE_NAME,
        configFileMode: SETTINGS_FILE_MODE,
      }),
  );
}

/** The settings store over electron-store, with every recovery opening made in `settings.notices`. */
export function openElectronSettings(cwd: string): SettingsStore {
  const { backend, notices } = openElectronStoreBackend(cwd);
  return createSettingsStore(backend, { notices });
}
