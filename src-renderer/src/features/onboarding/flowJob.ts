/**
 * The one-device flow reads its job: what each step shows is derived from the job view main sent
 * (`onboarding:job-changed`), never kept a second time. Each function answers in the Op shape the
 * step components already draw.
 */
import { modelLabel } from '../../../../src-shared/devices/index';
import type { ClaimView, DryRunView } from '../../../../src-shared/ipc/cloud';
import { assertNever, type AppErrorData } from '../../../../src-shared/ipc/errors';
import {
  jobEnds,
  type JobState,
  type JobStep,
  type JobView,
} from '../../../../src-shared/ipc/onboarding';
import type { JournalEntryView } from '../../../../src-shared/ipc/journal';
import { idle, type Op } from '../../store/op';

/** What the Connect step shows once the port answered. */
export interface ConnectedView {
  path: string;
  modeDescription: string;
}

/** What the attest step shows once the token is read and journaled. */
export type ReadView = Required<Pick<JobView, 'journalId' | 'decoded'>> &
  Pick<JobView, 'kitName' | 'serialNumber' | 'model' | 'firmware' | 'imei' | 'warnings'>;

const STOPPED: ReadonlySet<JobState> = new Set<JobState>(['failed', 'unplugged', 'cancelled']);
const CANCELLED: AppErrorData = { code: 'CANCELLED', message: 'Cancelled.' };

const reached = (job: JobView, step: JobStep): boolean => job.steps.some((s) => s.step === step);
const running = (job: JobView, progress?: string): Op<never> => ({
  status: 'running',
  requestId: job.id,
  ...(progress === undefined ? {} : { progress }),
});
const stopError = (job: JobView): AppErrorData => job.error ?? CANCELLED;

/** True when the job stopped before its token was journaled because the port went or failed. */
const isLostBeforeRead = (job: JobView): boolean =>
  STOPPED.has(job.state) && job.journalId === undefined;

export function connectOpOf(job: JobView | undefined): Op<ConnectedView> {
  if (job === undefined) return idle;
  if (job.state === 'waiting' || job.state === 'connecting') return running(job);
  // Lost after connecting but before the token was read: back to connecting, with the reason.
  if (isLostBeforeRead(job) && (!reached(job, 'reading') || job.state === 'unplugged')) {
    return { status: 'failed', error: stopError(job) };
  }
  return {
    status: 'done',
    value: { path: job.port, modeDescription: job.modeDescription ?? '' },
  };
}

export function readOpOf(job: JobView | undefined, isShown: boolean): Op<ReadView> {
  if (job === undefined || !isShown) return idle;
  if (job.journalId !== undefined && job.decoded !== undefined) {
    const value: ReadView = {
      journalId: job.journalId,
      decoded: job.decoded,
      warnings: job.warnings,
    };
    if (job.kitName !== undefined) value.kitName = job.kitName;
    if (job.serialNumber !== undefined) value.serialNumber = job.serialNumber;
    if (job.model !== undefined) value.model = job.model;
    if (job.firmware !== undefined) value.firmware = job.firmware;
    if (job.imei !== undefined) value.imei = job.imei;
    return { status: 'done', value };
  }
  if (STOPPED.has(job.state)) return { status: 'failed', error: stopError(job) };
  return running(job, job.state === 'reading' ? job.stepText : undefined);
}

export function dryRunOpOf(job: JobView | undefined, hasApiKey: boolean): Op<DryRunView> {
  if (job === undefined || job.journalId === undefined) return idle;
  if (job.state === 'checking') return running(job);
  if (job.dryRun !== undefined) return { status: 'done', value: job.dryRun };
  // Claimed earlier today: main did not ask nRF Cloud again.
  if (job.state === 'already-claimed' && job.claim === undefined)
    return { status: 'done', value: { claimable: false, alreadyClaimedByYou: true } };
  if (job.dryRunError !== undefined) {
    // No key yet: the key form asks for one; the check runs again once it is there.
    if (job.dryRunError.code === 'API_KEY_MISSING' && !hasApiKey) return idle;
    return { status: 'failed', error: job.dryRunError };
  }
  if (job.state === 'journaling') return running(job);
  return idle;
}

export function claimOpOf(job: JobView | undefined): Op<ClaimView> {
  if (job === undefined) return idle;
  if (job.state === 'claiming') return running(job);
  if (job.claim !== undefined) return { status: 'done', value: job.claim };
  if (job.claimError !== undefined) return { status: 'failed', error: job.claimError };
  if (STOPPED.has(job.state) && reached(job, 'claiming'))
    return { status: 'failed', error: stopError(job) };
  return idle;
}

/**
 * The dry run passed without a warning: claimable, not another team's, and (when the rules were
 * looked at) an active rule covers the tags. Anything else stops for the user.
 */
export const isDryRunClean = (verdict: DryRunView | undefined): boolean =>
  verdict !== undefined &&
  verdict.claimable &&
  !verdict.alreadyClaimedByYou &&
  verdict.code === undefined &&
  (verdict.rules === undefined || verdict.rules.isCovered);

/**
 * "Claim without asking" may claim this job now: it waits for the claim after a clean dry run,
 * with a key that may claim, and no claim of it was tried or cancelled yet.
 */
export function isAutoClaimable(
  job: JobView,
  key: { hasApiKey: boolean; canClaim?: boolean } | undefined,
): boolean {
  return (
    job.state === 'ready-to-claim' &&
    job.dryRunError === undefined &&
    job.claimError === undefined &&
    key?.hasApiKey === true &&
    key.canClaim !== false &&
    isDryRunClean(job.dryRun)
  );
}

/** The dry run needs asking again: it could not run for want of a key, and now there is one. */
export const needsDryRunAgain = (job: JobView | undefined, hasApiKey: boolean): boolean =>
  hasApiKey && job?.state === 'ready-to-claim' && job.dryRunError?.code === 'API_KEY_MISSING';

/** Why "Claim without asking" left a board waiting: the key's role, or the check's answer. */
export type AutoClaimStop = 'role' | 'check';

/**
 * Why "Claim without asking" leaves this board waiting for the user, when there is a reason to
 * tell: the key's role cannot claim, or the check did not say it can be claimed (a warning, an
 * error). None without a key (the key form asks for one), while the check is about to run again,
 * after a cancelled claim (the user stopped it), or when the board may be claimed by itself.
 */
export function autoClaimStopOf(
  job: JobView | undefined,
  key: { hasApiKey: boolean; canClaim?: boolean } | undefined,
): AutoClaimStop | undefined {
  if (job?.state !== 'ready-to-claim' || job.claimError !== undefined) return undefined;
  if (key?.hasApiKey !== true || needsDryRunAgain(job, true)) return undefined;
  if (isAutoClaimable(job, key)) return undefined;
  return key.canClaim === false ? 'role' : 'check';
}

/**
 * A device handled today: read, claimed by this job, already in the team, connected to nRF Cloud
 * (claimed and provisioned), in the team but not connected (provisioning failed or was stopped),
 * or failed before it was claimed.
 */
export type SessionStatus =
  'read' | 'claimed' | 'already-claimed' | 'connected' | 'not-connected' | 'failed';

/** One device handled today, shown beside the flow. */
export interface SessionEntry {
  journalId: string;
  deviceUuid: string;
  /** The one spelling of the model (src-shared/devices/modelLabel.ts). */
  model?: string;
  /** The kit's USB serial number (the label on the board). */
  serialNumber?: string;
  imei?: string;
  status: SessionStatus;
  at: number;
}

/** Claimed by this job's own call, or found in the team already (earlier today, by the check). */
const claimedBy = (job: JobView): 'claimed' | 'already-claimed' =>
  job.claim !== undefined && !job.claim.alreadyClaimedByYou ? 'claimed' : 'already-claimed';

/** What the job alone says of its device. */
function jobStatusOf(job: JobView): SessionStatus {
  switch (job.state) {
    case 'connected':
    case 'claimed':
    case 'already-claimed':
      return job.state;
    // Provisioning comes after the claim: the device is in the team while it runs...
    case 'provisioning':
      return claimedBy(job);
    case 'failed':
    case 'unplugged':
    case 'cancelled':
      // ...and stays there when provisioning fails or stops: claimed, but not connected.
      if (job.provisioning !== undefined) return 'not-connected';
      return job.state === 'failed' ? 'failed' : 'read';
    default:
      return 'read';
  }
}

function statusOf(job: JobView, entry: JournalEntryView | undefined): SessionStatus {
  const own = jobStatusOf(job);
  // The journal has the last word (an unclaim, a claim from the Journal tab), except that its
  // claim does not undo what came after it: a connected (or not connected) device stays so.
  switch (entry?.claimStatus) {
    case 'claimed':
    case 'already-claimed':
      return own === 'connected' || own === 'not-connected' ? own : entry.claimStatus;
    case 'failed':
      return entry.claimStatus;
    case 'unclaimed':
      if (own !== 'read' && own !== 'failed') return 'read';
  }
  return own;
}

/** Today's devices: every job that read a token, with its journal entry's status, newest first. */
export function sessionEntries(
  jobs: Readonly<Record<string, { view: JobView }>>,
  journal: readonly JournalEntryView[] | undefined,
): SessionEntry[] {
  const entries: SessionEntry[] = [];
  for (const { view } of Object.values(jobs)) {
    if (view.journalId === undefined || view.deviceUuid === undefined) continue;
    const entry = journal?.find((e) => e.id === view.journalId);
    const session: SessionEntry = {
      journalId: view.journalId,
      deviceUuid: view.deviceUuid,
      status: statusOf(view, entry),
      at: Date.parse(view.startedAt),
    };
    const serialNumber = view.serialNumber ?? entry?.serialNumber;
    const model = modelLabel({
      kitName: view.kitName ?? entry?.kitName,
      serialNumber,
      deviceTypeName: view.decoded?.deviceTypeName ?? entry?.deviceTypeName,
      model: view.model ?? entry?.model,
    });
    if (model !== undefined) session.model = model;
    if (serialNumber !== undefined) session.serialNumber = serialNumber;
    const imei = view.imei ?? entry?.imei;
    if (imei !== undefined) session.imei = imei;
    entries.push(session);
  }
  return entries.sort((a, b) => b.at - a.at);
}

/**
 * Where the board in the flow stands, as one screen: working by itself, waiting for the one
 * decision, claiming, provisioning, or ended (pass, fail, connection lost).
 */
export type FlowStage =
  'working' | 'decide' | 'claiming' | 'provisioning' | 'pass' | 'lost' | 'fail';

/** Codes that mean the port went away under an open session (an unplug, a reset). */
const LOST_CODES: ReadonlySet<string> = new Set(['PORT_GONE', 'PORT_CLOSED']);

/** True when the board was connected and then went away: "Connection lost", resumed on replug. */
export function isConnectionLost(job: JobView): boolean {
  if (job.state !== 'unplugged' && job.state !== 'failed') return false;
  const wasConnected = reached(job, 'reading');
  if (job.state === 'unplugged') return wasConnected;
  return wasConnected && job.error !== undefined && LOST_CODES.has(job.error.code);
}

export function flowStageOf(job: JobView): FlowStage {
  switch (job.state) {
    case 'waiting':
    case 'connecting':
    case 'reading':
    case 'journaling':
    case 'checking':
      return 'working';
    case 'ready-to-claim':
      return 'decide';
    case 'claiming':
      return 'claiming';
    case 'provisioning':
      return 'provisioning';
    case 'connected':
    case 'claimed':
    case 'already-claimed':
    case 'read':
      return 'pass';
    case 'unplugged':
    case 'failed':
      return isConnectionLost(job) ? 'lost' : 'fail';
    case 'cancelled':
      return 'fail';
  }
}

/** The stepper's steps: the one-device flow from the board to nRF Cloud. */
export const flowSteps = ['select', 'connect', 'attest', 'claim', 'provision'] as const;
export type FlowStep = (typeof flowSteps)[number];

const stepOfState = (state: JobStep): number => {
  switch (state) {
    case 'waiting':
    case 'connecting':
      return 1;
    case 'reading':
    case 'journaling':
      return 2;
    case 'checking':
    case 'ready-to-claim':
    case 'claiming':
      return 3;
    case 'provisioning':
      return 4;
  }
};

/** Why the Provision step was skipped, in a few words (the stepper shows "Skipped: ..."). */
export type ProvisionSkip =
  'at-host' | 'unsupported' | 'turned-off' | 'not-claimed' | 'not-provisioned' | 'not-run';

/** How the Provision step ended: done only when the device was seen connected. */
export type ProvisionOutcome =
  { status: 'done' } | { status: 'error' } | { status: 'skipped'; reason: ProvisionSkip };

/**
 * The Provision step of an ended job, from its provisioning view: connected is done, an error is
 * an error, and main's skip reason (turned off, firmware without a client) or no view at all is a
 * skip with its reason. The note is for people: nothing here reads it.
 */
export function provisionOutcomeOf(job: JobView): ProvisionOutcome {
  const view = job.provisioning;
  if (view?.error !== undefined) return { status: 'error' };
  if (view?.stage === 'connected' || job.state === 'connected') return { status: 'done' };
  const skipped = (reason: ProvisionSkip): ProvisionOutcome => ({ status: 'skipped', reason });
  if (job.state === 'read') return skipped('not-claimed');
  const reason = view?.skipReason;
  switch (reason) {
    case 'turned-off':
      return skipped('turned-off');
    case 'unsupported':
      return skipped(view?.family === 'at-host' ? 'at-host' : 'unsupported');
    case undefined:
      break;
    default:
      return assertNever(reason);
  }
  // Already in the team on AT-host firmware: main does not provision, and sends no view.
  if (view === undefined && job.mode === 'at-host') return skipped('at-host');
  return skipped(view === undefined ? 'not-run' : 'not-provisioned');
}

/** The stepper: the active step, the step that failed, and the step skipped with why. */
export interface StepperView {
  /** 0-based; `flowSteps.length` once every step is over. */
  active: number;
  failed?: number;
  skipped?: { index: number; reason: ProvisionSkip };
}

const PROVISION = flowSteps.indexOf('provision');

/**
 * The stepper drawn from the job. At the end, Provision is done only when the device connected:
 * otherwise it is marked skipped (with the reason) or failed.
 */
export function stepperOf(job: JobView | undefined): StepperView {
  if (job === undefined) return { active: 0 };
  if (flowStageOf(job) === 'pass') {
    const outcome = provisionOutcomeOf(job);
    const active = flowSteps.length;
    if (outcome.status === 'error') return { active, failed: PROVISION };
    if (outcome.status === 'skipped')
      return { active, skipped: { index: PROVISION, reason: outcome.reason } };
    return { active };
  }
  if (!(jobEnds as readonly string[]).includes(job.state))
    return { active: stepOfState(job.state as JobStep) };
  const last = job.steps.at(-1)?.step ?? 'connecting';
  const failed = stepOfState(last === 'waiting' ? 'connecting' : last);
  return { active: failed, failed };
}

/** A board done this session (claimed, already in the team, connected), and since when. */
export const isDoneJob = (job: JobView): boolean =>
  job.state === 'claimed' || job.state === 'already-claimed' || job.state === 'connected';

/** Serial numbers of the boards done this session, with the time each was done. */
export function doneBoards(jobs: Readonly<Record<string, { view: JobView }>>): Map<string, string> {
  const done = new Map<string, string>();
  for (const { view } of Object.values(jobs)) {
    if (view.serialNumber === undefined || !isDoneJob(view)) continue;
    done.set(view.serialNumber, view.finishedAt ?? view.startedAt);
  }
  return done;
}

/** The last characters of a UUID, as the label on the pass screen shows it. */
export const uuidTail = (uuid: string): string => uuid.slice(-6);
