/**
 * Onboarding jobs as main runs them, keyed by job id: loaded once with `onboarding:list-jobs`,
 * then kept current by `onboarding:job-changed`, which carries the whole job view. The renderer
 * never orchestrates the steps; it starts, retries and cancels jobs and draws what main reports.
 */
import type { CloudQueueView, JobList, JobView } from '../../../../src-shared/ipc/onboarding';
import type { AppErrorData, Result } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, running, settle, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { t } from '../../i18n/t';
import { announcementFor } from './jobText';

/** A job view and when it arrived, so a running job's clock can tick on from there. */
export interface JobEntry {
  view: JobView;
  receivedAt: number;
  /** The event count as of this view (see `applyJob`). */
  seq: number;
}

/** What a kit's tile starts a job for: its USB serial number, or its AT port path. */
export type JobTarget = { serialNumber: string } | { path: string };

/** How a job is started: station tiles claim straight on; the one-device flow asks first. */
export interface JobOptions {
  tags?: string[];
  claim?: boolean | 'confirm';
}

export interface JobsSlice {
  jobs: Readonly<Record<string, JobEntry>>;
  queue: CloudQueueView | undefined;
  queueReceivedAt: number;
  isAuto: boolean;
  /** How many job events arrived, to tell a stale answer from a fresher event. */
  jobsSeq: number;
  jobsError: AppErrorData | undefined;
  autoOp: Op<JobList>;
  reportOp: Op<void>;
  /** The last end of a job in words, for the station view's live region. */
  stationAnnouncement: string;
  loadJobs: () => Promise<void>;
  handleJobChanged: (change: { job: JobView; queue: CloudQueueView }) => void;
  startJob: (target: JobTarget & JobOptions) => Promise<JobView | undefined>;
  /** Continues a job waiting in ready-to-claim: claims it, or runs the dry run again. */
  claimJob: (input: { id: string; tags?: string[]; isDryRunOnly?: boolean }) => Promise<void>;
  retryJob: (id: string) => Promise<JobView | undefined>;
  cancelJob: (id: string) => Promise<void>;
  setAuto: (isAuto: boolean) => Promise<void>;
  exportReport: () => Promise<void>;
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => {
  /**
   * Stores a job view. An event is always the newest word on its job. An answer (to start-job,
   * list-jobs...) is taken only if no event for that job arrived after `asOf`, the event count
   * when the request was sent: main may report the next step before the answer reaches us, and
   * the answer must not turn the job back.
   */
  const applyJob = (view: JobView, asOf: number | 'event') => {
    const current = get().jobs[view.id];
    if (asOf !== 'event' && current && current.seq > asOf) return;
    const seq = asOf === 'event' ? get().jobsSeq + 1 : asOf;
    const announcement = announcementFor(current?.view, view);
    set((s) => ({
      ...(asOf === 'event' ? { jobsSeq: seq } : {}),
      jobs: { ...s.jobs, [view.id]: { view, receivedAt: Date.now(), seq } },
      ...(announcement === undefined ? {} : { stationAnnouncement: announcement }),
    }));
  };

  /** Runs a call that answers with one job view; failures become a toast. */
  const jobCall = async (call: () => Promise<Result<JobView>>): Promise<JobView | undefined> => {
    const asOf = get().jobsSeq;
    const op = await settle(call);
    if (op.status === 'done') {
      applyJob(op.value, asOf);
      return op.value;
    }
    if (op.status === 'failed') get().pushToast('error', op.error.message);
    return undefined;
  };

  /** Takes a whole list: every job in it, and the queue and Auto unless an event came since. */
  const applyList = (list: JobList, asOf: number) => {
    for (const job of list.jobs) applyJob(job, asOf);
    const isStale = get().jobsSeq > asOf;
    set({
      isAuto: list.isAuto,
      ...(isStale ? {} : { queue: list.queue, queueReceivedAt: Date.now() }),
    });
  };

  return {
    jobs: {},
    queue: undefined,
    queueReceivedAt: 0,
    isAuto: false,
    jobsSeq: 0,
    jobsError: undefined,
    autoOp: idle,
    reportOp: idle,
    stationAnnouncement: '',

    loadJobs: async () => {
      const asOf = get().jobsSeq;
      const op = await settle(() => getApi().listJobs({}));
      if (op.status === 'done') {
        applyList(op.value, asOf);
        set({ jobsError: undefined });
      } else if (op.status === 'failed') set({ jobsError: op.error });
    },

    handleJobChanged: ({ job, queue }) => {
      const wasPaused = get().queue?.pause !== undefined;
      applyJob(job, 'event');
      set({ queue, queueReceivedAt: Date.now() });
      // The countdown itself is not read aloud (it ticks); its start is, once.
      if (queue.pause && !wasPaused) {
        const seconds = Math.ceil(queue.pause.remainingMs / 1000);
        set({ stationAnnouncement: t('station.pauseStarted', { seconds }) });
      }
    },

    startJob: (target) => jobCall(() => getApi().startJob(target)),

    claimJob: async (input) => {
      await jobCall(() => getApi().claimJob(input));
    },

    retryJob: (id) => jobCall(() => getApi().retryJob({ id })),

    cancelJob: async (id) => {
      const op = await settle(() => getApi().cancelJob({ id }));
      if (op.status === 'failed') get().pushToast('error', op.error.message);
    },

    setAuto: async (isAuto) => {
      const asOf = get().jobsSeq;
      set({ autoOp: running() });
      const op = await settle(() => getApi().setAuto({ isAuto }));
      set({ autoOp: op });
      if (op.status === 'done') applyList(op.value, asOf);
      else if (op.status === 'failed') get().pushToast('error', op.error.message);
    },

    exportReport: async () => {
      set({ reportOp: running() });
      const op = await settle(() => getApi().exportReport({}));
      if (op.status === 'failed') {
        set({ reportOp: op });
        get().pushToast('error', op.error.message);
        return;
      }
      set({ reportOp: { status: 'done', value: undefined } });
      if (op.status === 'done' && op.value)
        get().pushToast('success', t('station.reportSaved', { path: op.value.path }));
    },
  };
};
