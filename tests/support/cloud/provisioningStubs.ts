/**
 * The provisioning half of a CloudAdapter for fakes that script only the claim: the team has the
 * active "nRF Cloud Onboarding" rule, no device has commands yet, none has onboarded.
 */
import type { CloudAdapter, ProvisioningRule } from '../../../src-main/cloud/adapter';
import { ONBOARDING_RULE_NAME, ONBOARDING_TAG } from '../../../src-main/cloud/onboardingRule';

export const onboardingRule: ProvisioningRule = {
  name: ONBOARDING_RULE_NAME,
  isActive: true,
  tags: [ONBOARDING_TAG],
  commandTypes: ['clientPrivateKeyGeneration', 'cloudAccessKeyGeneration', 'serverCertificate'],
};

type ProvisioningPart = Pick<
  CloudAdapter,
  'listRules' | 'createTag' | 'createRule' | 'listCommands' | 'getCommand' | 'getDevice'
>;

export function provisioningStubs(overrides: Partial<ProvisioningPart> = {}): ProvisioningPart {
  return {
    listRules: async () => [onboardingRule],
    createTag: async () => undefined,
    createRule: async (rule) => ({
      name: rule.name,
      isActive: rule.active,
      tags: rule.tags,
      commandTypes: rule.commands.map((c) => Object.keys(c.request)[0] ?? 'unknown'),
    }),
    listCommands: async () => [],
    getCommand: () => Promise.reject(new Error('getCommand not scripted')),
    getDevice: async () => ({ isOnboarded: false }),
    ...overrides,
  };
}
