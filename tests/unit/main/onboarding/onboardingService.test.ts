import { AppError } from '../../../../src-shared/ipc/errors';
import type { JobState } from '../../../../src-shared/ipc/onboarding';
import { JobHarness, makeKits, type Held } from './jobHarness';

let harness: JobHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function setUp(count: number, options: { concurrency?: number; maxConcurrency?: number } = {}) {
  const kits = makeKits(count);
  harness = new JobHarness(kits, options);
  return { h: harness, kits };
}

const target = (kit: { path: string; serialNumber: string }) => ({
  path: kit.path,
  serialNumber: kit.serialNumber,
  kitName: 'nRF9151 DK',
});

describe('one job through the pipeline', () => {
  it('walks every step to claimed, with a timing per step, and journals the claim', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    const started = h.service.start(target(kit));
    expect(started).toMatchObject({ id: kit.serialNumber, state: 'waiting', attempt: 1 });
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber)).toEqual([
      'waiting',
      'connecting',
      'reading',
      'journaling',
      'checking',
      'claiming',
      'claimed',
    ]);
    expect(done).toMatchObject({
      state: 'claimed',
      phase: 'claimed',
      deviceUuid: kit.deviceUuid,
      deviceId: kit.deviceUuid,
      imei: '350404291234563',
      mode: 'at-host',
      kitName: 'nRF9151 DK',
      serialNumber: kit.serialNumber,
    });
    expect(done.steps.map((s) => s.step)).toEqual([
      'waiting',
      'connecting',
      'reading',
      'journaling',
      'checking',
      'claiming',
    ]);
    for (const step of done.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    expect(done.finishedAt).toBeDefined();
    expect(h.cloudCalls).toEqual([`dryRun:${kit.path}`, `claim:${kit.path}`]);
    const [entry] = h.journal.list();
    expect(entry).toMatchObject({
      token: kit.token,
      claimStatus: 'claimed',
      teamName: 'Test Team',
      serialNumber: kit.serialNumber,
      kitName: 'nRF9151 DK',
    });
    expect(done.journalId).toBe(entry?.id);
    expect(h.openPorts.size).toBe(0);
  });

  it('a device already in the team ends already-claimed', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.alreadyClaimed.add(kit.deviceUuid);
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.state).toBe('already-claimed');
    expect(h.journal.list()[0]?.claimStatus).toBe('already-claimed');
  });

  it('claim: false stops at read, with the token journaled and no cloud call', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.service.start(target(kit), { claim: false });
    const done = await h.finish(kit.serialNumber);
    expect(h.statesOf(kit.serialNumber)).toEqual([
      'waiting',
      'connecting',
      'reading',
      'journaling',
      'read',
    ]);
    expect(done.phase).toBe('read');
    expect(h.cloudCalls).toEqual([]);
    expect(h.journal.list()[0]?.claimStatus).toBe('unclaimed');
  });

  it('a kit claimed earlier today is not claimed again', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.service.start(target(kit));
    await h.finish(kit.serialNumber);
    // Replugged: a new read gives a new token of the same device.
    const { token } = (await import('../cloud/helpers')).makeToken(kit.deviceUuid);
    kit.token = token;
    h.service.start(target(kit));
    const again = await h.finish(kit.serialNumber);
    expect(again).toMatchObject({ state: 'already-claimed', attempt: 2 });
    expect(again.stepText).toMatch(/Claimed earlier today/);
    expect(h.cloudCalls.filter((c) => c.startsWith('claim:'))).toHaveLength(1);
    expect(h.journal.list().map((e) => e.claimStatus)).toEqual(['claimed', 'already-claimed']);
  });

  it('a typed path without a serial number is keyed by the path', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    expect(h.service.start({ path: kit.path }).id).toBe(kit.path);
    expect((await h.finish(kit.path)).state).toBe('claimed');
  });

  it('starting a running job again returns it instead of a second run', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.hold('read');
    h.service.start(target(kit));
    await h.isHeld('read', kit.path);
    expect(h.service.start(target(kit)).attempt).toBe(1);
    await h.release('read', kit.path);
    expect((await h.finish(kit.serialNumber)).attempt).toBe(1);
  });
});

describe('failures, each in its step', () => {
  const cases: Array<
    [string, 'connectError' | 'readError' | 'dryRunError' | 'claimError', AppError, JobState]
  > = [
    [
      'connecting',
      'connectError',
      new AppError('NO_ANSWER', 'No answer from /dev/ttyFAKE0'),
      'connecting',
    ],
    ['reading', 'readError', new AppError('ATTEST_UNSUPPORTED', 'old modem'), 'reading'],
    ['checking', 'dryRunError', new AppError('NETWORK_UNREACHABLE', 'offline'), 'checking'],
    ['claiming', 'claimError', new AppError('SERVER_ERROR', 'HTTP 500'), 'claiming'],
  ];
  it.each(cases)(
    'a failure while %s ends failed with its code and an explanation',
    async (_name, field, error, lastStep) => {
      const { h, kits } = setUp(1);
      const kit = kits[0]!;
      kit[field] = error;
      h.service.start(target(kit));
      const done = await h.finish(kit.serialNumber);
      expect(done.state).toBe('failed');
      expect(done.phase).toBe('failed');
      expect(done.error?.code).toBe(error.code);
      // Every job error names its port, once.
      expect(done.error?.message).toBe(
        error.message.includes(kit.path) ? error.message : `${kit.path}: ${error.message}`,
      );
      expect(done.explanation?.title).toBeTruthy();
      expect(h.statesOf(kit.serialNumber).at(-2)).toBe(lastStep);
      expect(h.openPorts.size).toBe(0);
    },
  );

  it('a dry-run refusal fails the job with the verdict code and records it', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    kit.dryRunError = new AppError('CLAIMED_BY_OTHER', 'someone else');
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('CLAIMED_BY_OTHER');
    expect(h.journal.list()[0]).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'CLAIMED_BY_OTHER' },
    });
  });

  it('no API key fails at the dry run with the token kept in the journal', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    (h.service as unknown as { deps: { cloud: () => never } }).deps.cloud = () => {
      throw new AppError('API_KEY_MISSING', 'Add your key');
    };
    h.service.start(target(kit));
    const done = await h.finish(kit.serialNumber);
    expect(done.error?.code).toBe('API_KEY_MISSING');
    expect(h.journal.list()).toHaveLength(1);
  });

  it('retry starts a failed job again as attempt 2 and claims it', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    kit.connectError = new AppError('NO_ANSWER', 'silent');
    h.service.start(target(kit));
    expect((await h.finish(kit.serialNumber)).state).toBe('failed');
    delete kit.connectError;
    expect(h.service.retry(kit.serialNumber)).toMatchObject({ state: 'waiting', attempt: 2 });
    const done = await h.finish(kit.serialNumber);
    expect(done).toMatchObject({ state: 'claimed', attempt: 2 });
    expect(done.error).toBeUndefined();
  });

  it('retry of a claimed job is refused; of an unknown job is NOT_FOUND', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.service.start(target(kit));
    await h.finish(kit.serialNumber);
    expect(() => h.service.retry(kit.serialNumber)).toThrow(/nothing to retry/);
    expect(() => h.service.retry('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

// Where each step is held so that cancel or unplug lands inside it.
const stepHolds: Array<[JobState, Held | undefined]> = [
  ['waiting', undefined],
  ['connecting', 'connect'],
  ['reading', 'read'],
  ['journaling', undefined],
  ['checking', 'dryRun'],
  ['claiming', 'claim'],
];

async function interruptIn(step: JobState, hold: Held | undefined, how: 'cancel' | 'unplug') {
  const { h, kits } = setUp(1);
  const kit = kits[0]!;
  if (hold !== undefined) h.hold(hold);
  if (step === 'journaling') {
    // Journaling is synchronous: interrupt the moment the job enters it.
    const offered = h.service.start(target(kit));
    expect(offered.state).toBe('waiting');
    await h.waitForState(kit.serialNumber, 'journaling');
  } else {
    h.service.start(target(kit));
  }
  if (hold !== undefined) await h.isHeld(hold, kit.path);
  if (how === 'cancel') h.service.cancel(kit.serialNumber);
  else h.service.unplugged(kit.serialNumber);
  const done = await h.finish(kit.serialNumber);
  return { h, kit, done };
}

describe('cancel in every step', () => {
  it.each(stepHolds)('cancel while %s ends cancelled and lets the port go', async (step, hold) => {
    const { h, kit, done } = await interruptIn(step, hold, 'cancel');
    expect(done.state).toBe('cancelled');
    expect(done.phase).toBe('failed');
    expect(h.statesOf(kit.serialNumber).slice(-2)).toEqual([step, 'cancelled']);
    expect(h.openPorts.size).toBe(0);
    expect(done.error).toBeUndefined();
  });
});

describe('unplug in every step', () => {
  it.each(stepHolds)(
    'unplug while %s ends unplugged; a token read stays journaled',
    async (step, hold) => {
      const { h, kit, done } = await interruptIn(step, hold, 'unplug');
      expect(done.state).toBe('unplugged');
      expect(done.error?.code).toBe('PORT_GONE');
      expect(h.statesOf(kit.serialNumber).slice(-2)).toEqual([step, 'unplugged']);
      const tokenRead = ['journaling', 'checking', 'claiming'].includes(step);
      expect(h.journal.list().map((e) => e.token)).toEqual(tokenRead ? [kit.token] : []);
      if (tokenRead) expect(done.stepText).toMatch(/token is in the journal/);
      expect(h.openPorts.size).toBe(0);
    },
  );

  it('the port vanishing under the session (PORT_GONE) ends the job unplugged', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.hold('read');
    h.service.start(target(kit));
    await h.isHeld('read', kit.path);
    h.vanish(kit.path);
    const done = await h.finish(kit.serialNumber);
    expect(done).toMatchObject({ state: 'unplugged', error: { code: 'PORT_GONE' } });
  });

  it('an unplugged job can be retried when the kit is back', async () => {
    const { h, kits } = setUp(1);
    const kit = kits[0]!;
    h.hold('claim');
    h.service.start(target(kit));
    await h.isHeld('claim', kit.path);
    h.service.unplugged(kit.serialNumber);
    await h.finish(kit.serialNumber);
    h.holdNothing();
    h.service.retry(kit.serialNumber);
    expect((await h.finish(kit.serialNumber)).state).toMatch(/claimed/);
  });
});

describe('many jobs and the cloud queue', () => {
  it('a failure in one job does not stop the others', async () => {
    const { h, kits } = setUp(5);
    kits[1]!.connectError = new AppError('NO_ANSWER', 'silent');
    kits[3]!.dryRunError = new AppError('SERVER_ERROR', 'HTTP 500');
    for (const kit of kits) h.service.start(target(kit));
    const done = await Promise.all(kits.map((k) => h.finish(k.serialNumber)));
    expect(done.map((j) => j.state)).toEqual(['claimed', 'failed', 'claimed', 'failed', 'claimed']);
  });

  it('never runs more cloud calls at once than the concurrency', async () => {
    const { h, kits } = setUp(6, { concurrency: 2, maxConcurrency: 2 });
    let active = 0;
    let most = 0;
    h.beforeCall = async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
    };
    for (const kit of kits) h.service.start(target(kit));
    await Promise.all(kits.map((k) => h.finish(k.serialNumber)));
    expect(most).toBe(2);
    expect(h.changes.every((c) => c.queue.active <= 2)).toBe(true);
  });

  it('a 429 pauses the queue for every job, visibly, and all are claimed after it', async () => {
    const { h, kits } = setUp(4);
    const [first, ...others] = kits as [(typeof kits)[0], ...typeof kits];
    const startedWhilePaused: string[] = [];
    let isFirst = true;
    h.beforeCall = async (kind, path) => {
      if (h.queue.isPaused) startedWhilePaused.push(`${kind}:${path}`);
      if (!isFirst) return;
      isFirst = false;
      // As the REST client's onRetry does on HTTP 429 with Retry-After, then waits it out itself.
      h.queue.backOff(300, 'nRF Cloud is limiting requests (HTTP 429)');
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    for (const kit of others) h.hold('read', kit.path);
    for (const kit of kits) h.service.start(target(kit));
    await vi.waitFor(() => expect(h.queue.isPaused).toBe(true));
    // The other kits reach the cloud only now, while the queue is paused.
    for (const kit of others) await h.release('read', kit.path);
    await Promise.all(others.map((k) => h.waitForState(k.serialNumber, 'checking')));
    for (const kit of others) {
      expect(h.service.get(kit.serialNumber)?.cloudWait).toBe('paused');
    }
    const done = await Promise.all(kits.map((k) => h.finish(k.serialNumber)));
    expect(done.map((j) => j.state)).toEqual(['claimed', 'claimed', 'claimed', 'claimed']);
    expect(startedWhilePaused).toEqual([]);
    const paused = h.changes.filter((c) => c.queue.pause !== undefined);
    expect(paused[0]?.queue.pause).toMatchObject({ reason: expect.stringMatching(/429/) });
    expect(paused[0]!.queue.pause!.remainingMs).toBeGreaterThan(0);
    // Every job in a cloud step shows the pause, the one whose call got the 429 included.
    expect(
      new Set(paused.filter((c) => c.job.cloudWait === 'paused').map((c) => c.job.id)),
    ).toEqual(new Set(kits.map((k) => k.serialNumber)));
    expect(h.cloudCalls.indexOf(`dryRun:${first.path}`)).toBe(0);
    expect(h.queue.isPaused).toBe(false);
  });

  it('the report has a header and one row per job', async () => {
    const { h, kits } = setUp(2);
    kits[1]!.readError = new AppError('TOKEN_NOT_FOUND', 'no token');
    for (const kit of kits) h.service.start(target(kit));
    await Promise.all(kits.map((k) => h.finish(k.serialNumber)));
    const [header, ...rows] = h.service.reportCsv().trimEnd().split('\n');
    expect(header).toBe(
      'serial number,port,model,IMEI,device UUID,state,error code,started,finished',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      new RegExp(
        `^${kits[0]!.serialNumber},${kits[0]!.path},nRF9151 DK \\(nRF9161 LACA\\),350404291234563,${kits[0]!.deviceUuid},claimed,,\\d{4}-`,
      ),
    );
    expect(rows[1]).toContain(',failed,TOKEN_NOT_FOUND,');
  });
});
