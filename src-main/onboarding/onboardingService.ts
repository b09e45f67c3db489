/**
 * The onboarding pipeline in main: one job per kit, each a run through the transition table of
 * jobMachine.ts (open the AT port and learn the firmware mode, read the identity and the token,
 * journal it, dry run, claim). Serial work of different jobs runs in parallel; cloud calls go
 * through the one CloudQueue. Every change is reported as the whole job view.
 */
import type { ClaimView, DryRunView } from '../../src-shared/ipc/cloud';
import type { Explanation } from '../../src-shared/ipc/diagnostics';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { ProvisioningRecord } from '../../src-shared/ipc/journal';
import type { JobChange, JobState, JobStep, JobView } from '../../src-shared/ipc/onboarding';
import type { KitId } from '../../src-shared/devices/kits';
import type { CloudAdapter } from '../cloud/adapter';
import { toErrorData } from '../cloud/errorData';
import { entryFromReading, type TokenJournal } from '../cloud/journal';
import { explainError } from '../diagnostics/explain';
import type { AtSession } from '../serial/atSession';
import { readDeviceIdentity, type DeviceIdentityReading } from '../serial/attest';
import { claimAndRecord as defaultClaimAndRecord } from '../cloud/claimAndRecord';
import { dryRunWithRules } from '../cloud/onboardingRule';
import type { CloudQueue } from './cloudQueue';
import { canRetry, isEnd, next, type JobEvent } from './jobMachine';
import { jobReportCsv } from './jobReport';
import { abortable, claimedToday, namingPort } from './jobRules';
import { kitNameOf, toJobView, type JobRecord } from './jobView';
import { provisioningStepText } from './provisioningFold';
import { atHostView, notAskedView } from './provisioningSkip';
import {
  DEFAULT_PROVISIONING_TIMEOUT_MS,
  ProvisioningRun,
  type ProvisioningParts,
  type ProvisioningResult,
} from './provisioningRun';

/** The part of an AT session a job uses (the shell, notes and unsolicited lines for provisioning). */
export type JobSession = Pick<
  AtSession,
  'send' | 'sendShell' | 'mode' | 'onClose' | 'onUnsolicited' | 'note'
>;

/** An open AT port, and how to let go of it. */
export interface OpenedPort {
  session: JobSession;
  release: () => Promise<void>;
}

export interface OnboardingDeps {
  /** Opens the AT port and learns the firmware mode (the first `AT`). */
  connect: (target: JobTarget) => Promise<OpenedPort>;
  readIdentity?: typeof readDeviceIdentity;
  journal: () => TokenJournal;
  /** The active key's adapter (throws API_KEY_MISSING without one); asked for at the dry run. */
  cloud: () => { adapter: CloudAdapter; teamName?: string | undefined };
  queue: CloudQueue;
  /** The one claim-and-record function; a test may hand in a fake. */
  claimAndRecord?: typeof defaultClaimAndRecord;
  defaultTags: () => string[];
  explain?: (error: AppErrorData, path: string) => Explanation;
  now?: () => number;
  onChange?: (change: JobChange) => void;
  onJournalChanged?: () => void;
  /**
   * The step after the claim (issue 13). Without it jobs end at the claim, as before provisioning
   * was built; with it, a claimed device is provisioned unless its job was started without.
   */
  provisioning?: ProvisioningParts;
  /** The app's provisioning setting: on or off, and the limit (default on, 5 minutes). */
  provisioningSettings?: () => { isOn: boolean; timeoutMs: number };
  /**
   * Opens the kit's AT port again after it went away (an ATT reboot re-enumerates it): waits for
   * the same serial number's AT port, wherever it comes back. Default: `connect` retried.
   */
  reopen?: (target: JobTarget, signal: AbortSignal) => Promise<OpenedPort>;
}

/** Which kit a job is for. Keyed by the USB serial number, or by the path for a typed path. */
export interface JobTarget {
  path: string;
  serialNumber?: string | undefined;
  kit?: KitId | undefined;
  kitName?: string | undefined;
}

export interface StartOptions {
  tags?: string[] | undefined;
  /**
   * false: stop once the token is journaled (end state `read`). 'confirm': dry run, then wait in
   * `ready-to-claim` for `claimJob` (the window's one-device flow). Default true.
   */
  claim?: boolean | 'confirm' | undefined;
  /** Provision after the claim (default: the app's setting). false ends the job claimed. */
  provision?: boolean | undefined;
  /** The provisioning limit in ms (default: the app's setting, else 5 minutes). */
  provisionTimeoutMs?: number | undefined;
  /** Create the nRF Cloud Onboarding rule if no active rule covers the tags (else the claim fails). */
  createRule?: boolean | undefined;
}

/** What the user decided for a job waiting in `ready-to-claim`. */
export interface ClaimDecision {
  tags?: string[] | undefined;
  /** Run the dry run again (e.g. a key was added) instead of claiming. */
  isDryRunOnly?: boolean | undefined;
}

type Runner = (job: JobRecord) => Promise<JobEvent>;

const CLOUD_STEPS: ReadonlySet<JobState> = new Set<JobState>(['checking', 'claiming']);
const STEP_TEXT: Record<JobStep, string> = {
  waiting: 'Waiting to start',
  connecting: 'Opening the port and finding the firmware mode',
  reading: 'Reading the device identity',
  journaling: 'Saving the token to the journal',
  checking: 'Dry run on nRF Cloud',
  'ready-to-claim': 'Read; waiting for you to claim it',
  claiming: 'Claiming on nRF Cloud',
  provisioning: 'The device fetches its credentials from nRF Cloud',
};

/** The job id for a target: its serial number, else its port path. */
export const jobIdOf = (target: JobTarget): string => target.serialNumber ?? target.path;

export class OnboardingService {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly now: () => number;
  private readonly runners: Record<JobStep, Runner>;
  private lastPauseKey = '';

  constructor(private readonly deps: OnboardingDeps) {
    this.now = deps.now ?? Date.now;
    this.runners = {
      waiting: () => Promise.resolve('start'),
      connecting: (job) => this.connectStep(job),
      reading: (job) => this.readStep(job),
      journaling: (job) => Promise.resolve(this.journalStep(job)),
      checking: (job) => (job.isConfirmRequired ? this.dryRunStep(job) : this.cloudStep(job)),
      'ready-to-claim': (job) => this.decisionStep(job),
      // Without a stop, claiming is reached inside checking's claim-and-record call instead.
      claiming: (job) => this.cloudStep(job),
      provisioning: (job) => this.provisionStep(job),
    };
  }

  /** Starts a job for the target, or returns the one already running for it. */
  start(target: JobTarget, options: StartOptions = {}): JobView {
    const id = jobIdOf(target);
    const existing = this.jobs.get(id);
    if (existing !== undefined && !isEnd(existing.state)) return this.view(existing);
    const setting = this.deps.provisioningSettings?.();
    const job: JobRecord = {
      id,
      target,
      tags: options.tags ?? this.deps.defaultTags(),
      isClaimRequested: options.claim !== false,
      isConfirmRequired: options.claim === 'confirm',
      isProvisionRequested:
        this.deps.provisioning !== undefined && (options.provision ?? setting?.isOn ?? true),
      provisionTimeoutMs:
        options.provisionTimeoutMs ?? setting?.timeoutMs ?? DEFAULT_PROVISIONING_TIMEOUT_MS,
      isRuleCreationAllowed: options.createRule === true,
      attempt: (existing?.attempt ?? 0) + 1,
      state: 'waiting',
      stepText: STEP_TEXT.waiting,
      isQueued: false,
      warnings: [],
      steps: [{ step: 'waiting', startedAt: this.now() }],
      startedAt: this.now(),
      controller: new AbortController(),
    };
    this.jobs.set(id, job);
    this.emit(job);
    job.done = this.run(job);
    return this.view(job);
  }

  /** Starts a stopped job again with the same target and options. */
  retry(id: string): JobView {
    const job = this.mustGet(id);
    if (!isEnd(job.state)) return this.view(job);
    if (!canRetry(job.state)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The job for ${id} ended ${job.state}: nothing to retry.`,
      );
    }
    return this.start(job.target, {
      tags: job.tags,
      claim: job.isConfirmRequired ? 'confirm' : job.isClaimRequested,
      provision: job.isProvisionRequested,
      provisionTimeoutMs: job.provisionTimeoutMs,
      createRule: job.isRuleCreationAllowed,
    });
  }

  /** Moves a job waiting in `ready-to-claim` on: to claiming, or to the dry run again. */
  claim(id: string, decision: ClaimDecision = {}): JobView {
    const job = this.mustGet(id);
    const decide = job.decide;
    if (job.state !== 'ready-to-claim' || decide === undefined) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The job for ${id} is ${job.state}, not waiting for a claim.`,
      );
    }
    job.decide = undefined;
    job.claimError = undefined;
    if (decision.tags !== undefined) job.tags = [...decision.tags];
    decide(decision.isDryRunOnly === true ? 'recheck' : 'claim');
    return this.view(job);
  }

  /**
   * Stops a running job; it ends `cancelled`. A job that waits for the user (`claim: 'confirm'`)
   * in a cloud step drops only that call and waits again, its token still read. Unknown or
   * stopped jobs are left alone.
   */
  cancel(id: string): void {
    const job = this.jobs.get(id);
    if (job?.callController !== undefined && CLOUD_STEPS.has(job.state)) {
      job.callController.abort();
      return;
    }
    this.interrupt(id, 'cancel');
  }

  /**
   * Lets go of a port for another user of it (the terminal): every job holding it, or opening it,
   * is cancelled, and this settles once their ports are closed.
   */
  async releasePort(path: string): Promise<void> {
    const holding = [...this.jobs.values()].filter(
      (job) =>
        job.target.path === path &&
        !isEnd(job.state) &&
        (job.port !== undefined || job.state === 'connecting'),
    );
    for (const job of holding) this.interrupt(job.id, 'cancel');
    await Promise.all(
      holding.filter((job) => job.controller.signal.aborted).map((job) => job.done),
    );
  }

  /** The kit went away (hot-plug or a vanished port): a running job ends `unplugged`. */
  unplugged(id: string): void {
    this.interrupt(id, 'unplug');
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : this.view(job);
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((job) => this.view(job));
  }

  /** Settles with the job's final view. */
  async whenDone(id: string): Promise<JobView> {
    const job = this.mustGet(id);
    return job.done ?? this.view(job);
  }

  /** One CSV row per job. */
  reportCsv(): string {
    return jobReportCsv(this.list());
  }

  /** A queue pause began, ticked or ended: jobs in a cloud step show it. */
  queueChanged(): void {
    const pause = this.deps.queue.view().pause;
    const key = pause === undefined ? '' : `${pause.until}:${Math.ceil(pause.remainingMs / 1000)}`;
    if (key === this.lastPauseKey) return;
    this.lastPauseKey = key;
    for (const job of this.jobs.values()) if (CLOUD_STEPS.has(job.state)) this.emit(job);
  }

  /** Cancels every running job and waits for them to stop. */
  async dispose(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => !isEnd(job.state));
    for (const job of running) this.interrupt(job.id, 'cancel');
    await Promise.allSettled(running.map((job) => job.done));
  }

  private async run(job: JobRecord): Promise<JobView> {
    const signal = job.controller.signal;
    try {
      while (!isEnd(job.state)) {
        const runner = this.runners[job.state as JobStep];
        const event = await runner(job);
        if (signal.aborted) break;
        this.move(job, event);
      }
    } catch (error) {
      if (!signal.aborted) {
        const data = namingPort(toErrorData(error), job.target.path);
        this.move(job, data.code === 'PORT_GONE' ? 'unplug' : 'fail', data);
      }
    } finally {
      if (signal.aborted && !isEnd(job.state)) this.move(job, job.abortedBy ?? 'cancel');
      const port = job.port;
      job.port = undefined;
      await port?.release().catch(() => undefined);
    }
    return this.view(job);
  }

  private async connectStep(job: JobRecord): Promise<JobEvent> {
    const port = await abortable(
      this.deps.connect(job.target),
      job.controller.signal,
      (late) => void late.release().catch(() => undefined),
    );
    this.holdPort(job, port);
    job.mode = port.session.mode;
    return 'done';
  }

  /** The job's port from now on: a loss with a reason (not our own release) unplugs the job. */
  private holdPort(job: JobRecord, port: OpenedPort): void {
    const previous = job.port;
    job.port = port;
    if (previous !== undefined && previous !== port) void previous.release().catch(() => undefined);
    port.session.onClose((reason) => {
      if (reason !== undefined && job.port === port) this.interrupt(job.id, 'unplug', reason);
    });
  }

  private async readStep(job: JobRecord): Promise<JobEvent> {
    const session = this.mustPort(job).session;
    const read = this.deps.readIdentity ?? readDeviceIdentity;
    const reading = await read(session, {
      signal: job.controller.signal,
      onProgress: (step) => {
        job.stepText = step;
        this.emit(job);
      },
    });
    job.reading = reading;
    job.mode = reading.mode;
    return 'done';
  }

  private journalStep(job: JobRecord): JobEvent {
    const reading = mustReading(job);
    const journal = this.deps.journal();
    const kit = { serialNumber: job.target.serialNumber, kitName: kitNameOf(job.target, reading) };
    const entry = journal.add(entryFromReading(reading, kit));
    job.entry = entry;
    const earlier = claimedToday(journal.list(), entry, new Date(this.now()));
    if (earlier !== undefined && job.isClaimRequested) {
      // Already claimed today (same device, an earlier token): never claim a kit twice.
      job.entry = journal.update(entry.id, {
        claimStatus: 'already-claimed',
        claimedAt: earlier.claimedAt ?? new Date(this.now()).toISOString(),
      });
      job.stepText = `Claimed earlier today (${earlier.claimedAt ?? ''}): not claimed again`;
    }
    this.deps.onJournalChanged?.();
    if (!job.isClaimRequested) return 'skip-cloud';
    if (earlier === undefined) return 'done';
    // Claimed earlier today but not seen connected: the credentials may still be missing.
    job.deviceId = entry.deviceUuid;
    return earlier.provisioning?.outcome === 'connected'
      ? 'already-claimed'
      : this.afterClaim(job, 'already-claimed');
  }

  private async cloudStep(job: JobRecord): Promise<JobEvent> {
    const entry = job.entry;
    if (entry === undefined) throw new AppError('INTERNAL', 'No journal entry to claim.');
    const { adapter, teamName } = this.deps.cloud();
    const queued = this.deps.queue.wrap(adapter, {
      onWaiting: (isWaiting) => {
        job.isQueued = isWaiting;
        this.emit(job);
      },
    });
    const claim = this.deps.claimAndRecord ?? defaultClaimAndRecord;
    let result: ClaimView;
    try {
      result = await claim({
        adapter: queued,
        journal: this.deps.journal(),
        entry,
        tags: job.tags,
        teamName,
        createRule: job.isRuleCreationAllowed,
        signal: this.callSignal(job),
        onStep: (step) => {
          if (step === 'claiming' && job.state === 'checking') this.move(job, 'done');
        },
      });
    } catch (error) {
      if (!this.isCallCancelled(job)) throw error;
      job.claimError = toErrorData(error);
      return 'back';
    } finally {
      job.isQueued = false;
      job.callController = undefined;
      this.deps.onJournalChanged?.();
    }
    job.claim = result;
    job.deviceId = result.deviceId;
    job.portalUrl = result.portalUrl;
    if (result.alreadyClaimedByYou) return this.afterClaim(job, 'already-claimed');
    if (job.state === 'checking') this.move(job, 'done');
    return this.afterClaim(job, 'claimed');
  }

  /**
   * What follows a claim: provisioning, unless it is off. A device already claimed by the team is
   * provisioned too (it may have been claimed before a rule existed and never got credentials),
   * except on AT-host firmware, which cannot fetch them: that stays already-claimed.
   */
  private afterClaim(job: JobRecord, claimed: 'claimed' | 'already-claimed'): JobEvent {
    if (this.deps.provisioning === undefined) return claimed;
    if (!job.isProvisionRequested) {
      job.provisioning = notAskedView(job.provisionTimeoutMs);
      this.recordProvisioning(job, {
        outcome: 'not-provisioned',
        message: 'Provisioning was not asked for (turned off).',
      });
      return claimed;
    }
    if (claimed === 'already-claimed' && job.mode === 'at-host') {
      const view = atHostView(job.provisionTimeoutMs);
      job.provisioning = view;
      this.recordProvisioning(job, {
        outcome: 'not-provisioned',
        family: 'at-host',
        code: 'PROVISIONING_UNSUPPORTED',
        message: view.note ?? '',
      });
      return claimed;
    }
    return 'provision';
  }

  /** The dry run alone, for a job that waits for the user: its verdict or its error is shown. */
  private async dryRunStep(job: JobRecord): Promise<JobEvent> {
    const entry = job.entry;
    if (entry === undefined) throw new AppError('INTERNAL', 'No journal entry to check.');
    job.dryRun = undefined;
    job.dryRunError = undefined;
    job.claimError = undefined;
    let verdict: DryRunView;
    try {
      const { adapter } = this.deps.cloud();
      const queued = this.deps.queue.wrap(adapter, {
        onWaiting: (isWaiting) => {
          job.isQueued = isWaiting;
          this.emit(job);
        },
      });
      verdict = await dryRunWithRules(queued, entry.token, job.tags, this.callSignal(job));
    } catch (error) {
      const data = toErrorData(error);
      if (job.controller.signal.aborted) throw error;
      // The token is journaled: a missing or rejected key is fixed and the dry run asked again.
      job.dryRunError = data;
      return 'confirm';
    } finally {
      job.isQueued = false;
      job.callController = undefined;
    }
    job.dryRun = verdict;
    if (!verdict.alreadyClaimedByYou) return 'confirm';
    job.entry = this.deps.journal().update(entry.id, {
      claimStatus: 'already-claimed',
      claimedAt: new Date(this.now()).toISOString(),
    });
    job.deviceId = entry.deviceUuid;
    this.deps.onJournalChanged?.();
    return this.afterClaim(job, 'already-claimed');
  }

  /** After the claim: the device fetches its credentials and connects (provisioningRun.ts). */
  private async provisionStep(job: JobRecord): Promise<JobEvent> {
    const parts = this.deps.provisioning;
    const deviceId = job.deviceId ?? job.entry?.deviceUuid;
    if (parts === undefined || deviceId === undefined)
      throw new AppError('INTERNAL', 'Provisioning without its parts or a device id.');
    const started = this.now();
    const run = new ProvisioningRun({
      parts,
      deviceId,
      path: job.target.path,
      timeoutMs: job.provisionTimeoutMs,
      port: job.port,
      open: () => this.deps.connect(job.target),
      reopen: (signal) => this.reopen(job.target, signal),
      onPort: (port) => this.holdPort(job, port as OpenedPort),
      adapter: () => {
        try {
          // Through the one queue, so that many kits polling share its back-off after a 429.
          return this.deps.queue.wrap(this.deps.cloud().adapter);
        } catch {
          return undefined;
        }
      },
      signal: job.controller.signal,
      modem: { model: job.reading?.model, firmware: job.reading?.firmware },
      now: this.now,
      onChange: (view) => {
        job.provisioning = view;
        job.stepText = provisioningStepText(view);
        this.emit(job);
      },
    });
    job.provisioningRun = run;
    job.provisioning = run.view;
    let result: ProvisioningResult;
    try {
      result = await run.run();
    } catch (error) {
      if (job.controller.signal.aborted) throw error;
      const data = toErrorData(error);
      job.provisioning.error = data;
      this.recordProvisioning(job, { outcome: 'failed', ...data, ms: this.now() - started });
      throw error;
    } finally {
      job.provisioningRun = undefined;
    }
    const ms = this.now() - started;
    const family = run.view.family;
    switch (result.kind) {
      case 'connected':
        this.recordProvisioning(job, { outcome: 'connected', family, ms });
        return 'connected';
      case 'not-provisioned':
        this.recordProvisioning(job, {
          outcome: 'not-provisioned',
          family,
          code: result.code,
          message: result.note,
          ms,
        });
        // A device the team had claimed before stays "already claimed" (the job made no claim).
        return job.entry?.claimStatus === 'already-claimed' ? 'already-claimed' : 'not-provisioned';
      case 'failed':
        this.recordProvisioning(job, { outcome: 'failed', family, ...result.error, ms });
        throw new AppError(result.error.code, result.error.message, result.error.detail);
    }
  }

  /** The kit's AT port again, once it is back (deps.reopen, else connect retried). */
  private async reopen(target: JobTarget, signal: AbortSignal): Promise<OpenedPort> {
    if (this.deps.reopen !== undefined) return this.deps.reopen(target, signal);
    for (;;) {
      if (signal.aborted) throw new AppError('CANCELLED', `${target.path} did not come back.`);
      try {
        return await this.deps.connect(target);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Writes the provisioning outcome onto the job's journal entry. */
  private recordProvisioning(
    job: JobRecord,
    outcome: Omit<ProvisioningRecord, 'at'> & { detail?: string | undefined },
  ): void {
    const entry = job.entry;
    if (entry === undefined) return;
    const { detail: _detail, ...record } = outcome;
    try {
      job.entry = this.deps.journal().update(entry.id, {
        provisioning: { ...record, at: new Date(this.now()).toISOString() },
      });
      this.deps.onJournalChanged?.();
    } catch (error) {
      job.warnings.push(
        `The provisioning outcome was not journaled: ${toErrorData(error).message}`,
      );
    }
  }

  /** The signal of one cloud call: the job's, and for a confirm job also the call's own. */
  private callSignal(job: JobRecord): AbortSignal {
    if (!job.isConfirmRequired) return job.controller.signal;
    job.callController = new AbortController();
    return AbortSignal.any([job.controller.signal, job.callController.signal]);
  }

  private isCallCancelled(job: JobRecord): boolean {
    return job.callController?.signal.aborted === true && !job.controller.signal.aborted;
  }

  /** Waits for `claim()`; the port is let go first, since the token is already read. */
  private async decisionStep(job: JobRecord): Promise<JobEvent> {
    // Ready for claim() at once, as the state is reported; the port goes meanwhile.
    const decision = new Promise<JobEvent>((resolve) => {
      job.decide = resolve;
    });
    const port = job.port;
    job.port = undefined;
    await port?.release().catch(() => undefined);
    return abortable(decision, job.controller.signal, () => undefined);
  }

  private interrupt(id: string, event: 'cancel' | 'unplug', reason?: AppErrorData): void {
    const job = this.jobs.get(id);
    if (job === undefined || isEnd(job.state) || job.controller.signal.aborted) return;
    if (event === 'unplug' && job.provisioningRun !== undefined) {
      // Provisioning reboots some kits (ATT): wait for the port to come back before giving up.
      job.provisioningRun.portLost(reason);
      return;
    }
    // The table decides: e.g. a job waiting for the claim has let go of its port already.
    if (next(job.state, event) === undefined) return;
    job.abortedBy = event;
    if (event === 'unplug') {
      job.error = reason ?? {
        code: 'PORT_GONE',
        message: `${job.target.path} went away: the kit was unplugged.`,
      };
    }
    job.controller.abort();
    // A job still waiting to start has no step to interrupt: end it now.
    if (job.state === 'waiting') this.move(job, event);
  }

  private move(job: JobRecord, event: JobEvent, error?: AppErrorData): void {
    const to = next(job.state, event);
    if (to === undefined) return;
    const at = this.now();
    const current = job.steps.at(-1);
    if (current !== undefined && current.ms === undefined) current.ms = at - current.startedAt;
    job.state = to;
    if (error !== undefined) job.error = error;
    if (isEnd(to)) {
      job.finishedAt = at;
      job.stepText = endText(job);
    } else {
      job.steps.push({ step: to, startedAt: at });
      job.stepText = STEP_TEXT[to];
    }
    this.emit(job);
  }

  private view(job: JobRecord): JobView {
    const explain =
      this.deps.explain ??
      ((error: AppErrorData, path: string) =>
        explainError(error, { platform: process.platform, path }));
    return toJobView(job, {
      now: this.now(),
      isQueuePaused: this.deps.queue.isPaused,
      explain,
    });
  }

  private emit(job: JobRecord): void {
    this.deps.onChange?.({ job: this.view(job), queue: this.deps.queue.view() });
  }

  private mustGet(id: string): JobRecord {
    const job = this.jobs.get(id);
    if (job === undefined) throw new AppError('NOT_FOUND', `No onboarding job for ${id}.`);
    return job;
  }

  private mustPort(job: JobRecord): OpenedPort {
    if (job.port === undefined)
      throw new AppError('PORT_NOT_OPEN', `${job.target.path} is not open.`);
    return job.port;
  }
}

function mustReading(job: JobRecord): DeviceIdentityReading {
  if (job.reading === undefined) throw new AppError('INTERNAL', 'No token was read.');
  return job.reading;
}

function endText(job: JobRecord): string {
  switch (job.state) {
    case 'connected':
      return 'Connected to nRF Cloud';
    case 'claimed':
      if (job.provisioning?.skipReason === 'unsupported')
        return 'Claimed; this firmware cannot fetch its credentials';
      return 'Claimed on nRF Cloud';
    case 'already-claimed':
      return job.stepText.startsWith('Claimed earlier today')
        ? job.stepText
        : 'Already claimed by your team';
    case 'read':
      return 'Token read and journaled (not claimed)';
    case 'unplugged':
      return job.entry === undefined
        ? 'Unplugged before the token was read'
        : 'Unplugged; the token is in the journal';
    case 'cancelled':
      return 'Cancelled';
    default:
      return job.error?.message ?? 'Failed';
  }
}
