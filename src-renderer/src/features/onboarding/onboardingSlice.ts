/**
 * The one-device flow: which step the user looks at, which port, and which job is theirs. The
 * work itself is one job in main (`claim: 'confirm'`): Connect starts it, and it runs connect,
 * read, journal and dry run, then waits for the claim. The steps show that job's state as it
 * arrives (flowJob.ts); Read reveals the token the job read, Claim continues the job.
 */
import type { Explanation } from '../../../../src-shared/ipc/diagnostics';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { jobEnds, type JobState, type JobView } from '../../../../src-shared/ipc/onboarding';
import { getApi } from '../../bridge';
import { settle } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { autoSelect, selectionFor, type Selection } from '../devices/selection';
import { connectOpOf } from './flowJob';

export { type SessionEntry, type SessionStatus } from './flowJob';

const isEnd = (state: JobState): boolean => (jobEnds as readonly JobState[]).includes(state);

export const stepIds = ['select', 'connect', 'attest', 'copy', 'claim'] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

export interface OnboardingSlice {
  step: StepIndex;
  selection: Selection | undefined;
  /** The id of the job this flow follows. */
  flowJobId: string | undefined;
  /** The user pressed Read: the attest step shows the job's reading (its progress, its token). */
  isReadShown: boolean;
  connectExplanation: Explanation | undefined;
  copiedSuffix: string | undefined;
  savedPath: string | undefined;
  copyError: AppErrorData | undefined;
  goToStep: (step: StepIndex) => void;
  selectDevice: (deviceId: string) => void;
  selectPath: (path: string) => void;
  connect: (path?: string) => Promise<void>;
  /** Follows main's word on the flow's job (a failure to connect gets its explanation). */
  followJob: (view: JobView) => void;
  attest: () => Promise<void>;
  cancelAttest: () => Promise<void>;
  copyToken: () => Promise<void>;
  saveToken: () => Promise<void>;
  onboardNext: () => void;
}

/** The per-device state: what a new device starts from, and what "Onboard next device" resets. */
const freshDevice = {
  step: 0,
  flowJobId: undefined,
  isReadShown: false,
  connectExplanation: undefined,
  copiedSuffix: undefined,
  savedPath: undefined,
  copyError: undefined,
} as const;

export const createOnboardingSlice: SliceCreator<OnboardingSlice> = (set, get) => {
  const flowJob = (): JobView | undefined => {
    const id = get().flowJobId;
    return id === undefined ? undefined : get().jobs[id]?.view;
  };

  /** Starts (or restarts) the flow's job for a port; an unfinished job of this flow goes first. */
  const startFlowJob = async (path: string): Promise<JobView | undefined> => {
    const current = flowJob();
    if (current !== undefined && !isEnd(current.state)) await get().cancelJob(current.id);
    const tags = get().tags;
    const view = await get().startJob({
      path,
      claim: 'confirm',
      ...(tags.length > 0 ? { tags } : {}),
    });
    if (view !== undefined) set({ flowJobId: view.id });
    return view;
  };

  const tokenOf = (): string | undefined => {
    const journalId = flowJob()?.journalId;
    return get().journal?.find((e) => e.id === journalId)?.token;
  };

  return {
    ...freshDevice,
    selection: undefined,

    goToStep: (step) => set({ step }),

    selectDevice: (deviceId) => {
      const device = get().snapshot?.devices.find((d) => d.id === deviceId);
      const selection = device ? selectionFor(device, true) : undefined;
      if (selection) set({ selection });
    },

    selectPath: (path) => {
      const trimmed = path.trim();
      if (trimmed) set({ selection: { path: trimmed, isUserChoice: true } });
    },

    connect: async (path) => {
      const { selection } = get();
      const target: Selection | undefined =
        path && selection ? { ...selection, path, isUserChoice: true } : selection;
      if (!target) return;
      set({ step: 1, selection: target, isReadShown: false, connectExplanation: undefined });
      const view = await startFlowJob(target.path);
      // Main may have reported the job's next steps before this answer came back.
      if (view !== undefined) get().followJob(get().jobs[view.id]?.view ?? view);
    },

    followJob: (view) => {
      if (view.id !== get().flowJobId) return;
      const op = connectOpOf(view);
      if (op.status !== 'failed' || get().connectExplanation !== undefined) return;
      // Back on the Connect step with the reason; main looks up the cause (e.g. who holds it).
      if (get().step === 2) set({ step: 1 });
      void settle(() => getApi().explainError({ error: op.error, path: view.port })).then(
        (explained) => {
          if (explained.status === 'done' && get().flowJobId === view.id)
            set({ connectExplanation: explained.value });
        },
      );
    },

    attest: async () => {
      const job = flowJob();
      const wasShown = get().isReadShown;
      set({ isReadShown: true, copiedSuffix: undefined, savedPath: undefined });
      if (job === undefined) return;
      // The job reads by itself; a read that stopped, or "Read again", is a new run of it.
      const isRead = job.journalId !== undefined;
      if ((isEnd(job.state) && !isRead) || (wasShown && isRead)) await startFlowJob(job.port);
    },

    cancelAttest: async () => {
      const job = flowJob();
      if (job !== undefined && !isEnd(job.state)) await get().cancelJob(job.id);
    },

    copyToken: async () => {
      const token = tokenOf();
      if (token === undefined) return;
      const result = await getApi().copyText({ text: token });
      if (result.ok) set({ copiedSuffix: token.slice(-6), copyError: undefined });
      else set({ copyError: result.error });
    },

    saveToken: async () => {
      const token = tokenOf();
      const uuid = flowJob()?.deviceUuid;
      if (token === undefined || uuid === undefined) return;
      const result = await getApi().saveTextFile({
        suggestedName: `attestation-token-${uuid}.txt`,
        content: `${token}\n`,
      });
      if (!result.ok) set({ copyError: result.error });
      else if (result.value) set({ savedPath: result.value.path, copyError: undefined });
    },

    onboardNext: () => {
      const job = flowJob();
      // A job still waiting for the claim is let go: its token stays in the journal.
      if (job !== undefined && !isEnd(job.state)) void get().cancelJob(job.id);
      get().resetClaim();
      const { snapshot } = get();
      set({ ...freshDevice, selection: snapshot ? autoSelect(snapshot, undefined) : undefined });
      void get().loadDevices();
    },
  };
};
