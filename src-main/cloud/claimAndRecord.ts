/**
 * The one way a token is claimed: dry run and rule check, then claim, then the outcome written to
 * the token journal (claimed, already claimed by you, or the error). The window's claim, "claim
 * pending", `nrf-onboard claim` and station jobs all come through here, so they cannot drift
 * apart. A claim whose tags no active provisioning rule carries is refused before anything is
 * claimed (ONBOARDING_RULE_MISSING, docs/protocol.md §5), unless `createRule` asks to create the
 * "nRF Cloud Onboarding" rule first.
 */
import type { ClaimView, OnboardingRuleView } from '../../src-shared/ipc/cloud';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { CloudAdapter } from './adapter';
import { toErrorData } from './errorData';
import type { JournalEntry, JournalPatch, TokenJournal } from './journal';
import {
  checkRules,
  dryRunWithRules,
  ensureOnboardingRule,
  ONBOARDING_TAG,
  ruleMissing,
} from './onboardingRule';
import { verifyClaimedId } from './restClient';

export type ClaimStep = 'checking' | 'creating-rule' | 'claiming';

export interface ClaimAndRecordInput {
  adapter: CloudAdapter;
  /** The entry to claim; its token, device and IMEI are what nRF Cloud is asked about. */
  entry: Pick<JournalEntry, 'id' | 'token' | 'deviceUuid' | 'imei'>;
  /** Where the outcome goes. Absent only when the journal could not be opened at all. */
  journal: TokenJournal | undefined;
  tags: string[];
  /** The team the key belongs to, recorded with a successful claim. */
  teamName?: string | undefined;
  signal?: AbortSignal | undefined;
  onStep?: ((step: ClaimStep) => void) | undefined;
  /** Create the tag and "nRF Cloud Onboarding" rule when no active rule covers the tags. */
  createRule?: boolean | undefined;
  /** Told what was created when `createRule` made the rule. */
  onRuleCreated?: ((rule: OnboardingRuleView) => void) | undefined;
  /**
   * A journal that cannot be written must not hide what nRF Cloud did: with this callback the
   * write error is reported here and the claim's own outcome stands. Without it, it is thrown.
   */
  onJournalError?: ((error: AppErrorData) => void) | undefined;
  now?: (() => Date) | undefined;
}

/**
 * Dry-runs, claims and records one entry; returns the claim view, or throws the AppError that
 * stopped it after recording it on the entry (a cancel is not recorded: it says nothing about
 * the device).
 */
export async function claimAndRecord(input: ClaimAndRecordInput): Promise<ClaimView> {
  const { entry, signal } = input;
  const now = input.now ?? (() => new Date());
  let result: ClaimView;
  try {
    input.onStep?.('checking');
    const verdict = await dryRunWithRules(input.adapter, entry.token, input.tags, signal);
    if (!verdict.claimable && !verdict.alreadyClaimedByYou) {
      throw new AppError(
        verdict.code ?? 'UNEXPECTED_RESPONSE',
        verdict.reason ?? 'nRF Cloud says the device cannot be claimed.',
      );
    }
    if (verdict.rules !== undefined && !verdict.rules.isCovered) {
      // The onboarding rule carries only its own tag: creating it would not help other tags.
      if (input.createRule !== true || !input.tags.includes(ONBOARDING_TAG))
        throw ruleMissing(verdict.rules);
      input.onStep?.('creating-rule');
      const created = await ensureOnboardingRule(input.adapter, signal);
      input.onRuleCreated?.(created);
      const recheck = checkRules(
        [{ name: created.name, isActive: created.isActive, tags: created.tags, commandTypes: [] }],
        input.tags,
      );
      if (!recheck.isCovered) throw ruleMissing(recheck);
    }
    // Already yours: claim() answers with the device's details without changing anything.
    input.onStep?.('claiming');
    const claimed = await input.adapter.claim(entry.token, input.tags, signal);
    const verified = verifyClaimedId(entry.deviceUuid, claimed);
    if (!verified.ok)
      throw new AppError(verified.error.code, verified.error.message, verified.error.detail);
    result = verified.value;
  } catch (error) {
    const data = toErrorData(error);
    // The cloud's error is the one to show; a journal that also fails leaves the entry pending.
    if (data.code !== 'CANCELLED') {
      record(
        input,
        { claimStatus: 'failed', lastError: { code: data.code, message: data.message } },
        false,
      );
    }
    throw error instanceof AppError ? error : new AppError(data.code, data.message, data.detail);
  }
  record(
    input,
    {
      claimStatus: result.alreadyClaimedByYou ? 'already-claimed' : 'claimed',
      claimedAt: result.claimedAt ?? now().toISOString(),
      ...(input.teamName ? { teamName: input.teamName } : {}),
      // What the device said about itself wins over what the cloud has on file.
      ...(result.imei && !entry.imei ? { imei: result.imei } : {}),
    },
    true,
  );
  return result;
}

function record(input: ClaimAndRecordInput, patch: JournalPatch, mayThrow: boolean): void {
  if (!input.journal) return;
  try {
    input.journal.update(input.entry.id, patch);
  } catch (error) {
    if (input.onJournalError) input.onJournalError(toErrorData(error));
    else if (mayThrow) throw error;
  }
}
