import { ok } from '../../../src-shared/ipc/errors';
import type { JobView } from '../../../src-shared/ipc/onboarding';
import { setApiForTests } from '../../../src-renderer/src/bridge';
import { resetAppStore, useAppStore } from '../../../src-renderer/src/store/appStore';
import {
  countKits,
  retryableKits,
  startableKits,
  stationKits,
} from '../../../src-renderer/src/features/jobs/stationKits';
import { announcementFor, tail } from '../../../src-renderer/src/features/jobs/jobText';
import { formatElapsed } from '../../../src-renderer/src/lib/format';
import { createFakeApi, deferred, device, failWith, jobView, queueView, snapshot } from './fakeApi';

const store = () => useAppStore.getState();

beforeEach(() => resetAppStore());
afterEach(() => setApiForTests(undefined));

describe('jobs slice', () => {
  it('keys jobs by id and replaces a job whole on each job-changed event', () => {
    store().handleJobChanged({ job: jobView({ id: 'A' }), queue: queueView() });
    store().handleJobChanged({ job: jobView({ id: 'B' }), queue: queueView() });
    store().handleJobChanged({
      job: jobView({ id: 'A', state: 'reading', phase: 'working', mode: 'slm' }),
      queue: queueView({ active: 1 }),
    });
    expect(Object.keys(store().jobs).sort()).toEqual(['A', 'B']);
    expect(store().jobs.A?.view).toMatchObject({ state: 'reading', mode: 'slm' });
    expect(store().jobs.B?.view.state).toBe('waiting');
    expect(store().queue?.active).toBe(1);
  });

  it('keeps an event that arrived while start-job was in flight over its older answer', async () => {
    const answer = deferred<ReturnType<typeof ok<JobView>>>();
    const { api } = createFakeApi({ startJob: vi.fn(() => answer.promise) });
    setApiForTests(api);
    const started = store().startJob({ serialNumber: 'A' });
    store().handleJobChanged({
      job: jobView({ id: 'A', state: 'connecting', phase: 'working' }),
      queue: queueView(),
    });
    answer.resolve(ok(jobView({ id: 'A', state: 'waiting' })));
    await started;
    expect(store().jobs.A?.view.state).toBe('connecting');
  });

  it('takes an answer when no event for that job came since the request', async () => {
    const { api } = createFakeApi({
      retryJob: vi.fn(async () => ok(jobView({ id: 'A', attempt: 2 }))),
    });
    setApiForTests(api);
    store().handleJobChanged({
      job: jobView({ id: 'A', state: 'failed', phase: 'failed' }),
      queue: queueView(),
    });
    await store().retryJob('A');
    expect(store().jobs.A?.view).toMatchObject({ state: 'waiting', attempt: 2 });
  });

  it('loads the list with Auto and the queue, and says why when the call fails', async () => {
    const { api } = createFakeApi({
      listJobs: vi.fn(async () =>
        ok({ jobs: [jobView({ id: 'A' })], queue: queueView({ waiting: 2 }), isAuto: true }),
      ),
    });
    setApiForTests(api);
    await store().loadJobs();
    expect(store().isAuto).toBe(true);
    expect(store().queue?.waiting).toBe(2);
    expect(store().jobs.A).toBeDefined();

    setApiForTests(createFakeApi({ listJobs: vi.fn(async () => failWith('INTERNAL')) }).api);
    await store().loadJobs();
    expect(store().jobsError?.code).toBe('INTERNAL');
  });

  it('turns a failed action into an error toast', async () => {
    setApiForTests(
      createFakeApi({ startJob: vi.fn(async () => failWith('PORT_NOT_FOUND', 'No such kit')) }).api,
    );
    expect(await store().startJob({ serialNumber: 'A' })).toBeUndefined();
    expect(store().toasts.at(-1)).toMatchObject({ level: 'error', message: 'No such kit' });
  });

  it('announces a job once when it ends, and the start of a cloud pause once', () => {
    const failed = jobView({
      id: '001051234567',
      state: 'failed',
      phase: 'failed',
      error: { code: 'NO_ANSWER', message: 'No answer' },
    });
    store().handleJobChanged({ job: failed, queue: queueView() });
    expect(store().stationAnnouncement).toBe('nRF9151 DK …234567: failed, NO_ANSWER');

    const pause = { until: '2025-05-01T10:00:05Z', remainingMs: 4200, reason: 'HTTP 429' };
    store().handleJobChanged({
      job: jobView({ id: 'B', state: 'checking', phase: 'working' }),
      queue: queueView({ pause }),
    });
    expect(store().stationAnnouncement).toBe(
      'nRF Cloud asked to wait 5 s: cloud calls of every kit are paused.',
    );
    store().handleJobChanged({
      job: jobView({ id: 'B', state: 'checking', phase: 'working', cloudWait: 'paused' }),
      queue: queueView({ pause: { ...pause, remainingMs: 3000 } }),
    });
    expect(store().stationAnnouncement).toMatch(/wait 5 s/);
  });
});

describe('job announcements', () => {
  it('speaks ends only, not the steps, and not the same end twice', () => {
    const working = jobView({ state: 'reading', phase: 'working' });
    const claimed = jobView({ state: 'claimed', phase: 'claimed' });
    expect(announcementFor(undefined, working)).toBeUndefined();
    expect(announcementFor(working, claimed)).toBe('nRF9151 DK …234567: Claimed');
    expect(announcementFor(claimed, claimed)).toBeUndefined();
    expect(announcementFor(claimed, { ...claimed, attempt: 2 })).toBeDefined();
  });

  it('shortens to a tail with an ellipsis, leaving short text alone', () => {
    expect(tail('001051234567', 6)).toBe('…234567');
    expect(tail('1234', 6)).toBe('1234');
  });

  it('shows a kit clock in tenths under a minute, as a stopwatch above', () => {
    expect([0, 420, 12_345, 65_000, 3_723_000].map(formatElapsed)).toEqual([
      '0.0 s',
      '0.4 s',
      '12.3 s',
      '1:05',
      '1:02:03',
    ]);
  });
});

describe('station kits', () => {
  const jobs = (...views: JobView[]) =>
    Object.fromEntries(views.map((view) => [view.id, { view, receivedAt: 0, seq: 0 }]));

  it('gives one tile per plugged kit and per job, matched by serial number, in serial order', () => {
    const kits = stationKits(
      snapshot([device('000000000002'), device('000000000001')]),
      jobs(
        jobView({
          id: '000000000002',
          serialNumber: '000000000002',
          state: 'claimed',
          phase: 'claimed',
        }),
        jobView({
          id: '000000000009',
          serialNumber: '000000000009',
          state: 'failed',
          phase: 'failed',
        }),
      ),
    );
    expect(kits.map((k) => [k.id, k.device !== undefined, k.job?.view.state])).toEqual([
      ['000000000001', true, undefined],
      ['000000000002', true, 'claimed'],
      ['000000000009', false, 'failed'],
    ]);
    expect(countKits(kits)).toEqual({
      waiting: 1,
      working: 0,
      connected: 0,
      claimed: 1,
      'already-claimed': 0,
      read: 0,
      failed: 1,
    });
    // Start all: the plugged kit without a job. Retry failed: only kits that are there to retry.
    expect(startableKits(kits).map((k) => k.target)).toEqual([{ serialNumber: '000000000001' }]);
    expect(retryableKits(kits)).toEqual([]);
  });

  it('offers no start for a kit without an AT port, and retries a typed-path job', () => {
    const noAt = { ...device('000000000003'), atPortPath: undefined };
    const typed = jobView({
      id: '/dev/pts/4',
      port: '/dev/pts/4',
      state: 'failed',
      phase: 'failed',
    });
    delete typed.serialNumber;
    const kits = stationKits(snapshot([noAt]), jobs(typed));
    expect(startableKits(kits)).toEqual([]);
    expect(retryableKits(kits).map((k) => k.id)).toEqual(['/dev/pts/4']);
  });
});
