import { claimPending, type ClaimProgress } from '../../../../src-main/cloud/claimPending';
import { openJournal } from '../../../../src-main/cloud/journal';
import { createApiKeyAdapter } from '../../../../src-main/cloud/restClient';
import { startFakeCloud, type FakeCloud } from '../../../../src-main/sim/fakeCloud/server';
import { FAKE_ADMIN_KEY, FAKE_DEMO_KEY } from '../../../../src-main/sim/fakeCloud/teams';
import { makeTempDir, makeToken } from './helpers';

let cloud: FakeCloud;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  cloud = await startFakeCloud();
  ({ dir, cleanup } = makeTempDir('onboarder-pending-'));
});
afterEach(async () => {
  await cloud.close();
  cleanup();
});

const adapterFor = (apiKey: string) =>
  createApiKeyAdapter({
    apiKey,
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
    sleep: async () => {},
  });

describe('claimPending', () => {
  it('claims every pending token, recording each outcome, and goes on past per-token failures', async () => {
    const journal = openJournal(dir);
    const fresh = journal.add({ ...makeToken(), source: 'import' });
    const mine = makeToken();
    await adapterFor(FAKE_DEMO_KEY).claim(makeToken(mine.deviceUuid).token, []);
    const already = journal.add({ ...makeToken(mine.deviceUuid), source: 'import' });
    const theirs = makeToken();
    await adapterFor(FAKE_ADMIN_KEY).claim(makeToken(theirs.deviceUuid).token, []);
    const taken = journal.add({ ...makeToken(theirs.deviceUuid), source: 'import' });
    const junk = journal.add({ token: '2dn3hQFQ.broken', deviceUuid: 'unknown', source: 'paste' });
    const done = journal.add({ ...makeToken(), source: 'import' });
    journal.update(done.id, { claimStatus: 'claimed' });

    const progress: ClaimProgress[] = [];
    const summary = await claimPending(
      journal,
      adapterFor(FAKE_DEMO_KEY),
      ['nrf-cloud-onboarding'],
      (p) => progress.push(p),
      {
        teamName: 'Demo Team',
      },
    );

    expect(summary).toEqual({ claimed: 1, alreadyClaimed: 1, failed: 2, notTried: 0 });
    expect(progress.map((p) => [p.index, p.total, p.entry.id, p.outcome, p.error?.code])).toEqual([
      [0, 4, fresh.id, 'claimed', undefined],
      [1, 4, already.id, 'already-claimed', undefined],
      [2, 4, taken.id, 'failed', 'CLAIMED_BY_OTHER'],
      [3, 4, junk.id, 'failed', 'CLAIM_TOKEN_INVALID'],
    ]);
    const after = new Map(
      openJournal(dir)
        .list()
        .map((e) => [e.id, e]),
    );
    expect(after.get(fresh.id)).toMatchObject({ claimStatus: 'claimed', teamName: 'Demo Team' });
    expect(after.get(fresh.id)?.imei).toMatch(/^\d{15}$/);
    expect(after.get(already.id)?.claimStatus).toBe('already-claimed');
    expect(after.get(taken.id)).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'CLAIMED_BY_OTHER' },
    });
    expect(cloud.claimed().get(fresh.deviceUuid)?.tags).toEqual(['nrf-cloud-onboarding']);
    // Failed entries stay pending for a later try.
    expect(journal.pending().map((e) => e.id)).toEqual([taken.id, junk.id]);
  });

  it('stops the batch at an error every claim would hit: the tried entry says why, the rest are untouched', async () => {
    const journal = openJournal(dir);
    for (let i = 0; i < 3; i++) journal.add({ ...makeToken(), source: 'device' });
    const summary = await claimPending(
      journal,
      adapterFor('ffffffffffffffffffffffffffffffffffffffff'),
      [],
      undefined,
    );
    expect(summary.stoppedBy?.code).toBe('API_KEY_REJECTED');
    expect(summary.notTried).toBe(3);
    // Still pending, all of them; the first one records the error it was stopped by.
    expect(journal.pending().map((e) => [e.claimStatus, e.lastError?.code])).toEqual([
      ['failed', 'API_KEY_REJECTED'],
      ['unclaimed', undefined],
      ['unclaimed', undefined],
    ]);
    expect(cloud.claimed().size).toBe(0);
  });
});
