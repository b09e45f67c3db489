import {
  createApiKeyAdapter,
  type ApiKeyAdapterOptions,
} from '../../../../src-main/cloud/restClient';
import {
  ensureOnboardingRule,
  onboardingRuleBody,
} from '../../../../src-main/cloud/onboardingRule';
import { startFakeCloud, type FakeCloud } from '../../../../src-main/sim/fakeCloud/server';
import {
  defaultFakeCloudKeys,
  FAKE_ADMIN_KEY,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../../../src-main/sim/fakeCloud/teams';
import { caught, jsonResponse, makeToken, scriptedFetch } from './helpers';

const OTHER_TENANT = defaultFakeCloudKeys.find((k) => k.key === FAKE_ADMIN_KEY)!.tenantId;

let cloud: FakeCloud;
beforeEach(async () => {
  // "Other Team" starts without any rule; "Demo Team" has the onboarding rule.
  cloud = await startFakeCloud({ teamRules: { [OTHER_TENANT]: [] } });
});
afterEach(async () => {
  await cloud.close();
});

function adapterFor(key: string, extra: Partial<ApiKeyAdapterOptions> = {}) {
  return createApiKeyAdapter({
    apiKey: key,
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
    sleep: async () => undefined,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5000 },
    ...extra,
  });
}

describe('provisioning rules over the local nRF Cloud (docs/protocol.md §5)', () => {
  it('lists the onboarding rule of a team that has it, and nothing for one that has not', async () => {
    expect(await adapterFor(FAKE_DEMO_KEY).listRules()).toEqual([
      expect.objectContaining({
        name: 'nRF Cloud Onboarding',
        isActive: true,
        tags: ['nrf-cloud-onboarding'],
        commandTypes: [
          'clientPrivateKeyGeneration',
          'cloudAccessKeyGeneration',
          'serverCertificate',
        ],
      }),
    ]);
    expect(await adapterFor(FAKE_ADMIN_KEY).listRules()).toEqual([]);
    expect(cloud.requests()).toContainEqual({
      method: 'GET',
      path: '/provisioning/v1/provisioning-rules',
    });
  });

  it('creates the tag and the rule utils creates, and lists it afterwards', async () => {
    const admin = adapterFor(FAKE_ADMIN_KEY);
    const view = await ensureOnboardingRule(admin);
    expect(view).toMatchObject({ name: 'nRF Cloud Onboarding', isActive: true, wasCreated: true });
    const [stored] = cloud.rules(OTHER_TENANT);
    expect(stored).toMatchObject({
      name: 'nRF Cloud Onboarding',
      description: 'Onboarding rule for nRF Cloud',
      active: true,
      tags: ['nrf-cloud-onboarding'],
      commands: onboardingRuleBody().commands,
    });
    expect(
      cloud
        .requests()
        .filter((r) => r.method === 'POST')
        .map((r) => r.path),
    ).toEqual(['/provisioning/v1/provisioning/tags', '/provisioning/v1/provisioning-rules']);
    // Asked again: the rule is there, nothing new is posted.
    expect(await ensureOnboardingRule(admin)).toMatchObject({ wasCreated: false });
    expect(cloud.rules(OTHER_TENANT)).toHaveLength(1);
  });

  it('takes an existing tag as no error', async () => {
    const admin = adapterFor(FAKE_ADMIN_KEY);
    await admin.createTag('nrf-cloud-onboarding', 'x');
    await expect(admin.createTag('nrf-cloud-onboarding', 'x')).resolves.toBeUndefined();
  });

  it('refuses a viewer with RULE_CREATE_REFUSED, which names the role problem', async () => {
    const viewer = adapterFor(FAKE_VIEWER_KEY);
    expect(await viewer.listRules()).toEqual([]);
    const error = await caught(ensureOnboardingRule(viewer));
    expect(error.code).toBe('RULE_CREATE_REFUSED');
    expect(error.message).toMatch(/HTTP 403/);
    expect(error.message).toMatch(/Admin or Owner/);
    expect(cloud.rules(OTHER_TENANT)).toEqual([]);
  });

  it('a rejected key is API_KEY_REJECTED when listing, RULE_CREATE_REFUSED when creating', async () => {
    const stranger = adapterFor('0123456789abcdef0123456789abcdef01234567');
    expect((await caught(stranger.listRules())).code).toBe('API_KEY_REJECTED');
    expect((await caught(stranger.createRule(onboardingRuleBody()))).code).toBe(
      'RULE_CREATE_REFUSED',
    );
  });

  it('retries a 429 on the rule list like every other call', async () => {
    cloud.failNext('rate-limit');
    expect(await adapterFor(FAKE_DEMO_KEY).listRules()).toHaveLength(1);
  });

  it('keeps what was sent when the 201 body says nothing usable', async () => {
    const { fetch } = scriptedFetch([() => new Response('', { status: 201 })]);
    const created = await adapterFor(FAKE_DEMO_KEY, { fetch }).createRule(onboardingRuleBody());
    expect(created).toMatchObject({
      name: 'nRF Cloud Onboarding',
      isActive: true,
      tags: ['nrf-cloud-onboarding'],
    });
  });

  it('an HTML page with 200 for the rule list is UNEXPECTED_RESPONSE, not an empty team', async () => {
    const { fetch } = scriptedFetch([
      () =>
        new Response('<html>captive portal</html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    ]);
    expect((await caught(adapterFor(FAKE_DEMO_KEY, { fetch }).listRules())).code).toBe(
      'UNEXPECTED_RESPONSE',
    );
  });
});

describe('provisioning commands and the device record (docs/protocol.md §6, §7)', () => {
  it('lists an empty command list for a claimed device that has not checked in, 404 before it connected', async () => {
    const adapter = adapterFor(FAKE_DEMO_KEY);
    const { token, deviceUuid } = makeToken();
    await adapter.claim(token, ['nrf-cloud-onboarding']);
    expect(await adapter.listCommands(deviceUuid)).toEqual([]);
    expect(await adapter.getDevice(deviceUuid)).toEqual({ isOnboarded: false });
  });

  it('follows a device through provisioning: statuses, then the 200 record with connection status', async () => {
    const adapter = adapterFor(FAKE_DEMO_KEY);
    const { token, deviceUuid } = makeToken();
    await adapter.claim(token, ['nrf-cloud-onboarding']);
    const link = cloud.deviceLink();
    const fetched = await link.fetchCommands(deviceUuid);
    if (fetched.kind !== 'commands') throw new Error(`expected commands, got ${fetched.kind}`);
    const listed = await adapter.listCommands(deviceUuid);
    expect(listed.map((c) => [c.type, c.status])).toEqual([
      ['clientPrivateKeyGeneration', 'IN_PROGRESS'],
      ['cloudAccessKeyGeneration', 'IN_PROGRESS'],
      ['serverCertificate', 'IN_PROGRESS'],
    ]);
    await link.reportResults(
      deviceUuid,
      fetched.commands.map((c) => ({ id: c.id, isOk: true })),
    );
    const one = await adapter.getCommand(deviceUuid, fetched.commands[2]!.id);
    expect(one).toMatchObject({ type: 'serverCertificate', status: 'SUCCEEDED' });
    expect(await adapter.getDevice(deviceUuid)).toEqual({ isOnboarded: false });
    expect(await link.connect(deviceUuid, deviceUuid)).toBe('connected');
    expect(await adapter.getDevice(deviceUuid)).toMatchObject({
      isOnboarded: true,
      connectionStatus: 'connected',
    });
    expect(cloud.requests()).toContainEqual({ method: 'GET', path: `/v1/devices/${deviceUuid}` });
  });

  it("another team's device, or none, is NOT_FOUND for commands and 404 for the record", async () => {
    const { token, deviceUuid } = makeToken();
    await adapterFor(FAKE_DEMO_KEY).claim(token, []);
    const other = adapterFor(FAKE_ADMIN_KEY);
    expect((await caught(other.listCommands(deviceUuid))).code).toBe('NOT_FOUND');
    expect((await caught(other.getCommand(deviceUuid, 'x'))).code).toBe('NOT_FOUND');
    expect(await other.getDevice(deviceUuid)).toEqual({ isOnboarded: false });
  });

  it('reads a command list in a shape other than {items}', async () => {
    const { fetch, calls } = scriptedFetch([
      () => jsonResponse(200, [{ id: 'c', request: { finished: {} }, status: 'DONE' }]),
    ]);
    expect(await adapterFor(FAKE_DEMO_KEY, { fetch }).listCommands('dev')).toEqual([
      { id: 'c', type: 'finished', status: 'DONE' },
    ]);
    expect(calls[0]?.url).toBe(`${cloud.provisioningBaseUrl}claimed-devices/dev/provisioning`);
  });

  it('asks the main API, not the provisioning host, for the device record', async () => {
    const { fetch, calls } = scriptedFetch([() => jsonResponse(404, { message: 'not found' })]);
    await adapterFor(FAKE_DEMO_KEY, { fetch }).getDevice('d/1');
    expect(calls[0]?.url).toBe(`${cloud.apiBaseUrl}devices/d%2F1`);
  });

  it('a 500 that stays is SERVER_ERROR after the retries, so a watcher can back off', async () => {
    cloud.failNext('server-error', 5);
    expect((await caught(adapterFor(FAKE_DEMO_KEY).getDevice('x'))).code).toBe('SERVER_ERROR');
  });
});
