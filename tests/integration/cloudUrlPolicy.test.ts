/**
 * The URL allowlist where it matters: the window (settings:update-settings refuses, a settings
 * file that already holds another URL sends nothing) and the CLI (--api-url and
 * NRF_CLOUD_API_URL). "Elsewhere" is a local nRF Cloud listening on this machine's own
 * non-loopback address: reachable, so the old code really sent the key there, and outside the
 * allowlist, so the new code must not.
 */
import { networkInterfaces } from 'node:os';
import { main } from '../../src-main/cli/index';
import { ALLOW_CLOUD_URL_ENV } from '../../src-main/cloud/urlPolicy';
import { dispatch } from '../../src-main/ipc/dispatch';
import { startFakeCloud, type FakeCloud } from '../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import type { KeyStatus } from '../../src-shared/ipc/cloud';
import type { AppErrorData, Result } from '../../src-shared/ipc/errors';
import { contract } from '../../src-shared/ipc/index';
import type { JournalEntryView } from '../../src-shared/ipc/journal';
import { createTestApp, type TestApp } from '../support/testServices';
import { captureIo, makeTempDir, makeToken } from '../unit/main/cloud/helpers';

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;
if (lanAddress === undefined) {
  console.warn(
    'cloudUrlPolicy: the tests that need a non-loopback address are skipped: this machine has no non-internal IPv4 interface',
  );
}

const lan = (): string => {
  if (lanAddress === undefined) throw new Error('no non-loopback IPv4 address');
  return lanAddress;
};

let app: TestApp | undefined;
let elsewhere: FakeCloud | undefined;
afterEach(async () => {
  await app?.dispose();
  await elsewhere?.close();
  app = undefined;
  elsewhere = undefined;
  vi.unstubAllEnvs();
});

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await dispatch(contract, app!.services.table, channel, input)) as Result<T>;
}
async function value<T>(channel: string, input: unknown): Promise<T> {
  const result = await call<T>(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
async function failure(channel: string, input: unknown): Promise<AppErrorData> {
  const result = await call(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('the window: settings:update-settings', () => {
  it.each([
    ['apiBaseUrl', 'https://collector.example/v1/'],
    ['apiBaseUrl', 'http://api.nrfcloud.com/v1/'],
    ['provisioningBaseUrl', 'http://192.0.2.7:8080/v1/'],
    ['portalBaseUrl', 'https://phish.example/'],
  ])('refuses %s = %s with CLOUD_URL_NOT_ALLOWED and stores nothing', async (field, url) => {
    app = await createTestApp();
    const before = app.settings.getPublicSettings();
    const error = await failure('settings:update-settings', { theme: 'dark', [field]: url });
    expect(error.code).toBe('CLOUD_URL_NOT_ALLOWED');
    expect(error.message).toContain(ALLOW_CLOUD_URL_ENV);
    expect(app.settings.getPublicSettings()).toEqual(before);
  });

  it('accepts nRF Cloud, its stage hosts and loopback', async () => {
    app = await createTestApp();
    const next = await value<{ apiBaseUrl: string; provisioningBaseUrl: string }>(
      'settings:update-settings',
      {
        apiBaseUrl: 'https://api.dev.nrfcloud.com/v1/',
        provisioningBaseUrl: 'http://127.0.0.1:9/provisioning/v1/',
        portalBaseUrl: 'https://nrfcloud.com/',
      },
    );
    expect(next.apiBaseUrl).toBe('https://api.dev.nrfcloud.com/v1/');
    expect(next.provisioningBaseUrl).toBe('http://127.0.0.1:9/provisioning/v1/');
  });
});

describe.skipIf(lanAddress === undefined)('a URL outside the allowlist never gets the key', () => {
  it('the window: a settings file already holding it sends nothing there', async () => {
    elsewhere = await startFakeCloud({ host: lan() });
    app = await createTestApp();
    await value('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    // As a hand-edited or older settings file would: straight into the store, past the handler.
    app.settings.updatePublicSettings({
      apiBaseUrl: elsewhere.apiBaseUrl,
      provisioningBaseUrl: elsewhere.provisioningBaseUrl,
    });
    const { token } = makeToken();
    const entry = await value<JournalEntryView>('journal:add-token', { text: token });
    const dry = await failure('cloud:dry-run', { journalId: entry.id, requestId: 'r1' });
    const claim = await failure('cloud:claim-device', { journalId: entry.id, requestId: 'r2' });
    expect([dry.code, claim.code]).toEqual(['CLOUD_URL_NOT_ALLOWED', 'CLOUD_URL_NOT_ALLOWED']);
    expect(dry.message).toContain(new URL(elsewhere.url).host);
    expect(elsewhere.requests()).toEqual([]);
  });

  it('the window: the developer override lets it through, logged and flagged in the key status', async () => {
    elsewhere = await startFakeCloud({ host: lan() });
    vi.stubEnv(ALLOW_CLOUD_URL_ENV, elsewhere.url);
    app = await createTestApp();
    await value('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    app.settings.updatePublicSettings({
      apiBaseUrl: elsewhere.apiBaseUrl,
      provisioningBaseUrl: elsewhere.provisioningBaseUrl,
    });
    const status = await value<KeyStatus>('cloud:get-key-status', {});
    expect(status.cloudUrlOverrides).toEqual([elsewhere.url]);
    const { token } = makeToken();
    const entry = await value<JournalEntryView>('journal:add-token', { text: token });
    const verdict = await value<{ claimable: boolean }>('cloud:dry-run', {
      journalId: entry.id,
      requestId: 'r1',
    });
    expect(verdict.claimable).toBe(true);
    expect(elsewhere.requests()).toHaveLength(1);
    expect(app.logger.recentText()).toContain(`${ALLOW_CLOUD_URL_ENV} is set`);
  });

  it('the CLI: --api-url and NRF_CLOUD_API_URL pointing there are refused before any request', async () => {
    elsewhere = await startFakeCloud({ host: lan() });
    const { dir, cleanup } = makeTempDir('onboarder-cli-url-');
    try {
      const viaFlag = captureIo({ NRF_CLOUD_API_KEY: FAKE_DEMO_KEY, ONBOARDER_DATA_DIR: dir }, dir);
      const flagArgs = [
        'claim',
        '--dry-run',
        '--token',
        makeToken().token,
        '--api-url',
        elsewhere.apiBaseUrl,
        '--provisioning-url',
        elsewhere.provisioningBaseUrl,
      ];
      expect(await main(flagArgs, viaFlag.io)).not.toBe(0);
      expect(viaFlag.stdout() + viaFlag.stderr()).toContain('CLOUD_URL_NOT_ALLOWED');

      const viaEnv = captureIo(
        {
          NRF_CLOUD_API_KEY: FAKE_DEMO_KEY,
          NRF_CLOUD_API_URL: elsewhere.apiBaseUrl,
          NRF_CLOUD_PROVISIONING_URL: elsewhere.provisioningBaseUrl,
          ONBOARDER_DATA_DIR: dir,
        },
        dir,
      );
      expect(await main(['claim', '--token', makeToken().token], viaEnv.io)).not.toBe(0);
      expect(viaEnv.stdout() + viaEnv.stderr()).toContain('CLOUD_URL_NOT_ALLOWED');
      expect(viaEnv.stdout() + viaEnv.stderr()).not.toContain(FAKE_DEMO_KEY);
      expect(elsewhere.requests()).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
