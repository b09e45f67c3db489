/**
 * The rule check of issue 13 through the assembled services and the local nRF Cloud: the dry
 * run reports the rules, a claim without a covering rule claims nothing, the window's
 * `cloud:create-onboarding-rule` creates the rule (or is refused for a viewer), and a claim then
 * goes through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { claimAndRecord } from '../../src-main/cloud/claimAndRecord';
import { createApiKeyAdapter } from '../../src-main/cloud/restClient';
import {
  defaultFakeCloudKeys,
  FAKE_ADMIN_KEY,
  FAKE_DEMO_KEY,
  FAKE_VIEWER_KEY,
} from '../../src-main/sim/fakeCloud/teams';
import type { DryRunView, OnboardingRuleView } from '../../src-shared/ipc/cloud';
import type { JournalEntryView } from '../../src-shared/ipc/journal';
import { makeToken } from '../unit/main/cloud/helpers';
import { callChannel, callValue, createTestApp, type TestApp } from '../support/testServices';

const DEMO_TENANT = defaultFakeCloudKeys.find((k) => k.key === FAKE_DEMO_KEY)!.tenantId;
const OTHER_TENANT = defaultFakeCloudKeys.find((k) => k.key === FAKE_ADMIN_KEY)!.tenantId;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

const call = <T>(channel: string, input: unknown): Promise<T> => callValue<T>(app!, channel, input);

/** An app whose teams start without any provisioning rule, with `key` active and one token. */
async function appWithoutRules(key: string) {
  app = await createTestApp({ cloud: { teamRules: { [DEMO_TENANT]: [], [OTHER_TENANT]: [] } } });
  await call('cloud:add-api-key', { apiKey: key });
  const { token, deviceUuid } = makeToken();
  const { entry } = await call<{ entry: JournalEntryView }>('journal:add-token', { text: token });
  return { entry, deviceUuid };
}

const claimPosts = () =>
  app!.cloud.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/claimed-devices'));

describe('the provisioning rule check (docs/protocol.md §5)', () => {
  it('dry run: reports the covering rule of a team that has one', async () => {
    app = await createTestApp();
    await call('cloud:add-api-key', { apiKey: FAKE_DEMO_KEY });
    const { entry } = await call<{ entry: JournalEntryView }>('journal:add-token', {
      text: makeToken().token,
    });
    const verdict = await call<DryRunView>('cloud:dry-run', {
      journalId: entry.id,
      requestId: 'd',
    });
    expect(verdict).toMatchObject({
      claimable: true,
      rules: { isCovered: true, ruleName: 'nRF Cloud Onboarding', tags: ['nrf-cloud-onboarding'] },
    });
  });

  it('rule missing: the dry run says so, and the claim fails ONBOARDING_RULE_MISSING with no claim made', async () => {
    const { entry, deviceUuid } = await appWithoutRules(FAKE_DEMO_KEY);
    const verdict = await call<DryRunView>('cloud:dry-run', {
      journalId: entry.id,
      requestId: 'd',
    });
    expect(verdict.rules).toEqual({ isCovered: false, tags: ['nrf-cloud-onboarding'] });

    const result = await callChannel(app!, 'cloud:claim-device', {
      journalId: entry.id,
      requestId: 'c',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'ONBOARDING_RULE_MISSING',
        message: expect.stringMatching(/claimed but never receive its credentials/),
      },
    });
    expect(app!.cloud.claimed().has(deviceUuid)).toBe(false);
    // Only dry runs were posted to claimed-devices, never the claim itself.
    expect(claimPosts()).toEqual([]);
    const [saved] = await call<JournalEntryView[]>('journal:list-journal', {});
    expect(saved).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'ONBOARDING_RULE_MISSING' },
    });
  });

  it('cloud:create-onboarding-rule creates the rule, after which the same claim goes through', async () => {
    const { entry, deviceUuid } = await appWithoutRules(FAKE_DEMO_KEY);
    const created = await call<OnboardingRuleView>('cloud:create-onboarding-rule', {
      requestId: 'r',
    });
    expect(created).toEqual({
      name: 'nRF Cloud Onboarding',
      tags: ['nrf-cloud-onboarding'],
      isActive: true,
      commandTypes: ['clientPrivateKeyGeneration', 'cloudAccessKeyGeneration', 'serverCertificate'],
      wasCreated: true,
    });
    expect(app!.cloud.rules(DEMO_TENANT)).toHaveLength(1);
    const again = await call<OnboardingRuleView>('cloud:create-onboarding-rule', {
      requestId: 'r2',
    });
    expect(again.wasCreated).toBe(false);

    await call('cloud:claim-device', { journalId: entry.id, requestId: 'c' });
    expect(app!.cloud.claimed().get(deviceUuid)?.tags).toEqual(['nrf-cloud-onboarding']);
  });

  it('a viewer is refused with RULE_CREATE_REFUSED and nothing is created', async () => {
    await appWithoutRules(FAKE_VIEWER_KEY);
    const result = await callChannel(app!, 'cloud:create-onboarding-rule', { requestId: 'r' });
    expect(result).toMatchObject({ ok: false, error: { code: 'RULE_CREATE_REFUSED' } });
    expect(app!.cloud.rules(OTHER_TENANT)).toEqual([]);
  });

  it('claimAndRecord with createRule: creates the tag and rule, then claims (the CLI and station path)', async () => {
    const { entry, deviceUuid } = await appWithoutRules(FAKE_DEMO_KEY);
    const adapter = createApiKeyAdapter({
      apiKey: FAKE_DEMO_KEY,
      apiBaseUrl: app!.cloud.apiBaseUrl,
      provisioningBaseUrl: app!.cloud.provisioningBaseUrl,
    });
    const { openJournal } = await import('../../src-main/cloud/journal');
    const journal = openJournal(app!.dataDir);
    const stored = journal.list().find((e) => e.id === entry.id)!;
    const result = await claimAndRecord({
      adapter,
      entry: stored,
      journal,
      tags: ['nrf-cloud-onboarding'],
      createRule: true,
    });
    expect(result.deviceId).toBe(deviceUuid);
    const posts = app!.cloud
      .requests()
      .filter((r) => r.method === 'POST')
      .map((r) => r.path);
    expect(posts).toEqual([
      '/provisioning/v1/claimed-devices?dryrun=true',
      '/provisioning/v1/provisioning/tags',
      '/provisioning/v1/provisioning-rules',
      '/provisioning/v1/claimed-devices',
    ]);
    expect(journal.list().find((e) => e.id === entry.id)?.claimStatus).toBe('claimed');
  });
});
