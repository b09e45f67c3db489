/**
 * The one rule for where Onboarder keeps its files (settings, token journal, logs), shared by the
 * app and `nrf-onboard`: a flag, then ONBOARDER_DATA_DIR, then the platform's per-user folder —
 * the same folder Electron's app.getPath('userData') picks for a product named "Onboarder".
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_DIR_ENV = 'ONBOARDER_DATA_DIR';

export interface DataDirInput {
  /** A command-line override (`--data-dir`); wins over everything. */
  flag?: string | undefined;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

export function resolveDataDir(input: DataDirInput = {}): string {
  const env = input.env ?? process.env;
  if (input.flag) return input.flag;
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv) return fromEnv;
  const platform = input.platform ?? process.platform;
  const home = input.home ?? homedir();
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Onboarder');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Onboarder');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Onboarder');
}
