/**
 * Cloud faults against the local nRF Cloud, through CloudService (key vault, adapter, journal)
 * as the app uses it: each failure has its own code, only 429 and 5xx are retried (with the
 * countdown reported), and the token journal on disk stays complete and truthful throughout.
 * restClient.test.ts covers the adapter alone; this checks what the journal makes of each fault.
 */
import { createServer } from 'node:net';
import { CloudService, type CloudUrls } from '../../src-main/cloud/cloudService';
import { openJournal, type TokenJournal } from '../../src-main/cloud/journal';
import { createKeyVault, type KeyEncryption, type StoredKeys } from '../../src-main/cloud/keyVault';
import { createApiKeyAdapter } from '../../src-main/cloud/restClient';
import { startFakeCloud, type FakeCloud } from '../../src-main/sim/fakeCloud/server';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import type { RetryNotice } from '../../src-shared/ipc/cloud';
import { serveHugeBody, startTinyServer, type TinyServer } from '../support/tinyServer';
import { makeTempDir, makeToken } from '../unit/main/cloud/helpers';

// For the stall the client gives up after 300 ms; the server's stall is longer, so no test waits
// 10 s for it. Every other call gets a roomy deadline: on a loaded machine the key check in
// beforeEach alone can take longer than 300 ms.
const CLIENT_TIMEOUT_MS = 300;
const ROOMY_TIMEOUT_MS = 5000;
const SERVER_STALL_MS = 1200;

const reversible: KeyEncryption = {
  isAvailable: () => true,
  backend: () => 'test',
  encrypt: (plain) => new TextEncoder().encode([...plain].reverse().join('')),
  decrypt: (cipher) => [...new TextDecoder().decode(cipher)].reverse().join(''),
};

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Rig {
  cloud: FakeCloud;
  service: CloudService;
  journal: TokenJournal;
  dir: string;
  retries: RetryNotice[];
  sleeps: number[];
  useUrls(urls: CloudUrls): void;
  useTimeout(ms: number): void;
  cloudUrls: CloudUrls;
}

let rig: Rig;
let cleanupDir: () => void;

beforeEach(async () => {
  const cloud = await startFakeCloud({ slowDelayMs: SERVER_STALL_MS });
  const temp = makeTempDir('onboarder-faults-');
  cleanupDir = temp.cleanup;
  const journal = openJournal(temp.dir);
  let stored: StoredKeys | undefined;
  const vault = createKeyVault({
    storage: { read: () => stored, write: (value) => (stored = value) },
    encryption: reversible,
  });
  const cloudUrls: CloudUrls = {
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
    portalBaseUrl: 'https://nrfcloud.com/',
  };
  let urls = cloudUrls;
  let timeoutMs = ROOMY_TIMEOUT_MS;
  const retries: RetryNotice[] = [];
  const sleeps: number[] = [];
  const service = new CloudService({
    vault: () => vault,
    journal: () => journal,
    urls: () => urls,
    defaultTags: () => ['nrf-cloud-onboarding'],
    // The real adapter with a short deadline; back-off waits are recorded, not slept.
    createAdapter: (apiKey, u, onRetry) =>
      createApiKeyAdapter({
        apiKey,
        ...u,
        timeoutMs,
        onRetry,
        random: () => 1,
        retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      }),
    onRetry: (notice) => retries.push(notice),
  });
  await service.addApiKey(FAKE_DEMO_KEY);
  rig = {
    cloud,
    service,
    journal,
    dir: temp.dir,
    retries,
    sleeps,
    cloudUrls,
    useUrls: (next) => (urls = next),
    useTimeout: (ms) => (timeoutMs = ms),
  };
});

afterEach(async () => {
  await rig.cloud.close();
  cleanupDir();
});

function addToken(): { id: string; deviceUuid: string } {
  const { token, deviceUuid } = makeToken();
  const entry = rig.journal.add({ token, deviceUuid, source: 'device' });
  return { id: entry.id, deviceUuid };
}

async function claimError(journalId: string, requestId: string) {
  return rig.service.claim({ journalId, requestId }).then(
    () => {
      throw new Error('expected the claim to fail');
    },
    (error: unknown) => error as { code: string; message: string },
  );
}

const claimPosts = () =>
  rig.cloud.requests().filter((r) => r.method === 'POST' && r.path.includes('claimed-devices'));

describe('cloud faults through CloudService and the journal', () => {
  it('connection refused: NETWORK_UNREACHABLE, not retried, entry failed with the error', async () => {
    const port = await closedPort();
    rig.useUrls({
      ...rig.cloudUrls,
      apiBaseUrl: `http://127.0.0.1:${port}/v1/`,
      provisioningBaseUrl: `http://127.0.0.1:${port}/v1/`,
    });
    const { id } = addToken();
    const error = await claimError(id, 'refused');
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(rig.retries).toEqual([]);
    expect(rig.journal.list().find((e) => e.id === id)).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'NETWORK_UNREACHABLE' },
    });
  });

  it('every fault in a row, then claimPending: the journal on disk keeps every entry with the right status', async () => {
    const reset = addToken();
    const stall = addToken();
    const limited = addToken();
    const flaky = addToken();
    const garbled = addToken();

    rig.cloud.failNext('reset');
    expect((await claimError(reset.id, 'reset')).code).toBe('NETWORK_UNREACHABLE');

    // The server stalls past the client's deadline; the client gives up and says so.
    rig.cloud.failNext('slow');
    rig.useTimeout(CLIENT_TIMEOUT_MS);
    expect((await claimError(stall.id, 'stall')).code).toBe('NETWORK_TIMEOUT');
    rig.useTimeout(ROOMY_TIMEOUT_MS);

    rig.cloud.failNext('rate-limit');
    const claimed = await rig.service.claim({ journalId: limited.id, requestId: 'limited' });
    expect(claimed.deviceId).toBe(limited.deviceUuid);

    rig.cloud.failNext('server-error');
    await rig.service.claim({ journalId: flaky.id, requestId: 'flaky' });

    // After the dry run and the rule list: the claim's own answer is garbled.
    rig.cloud.failNext('invalid-json', 1, { afterRequests: 2 });
    expect((await claimError(garbled.id, 'garbled')).code).toBe('UNEXPECTED_RESPONSE');

    // Retried: the 429 (after the Retry-After second) and the 500; nothing else.
    expect(rig.retries).toEqual([
      { requestId: 'limited', attempt: 1, delayMs: 1000, reason: expect.stringMatching(/429/) },
      { requestId: 'flaky', attempt: 1, delayMs: 100, reason: expect.stringMatching(/500/) },
    ]);
    expect(rig.sleeps).toEqual([1000, 100]);
    // Every claim dry-runs first. Reset and stall hit the dry run (one POST each); the 429 and
    // the 500 hit the dry run too, retried once, then the claim (three each); the garbled answer
    // is the claim's (two).
    expect(claimPosts().map((r) => r.path.includes('dryrun'))).toEqual([
      ...[true, true],
      ...[true, true, false],
      ...[true, true, false],
      ...[true, false],
    ]);

    // Read back from disk, as the app does after a restart.
    const onDisk = openJournal(rig.dir);
    expect(onDisk.readReport()).toMatchObject({ recoveredFromTornWrite: false, corruptLines: [] });
    const byId = new Map(onDisk.list().map((e) => [e.id, e]));
    expect(byId.size).toBe(5);
    expect(byId.get(reset.id)).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'NETWORK_UNREACHABLE' },
    });
    expect(byId.get(stall.id)).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'NETWORK_TIMEOUT' },
    });
    expect(byId.get(garbled.id)).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'UNEXPECTED_RESPONSE' },
    });
    for (const ok of [limited, flaky]) {
      const entry = byId.get(ok.id);
      expect(entry).toMatchObject({ claimStatus: 'claimed', teamName: 'Demo Team' });
      expect(entry?.lastError).toBeUndefined();
    }

    // Offline onboarding later claims every failed entry; the two claimed ones are left alone.
    const summary = await rig.service.claimPending({ requestId: 'pending' });
    expect(summary).toMatchObject({ claimed: 3, alreadyClaimed: 0, failed: 0, notTried: 0 });
    const after = new Map(
      openJournal(rig.dir)
        .list()
        .map((e) => [e.id, e]),
    );
    expect(after.size).toBe(5);
    for (const entry of [reset, stall, garbled, limited, flaky])
      expect(after.get(entry.id)).toMatchObject({ claimStatus: 'claimed' });
    expect([...rig.cloud.claimed().keys()].sort()).toEqual(
      [reset, stall, limited, flaky, garbled].map((e) => e.deviceUuid).sort(),
    );
    expect([...after.values()].every((e) => e.lastError === undefined)).toBe(true);
    expect(openJournal(rig.dir).pending()).toEqual([]);
  });
});

describe('answers that do not come from nRF Cloud, through CloudService and the journal', () => {
  let servers: TinyServer[] = [];
  const serve = async (handler: Parameters<typeof startTinyServer>[0]) => {
    const server = await startTinyServer(handler);
    servers.push(server);
    rig.useUrls({
      ...rig.cloudUrls,
      apiBaseUrl: `${server.url}/v1/`,
      provisioningBaseUrl: `${server.url}/provisioning/v1/`,
    });
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  /** The entry as the journal file holds it, re-read from disk: failed with this code. */
  const expectFailedOnDisk = (id: string, code: string) =>
    expect(
      openJournal(rig.dir)
        .list()
        .find((e) => e.id === id),
    ).toMatchObject({
      claimStatus: 'failed',
      lastError: { code },
    });

  async function dryRunError(journalId: string) {
    return rig.service.dryRun({ journalId, requestId: 'dry' }).then(
      (verdict) => {
        throw new Error(`expected the dry run to fail, got ${JSON.stringify(verdict)}`);
      },
      (error: unknown) => error as { code: string; message: string; detail?: string },
    );
  }

  it('a 307 to another host: CLOUD_REDIRECT_REFUSED, the token is not re-posted, the entry failed', async () => {
    const elsewhere = await startTinyServer((_req, res) => res.writeHead(401).end());
    servers.push(elsewhere);
    await serve((_req, res) => res.writeHead(307, { Location: `${elsewhere.url}/v1/c` }).end());
    const { id } = addToken();
    const error = await claimError(id, 'redirect');
    expect(error.code).toBe('CLOUD_REDIRECT_REFUSED');
    expect(error.message).toContain(elsewhere.host);
    expect(elsewhere.requests).toEqual([]);
    expect(rig.retries).toEqual([]);
    expectFailedOnDisk(id, 'CLOUD_REDIRECT_REFUSED');
  });

  it('a 100 MB body: RESPONSE_TOO_LARGE after reading only the bound, the entry failed', async () => {
    const sent = { written: 0 };
    await serve((_req, res) => serveHugeBody(res, 100 * 1024 * 1024, sent));
    const { id } = addToken();
    const error = await claimError(id, 'huge');
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    // The client hung up: far less than the 100 MB was ever written to the socket.
    expect(sent.written).toBeLessThan(32 * 1024 * 1024);
    expectFailedOnDisk(id, 'RESPONSE_TOO_LARGE');
  });

  it('a captive portal answering 200 with HTML: the dry run is UNEXPECTED_RESPONSE, not claimable', async () => {
    await serve((_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(`<html><body>Log in to Hotel Wi-Fi. ${FAKE_DEMO_KEY}</body></html>`),
    );
    const { id } = addToken();
    const error = await dryRunError(id);
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.detail).toContain('Hotel Wi-Fi');
    expect(JSON.stringify(error)).not.toContain(FAKE_DEMO_KEY);
    expect(rig.journal.list().find((e) => e.id === id)?.claimStatus).toBe('unclaimed');
  });

  it('a URL outside nRF Cloud: CLOUD_URL_NOT_ALLOWED and nothing is sent', async () => {
    const { fetchCalls, restore } = recordGlobalFetch();
    try {
      rig.useUrls({
        ...rig.cloudUrls,
        apiBaseUrl: 'https://collector.example/v1/',
        provisioningBaseUrl: 'https://collector.example/v1/',
      });
      const { id } = addToken();
      expect((await dryRunError(id)).code).toBe('CLOUD_URL_NOT_ALLOWED');
      expect((await claimError(id, 'elsewhere')).code).toBe('CLOUD_URL_NOT_ALLOWED');
      expect(fetchCalls).toEqual([]);
      expect(rig.journal.list().find((e) => e.id === id)).toMatchObject({
        claimStatus: 'failed',
        lastError: { code: 'CLOUD_URL_NOT_ALLOWED' },
      });
    } finally {
      restore();
    }
  });
});

/** Records calls to the global fetch (what the real adapter uses when none is injected). */
function recordGlobalFetch() {
  const fetchCalls: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    fetchCalls.push(String(input));
    return original(input, init);
  }) as typeof globalThis.fetch;
  return { fetchCalls, restore: () => (globalThis.fetch = original) };
}
