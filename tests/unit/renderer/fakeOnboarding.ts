/**
 * The onboarding service of main, faked for the renderer tests: a job started with
 * `claim: 'confirm'` runs connect, read, journal and dry run and waits in ready-to-claim, as
 * src-main/onboarding/onboardingService.ts does. Its port and nRF Cloud are the fake bridge's own
 * `connect`, `attest`, `dryRun` and `claim` (so a test scripts the device and the cloud through
 * them), and it reports every change with `onJobChanged`, as main does.
 */
import type { Api } from '../../../src-renderer/src/bridge';
import type { Device } from '../../../src-shared/devices/index';
import type { DeviceSnapshot } from '../../../src-shared/ipc/serial';
import type { JournalEntryView } from '../../../src-shared/ipc/journal';
import type { CloudQueueView, JobState, JobView } from '../../../src-shared/ipc/onboarding';
import { ok, type AppErrorData, type Result } from '../../../src-shared/ipc/errors';

type Emit = (method: 'onJobChanged' | 'onJournalChanged', payload: never) => void;

interface FakeJob {
  view: JobView;
  sessionId?: string;
  /** The request in flight (its id is what `cancel` is called with). */
  requestId?: string;
  decide?: ((isDryRunOnly: boolean) => void) | undefined;
}

const ends: JobState[] = ['claimed', 'already-claimed', 'read', 'failed', 'unplugged', 'cancelled'];

export function createFakeOnboarding(api: () => Api, emit: Emit, base: (id: string) => JobView) {
  const jobs = new Map<string, FakeJob>();
  const journal: JournalEntryView[] = [];
  /** The kits main last listed (its device watcher's snapshot). */
  let devices: readonly Device[] = [];
  let requests = 0;
  let queue: CloudQueueView = { concurrency: 4, active: 0, waiting: 0 };

  const report = (job: FakeJob, patch: Partial<JobView>) => {
    job.view = { ...job.view, ...patch };
    if (patch.state !== undefined && !ends.includes(patch.state))
      job.view.steps = [...job.view.steps, { step: patch.state as never, startedAt: now() }];
    emit('onJobChanged', { job: job.view, queue } as never);
  };
  const now = () => new Date().toISOString();
  const request = (job: FakeJob) => {
    requests += 1;
    job.requestId = `request-${requests}`;
    return job.requestId;
  };
  const updateEntry = (id: string | undefined, patch: Partial<JournalEntryView>) => {
    const index = journal.findIndex((e) => e.id === id);
    if (index >= 0) journal[index] = { ...journal[index]!, ...patch };
    emit('onJournalChanged', [...journal] as never);
  };
  /** A cloud call answered: its wait for the queue's pause is over. */
  const answered = (job: FakeJob) => {
    const { cloudWait: _w, ...rest } = job.view;
    job.view = rest as JobView;
    const { pause: _p, ...unpaused } = queue;
    queue = unpaused;
  };
  const stop = (job: FakeJob, error: AppErrorData) =>
    report(job, {
      state: error.code === 'CANCELLED' ? 'cancelled' : 'failed',
      ...(error.code === 'CANCELLED' ? {} : { error }),
    });

  async function check(job: FakeJob): Promise<void> {
    report(job, { state: 'checking' });
    const status = await api().getKeyStatus({});
    const view = job.view;
    let verdict: Awaited<ReturnType<Api['dryRun']>>;
    if (status.ok && !status.value.hasApiKey) {
      verdict = { ok: false, error: { code: 'API_KEY_MISSING', message: 'Add your key' } };
    } else {
      const requestId = request(job);
      verdict = await api().dryRun({ journalId: view.journalId!, tags: view.tags, requestId });
    }
    answered(job);
    if (job.view.state !== 'checking') return;
    const { dryRun: _d, dryRunError: _e, claimError: _c, ...rest } = job.view;
    job.view = rest as JobView;
    if (!verdict.ok) return wait(job, { dryRunError: verdict.error });
    if (verdict.value.alreadyClaimedByYou) {
      updateEntry(view.journalId, { claimStatus: 'already-claimed' });
      return report(job, { state: 'already-claimed', dryRun: verdict.value });
    }
    return wait(job, { dryRun: verdict.value });
  }

  function wait(job: FakeJob, patch: Partial<JobView>) {
    job.decide = (isDryRunOnly) => {
      job.decide = undefined;
      void (isDryRunOnly ? check(job) : claim(job));
    };
    report(job, { ...patch, state: 'ready-to-claim' });
  }

  async function claim(job: FakeJob): Promise<void> {
    const { claimError: _c, ...rest } = job.view;
    job.view = rest as JobView;
    report(job, { state: 'claiming' });
    const requestId = request(job);
    const result = await api().claim({
      journalId: job.view.journalId!,
      tags: job.view.tags,
      requestId,
    });
    answered(job);
    if (!result.ok) {
      if (result.error.code === 'CANCELLED') return wait(job, { claimError: result.error });
      updateEntry(job.view.journalId, { claimStatus: 'failed' });
      return stop(job, result.error);
    }
    const isYours = result.value.alreadyClaimedByYou;
    updateEntry(job.view.journalId, { claimStatus: isYours ? 'already-claimed' : 'claimed' });
    report(job, {
      state: isYours ? 'already-claimed' : 'claimed',
      claim: result.value,
      deviceId: result.value.deviceId,
      portalUrl: result.value.portalUrl,
    });
  }

  async function run(job: FakeJob, path: string, serialNumber: string | undefined) {
    report(job, { state: 'connecting' });
    const connected = await api().connect(
      serialNumber === undefined ? { path } : { path, deviceSerial: serialNumber },
    );
    if (!connected.ok) return stop(job, connected.error);
    if (job.view.state !== 'connecting') return;
    job.sessionId = connected.value.sessionId;
    report(job, {
      state: 'reading',
      mode: connected.value.mode,
      modeDescription: connected.value.modeDescription,
    });
    const requestId = request(job);
    const read = await api().attest({ sessionId: connected.value.sessionId, requestId });
    if ((job.view.state as JobState) !== 'reading') return;
    if (!read.ok) return stop(job, read.error);
    const value = read.value;
    const { kitName } = job.view;
    // As main's entryFromReading: the token, what the modem said, and the kit it came from.
    journal.push({
      id: value.journalId,
      token: value.token,
      deviceUuid: value.decoded.deviceUuid,
      deviceType: value.decoded.deviceType,
      deviceTypeName: value.decoded.deviceTypeName,
      readAt: now(),
      source: 'device',
      claimStatus: 'unclaimed',
      ...(value.model === undefined ? {} : { model: value.model }),
      ...(value.imei === undefined ? {} : { imei: value.imei }),
      ...(serialNumber === undefined ? {} : { serialNumber }),
      ...(kitName === undefined ? {} : { kitName }),
    });
    emit('onJournalChanged', [...journal] as never);
    const { token: _token, ...decoded } = value.decoded;
    report(job, {
      state: 'journaling',
      journalId: value.journalId,
      deviceUuid: value.decoded.deviceUuid,
      decoded,
      warnings: value.warnings,
      ...(value.model === undefined ? {} : { model: value.model }),
      ...(value.firmware === undefined ? {} : { firmware: value.firmware }),
      ...(value.imei === undefined ? {} : { imei: value.imei }),
    });
    await check(job);
  }

  const startJob: Api['startJob'] = async (input) => {
    const id = input.serialNumber ?? input.path ?? 'job';
    const path = input.path ?? `/dev/serial/by-id/usb-SEGGER_J-Link_${id}-if00`;
    // As main's resolveTarget: a kit's AT port is keyed by the kit's serial number, and the
    // plugged kit of that serial number names the job's kit.
    const kit = devices.find((d) =>
      input.serialNumber === undefined ? d.atPortPath === path : d.id === input.serialNumber,
    );
    const serialNumber = input.serialNumber ?? kit?.id ?? /J-Link_(\d+)-if00$/.exec(path)?.[1];
    const jobId = serialNumber ?? path;
    const job: FakeJob = {
      view: {
        ...base(jobId),
        port: path,
        startedAt: now(),
        steps: [{ step: 'waiting', startedAt: now() }],
        isConfirmRequired: input.claim === 'confirm',
        tags: input.tags ?? ['nrf-cloud-onboarding'],
        attempt: (jobs.get(jobId)?.view.attempt ?? 0) + 1,
      },
    };
    if (serialNumber === undefined) delete job.view.serialNumber;
    else job.view.serialNumber = serialNumber;
    if (kit !== undefined) job.view = { ...job.view, kitName: kit.name };
    jobs.set(jobId, job);
    if (input.claim === 'confirm') void run(job, path, serialNumber);
    return ok(job.view);
  };

  const claimJob: Api['claimJob'] = async ({ id, tags, isDryRunOnly }) => {
    const job = jobs.get(id);
    if (job?.decide === undefined)
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: `${id} is not waiting` } };
    if (tags !== undefined) job.view = { ...job.view, tags };
    job.decide(isDryRunOnly === true);
    return ok(job.view);
  };

  const cancelJob: Api['cancelJob'] = async ({ id }) => {
    const job = jobs.get(id);
    if (job === undefined || ends.includes(job.view.state)) return ok(undefined);
    if (job.view.state === 'ready-to-claim' || job.view.state === 'waiting') {
      job.decide = undefined;
      report(job, { state: 'cancelled' });
    } else if (job.requestId !== undefined) {
      await api().cancel({ requestId: job.requestId });
    }
    return ok(undefined);
  };

  /** The session of a job closed under it: before the token is read, the job ends unplugged. */
  const sessionClosed = (sessionId: string, reason: AppErrorData | undefined) => {
    for (const job of jobs.values()) {
      if (job.sessionId !== sessionId || job.view.journalId !== undefined) continue;
      if (ends.includes(job.view.state)) continue;
      report(job, {
        state: 'unplugged',
        error: reason ?? { code: 'PORT_GONE', message: `${job.view.port} went away.` },
      });
    }
  };

  const unclaim: Api['unclaim'] = async ({ journalId }) => {
    if (journalId !== undefined) updateEntry(journalId, { claimStatus: 'unclaimed' });
    return ok(undefined);
  };

  const listJournal: Api['listJournal'] = async () => ok([...journal]) as Result<never>;

  /** Events a test sends to "main": progress of a read, a closed session, a retry scheduled. */
  const onEvent = (method: string, payload: unknown) => {
    if (method === 'onDevicesChanged') devices = (payload as DeviceSnapshot).devices;
    const event = payload as { requestId?: string; sessionId?: string };
    for (const job of jobs.values()) {
      if (method === 'onSessionClosed' && event.sessionId === job.sessionId) {
        sessionClosed(job.sessionId!, (payload as { reason?: AppErrorData }).reason);
      }
      if (event.requestId === undefined || event.requestId !== job.requestId) continue;
      if (method === 'onProgress' && job.view.state === 'reading') {
        report(job, { stepText: (payload as { step: string }).step });
      } else if (method === 'onRetryScheduled') {
        // Main pauses its cloud queue for everyone, with a countdown.
        const { delayMs, reason } = payload as { delayMs: number; reason: string };
        queue = {
          ...queue,
          pause: {
            until: new Date(Date.now() + delayMs).toISOString(),
            remainingMs: delayMs,
            reason,
          },
        };
        report(job, { cloudWait: 'paused' });
      }
    }
  };

  return { startJob, claimJob, cancelJob, unclaim, listJournal, onEvent };
}
