/** Opens the settings file with electron-store, inside the Electron main process. */
import ElectronStore from 'electron-store';
import { openWithRecovery, SETTINGS_FILE_NAME } from './confBackend';
import type { StoreBackend } from './settingsStore';

export function openElectronStoreBackend(cwd: string): {
  backend: StoreBackend;
  movedAside?: string;
} {
  return openWithRecovery(
    cwd,
    () => new ElectronStore<Record<string, unknown>>({ cwd, name: SETTINGS_FILE_NAME }),
  );
}
