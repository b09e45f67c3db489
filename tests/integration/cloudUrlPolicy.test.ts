/**
 * The URL allowlist where it matters: the window (settings:update-settings refuses, a settings
 * file that already holds another URL sends nothing) and the CLI (--api-url and
 * NRF_CLOUD_API_URL). "Elsewhere" is a local nRF Cloud on loopback addressed by its IPv4-mapped
 * IPv6 form (`[::ffff:7f00:1]`): reachable, so the old code really sent the key there, yet not
 * one of the loopback spellings the allowlist takes, so the new code must not. No traffic leaves
 * loopback.
 */
import { main } from '../../src-main/cli/index';
import { ALLOW_CLOUD_URL_ENV } from '../../src-main/cloud/urlPolicy';
import { startFakeCloud, type FakeCloud } from '../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import type { KeyStatus } from '../../src-shared/ipc/cloud';
import type { AppErrorData } from '../../src-shared/ipc/errors';
import type { JournalEntryView } from '../../src-shared/ipc/journal';
import { callChannel, callValue, createTestApp, type TestApp } from '../support/testServices';
import { captureIo } from '../unit/main/cli/helpers';
import { makeTempDir, makeToken } from '../unit/main/cloud/helpers';

/** 127.0.0.1 as an IPv4-mapped IPv6 address: this machine, but outside the allowlist. */
const ELSEWHERE_HOST = '::ffff:127.0.0.1';

let app: TestApp | undefined;
let elsewhere: FakeCloud | undefined;
afterEach(async () => {
  await app?.dispose();
  await elsewhere?.close();
  app = undefined;
  elsewhere = undefined;
  vi.unstubAllEnvs();
});

const call = <T>(channel: string, input: unknown) => callChannel<T>(app!, channel, input);
const value = <T>(channel: string, input: unknown) => callValue<T>(app!, channel, input);
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

describe('a URL outside the allowlist never gets the key', () => {
  it('the window: a settings file already holding it sends nothing there', async () => {
    elsewhere = await startFakeCloud({ host: ELSEWHERE_HOST });
    app = await createTestApp();
    await value('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    // As a hand-edited or older settings file would: straight into the store, past the handler.
    app.settings.updatePublicSettings({
      apiBaseUrl: elsewhere.apiBaseUrl,
      provisioningBaseUrl: elsewhere.provisioningBaseUrl,
    });
    const { token } = makeToken();
    const { entry } = await value<{ entry: JournalEntryView }>('journal:add-token', {
      text: token,
    });
    const dry = await failure('cloud:dry-run', { journalId: entry.id, requestId: 'r1' });
    const claim = await failure('cloud:claim-device', { journalId: entry.id, requestId: 'r2' });
    expect([dry.code, claim.code]).toEqual(['CLOUD_URL_NOT_ALLOWED', 'CLOUD_URL_NOT_ALLOWED']);
    expect(dry.message).toContain(new URL(elsewhere.url).host);
    expect(elsewhere.requests()).toEqual([]);
  });

  it('the window: the developer override lets it through, logged and flagged in the key status', async () => {
    elsewhere = await startFakeCloud({ host: ELSEWHERE_HOST });
    vi.stubEnv(ALLOW_CLOUD_URL_ENV, elsewhere.url);
    app = await createTestApp();
    await value('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    app.settings.updatePublicSettings({
      apiBaseUrl: elsewhere.apiBaseUrl,
      provisioningBaseUrl: elsewhere.provisioningBaseUrl,
    });
    const status = await value<KeyStatus>('cloud:get-key-status', {});
    expect(status.cloudUrlOverrides).toEqual([new URL(elsewhere.url).origin]);
    const { token } = makeToken();
    const { entry } = await value<{ entry: JournalEntryView }>('journal:add-token', {
      text: token,
    });
    const verdict = await value<{ claimable: boolean }>('cloud:dry-run', {
      journalId: entry.id,
      requestId: 'r1',
    });
    expect(verdict.claimable).toBe(true);
    // The dry run and the rule check (docs/protocol.md §5.1) both went there.
    expect(elsewhere.requests().map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(app.logger.recentText()).toContain(`${ALLOW_CLOUD_URL_ENV} is set`);
  });

  it('the CLI: --api-url and NRF_CLOUD_API_URL pointing there are refused before any request', async () => {
    elsewhere = await startFakeCloud({ host: ELSEWHERE_HOST });
    const { dir, cleanup } = makeTempDir('onboarder-cli-url-');
    try {
      const viaFlag = captureIo({ NRF_CLOUD_API_KEY: FAKE_DEMO_KEY, ONBOARDER_DATA_DIR: dir });
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

      const viaEnv = captureIo({
        NRF_CLOUD_API_KEY: FAKE_DEMO_KEY,
        NRF_CLOUD_API_URL: elsewhere.apiBaseUrl,
        NRF_CLOUD_PROVISIONING_URL: elsewhere.provisioningBaseUrl,
        ONBOARDER_DATA_DIR: dir,
      });
      expect(await main(['claim', '--token', makeToken().token], viaEnv.io)).not.toBe(0);
      expect(viaEnv.stdout() + viaEnv.stderr()).toContain('CLOUD_URL_NOT_ALLOWED');
      expect(viaEnv.stdout() + viaEnv.stderr()).not.toContain(FAKE_DEMO_KEY);
      expect(elsewhere.requests()).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
