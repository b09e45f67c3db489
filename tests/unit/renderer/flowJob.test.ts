/** What each step of the one-device flow draws of its job, derived from the job view alone. */
import type { JobStep, JobView } from '../../../src-shared/ipc/onboarding';
import type { ProvisioningView } from '../../../src-shared/ipc/provisioning';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import {
  autoClaimStopOf,
  claimOpOf,
  connectOpOf,
  dryRunOpOf,
  needsDryRunAgain,
  doneBoards,
  flowStageOf,
  isAutoClaimable,
  readOpOf,
  sessionEntries,
  stepperOf,
} from '../../../src-renderer/src/features/onboarding/flowJob';
import { claimView, jobView, provisioningView, TOKEN, UUID } from './fakeApi';

const steps = (...names: JobStep[]) =>
  names.map((step) => ({ step, startedAt: '2025-05-01T10:00:00.000Z' }));
const decoded = {
  messageType: 1,
  deviceUuid: UUID,
  deviceType: 2,
  deviceTypeName: 'nRF9160 SICA',
  modemFirmwareUuid: 'mfw',
  nonceHex: '00',
};
const read = (extra: Partial<JobView> = {}): JobView =>
  jobView({
    state: 'ready-to-claim',
    steps: steps('waiting', 'connecting', 'reading', 'journaling', 'checking', 'ready-to-claim'),
    journalId: 'journal-1',
    deviceUuid: UUID,
    decoded,
    modeDescription: 'AT host firmware',
    ...extra,
  });
const gone = { code: 'PORT_GONE' as const, message: 'unplugged' };

describe('the flow derived from its job', () => {
  it('connect: running, failed before reading, lost while reading, then connected', () => {
    expect(connectOpOf(undefined).status).toBe('idle');
    expect(connectOpOf(jobView({ state: 'connecting' })).status).toBe('running');
    const busy = { code: 'PORT_BUSY' as const, message: 'held' };
    expect(
      connectOpOf(jobView({ state: 'failed', steps: steps('waiting', 'connecting'), error: busy })),
    ).toEqual({ status: 'failed', error: busy });
    const lost = jobView({
      state: 'unplugged',
      steps: steps('connecting', 'reading'),
      error: gone,
    });
    expect(connectOpOf(lost)).toEqual({ status: 'failed', error: gone });
    // Unplugged once the token is journaled is normal: the Connect step stays connected.
    expect(connectOpOf(read({ state: 'unplugged', error: gone }))).toEqual({
      status: 'done',
      value: { path: read().port, modeDescription: 'AT host firmware' },
    });
  });

  it('read: idle until shown, progress while reading, the token once journaled, why it stopped', () => {
    const reading = jobView({ state: 'reading', stepText: 'Sending AT%ATTESTTOKEN' });
    expect(readOpOf(reading, false).status).toBe('idle');
    expect(readOpOf(reading, true)).toMatchObject({
      status: 'running',
      progress: 'Sending AT%ATTESTTOKEN',
    });
    expect(readOpOf(read(), true)).toMatchObject({
      status: 'done',
      value: { journalId: 'journal-1', decoded },
    });
    expect(readOpOf(jobView({ state: 'cancelled' }), true)).toMatchObject({
      status: 'failed',
      error: { code: 'CANCELLED' },
    });
  });

  it('dry run: the verdict, its error, and no error shown for a missing key until there is one', () => {
    const verdict = { claimable: true, alreadyClaimedByYou: false };
    expect(dryRunOpOf(read({ state: 'checking' }), true).status).toBe('running');
    expect(dryRunOpOf(read({ dryRun: verdict }), true)).toEqual({ status: 'done', value: verdict });
    const missing = { code: 'API_KEY_MISSING' as const, message: 'Add your key' };
    expect(dryRunOpOf(read({ dryRunError: missing }), false).status).toBe('idle');
    expect(dryRunOpOf(read({ dryRunError: missing }), true)).toEqual({
      status: 'failed',
      error: missing,
    });
    expect(needsDryRunAgain(read({ dryRunError: missing }), true)).toBe(true);
    expect(needsDryRunAgain(read({ dryRunError: missing }), false)).toBe(false);
    expect(needsDryRunAgain(read({ dryRun: verdict }), true)).toBe(false);
    // Claimed earlier today: no dry run was asked, and the verdict says it is yours.
    expect(dryRunOpOf(read({ state: 'already-claimed' }), true)).toEqual({
      status: 'done',
      value: { claimable: false, alreadyClaimedByYou: true },
    });
  });

  it('claim: running, its result, a cancel, a failure in the claim', () => {
    expect(claimOpOf(read()).status).toBe('idle');
    expect(claimOpOf(read({ state: 'claiming' })).status).toBe('running');
    const result = claimView();
    expect(claimOpOf(read({ state: 'claimed', claim: result }))).toEqual({
      status: 'done',
      value: result,
    });
    const cancelled = { code: 'CANCELLED' as const, message: 'Cancelled.' };
    expect(claimOpOf(read({ claimError: cancelled }))).toEqual({
      status: 'failed',
      error: cancelled,
    });
    const rejected = { code: 'API_KEY_REJECTED' as const, message: 'revoked' };
    const failed = read({
      state: 'failed',
      error: rejected,
      steps: steps('checking', 'ready-to-claim', 'claiming'),
    });
    expect(claimOpOf(failed)).toEqual({ status: 'failed', error: rejected });
  });

  it("today's devices: jobs that read a token, the journal's status first, newest first", () => {
    const older = read({ id: 'a', journalId: 'j-a', startedAt: '2025-05-01T09:00:00.000Z' });
    const newer = read({
      id: 'b',
      journalId: 'j-b',
      deviceUuid: 'b-uuid',
      state: 'claimed',
      startedAt: '2025-05-01T10:00:00.000Z',
    });
    const notRead = jobView({ id: 'c', state: 'failed' });
    const entry = (id: string, claimStatus: JournalEntryView['claimStatus']): JournalEntryView => ({
      id,
      token: TOKEN,
      deviceUuid: UUID,
      readAt: '2025-05-01T09:00:00Z',
      source: 'device',
      claimStatus,
    });
    const jobs = { a: { view: older }, b: { view: newer }, c: { view: notRead } };
    expect(sessionEntries(jobs, undefined).map((e) => [e.journalId, e.status])).toEqual([
      ['j-b', 'claimed'],
      ['j-a', 'read'],
    ]);
    // Unclaimed afterwards (the journal says so): read again, not claimed.
    const journal = [entry('j-b', 'unclaimed'), entry('j-a', 'failed')];
    expect(sessionEntries(jobs, journal).map((e) => e.status)).toEqual(['read', 'failed']);
    expect(sessionEntries(jobs, journal)[0]?.model).toBe('nRF9151 DK (nRF9160 SICA)');
  });

  it("today's devices after the claim: provisioning is claimed, connected is its own, a failed provisioning is claimed but not connected", () => {
    const entry = (claimStatus: JournalEntryView['claimStatus']): JournalEntryView[] => [
      {
        id: 'journal-1',
        token: TOKEN,
        deviceUuid: UUID,
        readAt: '2025-05-01T09:00:00Z',
        source: 'device',
        claimStatus,
      },
    ];
    const statusOf = (view: JobView, journal?: JournalEntryView[]) =>
      sessionEntries({ a: { view } }, journal)[0]?.status;
    const claim = claimView();
    const failure = { code: 'PROVISIONING_TIMEOUT' as const, message: 'no connection in 300 s' };

    // Claimed by this job, now fetching its credentials: claimed, not "Token read".
    const provisioning = read({ state: 'provisioning', claim, provisioning: provisioningView() });
    expect(statusOf(provisioning)).toBe('claimed');
    // Provisioned because it was in the team already (earlier today, or the check said so).
    expect(statusOf(read({ state: 'provisioning', provisioning: provisioningView() }))).toBe(
      'already-claimed',
    );
    const inTeam = claimView({ alreadyClaimedByYou: true });
    expect(statusOf(read({ state: 'provisioning', claim: inTeam }))).toBe('already-claimed');

    // Connected: its own status, which the journal's claim does not take back; an unclaim does.
    const connected = read({
      state: 'connected',
      claim,
      provisioning: provisioningView({ stage: 'connected' }),
    });
    expect(statusOf(connected)).toBe('connected');
    expect(statusOf(connected, entry('claimed'))).toBe('connected');
    expect(statusOf(connected, entry('already-claimed'))).toBe('connected');
    expect(statusOf(connected, entry('unclaimed'))).toBe('read');
    expect(statusOf(provisioning, entry('unclaimed'))).toBe('read');

    // Provisioning failed or stopped after the claim: in the team all the same, but not connected,
    // which the list must not hide behind a plain "Claimed"; the journal's claim keeps it so.
    const failed = read({
      state: 'failed',
      claim,
      error: failure,
      steps: steps('connecting', 'reading', 'claiming', 'provisioning'),
      provisioning: provisioningView({ error: failure }),
    });
    expect(statusOf(failed)).toBe('not-connected');
    expect(statusOf(failed, entry('claimed'))).toBe('not-connected');
    expect(statusOf(failed, entry('unclaimed'))).toBe('read');
    expect(statusOf({ ...failed, state: 'unplugged' })).toBe('not-connected');
    // Failed before any claim: failed, as before.
    expect(statusOf(read({ state: 'failed', error: failure }))).toBe('failed');
  });
});

describe('the board screen and the stepper, from the job', () => {
  it('one stage per screen: working by itself, the decision, claiming, pass', () => {
    expect(flowStageOf(jobView({ state: 'connecting' }))).toBe('working');
    expect(flowStageOf(jobView({ state: 'checking' }))).toBe('working');
    expect(flowStageOf(read())).toBe('decide');
    expect(flowStageOf(read({ state: 'claiming' }))).toBe('claiming');
    expect(flowStageOf(read({ state: 'provisioning' }))).toBe('provisioning');
    for (const state of ['claimed', 'already-claimed', 'connected'] as const)
      expect(flowStageOf(read({ state }))).toBe('pass');
  });

  it('"Connection lost" only once it was connected; before that it is a failure to connect', () => {
    const neverConnected = jobView({
      state: 'failed',
      steps: steps('waiting', 'connecting'),
      error: gone,
    });
    expect(flowStageOf(neverConnected)).toBe('fail');
    const midRead = jobView({
      state: 'unplugged',
      steps: steps('waiting', 'connecting', 'reading'),
      error: gone,
    });
    expect(flowStageOf(midRead)).toBe('lost');
    const closedMidRead = { ...midRead, state: 'failed' as const };
    expect(flowStageOf(closedMidRead)).toBe('lost');
    // A real failure while reading is not a lost connection.
    const unsupported = { code: 'ATTEST_UNSUPPORTED' as const, message: 'old modem' };
    expect(flowStageOf({ ...closedMidRead, error: unsupported })).toBe('fail');
    expect(flowStageOf(read({ state: 'cancelled' }))).toBe('fail');
  });

  it('claims without asking only after a clean dry run, with a key that may claim, once', () => {
    const key = { hasApiKey: true, canClaim: true };
    const clean = read({ dryRun: { claimable: true, alreadyClaimedByYou: false } });
    expect(isAutoClaimable(clean, key)).toBe(true);
    const covered = { isCovered: true, ruleName: 'nRF Cloud Onboarding', tags: ['t'] };
    expect(isAutoClaimable(read({ dryRun: { ...clean.dryRun!, rules: covered } }), key)).toBe(true);
    // Every way the check can fail or warn stops the flow for the user.
    const stops: JobView[] = [
      read(),
      read({ dryRunError: { code: 'API_KEY_MISSING', message: 'no key' } }),
      read({
        dryRun: {
          claimable: false,
          alreadyClaimedByYou: false,
          code: 'CLAIMED_BY_OTHER',
          reason: 'another team',
        },
      }),
      read({ dryRun: { ...clean.dryRun!, rules: { isCovered: false, tags: ['t'] } } }),
      read({ dryRun: { ...clean.dryRun!, code: 'ROLE_CANNOT_CLAIM' } }),
      // A claim already tried (and cancelled) is the user's to send again.
      { ...clean, claimError: { code: 'CANCELLED', message: 'Cancelled.' } },
      { ...clean, state: 'checking' },
    ];
    for (const job of stops) expect(isAutoClaimable(job, key)).toBe(false);
    expect(isAutoClaimable(clean, { hasApiKey: true, canClaim: false })).toBe(false);
    expect(isAutoClaimable(clean, { hasApiKey: false })).toBe(false);
    expect(isAutoClaimable(clean, undefined)).toBe(false);
  });

  it('says why "Claim without asking" left a board waiting: the role, or the check', () => {
    const key = { hasApiKey: true, canClaim: true };
    const viewer = { hasApiKey: true, canClaim: false };
    const clean = read({ dryRun: { claimable: true, alreadyClaimedByYou: false } });
    const uncovered = read({ dryRun: { ...clean.dryRun!, rules: { isCovered: false, tags: [] } } });
    const rejected = read({ dryRunError: { code: 'API_KEY_REJECTED', message: 'revoked' } });
    expect(autoClaimStopOf(clean, key)).toBeUndefined();
    // A clean check, and still it waits: the key's role is why.
    expect(autoClaimStopOf(clean, viewer)).toBe('role');
    expect(autoClaimStopOf(uncovered, viewer)).toBe('role');
    expect(autoClaimStopOf(uncovered, key)).toBe('check');
    expect(autoClaimStopOf(rejected, key)).toBe('check');
    // Nothing to tell: no key yet (the form asks), the check about to run again with the new key,
    // a claim the user cancelled, a board not waiting.
    const missing = read({ dryRunError: { code: 'API_KEY_MISSING', message: 'no key' } });
    expect(autoClaimStopOf(missing, { hasApiKey: false })).toBeUndefined();
    expect(autoClaimStopOf(clean, undefined)).toBeUndefined();
    expect(autoClaimStopOf(missing, key)).toBeUndefined();
    const cancelled = { code: 'CANCELLED' as const, message: 'Cancelled.' };
    expect(autoClaimStopOf({ ...uncovered, claimError: cancelled }, key)).toBeUndefined();
    expect(autoClaimStopOf({ ...uncovered, state: 'checking' }, key)).toBeUndefined();
    expect(autoClaimStopOf(undefined, key)).toBeUndefined();
  });

  it('the stepper: the running step, every step done at the end, the failed step marked', () => {
    expect(stepperOf(undefined)).toEqual({ active: 0 });
    expect(stepperOf(jobView({ state: 'connecting' }))).toEqual({ active: 1 });
    expect(stepperOf(jobView({ state: 'journaling' }))).toEqual({ active: 2 });
    expect(stepperOf(read())).toEqual({ active: 3 });
    expect(stepperOf(read({ state: 'provisioning' }))).toEqual({ active: 4 });
    // Claimed, provisioning never ran: Claim (and every step before it) is done, Provision not.
    expect(stepperOf(read({ state: 'claimed' }))).toEqual({
      active: 5,
      skipped: { index: 4, reason: 'not-run' },
    });
    const failedRead = jobView({
      state: 'failed',
      steps: steps('waiting', 'connecting', 'reading'),
      error: { code: 'ATTEST_UNSUPPORTED', message: 'old' },
    });
    expect(stepperOf(failedRead)).toEqual({ active: 2, failed: 2 });
  });

  it('the Provision step is done only when the device connected, else skipped with why, or failed', () => {
    const provisioning = provisioningView;
    const claimed = (extra: Partial<JobView> = {}) => read({ state: 'claimed', ...extra });
    expect(
      stepperOf(
        claimed({ state: 'connected', provisioning: provisioning({ stage: 'connected' }) }),
      ),
    ).toEqual({ active: 5 });
    const note = 'This firmware (AT host) has no nRF Cloud provisioning client.';
    const unsupported = { skipReason: 'unsupported' as const, note };
    expect(
      stepperOf(claimed({ provisioning: provisioning({ family: 'at-host', ...unsupported }) })),
    ).toEqual({ active: 5, skipped: { index: 4, reason: 'at-host' } });
    expect(
      stepperOf(claimed({ provisioning: provisioning({ family: 'none', ...unsupported }) })).skipped
        ?.reason,
    ).toBe('unsupported');
    const skipOf = (view: Partial<ProvisioningView>) =>
      stepperOf(claimed({ provisioning: provisioning(view) })).skipped?.reason;
    // Main's code decides, never the words of the note.
    expect(
      skipOf({ family: 'none', skipReason: 'turned-off', note: 'Nicht bereitgestellt.' }),
    ).toBe('turned-off');
    expect(skipOf({ skipReason: 'turned-off' })).toBe('turned-off');
    expect(skipOf({ note: 'Provisioning was not asked for (turned off).' })).toBe(
      'not-provisioned',
    );
    // Already in the team on AT-host firmware: main does not provision, and sends no view.
    expect(stepperOf(read({ state: 'already-claimed', mode: 'at-host' })).skipped?.reason).toBe(
      'at-host',
    );
    expect(stepperOf(read({ state: 'read' })).skipped?.reason).toBe('not-claimed');
    // Ended short of connected without a note or an error: not shown as done either.
    expect(
      stepperOf(claimed({ provisioning: provisioning({ stage: 'finished' }) })).skipped?.reason,
    ).toBe('not-provisioned');
    const failure = { code: 'PROVISIONING_TIMEOUT' as const, message: 'no connection in 300 s' };
    expect(stepperOf(claimed({ provisioning: provisioning({ error: failure }) }))).toEqual({
      active: 5,
      failed: 4,
    });
    // The job itself failed while provisioning: the step that failed is Provision.
    expect(
      stepperOf(
        read({
          state: 'failed',
          steps: steps('connecting', 'reading', 'claiming', 'provisioning'),
          error: failure,
          provisioning: provisioning({ error: failure }),
        }),
      ),
    ).toEqual({ active: 4, failed: 4 });
  });

  it('boards done this session, by serial number, with the time they were done', () => {
    const jobs = {
      a: {
        view: read({ serialNumber: 'A', state: 'claimed', finishedAt: '2025-05-01T14:02:00Z' }),
      },
      b: { view: read({ serialNumber: 'B', state: 'already-claimed' }) },
      c: { view: read({ serialNumber: 'C', state: 'ready-to-claim' }) },
      d: { view: read({ serialNumber: 'D', state: 'failed' }) },
    };
    const done = doneBoards(jobs);
    expect([...done.keys()].sort()).toEqual(['A', 'B']);
    expect(done.get('A')).toBe('2025-05-01T14:02:00Z');
  });
});
