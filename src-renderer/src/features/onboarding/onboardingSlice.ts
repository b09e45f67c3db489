/**
 * The one-device flow: which board, and which job is theirs. The work itself is one job in main
 * (`claim: 'confirm'`): choosing a board starts it, and it connects, reads, journals and dry-runs
 * by itself, then waits for the one decision, the claim. What the screen shows is derived from
 * that job (flowJob.ts). A board that arrives while the flow is free starts by itself; a board
 * lost after connecting resumes when the same serial number comes back. With "Claim without
 * asking" on, a clean dry run is followed by the same claim the Claim button sends.
 */
import type { Device } from '../../../../src-shared/devices/index';
import type { Explanation } from '../../../../src-shared/ipc/diagnostics';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { jobEnds, type JobState, type JobView } from '../../../../src-shared/ipc/onboarding';
import type { DeviceSnapshot } from '../../../../src-shared/ipc/serial';
import { getApi } from '../../bridge';
import { settle } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { autoSelect, selectionFor, type Selection } from '../devices/selection';
import { connectOpOf, doneBoards, flowStageOf, isAutoClaimable } from './flowJob';

export { type SessionEntry, type SessionStatus } from './flowJob';

const isEnd = (state: JobState): boolean => (jobEnds as readonly JobState[]).includes(state);

export interface OnboardingSlice {
  selection: Selection | undefined;
  /** The id of the job this flow follows; undefined while the user picks a board. */
  flowJobId: string | undefined;
  /** When each device id was first seen plugged in this session (ms), for "newest first". */
  arrivals: Readonly<Record<string, number>>;
  /** A real (not demo) board was listed at some point this session. */
  hasSeenRealBoard: boolean;
  connectExplanation: Explanation | undefined;
  copiedSuffix: string | undefined;
  savedPath: string | undefined;
  copyError: AppErrorData | undefined;
  /** The run (`id#attempt`) "Claim without asking" claimed, so it claims each run once at most. */
  autoClaimedRun: string | undefined;
  /** Picks a board and starts its job at once: choosing is the first of the two actions. */
  selectDevice: (deviceId: string) => void;
  selectPath: (path: string) => void;
  connect: (path?: string) => Promise<void>;
  /** Follows main's word on the flow's job (a failure to connect gets its explanation). */
  followJob: (view: JobView) => void;
  /** Reads the board again (a new run of its job). */
  readAgain: () => Promise<void>;
  cancelFlow: () => Promise<void>;
  copyToken: () => Promise<void>;
  saveToken: () => Promise<void>;
  onboardNext: () => void;
  /** The device list changed: new arrivals start the flow, a lost board resumes on replug. */
  devicesChanged: (snapshot: DeviceSnapshot, previous: DeviceSnapshot | undefined) => void;
}

/** The per-board state: what a new board starts from, and what "Onboard next device" resets. */
const freshBoard = {
  flowJobId: undefined,
  connectExplanation: undefined,
  copiedSuffix: undefined,
  savedPath: undefined,
  copyError: undefined,
  autoClaimedRun: undefined,
} as const;

export const createOnboardingSlice: SliceCreator<OnboardingSlice> = (set, get) => {
  const flowJob = (): JobView | undefined => {
    const id = get().flowJobId;
    return id === undefined ? undefined : get().jobs[id]?.view;
  };

  const history = () => ({
    done: doneBoards(get().jobs),
    arrivals: new Map(Object.entries(get().arrivals)),
  });

  /** Starts (or restarts) the flow's job for a port; an unfinished job of this flow goes first. */
  const startFlowJob = async (path: string): Promise<JobView | undefined> => {
    const current = flowJob();
    if (current !== undefined && !isEnd(current.state) && current.port !== path)
      await get().cancelJob(current.id);
    const tags = get().tags;
    set({ ...freshBoard });
    const view = await get().startJob({
      path,
      claim: 'confirm',
      ...(tags.length > 0 ? { tags } : {}),
    });
    if (view !== undefined) {
      set({ flowJobId: view.id });
      // Main may have reported the job's next steps before this answer came back.
      get().followJob(get().jobs[view.id]?.view ?? view);
    }
    return view;
  };

  const startDevice = (device: Device, isUserChoice: boolean) => {
    const selection = selectionFor(device, isUserChoice);
    if (selection === undefined) return;
    set({ selection });
    void startFlowJob(selection.path);
  };

  /** The flow is free for a new board: nothing chosen yet, or the last board's end is shown. */
  const isFree = (): boolean => {
    const job = flowJob();
    return job === undefined || isEnd(job.state);
  };

  const tokenOf = (): string | undefined => {
    const journalId = flowJob()?.journalId;
    return get().journal?.find((e) => e.id === journalId)?.token;
  };

  return {
    ...freshBoard,
    selection: undefined,
    arrivals: {},
    hasSeenRealBoard: false,

    selectDevice: (deviceId) => {
      const device = get().snapshot?.devices.find((d) => d.id === deviceId);
      if (device) startDevice(device, true);
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
      set({ selection: target });
      await startFlowJob(target.path);
    },

    followJob: (view) => {
      if (view.id !== get().flowJobId) return;
      const run = `${view.id}#${view.attempt}`;
      if (
        (get().settings?.isAutoClaimOn ?? false) &&
        get().autoClaimedRun !== run &&
        isAutoClaimable(view, get().keyStatus)
      ) {
        set({ autoClaimedRun: run });
        void get().claim();
        return;
      }
      const op = connectOpOf(view);
      if (op.status !== 'failed' || get().connectExplanation !== undefined) return;
      // Main looks up the cause (e.g. who holds the port).
      void settle(() => getApi().explainError({ error: op.error, path: view.port })).then(
        (explained) => {
          if (explained.status === 'done' && get().flowJobId === view.id)
            set({ connectExplanation: explained.value });
        },
      );
    },

    readAgain: async () => {
      const job = flowJob();
      if (job !== undefined) await startFlowJob(job.port);
    },

    cancelFlow: async () => {
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
      set({ ...freshBoard, selection: undefined });
      const { snapshot } = get();
      if (snapshot) set({ selection: autoSelect(snapshot, undefined, history()) });
      void get().loadDevices();
    },

    devicesChanged: (snapshot, previous) => {
      // While the demo starts, its boards arrive before main's answer says "demo".
      const isDemo = (get().appInfo?.isDemo ?? false) || get().demoOp.status === 'running';
      if (!isDemo && snapshot.devices.length > 0 && !get().hasSeenRealBoard)
        set({ hasSeenRealBoard: true });
      // The first list is what was plugged before the app looked: not arrivals.
      const arrived =
        previous === undefined
          ? []
          : snapshot.devices.filter((d) => !previous.devices.some((p) => p.id === d.id));
      if (arrived.length > 0) {
        const now = Date.now();
        const arrivals = { ...get().arrivals };
        arrived.forEach((d, i) => (arrivals[d.id] = now + i));
        set({ arrivals });
      }
      const job = flowJob();
      // The board that was lost is back (same serial number): the flow resumes by itself.
      const back =
        job !== undefined && flowStageOf(job) === 'lost'
          ? arrived.find((d) => d.id === job.id)
          : undefined;
      if (back !== undefined) {
        startDevice(back, true);
        return;
      }
      const done = doneBoards(get().jobs);
      const fresh = arrived
        .filter((d) => d.serialNumber === undefined || !done.has(d.serialNumber))
        .at(-1);
      // Demo boards wait to be picked: the demo is a tour, not a bench.
      const isFreeForArrival = isFree() && (job === undefined || flowStageOf(job) !== 'lost');
      if (fresh !== undefined && !isDemo && isFreeForArrival) {
        startDevice(fresh, false);
        return;
      }
      if (job === undefined) {
        set({ selection: autoSelect(snapshot, get().selection, history()) });
      }
    },
  };
};
