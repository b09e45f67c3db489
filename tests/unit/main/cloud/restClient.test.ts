import { createServer } from 'node:net';
import type { AppError } from '../../../../src-shared/ipc/errors';
import {
  createApiKeyAdapter,
  verifyClaimedId,
  waitText,
  type ApiKeyAdapterOptions,
  type RetryInfo,
} from '../../../../src-main/cloud/restClient';
import { startFakeCloud, type FakeCloud } from '../../../../src-main/sim/fakeCloud/server';
import {
  FAKE_ADMIN_KEY,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../../../src-main/sim/fakeCloud/teams';
import { ALLOW_CLOUD_URL_ENV } from '../../../../src-main/cloud/urlPolicy';
import { MAX_RESPONSE_BYTES } from '../../../../src-main/cloud/http';
import { serveHugeBody, startTinyServer, type TinyServer } from '../../../support/tinyServer';
import { caught, jsonResponse, makeToken, scriptedFetch } from './helpers';

let cloud: FakeCloud;
beforeEach(async () => {
  cloud = await startFakeCloud({ slowDelayMs: 2000 });
});
afterEach(async () => {
  await cloud.close();
});

/** An adapter on the local server whose sleeps are recorded, not waited. */
function adapterFor(key: string, extra: Partial<ApiKeyAdapterOptions> = {}) {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const adapter = createApiKeyAdapter({
    apiKey: key,
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRetry: (info) => retries.push(info),
    random: () => 1,
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 },
    ...extra,
  });
  return { adapter, sleeps, retries };
}

describe('account', () => {
  it('names the team and role of the key', async () => {
    const account = await adapterFor(FAKE_DEMO_KEY).adapter.getAccount();
    expect(account).toEqual({
      teamName: 'Demo Team',
      tenantId: expect.any(String),
      role: 'owner',
      canClaim: true,
    });
    expect((await adapterFor(FAKE_VIEWER_KEY).adapter.getAccount()).canClaim).toBe(false);
  });

  it('sends the key as a Bearer token', async () => {
    const { fetch, calls } = scriptedFetch([
      () => jsonResponse(200, { team: { tenantId: 't', name: 'T' }, role: 'owner' }),
    ]);
    await adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount();
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe(
      `Bearer ${FAKE_DEMO_KEY}`,
    );
    expect(calls[0]?.url).toBe(`${cloud.apiBaseUrl}account`);
  });

  it('rejects an unknown key with API_KEY_REJECTED and explains per-team keys and regeneration', async () => {
    const error = await caught(
      adapterFor('0123456789abcdef0123456789abcdef01234567').adapter.getAccount(),
    );
    expect(error.code).toBe('API_KEY_REJECTED');
    expect(error.message).toMatch(/per team/);
    expect(error.message).toMatch(/60 minutes/);
  });

  it('turns a body that is not JSON into UNEXPECTED_RESPONSE keeping the raw text', async () => {
    cloud.failNext('invalid-json');
    const error = await caught(adapterFor(FAKE_DEMO_KEY).adapter.getAccount());
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.detail).toContain('{"team": {"tenantId": "x"');
  });

  it('turns a JSON body of the wrong shape into UNEXPECTED_RESPONSE naming the field', async () => {
    const { fetch } = scriptedFetch([() => jsonResponse(200, { team: { name: 'no tenant' } })]);
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount());
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.message).toContain('team.tenantId');
  });

  it('truncates a huge unexpected body in detail', async () => {
    const { fetch } = scriptedFetch([
      () => new Response('<html>'.padEnd(100_000, 'x'), { status: 200 }),
    ]);
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount());
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.detail?.length).toBeLessThan(5000);
  });
});

describe('claim and dry run', () => {
  it('claims a device: 201 body mapped, id matches the token, portal link built', async () => {
    const { token, deviceUuid } = makeToken();
    const result = await adapterFor(FAKE_DEMO_KEY).adapter.claim(token, ['nrf-cloud-onboarding']);
    expect(result).toMatchObject({
      deviceId: deviceUuid,
      deviceType: 'nrf9161_LACA',
      tags: ['nrf-cloud-onboarding'],
      alreadyClaimedByYou: false,
      status: 'READY',
      ownershipStatus: 'IDENTIFIED',
      portalUrl: `https://nrfcloud.com/#/devices/${deviceUuid}`,
    });
    expect(result.imei).toMatch(/^\d{15}$/);
    expect(cloud.claimed().get(deviceUuid)?.teamName).toBe('Demo Team');
  });

  it('uses a configured portal base', async () => {
    const { token, deviceUuid } = makeToken();
    const result = await adapterFor(FAKE_DEMO_KEY, {
      portalBaseUrl: 'https://portal.example',
    }).adapter.claim(token, []);
    expect(result.portalUrl).toBe(`https://portal.example/#/devices/${deviceUuid}`);
  });

  it('dry run answers 202 as claimable and claims nothing', async () => {
    const { token } = makeToken();
    const verdict = await adapterFor(FAKE_DEMO_KEY).adapter.dryRun(token, []);
    expect(verdict).toEqual({ claimable: true, alreadyClaimedByYou: false });
    expect(cloud.claimed().size).toBe(0);
    expect(cloud.requests().at(-1)?.path).toContain('dryrun=true');
  });

  it('treats a second claim by the same team as success, with the device details', async () => {
    const { adapter } = adapterFor(FAKE_DEMO_KEY);
    const { deviceUuid } = makeToken();
    await adapter.claim(makeToken(deviceUuid).token, []);
    const again = await adapter.claim(makeToken(deviceUuid).token, []);
    expect(again.alreadyClaimedByYou).toBe(true);
    expect(again.deviceId).toBe(deviceUuid);
    expect(again.imei).toMatch(/^\d{15}$/);
    const verdict = await adapter.dryRun(makeToken(deviceUuid).token, []);
    expect(verdict).toMatchObject({ claimable: false, alreadyClaimedByYou: true });
  });

  it('reports CLAIMED_BY_OTHER when another team holds the device', async () => {
    const { deviceUuid } = makeToken();
    await adapterFor(FAKE_DEMO_KEY).adapter.claim(makeToken(deviceUuid).token, []);
    const { adapter } = adapterFor(FAKE_ADMIN_KEY);
    const error = await caught(adapter.claim(makeToken(deviceUuid).token, []));
    expect(error.code).toBe('CLAIMED_BY_OTHER');
    expect(error.message).toContain(deviceUuid);
    const verdict = await adapter.dryRun(makeToken(deviceUuid).token, []);
    expect(verdict).toMatchObject({
      claimable: false,
      alreadyClaimedByYou: false,
      code: 'CLAIMED_BY_OTHER',
    });
  });

  it('reports ROLE_CANNOT_CLAIM for a Viewer, on claim and as a dry-run verdict', async () => {
    const { adapter } = adapterFor(FAKE_VIEWER_KEY);
    const error = await caught(adapter.claim(makeToken().token, []));
    expect(error.code).toBe('ROLE_CANNOT_CLAIM');
    expect(error.message).toMatch(/Editor, Admin or Owner/);
    expect(await adapter.dryRun(makeToken().token, [])).toMatchObject({
      claimable: false,
      code: 'ROLE_CANNOT_CLAIM',
    });
  });

  it('reports CLAIM_TOKEN_INVALID with the server message for a malformed token', async () => {
    const error = await caught(adapterFor(FAKE_DEMO_KEY).adapter.claim('2dn3hQFQ.not-a-token', []));
    expect(error.code).toBe('CLAIM_TOKEN_INVALID');
    expect(error.message).toContain('Invalid claim token');
  });

  it('falls back to the server message when the device lookup is unavailable', async () => {
    const { token } = makeToken();
    const yours = scriptedFetch([
      () => jsonResponse(409, { message: 'Device already claimed by your team' }),
      () => jsonResponse(404, { message: 'No route' }),
    ]);
    const result = await adapterFor(FAKE_DEMO_KEY, { fetch: yours.fetch }).adapter.claim(token, []);
    expect(result.alreadyClaimedByYou).toBe(true);
    const unclear = scriptedFetch([
      () => jsonResponse(409, { message: 'Device already claimed' }),
      () => jsonResponse(404, { message: 'No route' }),
    ]);
    const error = await caught(
      adapterFor(FAKE_DEMO_KEY, { fetch: unclear.fetch }).adapter.claim(token, []),
    );
    expect(error.code).toBe('CLAIMED_BY_OTHER');
  });

  it('recognises an already-claimed answer sent as 400', async () => {
    const { token } = makeToken();
    const { fetch } = scriptedFetch([
      () => jsonResponse(400, { message: 'Device has already been claimed by another tenant' }),
      () => jsonResponse(404, {}),
    ]);
    expect((await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.claim(token, []))).code).toBe(
      'CLAIMED_BY_OTHER',
    );
  });

  it('yields DEVICE_ID_MISMATCH when nRF Cloud claims a different id than the token names', async () => {
    const { token } = makeToken();
    const { fetch } = scriptedFetch([
      () => jsonResponse(201, { id: '00000000-0000-4000-8000-000000000000', tags: [] }),
    ]);
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.claim(token, []));
    expect(error.code).toBe('DEVICE_ID_MISMATCH');
  });

  it('verifyClaimedId compares case-insensitively', () => {
    const result = {
      deviceId: 'ABCDEF00-0000-4000-8000-000000000000',
      tags: [],
      alreadyClaimedByYou: false,
      portalUrl: '',
    };
    expect(verifyClaimedId('abcdef00-0000-4000-8000-000000000000', result).ok).toBe(true);
    const mismatch = verifyClaimedId('11111111-0000-4000-8000-000000000000', result);
    expect(mismatch.ok ? undefined : mismatch.error.code).toBe('DEVICE_ID_MISMATCH');
  });

  it('unclaims with 204, and says NOT_FOUND for a device not in the team', async () => {
    const { adapter } = adapterFor(FAKE_DEMO_KEY);
    const { token, deviceUuid } = makeToken();
    await adapter.claim(token, []);
    await adapter.unclaim(deviceUuid);
    expect(cloud.claimed().has(deviceUuid)).toBe(false);
    expect((await caught(adapter.unclaim(deviceUuid))).code).toBe('NOT_FOUND');
  });
});

describe('transport failures', () => {
  it('says NETWORK_UNREACHABLE when the connection is refused', async () => {
    const port = await closedPort();
    const adapter = createApiKeyAdapter({
      apiKey: FAKE_DEMO_KEY,
      apiBaseUrl: `http://127.0.0.1:${port}/v1/`,
      provisioningBaseUrl: `http://127.0.0.1:${port}/v1/`,
    });
    const error = await caught(adapter.getAccount());
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(error.message).toMatch(/refused/);
  });

  it('says NETWORK_UNREACHABLE for a DNS failure', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.nrfcloud.com'), {
          code: 'ENOTFOUND',
        }),
      });
    }) as typeof globalThis.fetch;
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount());
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(error.message).toMatch(/DNS/);
  });

  it('says NETWORK_UNREACHABLE when the connection is reset mid-body', async () => {
    cloud.failNext('reset');
    const error = await caught(adapterFor(FAKE_DEMO_KEY).adapter.getAccount());
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(error.message).toMatch(/cut off/);
  });

  it('says NETWORK_TIMEOUT when the server stalls past the deadline', async () => {
    cloud.failNext('slow');
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { timeoutMs: 150 }).adapter.getAccount());
    expect(error.code).toBe('NETWORK_TIMEOUT');
  });

  it('says CANCELLED when the caller aborts', async () => {
    cloud.failNext('slow');
    const controller = new AbortController();
    const pending = adapterFor(FAKE_DEMO_KEY).adapter.getAccount(controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect((await caught(pending)).code).toBe('CANCELLED');
  });
});

describe('retries', () => {
  it('retries a 500 with exponential back-off and then succeeds', async () => {
    cloud.failNext('server-error', 2);
    const { adapter, sleeps, retries } = adapterFor(FAKE_DEMO_KEY);
    const account = await adapter.getAccount();
    expect(account.teamName).toBe('Demo Team');
    expect(sleeps).toEqual([100, 200]);
    expect(retries.map((r) => [r.attempt, r.code, r.delayMs])).toEqual([
      [1, 'SERVER_ERROR', 100],
      [2, 'SERVER_ERROR', 200],
    ]);
  });

  it('applies jitter between half and all of the back-off step', async () => {
    cloud.failNext('server-error', 2);
    const { adapter, sleeps } = adapterFor(FAKE_DEMO_KEY, { random: () => 0 });
    await adapter.getAccount();
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up with SERVER_ERROR and the server message after the attempts', async () => {
    cloud.failNext('server-error', 3);
    const { adapter, sleeps } = adapterFor(FAKE_DEMO_KEY);
    const error = await caught(adapter.getAccount());
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.message).toContain('Internal Server Error');
    expect(error.message).toContain('3 times');
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After on 429 and reports the countdown through onRetry', async () => {
    cloud.failNext('rate-limit');
    const { adapter, sleeps, retries } = adapterFor(FAKE_DEMO_KEY);
    const { token } = makeToken();
    const result = await adapter.claim(token, []);
    expect(result.alreadyClaimedByYou).toBe(false);
    expect(sleeps).toEqual([1000]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1000, code: 'RATE_LIMITED', reason: expect.stringMatching(/429/) },
    ]);
  });

  it('gives up with RATE_LIMITED when 429 persists', async () => {
    cloud.failNext('rate-limit', 5);
    const { adapter, sleeps } = adapterFor(FAKE_DEMO_KEY);
    const error = await caught(adapter.getAccount());
    expect(error.code).toBe('RATE_LIMITED');
    expect(sleeps).toEqual([1000, 1000]);
    // The server's Retry-After is the one wait named; no second, contradicting figure.
    expect(error.message).toBe(
      'nRF Cloud is limiting requests (HTTP 429, tried 3 times). It asks to wait 1 s: try again after that.',
    );
    expect(error.message).not.toMatch(/minute/);
  });

  it('a 429 without Retry-After says it gave no wait, and names one', async () => {
    const { fetch } = scriptedFetch([
      () => jsonResponse(429, {}),
      () => jsonResponse(429, {}),
      () => jsonResponse(429, {}),
    ]);
    const { adapter } = adapterFor(FAKE_DEMO_KEY, { fetch });
    const error = await caught(adapter.getAccount());
    expect(error.message).toBe(
      'nRF Cloud is limiting requests (HTTP 429, tried 3 times). It did not say for how long: wait a minute and try again.',
    );
  });

  it.each([
    [1, '1 s'],
    [999, '1 s'],
    [61_000, '61 s'],
    [600_000, '600 s (about 10 min)'],
    [3_600_000, '3600 s (about 60 min)'],
    [36_000_000, '36000 s (about 10 h)'],
  ])('a Retry-After of %i ms reads as %s', (ms, text) => {
    expect(waitText(ms)).toBe(text);
  });

  it('honours a Retry-After HTTP-date', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const { fetch } = scriptedFetch([
      () =>
        jsonResponse(
          429,
          { message: 'slow down' },
          { 'Retry-After': 'Wed, 01 Jan 2025 00:00:03 GMT' },
        ),
      () => jsonResponse(200, { team: { tenantId: 't', name: 'T' }, role: 'editor' }),
    ]);
    const { adapter, sleeps } = adapterFor(FAKE_DEMO_KEY, { fetch, now: () => now });
    await adapter.getAccount();
    expect(sleeps).toEqual([3000]);
  });

  it('does not wait when Retry-After asks for longer than the longest back-off', async () => {
    const { fetch, calls } = scriptedFetch([
      () => jsonResponse(429, {}, { 'Retry-After': '3600' }),
    ]);
    const { adapter, sleeps } = adapterFor(FAKE_DEMO_KEY, { fetch });
    const error = await caught(adapter.getAccount());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('It asks to wait 3600 s (about 60 min): try again after that.');
    expect(sleeps).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('stops waiting with CANCELLED when aborted during a back-off', async () => {
    cloud.failNext('server-error', 3);
    const controller = new AbortController();
    const adapter = createApiKeyAdapter({
      apiKey: FAKE_DEMO_KEY,
      apiBaseUrl: cloud.apiBaseUrl,
      provisioningBaseUrl: cloud.provisioningBaseUrl,
      retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      onRetry: () => controller.abort(),
    });
    expect((await caught(adapter.getAccount(controller.signal))).code).toBe('CANCELLED');
  });
});

describe('the API key never leaks', () => {
  it('keeps the key out of every error message and detail', async () => {
    const key = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
    const echoing = scriptedFetch([
      (_url, init) => {
        const auth = new Headers(init.headers).get('authorization') ?? '';
        return new Response(`upstream said: ${auth} / raw ${key}`, { status: 502 });
      },
    ]);
    const errors: AppError[] = [];
    errors.push(await caught(adapterFor(key, { fetch: echoing.fetch }).adapter.getAccount()));
    const echoJson = scriptedFetch([() => jsonResponse(400, { message: `bad key ${key}` })]);
    errors.push(
      await caught(adapterFor(key, { fetch: echoJson.fetch }).adapter.claim(makeToken().token, [])),
    );
    const echoOk = scriptedFetch([() => new Response(`{"broken": "${key}"`, { status: 200 })]);
    errors.push(await caught(adapterFor(key, { fetch: echoOk.fetch }).adapter.getAccount()));
    errors.push(await caught(adapterFor(key).adapter.getAccount()));
    cloud.failNext('reset');
    errors.push(await caught(adapterFor(key).adapter.getAccount()));
    // A key the wrong length slips past the 40-hex pattern; it must still be removed.
    const odd = 'abc123abc123abc123';
    const echoOdd = scriptedFetch([() => new Response(`nope ${odd}`, { status: 500 })]);
    errors.push(await caught(adapterFor(odd, { fetch: echoOdd.fetch }).adapter.getAccount()));

    expect(errors.map((e) => e.code)).toEqual([
      'SERVER_ERROR',
      'CLAIM_TOKEN_INVALID',
      'UNEXPECTED_RESPONSE',
      'API_KEY_REJECTED',
      'NETWORK_UNREACHABLE',
      'SERVER_ERROR',
    ]);
    for (const error of errors) {
      const text = JSON.stringify(error.toData()) + String(error.stack);
      expect(text).not.toContain(key);
      expect(text).not.toContain(odd);
    }
    expect(errors[0]?.detail).toContain('[api-key redacted]');
  });
});

describe('the key goes only to nRF Cloud or this computer', () => {
  const account = () => jsonResponse(200, { team: { tenantId: 't', name: 'T' }, role: 'owner' });

  it.each([
    ['https://evil.example/v1/', 'https://api.provisioning.nrfcloud.com/v1/'],
    ['https://api.nrfcloud.com/v1/', 'https://evil.example/provisioning/v1/'],
    ['http://api.nrfcloud.com/v1/', 'https://api.provisioning.nrfcloud.com/v1/'],
    ['https://api.nrfcloud.com/v1/', 'http://10.1.2.3:8080/v1/'],
  ])(
    'refuses api %s / provisioning %s before any request',
    async (apiBaseUrl, provisioningBaseUrl) => {
      const { fetch, calls } = scriptedFetch([account]);
      const { adapter } = adapterFor(FAKE_DEMO_KEY, { fetch, apiBaseUrl, provisioningBaseUrl });
      const { token, deviceUuid } = makeToken();
      const errors = [
        await caught(adapter.getAccount()),
        await caught(adapter.dryRun(token, [])),
        await caught(adapter.claim(token, [])),
        await caught(adapter.unclaim(deviceUuid)),
      ];
      expect(errors.map((e) => e.code)).toEqual(Array(4).fill('CLOUD_URL_NOT_ALLOWED'));
      expect(errors[0]?.message).toContain(ALLOW_CLOUD_URL_ENV);
      expect(calls).toEqual([]);
    },
  );

  it('sends to the nRF Cloud defaults', async () => {
    const { fetch, calls } = scriptedFetch([account]);
    await createApiKeyAdapter({ apiKey: FAKE_DEMO_KEY, fetch }).getAccount();
    expect(calls.map((c) => c.url)).toEqual(['https://api.nrfcloud.com/v1/account']);
  });

  it('sends to an origin the developer allowed, and says so', async () => {
    const { fetch, calls } = scriptedFetch([account]);
    const notices: string[] = [];
    const adapter = createApiKeyAdapter({
      apiKey: FAKE_DEMO_KEY,
      fetch,
      apiBaseUrl: 'https://staging.example/v1/',
      allowedOrigins: ['https://staging.example'],
      onUrlOverride: (notice) => notices.push(notice),
    });
    await adapter.getAccount();
    expect(calls.map((c) => c.url)).toEqual(['https://staging.example/v1/account']);
    expect(notices).toEqual([expect.stringContaining('https://staging.example')]);
    expect(notices[0]).toContain(ALLOW_CLOUD_URL_ENV);
  });

  it('reads the override from the environment by default and warns on stderr', async () => {
    vi.stubEnv(ALLOW_CLOUD_URL_ENV, 'https://staging.example');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { fetch, calls } = scriptedFetch([account]);
      const adapter = createApiKeyAdapter({
        apiKey: FAKE_DEMO_KEY,
        fetch,
        apiBaseUrl: 'https://staging.example/v1/',
      });
      await adapter.getAccount();
      expect(calls).toHaveLength(1);
      expect(stderr).toHaveBeenCalledWith(
        expect.stringMatching(/^warning: .*https:\/\/staging\.example.*not nRF Cloud/),
      );
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});

describe('redirects are refused, never followed', () => {
  let elsewhere: TinyServer;
  let redirecting: TinyServer;
  beforeEach(async () => {
    elsewhere = await startTinyServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"message":"who?"}');
    });
    redirecting = await startTinyServer((req, res) => {
      const target = req.url?.includes('same-origin') ? '/v1/moved' : `${elsewhere.url}/steal`;
      res.writeHead(307, { Location: target }).end();
    });
  });
  afterEach(async () => {
    await elsewhere.close();
    await redirecting.close();
  });

  it('a 307 on the claim is CLOUD_REDIRECT_REFUSED naming the target; the token goes nowhere else', async () => {
    const { adapter } = adapterFor(FAKE_DEMO_KEY, {
      apiBaseUrl: `${redirecting.url}/v1/`,
      provisioningBaseUrl: `${redirecting.url}/v1/`,
    });
    const { token } = makeToken();
    for (const call of [adapter.dryRun(token, []), adapter.claim(token, [])]) {
      const error = await caught(call);
      expect(error.code).toBe('CLOUD_REDIRECT_REFUSED');
      expect(error.message).toContain(elsewhere.host);
      expect(error.message).toMatch(/HTTP 307/);
    }
    expect(elsewhere.requests).toEqual([]);
    expect(redirecting.requests).toHaveLength(2);
  });

  it('a same-origin redirect is refused too: the key is not re-sent', async () => {
    const { adapter } = adapterFor(FAKE_DEMO_KEY, {
      apiBaseUrl: `${redirecting.url}/same-origin/`,
    });
    const error = await caught(adapter.getAccount());
    expect(error.code).toBe('CLOUD_REDIRECT_REFUSED');
    expect(redirecting.requests.map((r) => r.path)).toEqual(['/same-origin/account']);
  });

  it('asks fetch not to follow redirects', async () => {
    const { fetch, calls } = scriptedFetch([
      () => new Response(null, { status: 302, headers: { Location: 'https://x.example/' } }),
    ]);
    const error = await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount());
    expect(error.code).toBe('CLOUD_REDIRECT_REFUSED');
    expect(error.message).toContain('x.example');
    expect(calls[0]?.init.redirect).toBe('manual');
  });
});

describe('response bodies are bounded', () => {
  const HUNDRED_MB = 100 * 1024 * 1024;

  /** Real fetch, counting the body bytes the client actually pulls. */
  const countingFetch =
    (counter: { read: number }): typeof globalThis.fetch =>
    async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (response.body === null) return response;
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            counter.read += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, { status: response.status, headers: response.headers });
    };

  it('stops reading a 100 MB chunked body at the bound with RESPONSE_TOO_LARGE', async () => {
    const sent = { written: 0 };
    const server = await startTinyServer((_req, res) => serveHugeBody(res, HUNDRED_MB, sent));
    try {
      const read = { read: 0 };
      const { adapter } = adapterFor(FAKE_DEMO_KEY, {
        apiBaseUrl: `${server.url}/v1/`,
        fetch: countingFetch(read),
      });
      const error = await caught(adapter.getAccount());
      expect(error.code).toBe('RESPONSE_TOO_LARGE');
      expect(error.message).toContain(server.host);
      expect(error.detail?.length).toBeLessThan(5000);
      // Read: the bound plus at most a chunk or two in flight, never the 100 MB.
      expect(read.read).toBeGreaterThan(MAX_RESPONSE_BYTES);
      expect(read.read).toBeLessThan(MAX_RESPONSE_BYTES + 1024 * 1024);
      // The connection was closed: the server could not push more than socket buffers hold.
      await vi.waitFor(() => expect(server.requests).toHaveLength(1));
      expect(sent.written).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('refuses a declared Content-Length over the bound without reading it', async () => {
    const read = { read: 0 };
    const server = await startTinyServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(HUNDRED_MB),
      });
      res.write('{"team": ');
    });
    try {
      const { adapter } = adapterFor(FAKE_DEMO_KEY, {
        apiBaseUrl: `${server.url}/v1/`,
        fetch: countingFetch(read),
      });
      const error = await caught(adapter.getAccount());
      expect(error.code).toBe('RESPONSE_TOO_LARGE');
      expect(error.detail).toContain(`Content-Length: ${HUNDRED_MB}`);
      expect(read.read).toBeLessThan(64 * 1024);
    } finally {
      await server.close();
    }
  });

  it('reads a body just under the bound', async () => {
    const body = JSON.stringify({
      team: { tenantId: 't', name: 'T' },
      role: 'owner',
      pad: 'x'.repeat(MAX_RESPONSE_BYTES - 100),
    });
    const { fetch } = scriptedFetch([() => new Response(body, { status: 200 })]);
    expect((await adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.getAccount()).teamName).toBe('T');
  });
});

describe('a 2xx that is not JSON is not success', () => {
  const key = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
  const portalPage = `<!doctype html><html><body><h1>Sign in to Guest Wi-Fi</h1><p>${key}</p></body></html>`;

  it('a dry run answered 200 with an HTML page is UNEXPECTED_RESPONSE, the text kept redacted', async () => {
    const { fetch } = scriptedFetch([
      () => new Response(portalPage, { status: 200, headers: { 'Content-Type': 'text/html' } }),
    ]);
    const error = await caught(adapterFor(key, { fetch }).adapter.dryRun(makeToken().token, []));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.message).toMatch(/not JSON/);
    expect(error.detail).toContain('Sign in to Guest Wi-Fi');
    expect(JSON.stringify(error.toData())).not.toContain(key);
  });

  it.each([
    ['text/plain', 'OK'],
    ['application/json', '<html>nope</html>'],
    ['text/html; charset=utf-8', '{"looks": "like json"}'],
  ])('a dry run answered 202 %s "%s" is UNEXPECTED_RESPONSE', async (type, body) => {
    const { fetch } = scriptedFetch([
      () => new Response(body, { status: 202, headers: { 'Content-Type': type } }),
    ]);
    const error = await caught(
      adapterFor(FAKE_DEMO_KEY, { fetch }).adapter.dryRun(makeToken().token, []),
    );
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('a dry run answered 202 empty or with JSON is claimable', async () => {
    const { fetch } = scriptedFetch([
      () => new Response(null, { status: 202 }),
      () => jsonResponse(202, {}),
    ]);
    const { adapter } = adapterFor(FAKE_DEMO_KEY, { fetch });
    expect((await adapter.dryRun(makeToken().token, [])).claimable).toBe(true);
    expect((await adapter.dryRun(makeToken().token, [])).claimable).toBe(true);
  });

  it('an unclaim answered 200 with an HTML page is UNEXPECTED_RESPONSE', async () => {
    const { fetch } = scriptedFetch([
      () => new Response(portalPage, { status: 200, headers: { 'Content-Type': 'text/html' } }),
    ]);
    const error = await caught(adapterFor(key, { fetch }).adapter.unclaim(makeToken().deviceUuid));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('a claim answered 201 with an HTML page is UNEXPECTED_RESPONSE', async () => {
    const { fetch } = scriptedFetch([
      () => new Response(portalPage, { status: 201, headers: { 'Content-Type': 'text/html' } }),
    ]);
    const error = await caught(adapterFor(key, { fetch }).adapter.claim(makeToken().token, []));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(JSON.stringify(error.toData())).not.toContain(key);
  });
});

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
