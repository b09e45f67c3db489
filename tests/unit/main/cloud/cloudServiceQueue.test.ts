import { CloudService } from '../../../../src-main/cloud/cloudService';
import { openJournal, type TokenJournal } from '../../../../src-main/cloud/journal';
import { createKeyVault, type KeyStorage } from '../../../../src-main/cloud/keyVault';
import { CloudQueue } from '../../../../src-main/onboarding/cloudQueue';
import { startFakeCloud, type FakeCloud } from '../../../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../../../../src-main/sim/fakeCloud/teams';
import type { CloudQueueView } from '../../../../src-shared/ipc/onboarding';
import { makeTempDir, makeToken } from './helpers';

let cloud: FakeCloud;
let temp: ReturnType<typeof makeTempDir>;
beforeEach(async () => {
  cloud = await startFakeCloud();
  temp = makeTempDir('onboarder-queue-');
});
afterEach(async () => {
  await cloud.close();
  temp.cleanup();
});

function service(journal: TokenJournal, queue: CloudQueue) {
  let stored: ReturnType<KeyStorage['read']>;
  const vault = createKeyVault({
    storage: { read: () => stored, write: (v) => (stored = v) },
    encryption: {
      isAvailable: () => true,
      backend: () => 'test',
      encrypt: (plain) => new TextEncoder().encode(plain),
      decrypt: (cipher) => new TextDecoder().decode(cipher),
    },
  });
  const wrapped: string[] = [];
  const cloudService = new CloudService({
    vault: () => vault,
    journal: () => journal,
    urls: () => ({
      apiBaseUrl: cloud.apiBaseUrl,
      provisioningBaseUrl: cloud.provisioningBaseUrl,
      portalBaseUrl: 'https://nrfcloud.com/',
    }),
    defaultTags: () => ['nrf-cloud-onboarding'],
    onRateLimited: (delayMs, reason) => queue.backOff(delayMs, reason),
    queueAdapter: (adapter) => {
      wrapped.push('wrapped');
      return queue.wrap(adapter);
    },
  });
  return { cloudService, wrapped };
}

describe('CloudService and the shared cloud queue', () => {
  it('claim pending goes through the queue, and a 429 pauses the queue for everyone', async () => {
    const journal = openJournal(temp.dir);
    const views: CloudQueueView[] = [];
    const queue = new CloudQueue({ onChange: (v) => views.push(v) });
    const { cloudService, wrapped } = service(journal, queue);
    await cloudService.addApiKey(FAKE_DEMO_KEY);
    for (let i = 0; i < 3; i++) {
      const { token, deviceUuid } = makeToken();
      journal.add({ token, deviceUuid, source: 'paste' });
    }
    cloud.failNext('rate-limit');
    const summary = await cloudService.claimPending({ requestId: 'r' });
    expect(summary).toMatchObject({ claimed: 3, failed: 0 });
    expect(wrapped.length).toBeGreaterThan(0);
    const paused = views.filter((v) => v.pause !== undefined);
    expect(paused[0]?.pause).toMatchObject({ reason: expect.stringMatching(/429/) });
    // Retry-After: 1 from the local nRF Cloud.
    expect(paused[0]!.pause!.remainingMs).toBeGreaterThan(500);
    expect(paused[0]!.pause!.remainingMs).toBeLessThanOrEqual(1000);
    expect(views.some((v) => v.active > 0)).toBe(true);
    expect(queue.isPaused).toBe(false);
    queue.dispose();
  });

  it('unqueuedAccess gives the raw adapter and team to a caller that queues itself', async () => {
    const journal = openJournal(temp.dir);
    const queue = new CloudQueue();
    const { cloudService, wrapped } = service(journal, queue);
    expect(() => cloudService.unqueuedAccess('job')).toThrow(
      expect.objectContaining({ code: 'API_KEY_MISSING' }),
    );
    await cloudService.addApiKey(FAKE_DEMO_KEY);
    const access = cloudService.unqueuedAccess('job');
    expect(access.teamName).toBe('Demo Team');
    expect(wrapped).toEqual([]);
    queue.dispose();
  });
});
