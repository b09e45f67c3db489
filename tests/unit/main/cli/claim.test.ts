import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runClaim } from '../../../../src-main/cli/commands/claim';
import { openJournal } from '../../../../src-main/cloud/journal';
import { JOURNAL_FILE_NAME } from '../../../../src-main/cloud/journalFile';
import { openConfBackend } from '../../../../src-main/persistence/confBackend';
import { createSettingsStore } from '../../../../src-main/persistence/settingsStore';
import {
  FAKE_ONBOARDING_RULE,
  startFakeCloud,
  type FakeCloud,
} from '../../../../src-main/sim/fakeCloud/server';
import {
  defaultFakeCloudKeys,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../../../src-main/sim/fakeCloud/teams';
import { makeTempDir, makeToken } from '../cloud/helpers';
import { captureIo } from './helpers';

const DEMO_TENANT = defaultFakeCloudKeys[0]!.tenantId;
let cloud: FakeCloud;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  // The team has the onboarding rule and one for the custom tags these tests claim with.
  cloud = await startFakeCloud({
    teamRules: {
      [DEMO_TENANT]: [
        FAKE_ONBOARDING_RULE,
        { name: 'Line rules', tags: ['a', 'b', 'line-3', 'batch-7', 'mine'] },
      ],
    },
  });
  ({ dir, cleanup } = makeTempDir('onboarder-cli-'));
});
afterEach(async () => {
  await cloud.close();
  cleanup();
});

const envFor = (key: string | undefined) => ({
  NRF_CLOUD_API_KEY: key,
  NRF_CLOUD_API_URL: cloud.apiBaseUrl,
  NRF_CLOUD_PROVISIONING_URL: cloud.provisioningBaseUrl,
  ONBOARDER_DATA_DIR: dir,
});
const fast = { sleep: async () => {} };

describe('nrf-onboard claim', () => {
  it('claims a token, then reports "already claimed" on the second claim, journaling both', async () => {
    const { token, deviceUuid } = makeToken();
    const first = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token], first.io, fast)).toBe(0);
    expect(first.stdout()).toContain(
      `Claimed device ${deviceUuid} (nRF9161 LACA) into team "Demo Team".`,
    );
    expect(first.stdout()).toContain('Tags: nrf-cloud-onboarding');
    expect(first.stdout()).toContain(`https://nrfcloud.com/#/devices/${deviceUuid}`);

    const second = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', makeToken(deviceUuid).token], second.io, fast)).toBe(0);
    expect(second.stdout()).toContain(
      `is already claimed by your team "Demo Team": nothing to do.`,
    );

    const statuses = openJournal(dir)
      .list()
      .map((e) => [e.deviceUuid, e.claimStatus, e.teamName]);
    expect(statuses).toEqual([
      [deviceUuid, 'claimed', 'Demo Team'],
      [deviceUuid, 'already-claimed', 'Demo Team'],
    ]);
  });

  it.each([`Bearer ${FAKE_DEMO_KEY}`, `"${FAKE_DEMO_KEY}"\n`, `\u2018${FAKE_DEMO_KEY}\u2019`])(
    'takes NRF_CLOUD_API_KEY=%j as the bare key',
    async (key) => {
      const { token, deviceUuid } = makeToken();
      const run = captureIo(envFor(key));
      expect(await runClaim(['--token', token], run.io, fast)).toBe(0);
      expect(run.stdout()).toContain(`Claimed device ${deviceUuid}`);
    },
  );

  it('an NRF_CLOUD_API_KEY of only quotes is missing, not malformed', async () => {
    const run = captureIo(envFor('""'));
    expect(await runClaim(['--token', makeToken().token], run.io, fast)).toBe(1);
    expect(run.stderr()).toMatch(/^API_KEY_MISSING: Set NRF_CLOUD_API_KEY/);
  });

  it('warns, without blocking, that claiming an nRF9160 is not documented', async () => {
    const nrf9160 = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', makeToken(undefined, 3).token], nrf9160.io, fast)).toBe(0);
    expect(nrf9160.stderr()).toMatch(/Warning: .*nRF9160/);
    const nrf9161 = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', makeToken().token], nrf9161.io, fast)).toBe(0);
    expect(nrf9161.stderr()).not.toContain('Warning');
  });

  it('prints one JSON object with --json, and { error } with a non-zero exit on failure', async () => {
    const { token, deviceUuid } = makeToken();
    const ok = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token, '--json', '--tag', 'a', '--tag=b'], ok.io, fast)).toBe(
      0,
    );
    expect(JSON.parse(ok.stdout())).toMatchObject({
      deviceId: deviceUuid,
      tags: ['a', 'b'],
      alreadyClaimedByYou: false,
      teamName: 'Demo Team',
    });

    const viewer = captureIo(envFor(FAKE_VIEWER_KEY));
    expect(await runClaim(['--token', makeToken().token, '--json'], viewer.io, fast)).toBe(1);
    expect(JSON.parse(viewer.stdout())).toEqual({
      error: { code: 'ROLE_CANNOT_CLAIM', message: expect.stringMatching(/viewer/) },
    });
  });

  it('dry-runs without claiming or journaling', async () => {
    const { token, deviceUuid } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token, '--dry-run', '--json'], run.io, fast)).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({
      dryRun: true,
      deviceId: deviceUuid,
      claimable: true,
    });
    expect(cloud.claimed().size).toBe(0);
    expect(openJournal(dir).list()).toEqual([]);
  });

  it('takes base URLs from flags before the environment', async () => {
    const run = captureIo({
      ...envFor(FAKE_DEMO_KEY),
      NRF_CLOUD_API_URL: 'http://127.0.0.1:1/v1/',
    });
    const code = await runClaim(
      ['--token', makeToken().token, '--api-url', cloud.apiBaseUrl],
      run.io,
      fast,
    );
    expect(run.stderr()).toBe('');
    expect(code).toBe(0);
  });

  it('refuses an API key on the command line', async () => {
    for (const argv of [
      ['--token', makeToken().token, FAKE_DEMO_KEY],
      ['--token', makeToken().token, '--api-key', 'x'],
      ['--token', makeToken().token, `--tag=${FAKE_DEMO_KEY}`],
    ]) {
      const run = captureIo(envFor(FAKE_DEMO_KEY));
      expect(await runClaim(argv, run.io, fast)).toBe(2);
      expect(run.stderr()).toMatch(/NRF_CLOUD_API_KEY environment variable/);
      expect(run.stderr()).not.toContain(FAKE_DEMO_KEY);
    }
    expect(cloud.requests()).toEqual([]);
  });

  it('explains a missing or malformed key, and a bad token, before any request', async () => {
    const missing = captureIo(envFor(undefined));
    expect(await runClaim(['--token', makeToken().token], missing.io, fast)).toBe(1);
    expect(missing.stderr()).toMatch(/API_KEY_MISSING.*User Account/);
    const short = captureIo(envFor('abc123'));
    expect(await runClaim(['--token', makeToken().token], short.io, fast)).toBe(1);
    expect(short.stderr()).toMatch(/API_KEY_MALFORMED.*too short: 6 of 40/);
    const badToken = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', 'hello'], badToken.io, fast)).toBe(1);
    expect(badToken.stderr()).toMatch(/^TOKEN_NOT_FOUND: /);
    expect(cloud.requests()).toEqual([]);
  });

  it('journals a failed claim so the token stays pending, and shows retries on stderr', async () => {
    // The account call answers; the claim's dry run is rate-limited, then the server fails.
    cloud.failNext('rate-limit', 1, { afterRequests: 1 });
    cloud.failNext('server-error', 10);
    const { token } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token], run.io, fast)).toBe(1);
    expect(run.stderr()).toMatch(/HTTP 429\); retrying in 1 s/);
    expect(run.stderr()).toMatch(/^SERVER_ERROR: /m);
    const [entry] = openJournal(dir).pending();
    expect(entry).toMatchObject({
      token,
      claimStatus: 'failed',
      lastError: { code: 'SERVER_ERROR' },
    });
  });

  it('keeps the token pending and untried when the account check fails before any claim', async () => {
    cloud.failNext('server-error', 10);
    const { token } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token], run.io, fast)).toBe(1);
    expect(run.stderr()).toMatch(/^SERVER_ERROR: /m);
    expect(openJournal(dir).pending()).toMatchObject([{ token, claimStatus: 'unclaimed' }]);
    expect(cloud.requests().some((r) => r.path.includes('claimed-devices'))).toBe(false);
  });

  it('leaves the API key out of stdout, stderr and the journal, whatever happens', async () => {
    const key = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
    const outputs: string[] = [];
    for (const env of [envFor(key), envFor(FAKE_DEMO_KEY)]) {
      for (const argv of [
        ['--token', makeToken().token],
        ['--token', makeToken().token, '--json'],
        ['--token', makeToken().token, '--dry-run'],
      ]) {
        const run = captureIo(env);
        await runClaim(argv, run.io, fast);
        outputs.push(run.stdout(), run.stderr());
      }
    }
    cloud.failNext('reset');
    const reset = captureIo(envFor(key));
    await runClaim(['--token', makeToken().token], reset.io, fast);
    outputs.push(
      reset.stdout(),
      reset.stderr(),
      readFileSync(`${dir}/${JOURNAL_FILE_NAME}`, 'utf8'),
    );
    expect(outputs.join('')).toMatch(/API_KEY_REJECTED/);
    for (const text of outputs) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(FAKE_DEMO_KEY);
    }
  });

  it('accepts a pasted %ATTESTTOKEN reply line or provisioning log, as the window does', async () => {
    for (const paste of [
      (t: string) => `%ATTESTTOKEN: "${t}"`,
      (t: string) => `AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${t}"\r\nOK`,
      (t: string) => `[00:00:05.123,456] <inf> nrf_provisioning: Attestation token: ${t}`,
    ]) {
      const { token, deviceUuid } = makeToken();
      const run = captureIo(envFor(FAKE_DEMO_KEY));
      expect(await runClaim(['--token', paste(token), '--json'], run.io, fast)).toBe(0);
      expect(JSON.parse(run.stdout())).toMatchObject({ deviceId: deviceUuid });
      expect(openJournal(dir).list().at(-1)).toMatchObject({ token, claimStatus: 'claimed' });
    }
  });

  it('a usage error exits 2 with the usage on stderr, and the JSON error shape with --json', async () => {
    const plain = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--tokn', 'x'], plain.io, fast)).toBe(2);
    expect(plain.stderr()).toMatch(/^Unknown option '--tokn'.*\n\nUsage: nrf-onboard claim/);
    expect(plain.stdout()).toBe('');

    const json = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--json'], json.io, fast)).toBe(2);
    expect(JSON.parse(json.stdout())).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '--token is required.' },
    });
    expect(cloud.requests()).toEqual([]);
  });
});

describe('nrf-onboard claim with the app settings file', () => {
  /** Writes settings.json the way the app does (electron-store and conf share the format). */
  function writeAppSettings(patch: Record<string, unknown>) {
    const store = createSettingsStore(openConfBackend(dir).backend);
    store.updatePublicSettings(patch);
  }
  const keyOnly = () => ({ NRF_CLOUD_API_KEY: FAKE_DEMO_KEY, ONBOARDER_DATA_DIR: dir });

  it("tags the device with the settings file's claim tags and uses its base URLs", async () => {
    writeAppSettings({
      claimTags: ['line-3', 'batch-7'],
      apiBaseUrl: cloud.apiBaseUrl,
      provisioningBaseUrl: cloud.provisioningBaseUrl,
      portalBaseUrl: 'https://portal.example/',
    });
    const { token, deviceUuid } = makeToken();
    const run = captureIo(keyOnly());
    expect(await runClaim(['--token', token, '--json'], run.io, fast)).toBe(0);
    expect(cloud.claimed().get(deviceUuid)?.tags).toEqual(['line-3', 'batch-7']);
    expect(JSON.parse(run.stdout())).toMatchObject({
      tags: ['line-3', 'batch-7'],
      portalUrl: `https://portal.example/#/devices/${deviceUuid}`,
    });
  });

  it('reads the settings without ever writing them (no settings file appears)', async () => {
    const run = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', makeToken().token], run.io, fast)).toBe(0);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('lets --tag, --no-tags, the environment and flags override the settings file', async () => {
    writeAppSettings({ claimTags: ['from-settings'], apiBaseUrl: 'http://127.0.0.1:1/v1/' });
    const tagged = makeToken();
    const run = captureIo({ ...keyOnly(), NRF_CLOUD_PROVISIONING_URL: cloud.provisioningBaseUrl });
    expect(
      await runClaim(
        ['--token', tagged.token, '--tag', 'mine', '--api-url', cloud.apiBaseUrl],
        run.io,
        fast,
      ),
    ).toBe(0);
    expect(cloud.claimed().get(tagged.deviceUuid)?.tags).toEqual(['mine']);

    const untagged = makeToken();
    const bare = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', untagged.token, '--no-tags'], bare.io, fast)).toBe(0);
    expect(cloud.claimed().get(untagged.deviceUuid)?.tags).toEqual([]);
  });

  it('with a settings file that cannot be parsed: says so on stderr and uses the defaults', async () => {
    writeFileSync(join(dir, 'settings.json'), '{"preferences": ');
    const { token, deviceUuid } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY));
    expect(await runClaim(['--token', token], run.io, fast)).toBe(0);
    expect(run.stderr()).toMatch(
      /^Warning: SETTINGS_CORRUPT: The settings file was not valid JSON\. It was moved to /m,
    );
    expect(cloud.claimed().get(deviceUuid)?.tags).toEqual(['nrf-cloud-onboarding']);
  });
});
