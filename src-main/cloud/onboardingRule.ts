/**
 * The provisioning-rule side of a claim (docs/protocol.md §5): does an active rule carry one of
 * the claim tags, so that the device will receive its credentials after the claim? And, when
 * asked, create the same tag and "nRF Cloud Onboarding" rule that nrfcloud-utils creates.
 */
import type { DryRunView, OnboardingRuleView } from '../../src-shared/ipc/cloud';
import { AppError } from '../../src-shared/ipc/errors';
import type { RuleCheckView } from '../../src-shared/ipc/provisioning';
import type { CloudAdapter, NewProvisioningRule, ProvisioningRule } from './adapter';
import { ONBOARDING_SERVER_CERTIFICATES } from './caCertificates';

/** The claim tag nRF Cloud's own onboarding uses (§4.3). */
export const ONBOARDING_TAG = 'nrf-cloud-onboarding';
export const ONBOARDING_RULE_NAME = 'nRF Cloud Onboarding';
/** The sec tag nRF Cloud clients read their credentials from; utils' `--sectag` default (§5.3). */
export const NRF_CLOUD_SEC_TAG = 16842753;

/** The body of utils' `create_provisioning_rule()` with its defaults (CoAP, sec tag 16842753). */
export function onboardingRuleBody(): NewProvisioningRule {
  const secTag = NRF_CLOUD_SEC_TAG;
  return {
    name: ONBOARDING_RULE_NAME,
    description: 'Onboarding rule for nRF Cloud',
    active: true,
    commands: [
      { request: { clientPrivateKeyGeneration: { secTag } } },
      { request: { cloudAccessKeyGeneration: { secTag } } },
      { request: { serverCertificate: { secTag, content: ONBOARDING_SERVER_CERTIFICATES } } },
    ],
    tags: [ONBOARDING_TAG],
  };
}

/**
 * Which rule covers the claim tags: an active rule carrying one of them. `active` is unverified
 * on list items (§5.1), so a rule without it counts (an explicit false does not), and the check
 * says so with isActiveUnknown.
 */
export function checkRules(
  rules: readonly ProvisioningRule[],
  tags: readonly string[],
): RuleCheckView {
  const carrying = rules.filter(
    (r) => r.isActive !== false && r.tags.some((t) => tags.includes(t)),
  );
  const chosen = carrying.find((r) => r.isActive === true) ?? carrying[0];
  if (chosen === undefined) return { isCovered: false, tags: [...tags] };
  return {
    isCovered: true,
    ruleName: chosen.name,
    tags: [...tags],
    ...(chosen.isActive === undefined ? { isActiveUnknown: true } : {}),
  };
}

/**
 * The dry run of §4.4 plus the rule check of §5.1, for a token that could be claimed (or is
 * already yours). A claim without tags asks for no provisioning, so its rules are not looked at.
 */
export async function dryRunWithRules(
  adapter: Pick<CloudAdapter, 'dryRun' | 'listRules'>,
  token: string,
  tags: string[],
  signal?: AbortSignal,
): Promise<DryRunView> {
  const verdict = await adapter.dryRun(token, tags, signal);
  if (tags.length === 0 || (!verdict.claimable && !verdict.alreadyClaimedByYou)) return verdict;
  const rules = checkRules(await adapter.listRules(signal), tags);
  return { ...verdict, rules };
}

/** ONBOARDING_RULE_MISSING for a check that found no covering rule. */
export function ruleMissing(check: RuleCheckView): AppError {
  const names = check.tags.map((t) => `“${t}”`).join(', ');
  const which =
    check.tags.length === 1 ? `the claim tag ${names}` : `any of the claim tags ${names}`;
  const fix = check.tags.includes(ONBOARDING_TAG)
    ? `Create the “${ONBOARDING_RULE_NAME}” rule, or activate a rule with that tag in the nRF Cloud portal.`
    : `Activate a rule with one of these tags in the nRF Cloud portal, or claim with the tag “${ONBOARDING_TAG}” and create the “${ONBOARDING_RULE_NAME}” rule.`;
  return new AppError(
    'ONBOARDING_RULE_MISSING',
    `No active provisioning rule in this team carries ${which}: the device would be claimed but never receive its credentials. Nothing was claimed. ${fix}`,
  );
}

/**
 * Makes sure the team has an active rule for `nrf-cloud-onboarding`: lists the rules, and when
 * none covers the tag posts the tag and then the rule, as utils' ensure_nrfcloud_provisioning_rule
 * does (§5.1 to §5.3). A refusal is RULE_CREATE_REFUSED (§5.4).
 */
export async function ensureOnboardingRule(
  adapter: Pick<CloudAdapter, 'listRules' | 'createTag' | 'createRule'>,
  signal?: AbortSignal,
): Promise<OnboardingRuleView> {
  const rules = await adapter.listRules(signal);
  const existing = rules.find((r) => r.isActive !== false && r.tags.includes(ONBOARDING_TAG));
  if (existing !== undefined) return viewOf(existing, false);
  try {
    await adapter.createTag(
      ONBOARDING_TAG,
      `Generated tag for rule: ${ONBOARDING_RULE_NAME}`,
      signal,
    );
  } catch (error) {
    // utils ignores the tag's answer (§5.2); the rule's own answer is the one that decides.
    if (error instanceof AppError && error.code === 'CANCELLED') throw error;
  }
  return viewOf(await adapter.createRule(onboardingRuleBody(), signal), true);
}

function viewOf(rule: ProvisioningRule, wasCreated: boolean): OnboardingRuleView {
  return {
    name: rule.name,
    tags: [...rule.tags],
    ...(rule.isActive === undefined ? {} : { isActive: rule.isActive }),
    commandTypes: [...rule.commandTypes],
    wasCreated,
  };
}
