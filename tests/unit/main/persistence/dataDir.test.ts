import { join } from 'node:path';
import { resolveDataDir } from '../../../../src-main/persistence/dataDir';

describe('resolveDataDir: the one data-folder rule of the app and the CLI', () => {
  const home = '/home/tech';

  it('is the per-user folder Electron gives a product named Onboarder', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home })).toBe(
      join(home, '.config', 'Onboarder'),
    );
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home })).toBe(
      join('/xdg', 'Onboarder'),
    );
    expect(resolveDataDir({ env: {}, platform: 'darwin', home })).toBe(
      join(home, 'Library', 'Application Support', 'Onboarder'),
    );
    expect(
      resolveDataDir({
        env: { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' },
        platform: 'win32',
        home,
      }),
    ).toBe(join('C:\\Users\\t\\AppData\\Roaming', 'Onboarder'));
  });

  it('ONBOARDER_DATA_DIR moves it, and a flag wins over both', () => {
    const env = { ONBOARDER_DATA_DIR: '/tmp/env-dir', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ env, platform: 'linux', home })).toBe('/tmp/env-dir');
    expect(resolveDataDir({ env, platform: 'linux', home, flag: '/tmp/flag-dir' })).toBe(
      '/tmp/flag-dir',
    );
    // An empty variable or flag is not a folder: the next rule applies.
    expect(
      resolveDataDir({ env: { ONBOARDER_DATA_DIR: '' }, platform: 'linux', home, flag: '' }),
    ).toBe(join(home, '.config', 'Onboarder'));
  });
});
