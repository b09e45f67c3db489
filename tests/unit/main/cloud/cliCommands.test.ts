import { readFileSync } from 'node:fs';
import { runClaimCommand, runJournalCommand } from '../../../../src-main/cloud/cliCommands';
import { openJournal } from '../../../../src-main/cloud/journal';
import { JOURNAL_FILE_NAME } from '../../../../src-main/cloud/journalFile';
import { startFakeCloud, type FakeCloud } from '../../../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY, FAKE_VIEWER_KEY } from '../../../../src-main/sim/fakeCloud/teams';
import { captureIo, makeTempDir, makeToken } from './helpers';

let cloud: FakeCloud;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  cloud = await startFakeCloud();
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
    const first = captureIo(envFor(FAKE_DEMO_KEY), '/nonexistent');
    expect(await runClaimCommand(['--token', token], first.io, fast)).toBe(0);
    expect(first.stdout()).toContain(
      `Claimed device ${deviceUuid} (nrf9161_LACA) into team "Demo Team".`,
    );
    expect(first.stdout()).toContain('Tags: nrf-cloud-onboarding');
    expect(first.stdout()).toContain(`https://nrfcloud.com/#/devices/${deviceUuid}`);

    const second = captureIo(envFor(FAKE_DEMO_KEY), '/nonexistent');
    expect(await runClaimCommand(['--token', makeToken(deviceUuid).token], second.io, fast)).toBe(
      0,
    );
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

  it('warns, without blocking, that claiming an nRF9160 is not documented', async () => {
    const nrf9160 = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(
      await runClaimCommand(['--token', makeToken(undefined, 3).token], nrf9160.io, fast),
    ).toBe(0);
    expect(nrf9160.stderr()).toMatch(/Warning: .*nRF9160/);
    const nrf9161 = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(await runClaimCommand(['--token', makeToken().token], nrf9161.io, fast)).toBe(0);
    expect(nrf9161.stderr()).not.toContain('Warning');
  });

  it('prints one JSON object with --json, and { error } with a non-zero exit on failure', async () => {
    const { token, deviceUuid } = makeToken();
    const ok = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(
      await runClaimCommand(['--token', token, '--json', '--tag', 'a', '--tag=b'], ok.io, fast),
    ).toBe(0);
    expect(JSON.parse(ok.stdout())).toMatchObject({
      deviceId: deviceUuid,
      tags: ['a', 'b'],
      alreadyClaimedByYou: false,
      teamName: 'Demo Team',
    });

    const viewer = captureIo(envFor(FAKE_VIEWER_KEY), dir);
    expect(await runClaimCommand(['--token', makeToken().token, '--json'], viewer.io, fast)).toBe(
      1,
    );
    expect(JSON.parse(viewer.stdout())).toEqual({
      error: { code: 'ROLE_CANNOT_CLAIM', message: expect.stringMatching(/viewer/) },
    });
  });

  it('dry-runs without claiming or journaling', async () => {
    const { token, deviceUuid } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(await runClaimCommand(['--token', token, '--dry-run', '--json'], run.io, fast)).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({
      dryRun: true,
      deviceId: deviceUuid,
      claimable: true,
    });
    expect(cloud.claimed().size).toBe(0);
    expect(openJournal(dir).list()).toEqual([]);
  });

  it('takes base URLs from flags before the environment', async () => {
    const run = captureIo(
      { ...envFor(FAKE_DEMO_KEY), NRF_CLOUD_API_URL: 'http://127.0.0.1:1/v1/' },
      dir,
    );
    const code = await runClaimCommand(
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
      const run = captureIo(envFor(FAKE_DEMO_KEY), dir);
      expect(await runClaimCommand(argv, run.io, fast)).toBe(2);
      expect(run.stderr()).toMatch(/NRF_CLOUD_API_KEY environment variable/);
      expect(run.stderr()).not.toContain(FAKE_DEMO_KEY);
    }
    expect(cloud.requests()).toEqual([]);
  });

  it('explains a missing or malformed key, and a bad token, before any request', async () => {
    const missing = captureIo(envFor(undefined), dir);
    expect(await runClaimCommand(['--token', makeToken().token], missing.io, fast)).toBe(1);
    expect(missing.stderr()).toMatch(/API_KEY_MISSING.*User Account/);
    const short = captureIo(envFor('abc123'), dir);
    expect(await runClaimCommand(['--token', makeToken().token], short.io, fast)).toBe(1);
    expect(short.stderr()).toMatch(/API_KEY_MALFORMED.*too short: 6 of 40/);
    const badToken = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(await runClaimCommand(['--token', 'hello'], badToken.io, fast)).toBe(1);
    expect(badToken.stderr()).toMatch(/TOKEN_MALFORMED/);
    expect(cloud.requests()).toEqual([]);
  });

  it('journals a failed claim so the token stays pending, and shows retries on stderr', async () => {
    // The account call answers; the claim's dry run is rate-limited, then the server fails.
    cloud.failNext('rate-limit', 1, { afterRequests: 1 });
    cloud.failNext('server-error', 10);
    const { token } = makeToken();
    const run = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(await runClaimCommand(['--token', token], run.io, fast)).toBe(1);
    expect(run.stderr()).toMatch(/HTTP 429\); retrying in 1 s/);
    expect(run.stderr()).toMatch(/Error \[SERVER_ERROR\]/);
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
    const run = captureIo(envFor(FAKE_DEMO_KEY), dir);
    expect(await runClaimCommand(['--token', token], run.io, fast)).toBe(1);
    expect(run.stderr()).toMatch(/Error \[SERVER_ERROR\]/);
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
        const run = captureIo(env, dir);
        await runClaimCommand(argv, run.io, fast);
        outputs.push(run.stdout(), run.stderr());
      }
    }
    cloud.failNext('reset');
    const reset = captureIo(envFor(key), dir);
    await runClaimCommand(['--token', makeToken().token], reset.io, fast);
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
});

describe('nrf-onboard journal', () => {
  it('lists the journal with masked tokens, and prints CSV with --csv', async () => {
    const journal = openJournal(dir);
    const { token, deviceUuid } = makeToken();
    journal.add({ token, deviceUuid, source: 'device', imei: '350000000000001' });
    const list = captureIo({ ONBOARDER_DATA_DIR: dir }, '/unused');
    expect(await runJournalCommand([], list.io)).toBe(0);
    expect(list.stdout()).toContain(deviceUuid);
    expect(list.stdout()).toContain(`[token …${token.slice(-6)}]`);
    expect(list.stdout()).not.toContain(token);
    expect(list.stdout()).toContain('1 token(s), 1 still to claim.');

    const csv = captureIo({}, dir);
    expect(await runJournalCommand(['--csv'], csv.io)).toBe(0);
    expect(csv.stdout()).toMatch(
      new RegExp(`^350000000000001,${deviceUuid},${token.replace(/[.-]/g, '\\$&')},\\S+\\n$`),
    );
  });

  it('warns about corrupt lines but still lists the rest', async () => {
    const journal = openJournal(dir);
    journal.add({ ...makeToken(), source: 'device' });
    const { appendFileSync } = await import('node:fs');
    appendFileSync(`${dir}/${JOURNAL_FILE_NAME}`, 'garbage\n');
    journal.add({ ...makeToken(), source: 'device' });
    const run = captureIo({}, dir);
    expect(await runJournalCommand([], run.io)).toBe(0);
    expect(run.stderr()).toMatch(/JOURNAL_CORRUPT.*\nline 2: not valid JSON/);
    expect(run.stdout()).toContain('2 token(s)');
  });

  it('rejects unknown options', async () => {
    const run = captureIo({}, dir);
    expect(await runJournalCommand(['--bogus'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/Unknown option "--bogus"/);
  });
});
