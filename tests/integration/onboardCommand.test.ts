/**
 * `nrf-onboard onboard` (through the command table) over real ptys and the local nRF Cloud: six simulated kits of mixed
 * firmware, one silent, one already in the team, all at once with --json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src-main/cloud/journal';
import { refuseKeyOnCommandLine } from '../../src-main/cli/cloudAccess';
import { UsageError } from '../../src-main/cli/command';
import {
  FAKE_ONBOARDING_RULE,
  startFakeCloud,
  type FakeCloud,
} from '../../src-main/sim/fakeCloud/server';
import {
  defaultFakeCloudKeys,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../src-main/sim/fakeCloud/teams';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';
import {
  ALREADY_CLAIMED,
  preClaim,
  SILENT,
  SIX_KIT_ENDS,
  sixKits,
  uuid,
} from '../support/onboardingKits';
import { runOnboard } from '../support/provisioningCli';

let cloud: FakeCloud;
let dataDir: string;
let ptys: PtySimulator[] = [];

beforeEach(async () => {
  // The demo team covers its custom claim tags with a rule of their own, beside the onboarding one.
  cloud = await startFakeCloud({
    teamRules: {
      [defaultFakeCloudKeys[0]!.tenantId]: [
        FAKE_ONBOARDING_RULE,
        { name: 'Line 3', tags: ['line-3'] },
      ],
    },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'onboarder-onboard-'));
});
afterEach(async () => {
  await Promise.all(ptys.map((p) => p.close()));
  ptys = [];
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startKits(count = 6): Promise<string[]> {
  const kits = sixKits(cloud.deviceLink()).slice(0, count);
  // One after another: on a loaded machine six python relays at once can miss their start-up window.
  for (const kit of kits) ptys.push(await startPtySimulator(kit.simulator));
  return ptys.map((p) => p.path);
}

/** `nrf-onboard onboard <args>` through the command table, against the local nRF Cloud. */
const onboard = (args: string[], env: Record<string, string | undefined> = {}) =>
  runOnboard(cloud, dataDir, args, env);

const ports = (paths: string[]) => paths.flatMap((p) => ['--port', p]);

describe('nrf-onboard onboard', () => {
  it('--json: 3 connected, 1 claimed with a note (AT host), 1 already claimed, 1 NO_ANSWER naming its port, exit 1, 5 tokens journaled', async () => {
    const paths = await startKits();
    await preClaim(cloud.apiBaseUrl, cloud.provisioningBaseUrl, ALREADY_CLAIMED);
    const { code, lines } = await onboard([...ports(paths), '--json']);
    expect(code).toBe(1);
    expect(lines).toHaveLength(7);
    const devices = lines.slice(0, 6).map((l) => JSON.parse(l) as Record<string, unknown>);
    const byPort = new Map(devices.map((d) => [d.port, d]));
    expect(paths.map((p) => byPort.get(p)?.state)).toEqual(SIX_KIT_ENDS);
    const silent = byPort.get(paths[SILENT]!)!;
    expect(silent.error).toMatchObject({ code: 'NO_ANSWER' });
    expect((silent.error as { message: string }).message).toContain(paths[SILENT]);
    expect(silent.deviceUuid).toBeUndefined();
    for (const [i, path] of paths.entries()) {
      const line = byPort.get(path)!;
      const keys =
        i === SILENT
          ? ['error', 'ms', 'port', 'state']
          : i === ALREADY_CLAIMED || line.state === 'claimed'
            ? ['deviceUuid', 'ms', 'note', 'port', 'provisioning', 'skipReason', 'state']
            : ['deviceUuid', 'ms', 'port', 'provisioning', 'state'];
      expect(Object.keys(line).sort()).toEqual(keys);
      if (i !== SILENT) expect(line.deviceUuid).toBe(uuid(i));
      expect(typeof line.ms).toBe('number');
    }
    expect(byPort.get(paths[0]!)?.provisioning).toEqual({
      family: 'shell',
      stage: 'connected',
      lteDrops: expect.any(Number),
    });
    expect(byPort.get(paths[1]!)?.provisioning).toMatchObject({ family: 'serial-modem' });
    expect(byPort.get(paths[2]!)?.note).toMatch(/AT-host firmware .* cannot fetch its credentials/);
    expect(byPort.get(paths[2]!)?.skipReason).toBe('unsupported');
    // Already in the team, AT host: it says why it stops there too.
    expect(byPort.get(paths[ALREADY_CLAIMED]!)).toMatchObject({
      state: 'already-claimed',
      skipReason: 'unsupported',
      note: expect.stringMatching(/cannot fetch its credentials/),
    });
    expect(JSON.parse(lines[6]!)).toEqual({
      summary: {
        connected: 3,
        claimed: 1,
        alreadyClaimed: 1,
        read: 0,
        failed: 1,
        ms: expect.any(Number),
      },
    });
    const journal = openJournal(dataDir).list();
    expect(journal.map((e) => e.deviceUuid).sort()).toEqual(
      [0, 1, 2, 3, 5].map((i) => uuid(i)).sort(),
    );
    expect(cloud.claimed().size).toBe(5);
  }, 60_000);

  it('--no-claim ends in "read" with no cloud call and exit 0; a 429 pauses the batch, then all are claimed', async () => {
    const paths = await startKits(3);
    const read = await onboard([...ports(paths), '--json', '--no-claim'], {
      NRF_CLOUD_API_KEY: undefined,
    });
    expect(read.code).toBe(0);
    expect(read.lines.slice(0, 3).map((l) => (JSON.parse(l) as { state: string }).state)).toEqual([
      'read',
      'read',
      'read',
    ]);
    expect(cloud.requests()).toEqual([]);

    cloud.failNext('rate-limit', 1);
    const claimed = await onboard([...ports(paths), '--tags', 'line-3, tray-a']);
    expect(claimed.code).toBe(0);
    expect(claimed.err).toMatch(/HTTP 429.*every kit waits 1 s/);
    expect(claimed.out).toMatch(/2 connected, 1 claimed, 0 already claimed, 0 read, 0 failed/);
    expect(claimed.lines.filter((l) => / connected /.test(l))).toHaveLength(2);
    expect(
      claimed.lines.filter((l) => / claimed .*cannot fetch its credentials/.test(l)),
    ).toHaveLength(1);
    expect([...cloud.claimed().values()].map((d) => d.tags)).toEqual([
      ['line-3', 'tray-a'],
      ['line-3', 'tray-a'],
      ['line-3', 'tray-a'],
    ]);
  }, 60_000);

  it('--port (no kit known): the journal row names the model the token and AT+CGMM told, as modelLabel spells it', async () => {
    const paths = await startKits(2);
    const { code } = await onboard([...ports(paths), '--json', '--no-claim'], {
      NRF_CLOUD_API_KEY: undefined,
    });
    expect(code).toBe(0);
    const byUuid = new Map(
      openJournal(dataDir)
        .list()
        .map((e) => [e.deviceUuid, e]),
    );
    // Kit 0 is an nRF9151 (device type 6), kit 1 an nRF9161 (type 4); neither has a serial number.
    expect([0, 1].map((i) => byUuid.get(uuid(i))?.kitName)).toEqual([
      'nRF9151 LACA',
      'nRF9161 LACA',
    ]);
    expect([0, 1].map((i) => byUuid.get(uuid(i))?.serialNumber)).toEqual([undefined, undefined]);
  }, 60_000);

  it('refuses an API key on the command line, a missing target, --port with --all, and a role that cannot claim', async () => {
    const key = await onboard(['--port', '/dev/x', FAKE_DEMO_KEY]);
    expect(key.code).toBe(2);
    expect(key.err).toMatch(/NRF_CLOUD_API_KEY/);
    expect(key.err).not.toContain(FAKE_DEMO_KEY);
    expect(() => refuseKeyOnCommandLine(['--api-key=abc'])).toThrow(UsageError);
    expect(() => refuseKeyOnCommandLine(['--port', '/dev/ttyACM0', '--json'])).not.toThrow();

    const none = await onboard([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(
      /^Give --port <path> \(repeatable\) or --all\.\n\nUsage: nrf-onboard onboard/,
    );
    expect((await onboard(['--port', '/dev/x', '--all'])).code).toBe(2);

    const noKey = await onboard(['--port', '/dev/x', '--json'], { NRF_CLOUD_API_KEY: undefined });
    expect(noKey.code).toBe(1);
    expect(JSON.parse(noKey.out)).toMatchObject({ error: { code: 'API_KEY_MISSING' } });
    const viewer = await onboard(['--port', '/dev/x'], { NRF_CLOUD_API_KEY: FAKE_VIEWER_KEY });
    expect(viewer.code).toBe(1);
    expect(viewer.err).toMatch(/^ROLE_CANNOT_CLAIM: /);
  });
});

describe('nrf-onboard onboard without a provisioning rule', () => {
  const tenant = defaultFakeCloudKeys.find((k) => k.key === FAKE_DEMO_KEY)!.tenantId;
  const isClaimPost = (r: { method: string; path: string }) =>
    r.method === 'POST' && /claimed-devices(?!.*dryrun)/.test(r.path);

  beforeEach(async () => {
    await cloud.close();
    cloud = await startFakeCloud({ teamRules: { [tenant]: [] } });
  });

  it('fails each kit ONBOARDING_RULE_MISSING before anything is claimed', async () => {
    const paths = await startKits(1);
    const { code, lines } = await onboard([...ports(paths), '--json']);
    expect(code).toBe(1);
    const device = JSON.parse(lines[0]!) as { state: string; error?: { code: string } };
    expect(device).toMatchObject({ state: 'failed', error: { code: 'ONBOARDING_RULE_MISSING' } });
    expect(cloud.requests().filter(isClaimPost)).toEqual([]);
    expect(cloud.claimed().size).toBe(0);
    expect(openJournal(dataDir).list()[0]?.lastError?.code).toBe('ONBOARDING_RULE_MISSING');
  }, 60_000);

  it('--create-rule creates the nRF Cloud Onboarding rule, claims, and the device connects', async () => {
    const paths = await startKits(1);
    const { code, lines } = await onboard([...ports(paths), '--json', '--create-rule']);
    expect(code).toBe(0);
    expect((JSON.parse(lines[0]!) as { state: string }).state).toBe('connected');
    expect(cloud.rules(tenant).map((r) => r.name)).toEqual(['nRF Cloud Onboarding']);
    expect(cloud.claimed().size).toBe(1);
  }, 60_000);
});
