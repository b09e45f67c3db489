/** The app's data folder without Electron: the same place Electron's app.getPath('userData') uses. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.ONBOARDER_DATA_DIR) return env.ONBOARDER_DATA_DIR;
  const home = homedir();
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Onboarder');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Onboarder');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Onboarder');
}
