/**
 * Claiming the device just read: tags, dry run, claim, the back-off countdown main announces,
 * cancelling a call in flight, and unclaiming a device (from the claim step or the journal).
 */
import type { ClaimView, DryRunView, RetryNotice } from '../../../../src-shared/ipc/cloud';
import { getApi } from '../../bridge';
import { idle, newRequestId, settle, thrownToError, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { t } from '../../i18n/t';

/** A retry main has scheduled, with the wall-clock time it fires so the UI can count down. */
export interface ScheduledRetry {
  requestId: string;
  attempt: number;
  reason: string;
  until: number;
}

export interface ClaimSlice {
  tags: string[];
  hasEditedTags: boolean;
  dryRunOp: Op<DryRunView>;
  claimOp: Op<ClaimView>;
  retry: ScheduledRetry | undefined;
  setTags: (tags: string[]) => void;
  resetClaim: () => void;
  dryRun: () => Promise<void>;
  /** Runs the dry run unless one already ran or runs for this token (safe to call from effects). */
  ensureDryRun: () => void;
  claim: () => Promise<void>;
  handleRetry: (notice: RetryNotice) => void;
  /** Cancels the dry run or claim in flight (also while it waits for a retry). */
  cancelCloudCall: () => Promise<void>;
  unclaimOp: Op<string>;
  /** Unclaims a device; true on success. The journal entry, if given, becomes claimable again. */
  unclaim: (target: { deviceId: string; journalId?: string }) => Promise<boolean>;
  resetUnclaim: () => void;
}

/** A cancelled call is the user's own choice: shown neutrally, never as a failure. */
export const isCancelled = (op: Op<unknown>): boolean =>
  op.status === 'failed' && op.error.code === 'CANCELLED';

const runningId = (op: Op<unknown>): string | undefined =>
  op.status === 'running' ? op.requestId : undefined;

export const createClaimSlice: SliceCreator<ClaimSlice> = (set, get) => {
  /** The input both cloud calls share; undefined when no token has been read. */
  const claimInput = (requestId: string) => {
    const op = get().attestOp;
    if (op.status !== 'done') return undefined;
    const { tags } = get();
    return tags.length > 0
      ? { journalId: op.value.journalId, requestId, tags }
      : { journalId: op.value.journalId, requestId };
  };

  return {
    tags: [],
    hasEditedTags: false,
    dryRunOp: idle,
    claimOp: idle,
    retry: undefined,
    unclaimOp: idle,

    setTags: (tags) => set({ tags, hasEditedTags: true }),

    resetClaim: () => set({ dryRunOp: idle, claimOp: idle, retry: undefined, unclaimOp: idle }),

    dryRun: async () => {
      const requestId = newRequestId();
      const input = claimInput(requestId);
      if (!input) return;
      set({
        dryRunOp: { status: 'running', requestId },
        claimOp: idle,
        retry: undefined,
        unclaimOp: idle,
      });
      try {
        const result = await getApi().dryRun(input);
        set({
          dryRunOp: result.ok
            ? { status: 'done', value: result.value }
            : { status: 'failed', error: result.error },
          retry: undefined,
        });
        const attest = get().attestOp;
        if (result.ok && result.value.alreadyClaimedByYou && attest.status === 'done') {
          const entry = get().session.find((e) => e.journalId === attest.value.journalId);
          if (entry) get().upsertSession({ ...entry, status: 'already-claimed' });
        }
      } catch (error) {
        set({ dryRunOp: { status: 'failed', error: thrownToError(error) }, retry: undefined });
      }
    },

    ensureDryRun: () => {
      const { dryRunOp, claimOp } = get();
      if (dryRunOp.status === 'idle' && claimOp.status === 'idle') void get().dryRun();
    },

    claim: async () => {
      const requestId = newRequestId();
      const input = claimInput(requestId);
      const attest = get().attestOp;
      if (!input || attest.status !== 'done') return;
      set({ claimOp: { status: 'running', requestId }, retry: undefined, unclaimOp: idle });
      const entry = {
        journalId: attest.value.journalId,
        deviceUuid: attest.value.decoded.deviceUuid,
        at: Date.now(),
        ...(attest.value.model ? { model: attest.value.model } : {}),
      };
      try {
        const result = await getApi().claim(input);
        if (result.ok) {
          set({ claimOp: { status: 'done', value: result.value }, retry: undefined });
          get().upsertSession({
            ...entry,
            status: result.value.alreadyClaimedByYou ? 'already-claimed' : 'claimed',
          });
        } else {
          set({ claimOp: { status: 'failed', error: result.error }, retry: undefined });
          // Cancelling is not a failure of the device: its session entry stays as it was.
          if (result.error.code !== 'CANCELLED')
            get().upsertSession({ ...entry, status: 'failed' });
        }
      } catch (error) {
        set({ claimOp: { status: 'failed', error: thrownToError(error) }, retry: undefined });
      }
    },

    handleRetry: ({ requestId, attempt, delayMs, reason }) => {
      const { dryRunOp, claimOp } = get();
      if (runningId(dryRunOp) !== requestId && runningId(claimOp) !== requestId) return;
      set({ retry: { requestId, attempt, reason, until: Date.now() + delayMs } });
    },

    cancelCloudCall: async () => {
      const requestId = runningId(get().claimOp) ?? runningId(get().dryRunOp);
      if (requestId === undefined) return;
      await getApi()
        .cancel({ requestId })
        .catch(() => undefined);
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
      const { claimOp } = get();
      if (claimOp.status === 'done' && claimOp.value.deviceId === deviceId) {
        set({ claimOp: idle, dryRunOp: idle, retry: undefined });
      }
      set((s) => ({
        session: s.session.map((e) => (e.deviceUuid === deviceId ? { ...e, status: 'read' } : e)),
      }));
      set({ journalMessage: t('claim.unclaimed', { uuid: deviceId }), journalError: undefined });
      await get().loadJournal();
      return true;
    },

    resetUnclaim: () => set({ unclaimOp: idle }),
  };
};
