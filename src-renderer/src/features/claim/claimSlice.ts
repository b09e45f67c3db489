/**
 * Claiming the device the flow's job read: tags, the dry run again, the claim (both continue the
 * job in main with `onboarding:claim-job`), cancelling a call in flight, and unclaiming a device
 * (from the claim step or the journal).
 */
import type { OnboardingRuleView } from '../../../../src-shared/ipc/cloud';
import type { JobView } from '../../../../src-shared/ipc/onboarding';
import { getApi } from '../../bridge';
import { idle, newRequestId, settle, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { t } from '../../i18n/t';

export interface ClaimSlice {
  tags: string[];
  hasEditedTags: boolean;
  setTags: (tags: string[]) => void;
  resetClaim: () => void;
  /** Asks nRF Cloud again whether the flow's device can be claimed. */
  dryRun: () => Promise<void>;
  /** Runs the dry run again when it could not run for want of a key (safe to call from effects). */
  ensureDryRun: () => void;
  claim: () => Promise<void>;
  /** Cancels the dry run or claim in flight (also while the queue is paused). */
  cancelCloudCall: () => Promise<void>;
  unclaimOp: Op<string>;
  /** Unclaims a device; true on success. The journal entry, if given, becomes claimable again. */
  unclaim: (target: { deviceId: string; journalId?: string }) => Promise<boolean>;
  resetUnclaim: () => void;
  /** The "nRF Cloud Onboarding" rule created from the flow (issue 13), for the job in `ruleJobId`. */
  ruleOp: Op<OnboardingRuleView>;
  ruleJobId: string | undefined;
  /** Creates the team's onboarding rule, then runs the flow job's dry run again. */
  createOnboardingRule: () => Promise<void>;
}

/** A cancelled call is the user's own choice: shown neutrally, never as a failure. */
export const isCancelled = (op: Op<unknown>): boolean =>
  op.status === 'failed' && op.error.code === 'CANCELLED';

export const createClaimSlice: SliceCreator<ClaimSlice> = (set, get) => {
  const flowJob = (): JobView | undefined => {
    const id = get().flowJobId;
    return id === undefined ? undefined : get().jobs[id]?.view;
  };

  /** Continues the flow's job waiting in ready-to-claim; an ended one is read again first. */
  const continueJob = async (isDryRunOnly: boolean) => {
    const job = flowJob();
    if (job === undefined) return;
    const { tags } = get();
    set({ unclaimOp: idle });
    if (job.state !== 'ready-to-claim') {
      // E.g. unclaimed after the claim: the job ended, so a new run reads and checks again.
      if (isDryRunOnly) await get().connect(job.port);
      return;
    }
    await get().claimJob({
      id: job.id,
      ...(tags.length > 0 ? { tags } : {}),
      ...(isDryRunOnly ? { isDryRunOnly } : {}),
    });
  };

  return {
    tags: [],
    hasEditedTags: false,
    unclaimOp: idle,
    ruleOp: idle,
    ruleJobId: undefined,

    setTags: (tags) => set({ tags, hasEditedTags: true }),

    resetClaim: () => set({ unclaimOp: idle, ruleOp: idle, ruleJobId: undefined }),

    dryRun: () => continueJob(true),

    ensureDryRun: () => {
      const job = flowJob();
      const hasApiKey = get().keyStatus?.hasApiKey ?? false;
      if (
        hasApiKey &&
        job?.state === 'ready-to-claim' &&
        job.dryRunError?.code === 'API_KEY_MISSING'
      )
        void continueJob(true);
    },

    claim: () => continueJob(false),

    cancelCloudCall: async () => {
      const job = flowJob();
      if (job?.state === 'checking' || job?.state === 'claiming') await get().cancelJob(job.id);
    },

    unclaim: async ({ deviceId, journalId }) => {
      set({ unclaimOp: { status: 'running', requestId: newRequestId() } });
      const op = await settle(() =>
        getApi().unclaim(journalId === undefined ? { deviceId } : { deviceId, journalId }),
      );
      if (op.status !== 'done') {
        set({ unclaimOp: op });
        return false;
      }
      set({ unclaimOp: { status: 'done', value: deviceId } });
      set({ journalMessage: t('claim.unclaimed', { uuid: deviceId }), journalError: undefined });
      await get().loadJournal();
      return true;
    },

    resetUnclaim: () => set({ unclaimOp: idle }),

    createOnboardingRule: async () => {
      const requestId = newRequestId();
      set({ ruleOp: { status: 'running', requestId }, ruleJobId: get().flowJobId });
      const op = await settle(() => getApi().createOnboardingRule({ requestId }));
      set({ ruleOp: op });
      // The verdict the user acts on is the cloud's, asked again now that the rule exists.
      if (op.status === 'done') await continueJob(true);
    },
  };
};
