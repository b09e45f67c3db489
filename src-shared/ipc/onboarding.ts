/**
 * The `onboarding` domain: one job per kit, run in main from the AT port to the claim. The
 * renderer starts, cancels and retries jobs and shows them from one event that carries the whole
 * job view, so a tile per kit (station mode) and the one-device flow read the same data.
 */
import { z } from 'zod';
import type { KitId } from '../devices/kits';
import type { DecodedToken } from '../token/decode';
import type { SavedFile } from './app';
import type { ClaimView, DryRunView } from './cloud';
import { event, invoke, returns } from './contract';
import type { Explanation } from './diagnostics';
import type { AppErrorData } from './errors';
import type { ProvisioningView } from './provisioning';
import { portPathSchema, type FirmwareMode } from './serial';

/** Steps a job works through, in order; provisioning (issue 13) slots in after claiming. */
export const jobSteps = [
  'waiting',
  'connecting',
  'reading',
  'journaling',
  'checking',
  /** A stop: started with `claim: 'confirm'`, the job waits here for `onboarding:claim-job`. */
  'ready-to-claim',
  'claiming',
  /** After the claim: the device fetches its credentials and connects (issue 13). */
  'provisioning',
] as const;
export type JobStep = (typeof jobSteps)[number];

/** Where a job ends. `read` = token journaled, claim not asked for (`claim: false`). */
export const jobEnds = [
  /** Claimed, provisioned and seen on nRF Cloud. */
  'connected',
  'claimed',
  'already-claimed',
  'read',
  'failed',
  'unplugged',
  'cancelled',
] as const;
export type JobEnd = (typeof jobEnds)[number];

/** A job's state: a step while it runs, an end once it stopped. */
export type JobState = JobStep | JobEnd;

/** The groups of the station header's counts. */
export type JobPhase =
  'waiting' | 'working' | 'connected' | 'claimed' | 'already-claimed' | 'read' | 'failed';

/** One step as it ran: when it started and how long it took. */
export interface JobStepTiming {
  step: JobStep;
  startedAt: string;
  ms?: number;
}

/** The cloud queue as every job sees it: a 429 pauses it for all, with a countdown. */
export interface CloudQueueView {
  concurrency: number;
  /** Cloud calls running now. */
  active: number;
  /** Cloud calls waiting for a slot or for the pause to end. */
  waiting: number;
  /** Set while nRF Cloud asked everyone to wait (HTTP 429 Retry-After). */
  pause?: { until: string; remainingMs: number; reason: string };
}

/** Everything a tile needs about one kit's job, sent whole on every change. */
export interface JobView {
  /** The kit's USB serial number, or the port path for a typed path. */
  id: string;
  port: string;
  serialNumber?: string;
  kit?: KitId;
  kitName?: string;
  state: JobState;
  phase: JobPhase;
  /** What is happening now, in words (e.g. "Reading the IMEI (AT+CGSN)"). */
  stepText: string;
  /** The job waits for the cloud queue: for a slot, or for the 429 pause to end. */
  cloudWait?: 'slot' | 'paused';
  mode?: FirmwareMode;
  /** The mode in words, as the Connect step shows it. */
  modeDescription?: string;
  model?: string;
  firmware?: string;
  imei?: string;
  deviceUuid?: string;
  /** What the token itself says (device type name, modem firmware), once read. */
  decoded?: Omit<DecodedToken, 'token'>;
  journalId?: string;
  deviceId?: string;
  portalUrl?: string;
  /** The dry run's verdict, once it ran (a `claim: 'confirm'` job shows it before the claim). */
  dryRun?: DryRunView;
  /** Why the dry run could not answer (no key, key rejected, network): the job still waits. */
  dryRunError?: AppErrorData;
  /** nRF Cloud's answer to the claim. */
  claim?: ClaimView;
  /** The step after the claim: family, milestones, commands, outcome (issue 13). */
  provisioning?: ProvisioningView;
  /** The claim call was cancelled and the job waits in `ready-to-claim` again. */
  claimError?: AppErrorData;
  tags: string[];
  isClaimRequested: boolean;
  /** Started with `claim: 'confirm'`: stops in `ready-to-claim` after the dry run. */
  isConfirmRequired: boolean;
  /** 1 for the first run; Retry and Auto replug count up. */
  attempt: number;
  error?: AppErrorData;
  /** Title, cause and fix of `error`, from the diagnostics explainer. */
  explanation?: Explanation;
  warnings: string[];
  steps: JobStepTiming[];
  startedAt: string;
  finishedAt?: string;
  /** Until now while running, until finishedAt once ended. */
  elapsedMs: number;
}

/** The payload of `onboarding:job-changed` and of the list: jobs plus the shared queue. */
export interface JobChange {
  job: JobView;
  queue: CloudQueueView;
}

export interface JobList {
  jobs: JobView[];
  queue: CloudQueueView;
  isAuto: boolean;
}

const jobId = z.string().trim().min(1).max(512);
const tags = z.array(z.string().trim().min(1).max(64)).max(20).optional();

export const onboardingChannels = {
  startJob: invoke(
    'onboarding:start-job',
    z
      .object({
        /** A kit's USB serial number (its AT port is looked up) or a typed port path. */
        serialNumber: z.string().trim().min(1).max(128).optional(),
        path: portPathSchema.optional(),
        tags,
        /** false: stop after journaling; 'confirm': stop after the dry run until claim-job. */
        claim: z.union([z.boolean(), z.literal('confirm')]).optional(),
      })
      .strict()
      .refine((input) => input.serialNumber !== undefined || input.path !== undefined, {
        message: 'give a serialNumber or a path',
      }),
    returns<JobView>(),
  ),
  /** A job waiting in `ready-to-claim`: claims it, or with isDryRunOnly runs the dry run again. */
  claimJob: invoke(
    'onboarding:claim-job',
    z.object({ id: jobId, tags, isDryRunOnly: z.boolean().optional() }).strict(),
    returns<JobView>(),
  ),
  cancelJob: invoke('onboarding:cancel-job', z.object({ id: jobId }).strict(), returns<void>()),
  retryJob: invoke('onboarding:retry-job', z.object({ id: jobId }).strict(), returns<JobView>()),
  /** Another user of a port (the terminal) asks for it: jobs holding it are cancelled, ports closed. */
  releasePort: invoke(
    'onboarding:release-port',
    z.object({ path: portPathSchema }).strict(),
    returns<void>(),
  ),
  listJobs: invoke('onboarding:list-jobs', z.object({}).strict(), returns<JobList>()),
  setAuto: invoke(
    'onboarding:set-auto',
    z.object({ isAuto: z.boolean() }).strict(),
    returns<JobList>(),
  ),
  exportReport: invoke(
    'onboarding:export-report',
    z.object({}).strict(),
    returns<SavedFile | null>(),
  ),
  jobChanged: event('onboarding:job-changed', returns<JobChange>()),
} as const;
