import type { CloudAdapter, ClaimResult, DryRunResult } from '../../../../src-main/cloud/adapter';
import { claimAndRecord, type ClaimStep } from '../../../../src-main/cloud/claimAndRecord';
import { openJournal, type TokenJournal } from '../../../../src-main/cloud/journal';
import { AppError, type AppErrorData } from '../../../../src-shared/ipc/errors';
import { makeTempDir, makeToken } from './helpers';
import { provisioningStubs } from '../../../support/cloud/provisioningStubs';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('onboarder-claim-record-'));
});
afterEach(() => cleanup());

const NOW = new Date('2026-01-02T03:04:05.000Z');

/** An adapter whose dry run and claim answer from the test; every call is logged. */
function fakeAdapter(answers: {
  dryRun?: (token: string) => DryRunResult | Promise<DryRunResult>;
  claim?: (token: string) => ClaimResult | Promise<ClaimResult>;
}) {
  const calls: Array<{ op: string; tags: string[] }> = [];
  const adapter: CloudAdapter = {
    getAccount: () => Promise.reject(new Error('not used')),
    dryRun: async (token, tags) => {
      calls.push({ op: 'dryRun', tags });
      return answers.dryRun
        ? answers.dryRun(token)
        : { claimable: true, alreadyClaimedByYou: false };
    },
    claim: async (token, tags) => {
      calls.push({ op: 'claim', tags });
      if (!answers.claim) throw new Error('claim not scripted');
      return answers.claim(token);
    },
    unclaim: () => Promise.reject(new Error('not used')),
    ...provisioningStubs(),
  };
  return { adapter, calls };
}

const claimed = (deviceId: string, extra: Partial<ClaimResult> = {}): ClaimResult => ({
  deviceId,
  tags: ['t'],
  alreadyClaimedByYou: false,
  portalUrl: `https://nrfcloud.com/#/devices/${deviceId}`,
  ...extra,
});

function addEntry(journal: TokenJournal, extra: { imei?: string } = {}) {
  const { token, deviceUuid } = makeToken();
  return journal.add({ token, deviceUuid, source: 'device', ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<AppErrorData> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).toData();
  }
  throw new Error('expected a rejection');
}

describe('claimAndRecord', () => {
  it('dry-runs, then claims, and records the claim with the team, time and the cloud IMEI', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter, calls } = fakeAdapter({
      claim: () => claimed(entry.deviceUuid, { imei: '351358811111111' }),
    });
    const steps: ClaimStep[] = [];

    const result = await claimAndRecord({
      adapter,
      entry,
      journal,
      tags: ['nrf-cloud-onboarding'],
      teamName: 'Demo Team',
      onStep: (step) => steps.push(step),
      now: () => NOW,
    });

    expect(result.deviceId).toBe(entry.deviceUuid);
    expect(calls).toEqual([
      { op: 'dryRun', tags: ['nrf-cloud-onboarding'] },
      { op: 'claim', tags: ['nrf-cloud-onboarding'] },
    ]);
    expect(steps).toEqual(['checking', 'claiming']);
    expect(openJournal(dir).list()[0]).toMatchObject({
      claimStatus: 'claimed',
      claimedAt: NOW.toISOString(),
      teamName: 'Demo Team',
      imei: '351358811111111',
    });
  });

  it('keeps the IMEI the device reported over the one the cloud has', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal, { imei: '351358800000000' });
    const { adapter } = fakeAdapter({
      claim: () => claimed(entry.deviceUuid, { imei: '351358811111111', claimedAt: 'x' }),
    });
    await claimAndRecord({ adapter, entry, journal, tags: [] });
    expect(journal.list()[0]).toMatchObject({ imei: '351358800000000', claimedAt: 'x' });
  });

  it('records a device already in this team as already-claimed, a success', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter, calls } = fakeAdapter({
      dryRun: () => ({ claimable: false, alreadyClaimedByYou: true }),
      claim: () => claimed(entry.deviceUuid, { alreadyClaimedByYou: true }),
    });
    const result = await claimAndRecord({ adapter, entry, journal, tags: [] });
    expect(result.alreadyClaimedByYou).toBe(true);
    expect(calls.map((c) => c.op)).toEqual(['dryRun', 'claim']);
    expect(journal.list()[0]?.claimStatus).toBe('already-claimed');
  });

  it('stops at a refusing dry run without claiming, and records its reason on the entry', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter, calls } = fakeAdapter({
      dryRun: () => ({
        claimable: false,
        alreadyClaimedByYou: false,
        code: 'CLAIMED_BY_OTHER',
        reason: 'Another team has it.',
      }),
    });
    const error = await rejection(claimAndRecord({ adapter, entry, journal, tags: [] }));
    expect(error).toMatchObject({ code: 'CLAIMED_BY_OTHER', message: 'Another team has it.' });
    expect(calls.map((c) => c.op)).toEqual(['dryRun']);
    expect(journal.list()[0]).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'CLAIMED_BY_OTHER', message: 'Another team has it.' },
    });
  });

  it('records a failed claim, and a later success clears the error', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const failing = fakeAdapter({
      claim: () => Promise.reject(new AppError('NETWORK_TIMEOUT', 'nRF Cloud did not answer.')),
    });
    expect(
      (await rejection(claimAndRecord({ adapter: failing.adapter, entry, journal, tags: [] })))
        .code,
    ).toBe('NETWORK_TIMEOUT');
    expect(journal.pending()[0]).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'NETWORK_TIMEOUT' },
    });

    const working = fakeAdapter({ claim: () => claimed(entry.deviceUuid) });
    await claimAndRecord({ adapter: working.adapter, entry, journal, tags: [] });
    expect(journal.list()[0]?.claimStatus).toBe('claimed');
    expect(journal.list()[0]?.lastError).toBeUndefined();
  });

  it('refuses a claim answer for another device as DEVICE_ID_MISMATCH', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter } = fakeAdapter({ claim: () => claimed('someone-else') });
    const error = await rejection(claimAndRecord({ adapter, entry, journal, tags: [] }));
    expect(error.code).toBe('DEVICE_ID_MISMATCH');
    expect(journal.list()[0]).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'DEVICE_ID_MISMATCH' },
    });
  });

  it('leaves the entry as it was when the user cancels', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter } = fakeAdapter({
      claim: () => Promise.reject(new AppError('CANCELLED', 'Cancelled.')),
    });
    expect((await rejection(claimAndRecord({ adapter, entry, journal, tags: [] }))).code).toBe(
      'CANCELLED',
    );
    expect(journal.list()[0]).toMatchObject({ claimStatus: 'unclaimed' });
    expect(journal.list()[0]?.lastError).toBeUndefined();
  });

  it('turns an unexpected exception into INTERNAL data, recorded and thrown', async () => {
    const journal = openJournal(dir);
    const entry = addEntry(journal);
    const { adapter } = fakeAdapter({ claim: () => Promise.reject(new TypeError('boom')) });
    expect(await rejection(claimAndRecord({ adapter, entry, journal, tags: [] }))).toMatchObject({
      code: 'INTERNAL',
      message: 'boom',
    });
    expect(journal.list()[0]?.lastError).toMatchObject({ code: 'INTERNAL' });
  });

  describe('a journal that cannot be written', () => {
    const brokenJournal = (entry: ReturnType<typeof addEntry>): TokenJournal => {
      const real = openJournal(dir);
      return {
        ...real,
        list: () => [entry],
        update: () => {
          throw new AppError('JOURNAL_WRITE_FAILED', 'disk full');
        },
      };
    };

    it('with onJournalError: the claim outcome stands and the write error is reported', async () => {
      const entry = addEntry(openJournal(dir));
      const { adapter } = fakeAdapter({ claim: () => claimed(entry.deviceUuid) });
      const reported: AppErrorData[] = [];
      const result = await claimAndRecord({
        adapter,
        entry,
        journal: brokenJournal(entry),
        tags: [],
        onJournalError: (error) => reported.push(error),
      });
      expect(result.deviceId).toBe(entry.deviceUuid);
      expect(reported.map((e) => e.code)).toEqual(['JOURNAL_WRITE_FAILED']);
    });

    it('without it: a success that cannot be recorded throws the write error', async () => {
      const entry = addEntry(openJournal(dir));
      const { adapter } = fakeAdapter({ claim: () => claimed(entry.deviceUuid) });
      const error = await rejection(
        claimAndRecord({ adapter, entry, journal: brokenJournal(entry), tags: [] }),
      );
      expect(error.code).toBe('JOURNAL_WRITE_FAILED');
    });

    it("without it: a cloud error is still the one thrown, not the journal's", async () => {
      const entry = addEntry(openJournal(dir));
      const { adapter } = fakeAdapter({
        claim: () => Promise.reject(new AppError('SERVER_ERROR', 'down')),
      });
      const error = await rejection(
        claimAndRecord({ adapter, entry, journal: brokenJournal(entry), tags: [] }),
      );
      expect(error.code).toBe('SERVER_ERROR');
    });
  });

  it('claims without recording when there is no journal at all', async () => {
    const { token, deviceUuid } = makeToken();
    const { adapter, calls } = fakeAdapter({ claim: () => claimed(deviceUuid) });
    const result = await claimAndRecord({
      adapter,
      entry: { id: '', token, deviceUuid },
      journal: undefined,
      tags: ['nrf-cloud-onboarding'],
    });
    expect(result.deviceId).toBe(deviceUuid);
    expect(calls.map((c) => c.op)).toEqual(['dryRun', 'claim']);
  });
});
