import {
  fakeImei,
  startFakeCloud,
  type FakeCloud,
} from '../../../../src-main/sim/fakeCloud/server';
import {
  FAKE_ADMIN_KEY,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../../../src-main/sim/fakeCloud/teams';
import { makeToken } from '../cloud/helpers';

let cloud: FakeCloud;
beforeEach(async () => {
  cloud = await startFakeCloud({ now: () => new Date('2025-02-03T04:05:06Z') });
});
afterEach(async () => {
  await cloud.close();
});

const call = (method: string, url: string, key: string | undefined, body?: unknown) =>
  fetch(url, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      'Content-Type': 'application/json',
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

describe('local nRF Cloud', () => {
  it('serves the account body of docs/protocol.md §4 and both APIs from one origin', async () => {
    expect(cloud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cloud.apiBaseUrl).toBe(`${cloud.url}/v1/`);
    expect(cloud.provisioningBaseUrl.startsWith(cloud.url)).toBe(true);
    expect(cloud.demoKey).toBe(FAKE_DEMO_KEY);
    const response = await call('GET', `${cloud.apiBaseUrl}account`, FAKE_DEMO_KEY);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      team: { tenantId: string; name: string };
      role: string;
      mqttTopicPrefix: string;
    };
    expect(body).toMatchObject({ team: { name: 'Demo Team' }, role: 'owner' });
    expect(body.mqttTopicPrefix).toBe(`prod/${body.team.tenantId}/`);
  });

  it('answers 401 with a JSON message to a missing or unknown key', async () => {
    for (const key of [undefined, 'ffffffffffffffffffffffffffffffffffffffff']) {
      const response = await call('GET', `${cloud.apiBaseUrl}account`, key);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized', code: 40100 });
    }
  });

  it('claims with 201 and the documented body; dry run answers 202 and changes nothing', async () => {
    const { token, deviceUuid } = makeToken(undefined, 3);
    const url = `${cloud.provisioningBaseUrl}claimed-devices`;
    const dry = await call('POST', `${url}?dryrun=true`, FAKE_DEMO_KEY, {
      claimToken: token,
      tags: ['x'],
    });
    expect(dry.status).toBe(202);
    expect(cloud.claimed().size).toBe(0);
    const claim = await call('POST', url, FAKE_DEMO_KEY, {
      claimToken: token,
      tags: ['nrf-cloud-onboarding'],
    });
    expect(claim.status).toBe(201);
    expect(await claim.json()).toEqual({
      id: deviceUuid,
      deviceType: 'nrf9160_SICA',
      firmwareId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      imei: fakeImei(deviceUuid),
      ownerId: 'dec0de00-0000-4000-8000-000000000001',
      ownershipStatus: 'IDENTIFIED',
      tags: ['nrf-cloud-onboarding'],
      status: 'READY',
      claimedAt: '2025-02-03T04:05:06.000Z',
    });
    expect(cloud.claimed().get(deviceUuid)).toMatchObject({
      teamName: 'Demo Team',
      teamTenantId: 'dec0de00-0000-4000-8000-000000000001',
    });
  });

  it('answers 409 with distinct messages for the same team and another team', async () => {
    const { deviceUuid } = makeToken();
    const url = `${cloud.provisioningBaseUrl}claimed-devices`;
    await call('POST', url, FAKE_DEMO_KEY, { claimToken: makeToken(deviceUuid).token });
    const same = await call('POST', url, FAKE_DEMO_KEY, {
      claimToken: makeToken(deviceUuid).token,
    });
    const other = await call('POST', url, FAKE_ADMIN_KEY, {
      claimToken: makeToken(deviceUuid).token,
    });
    expect([same.status, other.status]).toEqual([409, 409]);
    const messages = [
      ((await same.json()) as { message: string }).message,
      ((await other.json()) as { message: string }).message,
    ];
    expect(messages[0]).toMatch(/your team/);
    expect(messages[1]).toMatch(/another account/);
  });

  it('looks up and unclaims only the team’s own devices', async () => {
    const { token, deviceUuid } = makeToken();
    await call('POST', `${cloud.provisioningBaseUrl}claimed-devices`, FAKE_DEMO_KEY, {
      claimToken: token,
    });
    const device = `${cloud.provisioningBaseUrl}claimed-devices/${deviceUuid}`;
    expect((await call('GET', device, FAKE_DEMO_KEY)).status).toBe(200);
    expect((await call('GET', device, FAKE_ADMIN_KEY)).status).toBe(404);
    expect((await call('DELETE', device, FAKE_ADMIN_KEY)).status).toBe(404);
    expect((await call('DELETE', device, FAKE_VIEWER_KEY)).status).toBe(403);
    expect((await call('DELETE', device, FAKE_DEMO_KEY)).status).toBe(204);
    expect(cloud.claimed().size).toBe(0);
  });

  it('refuses a Viewer with 403 and a malformed token or body with 400', async () => {
    const url = `${cloud.provisioningBaseUrl}claimed-devices`;
    expect(
      (await call('POST', url, FAKE_VIEWER_KEY, { claimToken: makeToken().token })).status,
    ).toBe(403);
    for (const body of [
      { claimToken: 'nope' },
      {},
      '{not json',
      { claimToken: makeToken().token, tags: [1] },
    ]) {
      const response = await call('POST', url, FAKE_DEMO_KEY, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(5);
    }
  });

  it('injects failures for the next requests, then behaves again', async () => {
    const account = `${cloud.apiBaseUrl}account`;
    cloud.failNext('rate-limit');
    cloud.failNext('server-error');
    cloud.failNext('unauthorized');
    cloud.failNext('invalid-json');
    const limited = await call('GET', account, FAKE_DEMO_KEY);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await call('GET', account, FAKE_DEMO_KEY)).status).toBe(500);
    expect((await call('GET', account, FAKE_DEMO_KEY)).status).toBe(401);
    const broken = await call('GET', account, FAKE_DEMO_KEY);
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();
    expect((await call('GET', account, FAKE_DEMO_KEY)).status).toBe(200);
  });

  it('cuts the connection mid-body on reset', async () => {
    cloud.failNext('reset');
    const response = await call('GET', `${cloud.apiBaseUrl}account`, FAKE_DEMO_KEY);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('closes promptly even with a stalled request in flight', async () => {
    const slow = await startFakeCloud({ slowDelayMs: 60_000 });
    slow.failNext('slow');
    const pending = call('GET', `${slow.apiBaseUrl}account`, FAKE_DEMO_KEY).catch(
      (e: unknown) => e,
    );
    await vi.waitFor(() => expect(slow.requests()).toHaveLength(1));
    await slow.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('derives a Luhn-valid IMEI', () => {
    const imei = fakeImei('4961c873-408c-45ce-b1ba-7c0d99d88179');
    expect(imei).toMatch(/^35\d{13}$/);
    const sum = [...imei].reverse().reduce((acc, ch, i) => {
      const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
      return acc + (d > 9 ? d - 9 : d);
    }, 0);
    expect(sum % 10).toBe(0);
  });
});
