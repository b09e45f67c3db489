/**
 * The local nRF Cloud's provisioning service as a simulated device meets it, in-process and over
 * HTTP (the same cases through both links), and as the app's REST calls see it.
 */
import type { DeviceProvisioningLink } from '../../../../src-main/sim/provisioningLink';
import { createHttpProvisioningLink } from '../../../../src-main/sim/fakeCloud/httpDeviceLink';
import {
  FAKE_ONBOARDING_RULE,
  startFakeCloud,
  type FakeCloud,
  type FakeCloudOptions,
} from '../../../../src-main/sim/fakeCloud/server';
import { defaultFakeCloudKeys, FAKE_DEMO_KEY } from '../../../../src-main/sim/fakeCloud/teams';
import { makeToken } from '../cloud/helpers';

const DEMO_TENANT = defaultFakeCloudKeys.find((k) => k.key === FAKE_DEMO_KEY)!.tenantId;

let cloud: FakeCloud | undefined;
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
});

async function start(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  cloud = await startFakeCloud(options);
  return cloud;
}

async function claim(c: FakeCloud, tags: string[] = ['nrf-cloud-onboarding']): Promise<string> {
  const { token, deviceUuid } = makeToken();
  const answer = await fetch(`${c.provisioningBaseUrl}claimed-devices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${FAKE_DEMO_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ claimToken: token, tags }),
  });
  expect(answer.status).toBe(201);
  return deviceUuid;
}

const links: Array<[string, (c: FakeCloud) => DeviceProvisioningLink]> = [
  ['in-process', (c) => c.deviceLink()],
  ['over HTTP', (c) => createHttpProvisioningLink(c.url)],
];

describe.each(links)('the device link, %s (docs/protocol.md §6, §8.4)', (_name, linkOf) => {
  it('an unclaimed device is not-claimed', async () => {
    const c = await start();
    expect(await linkOf(c).fetchCommands(makeToken().deviceUuid)).toEqual({ kind: 'not-claimed' });
  });

  it('a device claimed without a covering rule gets no commands, and its list stays empty', async () => {
    const c = await start({ teamRules: { [DEMO_TENANT]: [] } });
    const uuid = await claim(c);
    expect(await linkOf(c).fetchCommands(uuid)).toEqual({ kind: 'no-commands' });
    expect(c.provisioning(uuid)).toMatchObject({ hasCheckedIn: true, commands: [] });
  });

  it('an inactive rule, or one for other tags, gives no commands either', async () => {
    const c = await start({
      teamRules: {
        [DEMO_TENANT]: [
          { ...FAKE_ONBOARDING_RULE, active: false },
          { name: 'Line 3', tags: ['line-3'] },
        ],
      },
    });
    expect(await linkOf(c).fetchCommands(await claim(c))).toEqual({ kind: 'no-commands' });
  });

  it('the list is empty until the first check-in, then runs PENDING → IN_PROGRESS → SUCCEEDED; connected only then', async () => {
    const c = await start();
    const link = linkOf(c);
    const uuid = await claim(c);
    expect(c.provisioning(uuid).commands).toEqual([]);
    const answer = await link.fetchCommands(uuid);
    if (answer.kind !== 'commands') throw new Error(`expected commands, got ${answer.kind}`);
    expect(answer.commands.map((cmd) => cmd.type)).toEqual([
      'clientPrivateKeyGeneration',
      'cloudAccessKeyGeneration',
      'serverCertificate',
    ]);
    expect(c.provisioning(uuid).commands.map((cmd) => cmd.status)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);
    expect(await link.connect(uuid, uuid)).toBe('unauthorized');

    await link.reportResults(uuid, [{ id: answer.commands[0]!.id, isOk: true }]);
    expect(c.provisioning(uuid).commands.map((cmd) => cmd.status)).toEqual([
      'SUCCEEDED',
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);
    // Unreported commands are sent again; executed ones have left the queue.
    const again = await link.fetchCommands(uuid);
    expect(again.kind === 'commands' && again.commands.map((cmd) => cmd.type)).toEqual([
      'cloudAccessKeyGeneration',
      'serverCertificate',
    ]);
    await link.reportResults(
      uuid,
      answer.commands.slice(1).map((cmd) => ({ id: cmd.id, isOk: true })),
    );
    expect(await link.fetchCommands(uuid)).toEqual({ kind: 'no-commands' });
    expect(c.provisioning(uuid).isProvisioned).toBe(true);

    // The client id must be the UUID (§14.6).
    expect(await link.connect(uuid, 'nrf-352656106118683')).toBe('unauthorized');
    expect(c.provisioning(uuid).connectedAt).toBeUndefined();
    expect(await link.connect(uuid.toUpperCase(), uuid)).toBe('connected');
    expect(c.provisioning(uuid).connectedAt).toEqual(expect.any(String));
  });

  it('a failed command is FAILED with its words and takes every later command along', async () => {
    const c = await start();
    const link = linkOf(c);
    const uuid = await claim(c);
    const answer = await link.fetchCommands(uuid);
    if (answer.kind !== 'commands') throw new Error('expected commands');
    await link.reportResults(uuid, [
      { id: answer.commands[0]!.id, isOk: true },
      { id: answer.commands[1]!.id, isOk: false, error: 'AT cmd failed, error: 65536' },
    ]);
    expect(c.provisioning(uuid).commands.map((cmd) => [cmd.status, cmd.error])).toEqual([
      ['SUCCEEDED', undefined],
      ['FAILED', 'AT cmd failed, error: 65536'],
      ['CANCELLED', undefined],
    ]);
    expect(await link.fetchCommands(uuid)).toEqual({ kind: 'no-commands' });
    expect(await link.connect(uuid, uuid)).toBe('unauthorized');
  });

  it('injected: busy, too many commands, and a command that fails', async () => {
    const c = await start();
    const link = linkOf(c);
    const uuid = await claim(c);
    c.failProvisioning({ kind: 'busy', count: 2 });
    expect(await link.fetchCommands(uuid)).toEqual({ kind: 'busy' });
    expect(await link.fetchCommands(uuid)).toEqual({ kind: 'busy' });
    c.failProvisioning({ kind: 'too-many-commands', deviceId: uuid });
    expect(await link.fetchCommands(uuid)).toEqual({ kind: 'too-many-commands', count: 3 });
    c.failProvisioning({
      kind: 'command-fails',
      commandType: 'serverCertificate',
      error: 'bad cert',
    });
    const answer = await link.fetchCommands(uuid);
    if (answer.kind !== 'commands') throw new Error('expected commands');
    expect(answer.commands[2]).toEqual({
      id: expect.any(String),
      type: 'serverCertificate',
      failWith: 'bad cert',
    });
    // Even a device that reports it fine is recorded as failed: the fault is the cloud's.
    await link.reportResults(
      uuid,
      answer.commands.map((cmd) => ({ id: cmd.id, isOk: true })),
    );
    expect(c.provisioning(uuid).commands.map((cmd) => cmd.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'FAILED',
    ]);
  });

  it('a rule with more commands than the device holds is sent whole: the device decides (§14.8)', async () => {
    const types = Array.from({ length: 12 }, () => 'cloudAccessKeyGeneration');
    const c = await start({
      teamRules: {
        [DEMO_TENANT]: [{ name: 'Big', tags: ['nrf-cloud-onboarding'], commandTypes: types }],
      },
    });
    const answer = await linkOf(c).fetchCommands(await claim(c));
    expect(answer.kind === 'commands' && answer.commands).toHaveLength(12);
  });
});

describe('the HTTP device link', () => {
  it('only talks to loopback', () => {
    expect(() => createHttpProvisioningLink('https://api.nrfcloud.com')).toThrow(/loopback/);
  });

  it('accepts the deviceLinkUrl as well as the root URL', async () => {
    const c = await start();
    const uuid = await claim(c);
    expect(await createHttpProvisioningLink(c.deviceLinkUrl).fetchCommands(uuid)).toMatchObject({
      kind: 'commands',
    });
  });

  it('is neither logged as an app request nor hit by failNext', async () => {
    const c = await start();
    const uuid = await claim(c);
    const before = c.requests().length;
    c.failNext('server-error');
    expect((await createHttpProvisioningLink(c.url).fetchCommands(uuid)).kind).toBe('commands');
    expect(c.requests()).toHaveLength(before);
  });

  it('refuses a malformed report with an error, not a crash', async () => {
    const c = await start();
    const answer = await fetch(`${c.deviceLinkUrl}x/results`, {
      method: 'POST',
      body: '{"results": 3}',
    });
    expect(answer.status).toBe(400);
  });
});

describe('the device record (docs/protocol.md §7)', () => {
  const record = (c: FakeCloud, uuid: string) =>
    fetch(`${c.apiBaseUrl}devices/${uuid}`, {
      headers: { Authorization: `Bearer ${FAKE_DEMO_KEY}` },
    });

  async function provisionAndConnect(c: FakeCloud): Promise<string> {
    const uuid = await claim(c);
    const link = c.deviceLink();
    const answer = await link.fetchCommands(uuid);
    if (answer.kind !== 'commands') throw new Error('expected commands');
    await link.reportResults(
      uuid,
      answer.commands.map((cmd) => ({ id: cmd.id, isOk: true })),
    );
    expect(await link.connect(uuid, uuid)).toBe('connected');
    return uuid;
  }

  it('is 404 until the device connected, then 200 with connection status', async () => {
    const c = await start();
    const uuid = await claim(c);
    expect((await record(c, uuid)).status).toBe(404);
    const connected = await provisionAndConnect(c);
    const answer = await record(c, connected);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      id: connected,
      state: { reported: { connection: { status: 'connected' } } },
    });
  });

  it('can leave the connection status out, as a CoAP device might (unverified)', async () => {
    const c = await start({ hasConnectionStatus: false });
    const body = (await (await record(c, await provisionAndConnect(c))).json()) as {
      state: { reported: Record<string, unknown> };
    };
    expect(body.state.reported).toEqual({});
  });
});
