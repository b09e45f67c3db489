import { createHash } from 'node:crypto';
import type { CloudAdapter, ProvisioningRule } from '../../../../src-main/cloud/adapter';
import { AWS_ROOT_CA_1, NRF_CLOUD_COAP_CA } from '../../../../src-main/cloud/caCertificates';
import { claimAndRecord } from '../../../../src-main/cloud/claimAndRecord';
import { openJournal } from '../../../../src-main/cloud/journal';
import {
  checkRules,
  dryRunWithRules,
  ensureOnboardingRule,
  onboardingRuleBody,
} from '../../../../src-main/cloud/onboardingRule';
import { AppError } from '../../../../src-shared/ipc/errors';
import { onboardingRule, provisioningStubs } from '../../../support/cloud/provisioningStubs';
import { makeTempDir, makeToken } from './helpers';

const rule = (extra: Partial<ProvisioningRule>): ProvisioningRule => ({
  name: 'r',
  isActive: true,
  tags: [],
  commandTypes: [],
  ...extra,
});

describe('checkRules (docs/protocol.md §5.1)', () => {
  it('is covered by an active rule carrying one of the claim tags', () => {
    expect(checkRules([onboardingRule], ['nrf-cloud-onboarding'])).toEqual({
      isCovered: true,
      ruleName: 'nRF Cloud Onboarding',
      tags: ['nrf-cloud-onboarding'],
    });
  });

  it('is not covered by an inactive rule, a rule with other tags, or no rules', () => {
    const tags = ['nrf-cloud-onboarding'];
    expect(checkRules([{ ...onboardingRule, isActive: false }], tags).isCovered).toBe(false);
    expect(checkRules([rule({ tags: ['line-3'] })], tags).isCovered).toBe(false);
    expect(checkRules([], tags)).toEqual({ isCovered: false, tags });
  });

  it('counts a rule without `active` and says the field was missing', () => {
    expect(checkRules([rule({ name: 'old', isActive: undefined, tags: ['t'] })], ['t'])).toEqual({
      isCovered: true,
      ruleName: 'old',
      tags: ['t'],
      isActiveUnknown: true,
    });
  });

  it('prefers a rule known to be active over one whose state is unknown', () => {
    const check = checkRules(
      [
        rule({ name: 'unknown', isActive: undefined, tags: ['t'] }),
        rule({ name: 'sure', tags: ['t'] }),
      ],
      ['t'],
    );
    expect(check).toEqual({ isCovered: true, ruleName: 'sure', tags: ['t'] });
  });

  it('lets custom tags pass with their own active rule', () => {
    expect(
      checkRules([rule({ name: 'Line 3', tags: ['line-3'] })], ['line-3', 'tray-a']),
    ).toMatchObject({
      isCovered: true,
      ruleName: 'Line 3',
    });
  });
});

describe('the nRF Cloud Onboarding rule (docs/protocol.md §5.3)', () => {
  it('is the body nrfcloud-utils posts, with both CA certificates on sec tag 16842753', () => {
    const body = onboardingRuleBody();
    expect(body).toMatchObject({
      name: 'nRF Cloud Onboarding',
      description: 'Onboarding rule for nRF Cloud',
      active: true,
      tags: ['nrf-cloud-onboarding'],
      commands: [
        { request: { clientPrivateKeyGeneration: { secTag: 16842753 } } },
        { request: { cloudAccessKeyGeneration: { secTag: 16842753 } } },
        { request: { serverCertificate: { secTag: 16842753, content: expect.any(String) } } },
      ],
    });
    const content = body.commands[2]?.request.serverCertificate?.content as string;
    expect(content).toBe(`${AWS_ROOT_CA_1}\n${NRF_CLOUD_COAP_CA}`);
    expect(content.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    // The SHA-256 of utils' `ca_certs.get_ca_certs(coap=True)` (prod), byte for byte.
    expect(createHash('sha256').update(content).digest('hex')).toBe(
      'f6eef665b61c4f9852ac3c84747d0ee92d0e79b24c187abb7ceef7a85e173534',
    );
  });
});

/** A provisioning-side fake whose calls are logged; the team's rules are in `rules`. */
function rulesFake(rules: ProvisioningRule[], refuse?: AppError) {
  const calls: string[] = [];
  const adapter = provisioningStubs({
    listRules: async () => {
      calls.push('listRules');
      return [...rules];
    },
    createTag: async (tag) => {
      calls.push(`createTag:${tag}`);
      if (refuse) throw refuse;
    },
    createRule: async (body) => {
      calls.push(`createRule:${body.name}`);
      if (refuse) throw refuse;
      const created = rule({ name: body.name, isActive: body.active, tags: body.tags });
      rules.push(created);
      return created;
    },
  });
  return { adapter, calls };
}

describe('ensureOnboardingRule', () => {
  it('posts the tag, then the rule, when no active rule carries nrf-cloud-onboarding', async () => {
    const { adapter, calls } = rulesFake([{ ...onboardingRule, isActive: false }]);
    const view = await ensureOnboardingRule(adapter);
    expect(calls).toEqual([
      'listRules',
      'createTag:nrf-cloud-onboarding',
      'createRule:nRF Cloud Onboarding',
    ]);
    expect(view).toMatchObject({ name: 'nRF Cloud Onboarding', isActive: true, wasCreated: true });
  });

  it('creates nothing when the rule exists', async () => {
    const { adapter, calls } = rulesFake([onboardingRule]);
    expect(await ensureOnboardingRule(adapter)).toMatchObject({ wasCreated: false });
    expect(calls).toEqual(['listRules']);
  });

  it("passes on the rule's refusal, not the tag's", async () => {
    const refusal = new AppError('RULE_CREATE_REFUSED', 'no');
    const { adapter, calls } = rulesFake([], refusal);
    await expect(ensureOnboardingRule(adapter)).rejects.toMatchObject({
      code: 'RULE_CREATE_REFUSED',
    });
    expect(calls).toHaveLength(3);
  });
});

describe('dryRunWithRules', () => {
  const dryRunAdapter = (claimable: boolean, calls: string[]) => ({
    dryRun: async () => {
      calls.push('dryRun');
      return { claimable, alreadyClaimedByYou: false };
    },
    listRules: async () => {
      calls.push('listRules');
      return [onboardingRule];
    },
  });

  it('adds the rule check to a claimable verdict', async () => {
    const calls: string[] = [];
    const verdict = await dryRunWithRules(dryRunAdapter(true, calls), 't', [
      'nrf-cloud-onboarding',
    ]);
    expect(verdict.rules).toMatchObject({ isCovered: true, ruleName: 'nRF Cloud Onboarding' });
    expect(calls).toEqual(['dryRun', 'listRules']);
  });

  it('does not look at rules for a token that cannot be claimed, or a claim without tags', async () => {
    const calls: string[] = [];
    expect(await dryRunWithRules(dryRunAdapter(false, calls), 't', ['x'])).not.toHaveProperty(
      'rules',
    );
    expect(await dryRunWithRules(dryRunAdapter(true, calls), 't', [])).not.toHaveProperty('rules');
    expect(calls).toEqual(['dryRun', 'dryRun']);
  });
});

describe('claimAndRecord and the rules', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir('onboarder-rules-'));
  });
  afterEach(() => cleanup());

  function claimAdapter(rules: ProvisioningRule[], refuse?: AppError) {
    const { adapter: provisioning, calls } = rulesFake(rules, refuse);
    const adapter: CloudAdapter = {
      ...provisioning,
      getAccount: () => Promise.reject(new Error('not used')),
      dryRun: async () => {
        calls.push('dryRun');
        return { claimable: true, alreadyClaimedByYou: false };
      },
      claim: async (_token, tags) => {
        calls.push('claim');
        return { deviceId: entryUuid, tags, alreadyClaimedByYou: false, portalUrl: 'u' };
      },
      unclaim: () => Promise.reject(new Error('not used')),
    };
    return { adapter, calls };
  }
  let entryUuid = '';

  function journalEntry() {
    const journal = openJournal(dir);
    const { token, deviceUuid } = makeToken();
    entryUuid = deviceUuid;
    return { journal, entry: journal.add({ token, deviceUuid, source: 'device' }) };
  }

  it('refuses with ONBOARDING_RULE_MISSING before anything is claimed, and records it', async () => {
    const { journal, entry } = journalEntry();
    const { adapter, calls } = claimAdapter([]);
    const error = await claimAndRecord({
      adapter,
      entry,
      journal,
      tags: ['nrf-cloud-onboarding'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ONBOARDING_RULE_MISSING');
    expect((error as AppError).message).toMatch(/claimed but never receive its credentials/);
    expect(calls).toEqual(['dryRun', 'listRules']);
    expect(journal.list()[0]).toMatchObject({
      claimStatus: 'failed',
      lastError: { code: 'ONBOARDING_RULE_MISSING' },
    });
  });

  it('with createRule, creates the tag and rule first, then claims', async () => {
    const { journal, entry } = journalEntry();
    const { adapter, calls } = claimAdapter([]);
    const created: string[] = [];
    const steps: string[] = [];
    const result = await claimAndRecord({
      adapter,
      entry,
      journal,
      tags: ['nrf-cloud-onboarding'],
      createRule: true,
      onRuleCreated: (view) => created.push(view.name),
      onStep: (step) => steps.push(step),
    });
    expect(result.deviceId).toBe(entry.deviceUuid);
    expect(calls).toEqual([
      'dryRun',
      'listRules',
      'listRules',
      'createTag:nrf-cloud-onboarding',
      'createRule:nRF Cloud Onboarding',
      'claim',
    ]);
    expect(created).toEqual(['nRF Cloud Onboarding']);
    expect(steps).toEqual(['checking', 'creating-rule', 'claiming']);
    expect(journal.list()[0]?.claimStatus).toBe('claimed');
  });

  it('a refused creation is RULE_CREATE_REFUSED and claims nothing', async () => {
    const { journal, entry } = journalEntry();
    const { adapter, calls } = claimAdapter([], new AppError('RULE_CREATE_REFUSED', 'viewer'));
    await expect(
      claimAndRecord({ adapter, entry, journal, tags: ['nrf-cloud-onboarding'], createRule: true }),
    ).rejects.toMatchObject({ code: 'RULE_CREATE_REFUSED' });
    expect(calls).not.toContain('claim');
    expect(journal.list()[0]?.lastError?.code).toBe('RULE_CREATE_REFUSED');
  });

  it('does not create the onboarding rule for custom tags it would not cover', async () => {
    const { journal, entry } = journalEntry();
    const { adapter, calls } = claimAdapter([]);
    await expect(
      claimAndRecord({ adapter, entry, journal, tags: ['line-3'], createRule: true }),
    ).rejects.toMatchObject({ code: 'ONBOARDING_RULE_MISSING', message: /“line-3”/ });
    expect(calls).toEqual(['dryRun', 'listRules']);
  });

  it('claims with custom tags that have their own active rule', async () => {
    const { journal, entry } = journalEntry();
    const { adapter, calls } = claimAdapter([rule({ name: 'Line 3', tags: ['line-3'] })]);
    await claimAndRecord({ adapter, entry, journal, tags: ['line-3'] });
    expect(calls).toEqual(['dryRun', 'listRules', 'claim']);
  });
});
