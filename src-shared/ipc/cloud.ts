/** The `cloud` domain: API keys (the renderer sees only summaries), dry run, claim, unclaim. */
import type { RuleCheckView } from './provisioning';
import { z } from 'zod';
import { event, invoke, returns } from './contract';
import type { ErrorCode } from './errors';

export interface KeySummary {
  id: string;
  teamName: string;
  tenantId: string;
  role: string;
  maskedKey: string;
  isActive: boolean;
  canClaim: boolean;
}

/** What the renderer may know about the keys: never a key itself. */
export interface KeyStatus {
  hasApiKey: boolean;
  teamName?: string;
  role?: string;
  maskedKey?: string;
  canClaim?: boolean;
  /** The OS offers no real key store (Linux `basic_text`): keys are obfuscated, not encrypted. */
  isEncryptionWeak: boolean;
  encryptionBackend: string;
  /** Origins outside nRF Cloud the key goes to, allowed only by the developer override. */
  cloudUrlOverrides?: string[];
  keys: KeySummary[];
}

export interface DryRunView {
  claimable: boolean;
  reason?: string;
  alreadyClaimedByYou: boolean;
  /** Why the token is not claimable, when it is not. */
  code?: ErrorCode;
  /**
   * The team's provisioning rules against the claim tags (issue 13, docs/protocol.md §5). Absent
   * when the rules were not asked for; `isCovered` false means ONBOARDING_RULE_MISSING.
   */
  rules?: RuleCheckView;
}

export interface ClaimView {
  deviceId: string;
  deviceType?: string;
  firmwareId?: string;
  imei?: string;
  status?: string;
  ownershipStatus?: string;
  claimedAt?: string;
  tags: string[];
  alreadyClaimedByYou: boolean;
  portalUrl: string;
}

/** The team's "nRF Cloud Onboarding" rule after `cloud:create-onboarding-rule` (docs/protocol.md §5.3). */
export interface OnboardingRuleView {
  name: string;
  tags: string[];
  /** Absent when nRF Cloud's answer did not say (unverified field, §5.1). */
  isActive?: boolean;
  /** The command types the rule adds, e.g. clientPrivateKeyGeneration, serverCertificate. */
  commandTypes: string[];
  /** False when an active rule with the tag existed already and nothing was created. */
  wasCreated: boolean;
}

export interface RetryNotice {
  requestId: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

const requestId = z.string().min(1).max(64);
const tags = z.array(z.string().trim().min(1).max(64)).max(20).optional();
const journalId = z.string().min(1).max(64);

export const cloudChannels = {
  getKeyStatus: invoke('cloud:get-key-status', z.object({}).strict(), returns<KeyStatus>()),
  addApiKey: invoke(
    'cloud:add-api-key',
    z.object({ apiKey: z.string().max(4096) }).strict(),
    returns<KeyStatus>(),
  ),
  setActiveKey: invoke(
    'cloud:set-active-key',
    z.object({ id: z.string().min(1) }).strict(),
    returns<KeyStatus>(),
  ),
  removeKey: invoke(
    'cloud:remove-key',
    z.object({ id: z.string().min(1) }).strict(),
    returns<KeyStatus>(),
  ),
  dryRun: invoke(
    'cloud:dry-run',
    z.object({ journalId, tags, requestId }).strict(),
    returns<DryRunView>(),
  ),
  claim: invoke(
    'cloud:claim-device',
    z.object({ journalId, tags, requestId }).strict(),
    returns<ClaimView>(),
  ),
  unclaim: invoke(
    'cloud:unclaim-device',
    z.object({ deviceId: z.string().uuid(), journalId: journalId.optional() }).strict(),
    returns<void>(),
  ),
  createOnboardingRule: invoke(
    'cloud:create-onboarding-rule',
    z.object({ requestId }).strict(),
    returns<OnboardingRuleView>(),
  ),
  retryScheduled: event('cloud:retry-scheduled', returns<RetryNotice>()),
} as const;
