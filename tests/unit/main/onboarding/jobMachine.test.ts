import { jobEnds, jobSteps, type JobState } from '../../../../src-shared/ipc/onboarding';
import {
  canRetry,
  isEnd,
  isWorking,
  next,
  transitions,
  type JobEvent,
} from '../../../../src-main/onboarding/jobMachine';

const events: JobEvent[] = [
  'start',
  'done',
  'skip-cloud',
  'claimed',
  'already-claimed',
  'fail',
  'unplug',
  'cancel',
  'retry',
  'confirm',
  'claim',
  'recheck',
  'back',
  'provision',
  'connected',
  'not-provisioned',
];

// The whole table written out once more, by hand: a changed cell must be a deliberate change.
const expected: Record<JobState, Partial<Record<JobEvent, JobState>>> = {
  waiting: { start: 'connecting', fail: 'failed', unplug: 'unplugged', cancel: 'cancelled' },
  connecting: { done: 'reading', fail: 'failed', unplug: 'unplugged', cancel: 'cancelled' },
  reading: { done: 'journaling', fail: 'failed', unplug: 'unplugged', cancel: 'cancelled' },
  journaling: {
    done: 'checking',
    'skip-cloud': 'read',
    'already-claimed': 'already-claimed',
    provision: 'provisioning',
    fail: 'failed',
    unplug: 'unplugged',
    cancel: 'cancelled',
  },
  checking: {
    done: 'claiming',
    confirm: 'ready-to-claim',
    'already-claimed': 'already-claimed',
    provision: 'provisioning',
    fail: 'failed',
    unplug: 'unplugged',
    cancel: 'cancelled',
  },
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
    fail: 'failed',
    unplug: 'unplugged',
    cancel: 'cancelled',
  },
  provisioning: {
    connected: 'connected',
    'not-provisioned': 'claimed',
    'already-claimed': 'already-claimed',
    fail: 'failed',
    unplug: 'unplugged',
    cancel: 'cancelled',
  },
  connected: {},
  claimed: {},
  'already-claimed': {},
  read: { retry: 'waiting' },
  failed: { retry: 'waiting' },
  unplugged: { retry: 'waiting' },
  cancelled: { retry: 'waiting' },
};

describe('the job transition table', () => {
  const states = [...jobSteps, ...jobEnds] as JobState[];

  it('has a row for every state and nothing else', () => {
    expect(Object.keys(transitions).sort()).toEqual([...states].sort());
  });

  it.each(states.flatMap((state) => events.map((event) => [state, event] as const)))(
    '%s + %s',
    (state, event) => {
      expect(next(state, event)).toBe(expected[state][event]);
    },
  );

  it('every running step can fail, be unplugged or be cancelled; no end can', () => {
    for (const state of states) {
      for (const event of ['fail', 'unplug', 'cancel'] as const) {
        // Waiting for the claim holds no port (the token is read): unplugging then is normal.
        const isIgnored = isEnd(state) || (state === 'ready-to-claim' && event === 'unplug');
        if (isIgnored) expect(next(state, event)).toBeUndefined();
        else expect(next(state, event)).toBeDefined();
      }
    }
  });

  it('only the user moves a job out of ready-to-claim (claim, dry run again) or cancels it', () => {
    const moves = events.filter((event) => next('ready-to-claim', event) !== undefined);
    expect(moves.sort()).toEqual(['cancel', 'claim', 'fail', 'recheck']);
  });

  it('a claimed kit is never started again; stopped ones may be', () => {
    expect(canRetry('claimed')).toBe(false);
    expect(canRetry('already-claimed')).toBe(false);
    expect(canRetry('failed')).toBe(true);
    expect(canRetry('unplugged')).toBe(true);
    expect(canRetry('cancelled')).toBe(true);
    expect(canRetry('reading')).toBe(false);
  });

  it('tells waiting, working and ended apart', () => {
    expect(isWorking('waiting')).toBe(false);
    expect(isWorking('checking')).toBe(true);
    expect(isWorking('claimed')).toBe(false);
    expect(isWorking('ready-to-claim')).toBe(false);
    expect(isEnd('read')).toBe(true);
  });

  it('reaches every state from waiting', () => {
    const seen = new Set<JobState>(['waiting']);
    const todo: JobState[] = ['waiting'];
    while (todo.length > 0) {
      const state = todo.pop() as JobState;
      for (const event of events) {
        const to = next(state, event);
        if (to !== undefined && !seen.has(to)) {
          seen.add(to);
          todo.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...states].sort());
  });
});
