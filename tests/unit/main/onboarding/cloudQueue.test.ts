import { AppError } from '../../../../src-shared/ipc/errors';
import type { CloudQueueView } from '../../../../src-shared/ipc/onboarding';
import { CloudQueue } from '../../../../src-main/onboarding/cloudQueue';
import { provisioningStubs } from '../../../support/cloud/provisioningStubs';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('CloudQueue', () => {
  afterEach(() => vi.useRealTimers());

  it('starts at concurrency 4 and runs at most that many at once, in arrival order', async () => {
    const queue = new CloudQueue();
    expect(queue.concurrency).toBe(4);
    const gates = Array.from({ length: 6 }, () => deferred());
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.view()).toMatchObject({ active: 4, waiting: 2 });
    gates[2]!.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(queue.view()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('a failing call fails only its caller and frees its slot', async () => {
    const queue = new CloudQueue({ concurrency: 1 });
    const bad = queue.run(() => Promise.reject(new AppError('SERVER_ERROR', 'HTTP 500')));
    const good = queue.run(() => Promise.resolve('fine'));
    await expect(bad).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    await expect(good).resolves.toBe('fine');
  });

  it('a call aborted while waiting is dropped with CANCELLED and never runs', async () => {
    const queue = new CloudQueue({ concurrency: 1 });
    const gate = deferred();
    const waits: boolean[] = [];
    const first = queue.run(() => gate.promise);
    const controller = new AbortController();
    let hasRun = false;
    const second = queue.run(
      async () => {
        hasRun = true;
      },
      { signal: controller.signal, onWaiting: (w) => waits.push(w) },
    );
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    gate.resolve();
    await first;
    expect(hasRun).toBe(false);
    expect(waits).toEqual([true, false]);
    expect(queue.view().waiting).toBe(0);
  });

  it('back-off holds every new call until the pause ends and shows a countdown', async () => {
    vi.useFakeTimers();
    const views: CloudQueueView[] = [];
    const queue = new CloudQueue({ onChange: (v) => views.push(v) });
    queue.backOff(3000, 'nRF Cloud is limiting requests (HTTP 429)');
    let ran = 0;
    const calls = [1, 2, 3].map(() => queue.run(async () => void ran++));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toBe(0);
    expect(queue.view()).toMatchObject({
      waiting: 3,
      pause: { remainingMs: 2000, reason: expect.stringMatching(/429/) },
    });
    // The view is re-sent every second while paused, so a countdown moves.
    const remaining = views.map((v) => v.pause?.remainingMs).filter((ms) => ms !== undefined);
    expect(remaining).toContain(2000);
    // A shorter back-off does not shorten the pause; a longer one extends it.
    queue.backOff(500, 'again');
    expect(queue.view().pause?.remainingMs).toBe(2000);
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(calls);
    expect(ran).toBe(3);
    expect(queue.isPaused).toBe(false);
    expect(views.at(-1)?.pause).toBeUndefined();
    queue.dispose();
  });

  it('a longer back-off extends the pause', async () => {
    vi.useFakeTimers();
    const queue = new CloudQueue();
    queue.backOff(1000, 'first');
    queue.backOff(5000, 'second');
    expect(queue.view().pause).toMatchObject({ remainingMs: 5000, reason: 'second' });
    let ran = false;
    const call = queue.run(async () => void (ran = true));
    await vi.advanceTimersByTimeAsync(4000);
    expect(ran).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await call;
    expect(ran).toBe(true);
  });

  it('grows by one slot per full bound of successes while calls wait, up to the maximum', async () => {
    const queue = new CloudQueue({ concurrency: 2, maxConcurrency: 3 });
    let active = 0;
    let most = 0;
    const task = async () => {
      active++;
      most = Math.max(most, active);
      await flush();
      active--;
    };
    await Promise.all(Array.from({ length: 20 }, () => queue.run(task)));
    expect(queue.concurrency).toBe(3);
    expect(most).toBe(3);
    // Nobody waiting: successes alone do not grow it.
    const idle = new CloudQueue({ concurrency: 2 });
    for (let i = 0; i < 10; i++) await idle.run(task);
    expect(idle.concurrency).toBe(2);
  });

  it('a 429 halves the bound once per pause', async () => {
    vi.useFakeTimers();
    const queue = new CloudQueue({ concurrency: 4 });
    queue.backOff(1000, '429');
    queue.backOff(1000, '429 from another call of the same burst');
    expect(queue.concurrency).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    queue.backOff(1000, '429 again');
    expect(queue.concurrency).toBe(1);
    queue.backOff(1000, 'still');
    await vi.advanceTimersByTimeAsync(1000);
    queue.backOff(1000, 'and again');
    expect(queue.concurrency).toBe(1);
    queue.dispose();
  });

  it('wrap sends every adapter call through the queue with its signal', async () => {
    const queue = new CloudQueue({ concurrency: 1 });
    const seen: Array<AbortSignal | undefined> = [];
    const adapter = queue.wrap({
      getAccount: async (signal) => {
        seen.push(signal);
        return { teamName: 't', tenantId: 'x', role: 'owner', canClaim: true };
      },
      dryRun: async () => ({ claimable: true, alreadyClaimedByYou: false }),
      claim: async () => ({ deviceId: 'd', tags: [], alreadyClaimedByYou: false, portalUrl: 'u' }),
      unclaim: async () => undefined,
      ...provisioningStubs({
        listRules: async (signal) => {
          seen.push(signal);
          return [];
        },
      }),
    });
    const controller = new AbortController();
    await adapter.getAccount(controller.signal);
    await adapter.listRules(controller.signal);
    expect(seen).toEqual([controller.signal, controller.signal]);
    queue.backOff(60_000, 'paused');
    const dry = adapter.dryRun('t', [], controller.signal);
    expect(queue.view().waiting).toBe(1);
    controller.abort();
    await expect(dry).rejects.toMatchObject({ code: 'CANCELLED' });
    queue.dispose();
  });
});
