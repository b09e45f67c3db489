/**
 * The packaging config keeps its security settings. It is read by electron-builder's own loader
 * and checked against its own schema, so a misspelled key fails here rather than being ignored.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';

interface BuilderConfig {
  asar?: unknown;
  asarUnpack?: unknown;
  electronFuses?: Record<string, unknown> | null;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debug: { isEnabled: boolean }): Promise<void>;
}

// electron-builder publishes no entry for its config loader; this is the module its CLI uses.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as ConfigModule;
const quiet = { isEnabled: false };

const expectedFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // On until the renderer moves off file:// (see the comment in electron-builder.yml).
  grantFileProtocolExtraPrivileges: true,
};

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await getConfig(process.cwd(), null, null);
  }, 60_000);

  it('matches electron-builder 26 schema', async () => {
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
  }, 60_000);

  it.each(Object.entries(expectedFuses))('sets the fuse %s to %s', (name, value) => {
    expect(config.electronFuses?.[name]).toBe(value);
  });

  it('sets no fuse beyond the reviewed ones', () => {
    expect(config.electronFuses).toEqual(expectedFuses);
  });

  it('packs the app into asar, with only the native serial binding outside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/@serialport/bindings-cpp/**']);
  });

  it('is checked for real: the schema refuses a misspelled fuse', async () => {
    const misspelled = { ...config, electronFuses: { ...expectedFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelled, quiet)).rejects.toThrow(
      /configuration.electronFuses/,
    );
  }, 60_000);
});
