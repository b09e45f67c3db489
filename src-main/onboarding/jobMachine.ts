/**
 * The job state machine as one transition table: every state, every event, and where it leads.
 * The service runs the work of each step; this table alone decides what comes next, so a new
 * step (provisioning, issue 13) is one more row and one more runner, not a change of the loop.
 */
import { jobEnds, type JobEnd, type JobState, type JobStep } from '../../src-shared/ipc/onboarding';

/** What can happen to a job. `done` = the step's work succeeded; the others end or restart it. */
export type JobEvent =
  | 'start'
  | 'done'
  | 'skip-cloud'
  | 'claimed'
  | 'already-claimed'
  | 'fail'
  | 'unplug'
  | 'cancel'
  | 'retry'
  /** The dry run answered and the job was started with `claim: 'confirm'`: wait for the user. */
  | 'confirm'
  /** The user confirmed the claim (`onboarding:claim-job`). */
  | 'claim'
  /** The user asked for the dry run again (e.g. after adding a key). */
  | 'recheck'
  /** The user cancelled the claim call of a job that waits for them: it waits again. */
  | 'back'
  /** Claimed, and the device is to fetch its credentials next (issue 13). */
  | 'provision'
  /** Provisioning reached "connected to nRF Cloud". */
  | 'connected'
  /** Provisioning cannot run here (AT host firmware, or not asked for): the job ends claimed. */
  | 'not-provisioned';

type Row = Partial<Record<JobEvent, JobState>>;

// Every running step ends the same way on failure, unplug and cancel.
const interruptible = { fail: 'failed', unplug: 'unplugged', cancel: 'cancelled' } as const;

/** The table. A missing cell means the event is ignored in that state. */
export const transitions: Readonly<Record<JobState, Row>> = {
  waiting: { start: 'connecting', ...interruptible },
  connecting: { done: 'reading', ...interruptible },
  reading: { done: 'journaling', ...interruptible },
  // The token is on disk now: an unplug from here on leaves it in the journal.
  journaling: {
    done: 'checking',
    'skip-cloud': 'read',
    'already-claimed': 'already-claimed',
    // Claimed earlier today, not seen connected: provision it (onboardingService afterClaim).
    provision: 'provisioning',
    ...interruptible,
  },
  checking: {
    done: 'claiming',
    confirm: 'ready-to-claim',
    'already-claimed': 'already-claimed',
    // Already claimed by the team (the dry run says so): provision it.
    provision: 'provisioning',
    ...interruptible,
  },
  // A stop: the token is read and journaled and the port let go, so an unplug is normal here.
  'ready-to-claim': {
    claim: 'claiming',
    recheck: 'checking',
    fail: 'failed',
    cancel: 'cancelled',
  },
  claiming: {
    claimed: 'claimed',
    'already-claimed': 'already-claimed',
    back: 'ready-to-claim',
    provision: 'provisioning',
    ...interruptible,
  },
  provisioning: {
    connected: 'connected',
    'not-provisioned': 'claimed',
    // Not provisioned, and the team had claimed it before this job.
    'already-claimed': 'already-claimed',
    ...interruptible,
  },
  connected: {},
  claimed: {},
  'already-claimed': {},
  read: { retry: 'waiting' },
  failed: { retry: 'waiting' },
  unplugged: { retry: 'waiting' },
  cancelled: { retry: 'waiting' },
};

const ends: ReadonlySet<JobState> = new Set<JobState>(jobEnds);

/** True once the job stopped (claimed, failed, ...). */
export const isEnd = (state: JobState): state is JobEnd => ends.has(state);

/** True for the steps that do work (not waiting, not stopped for the user, not an end). */
export const isWorking = (state: JobState): state is Exclude<JobStep, 'waiting'> =>
  state !== 'waiting' && state !== 'ready-to-claim' && !isEnd(state);

/** The next state, or undefined when the table has no cell for this event in this state. */
export function next(state: JobState, event: JobEvent): JobState | undefined {
  return transitions[state][event];
}

/** True when the job may be started again (Retry, Auto on replug). */
export const canRetry = (state: JobState): boolean => next(state, 'retry') !== undefined;
