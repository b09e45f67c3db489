/** Opens the settings file with `conf` (no Electron), for the CLI and tests. */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { StoreBackend } from './settingsStore';

export const SETTINGS_FILE_NAME = 'settings';

/**
 * A corrupt settings file is moved aside (never deleted) and a fresh one started, so a bad write
 * cannot lock the user out; the caller learns where the old file went.
 */
export function openWithRecovery(
  cwd: string,
  open: () => StoreBackend,
): { backend: StoreBackend; movedAside?: string } {
  try {
    return { backend: open() };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const path = join(cwd, `${SETTINGS_FILE_NAME}.json`);
    const movedAside = `${path}.corrupt-${Date.now()}`;
    renameSync(path, movedAside);
    return { backend: open(), movedAside };
  }
}

export function openConfBackend(cwd: string): { backend: StoreBackend; movedAside?: string } {
  return openWithRecovery(
    cwd,
    () =>
      new Conf<Record<string, unknown>>({
        cwd,
        configName: SETTINGS_FILE_NAME,
        projectName: 'onboarder',
      }),
  );
}
