/**
 * What a job shows about provisioning, the step after the claim (issue 13): which firmware family
 * was found and why, a timeline of milestones with times, the cloud's commands, LTE drops, and how
 * it ended. Carried whole inside the JobView.
 */
import type { ProvisioningFamily, ProvisioningStage } from '../provisioning/model';
import type { AppErrorData } from './errors';

export type { ProvisioningFamily, ProvisioningStage } from '../provisioning/model';

/** One milestone as it happened. */
export interface ProvisioningStageView {
  stage: ProvisioningStage;
  /** ISO 8601. */
  at: string;
  /** Milliseconds since the claim. */
  sinceClaimMs: number;
  source: 'device' | 'cloud' | 'app';
  /** The line or status it was learned from, or the app's own words. */
  text: string;
}

/** One provisioning command as the cloud reports it (docs/protocol.md §6). */
export interface ProvisioningCommandView {
  id: string;
  type: string;
  /** PENDING, IN_PROGRESS, or a final status as the cloud names it (unknown ones kept as they are). */
  status: string;
}

/**
 * Why a job ended claimed without provisioning; the stepper names it (issue 13). Absent while
 * provisioning runs and once it ran (connected, or `error`).
 * - `turned-off`: not asked for: the app setting is off, or the job was started without it
 *   (`--no-provision`). The device was not looked at, so `family` is `none`.
 * - `unsupported`: the firmware cannot fetch its credentials: AT host, or a shell / Serial Modem
 *   build without a provisioning client (`family` says which, docs/protocol.md §13).
 */
export type ProvisioningSkipReason = 'turned-off' | 'unsupported';

export interface ProvisioningView {
  /**
   * `none`: the firmware answers, but has no provisioning client the app can start (§13), or it
   * was not looked at (`skipReason` `turned-off`).
   */
  family: ProvisioningFamily | 'none';
  /** How the family was learned, in words (e.g. "`help` lists nrf_provisioning"). */
  familyReason: string;
  /** The latest milestone reached. */
  stage?: ProvisioningStage;
  stages: ProvisioningStageView[];
  commands: ProvisioningCommandView[];
  /** How often LTE went down during provisioning (normal, §8.4). */
  lteDrops: number;
  /** The limit after which it ends PROVISIONING_TIMEOUT. */
  timeoutMs: number;
  /** Why the job ended "claimed" without provisioning, as a code: switch on this, not on `note`. */
  skipReason?: ProvisioningSkipReason;
  /** The same in words, for people (AT host firmware, --no-provision). */
  note?: string;
  error?: AppErrorData;
}

/** The dry run's look at the team's provisioning rules (docs/protocol.md §5). */
export interface RuleCheckView {
  /** True when an active rule carries one of the claim tags. */
  isCovered: boolean;
  /** The rule that covers the tags, when one does. */
  ruleName?: string;
  /** The claim tags that were looked for. */
  tags: string[];
  /** True when `active` was missing on the rules seen (unverified field, §5.1). */
  isActiveUnknown?: boolean;
}
