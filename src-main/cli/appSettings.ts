/**
 * The app's own settings, read (never written) by the CLI: the same file in the same data folder,
 * opened by the app's settings store over `conf` (the app uses electron-store on the same file),
 * so tags and base URLs set in the window apply here too.
 */
import type { AppNotice } from '../../src-shared/ipc/app';
import type { PublicSettings } from '../../src-shared/ipc/settings';
import { openConfSettings } from '../persistence/confBackend';

export interface AppSettingsReading {
  settings: PublicSettings;
  /** What the store recovered from (damaged, unreadable, newer version, fields reset). */
  notices: readonly AppNotice[];
}

/** Never throws: a file that cannot be used gives the defaults and a notice. */
export function readAppSettings(dataDir: string): AppSettingsReading {
  const store = openConfSettings(dataDir, { readOnly: true });
  return { settings: store.getPublicSettings(), notices: store.notices };
}
