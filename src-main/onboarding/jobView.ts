/** A job as the service keeps it, and the view of it that crosses IPC and feeds the CLI. */
import { describeMode } from '../../src-shared/at/describeMode';
import { kitOfSerialNumber } from '../../src-shared/devices/kits';
import { modelLabel } from '../../src-shared/devices/modelLabel';
import type { ClaimView, DryRunView } from '../../src-shared/ipc/cloud';
import type { Explanation } from '../../src-shared/ipc/diagnostics';
import type { AppErrorData } from '../../src-shared/ipc/errors';
import type { JobPhase, JobState, JobStep, JobView } from '../../src-shared/ipc/onboarding';
import type { ProvisioningView } from '../../src-shared/ipc/provisioning';
import type { FirmwareMode } from '../../src-shared/ipc/serial';
import type { JournalEntry } from '../cloud/journal';
import type { DeviceIdentityReading } from '../serial/attest';
import type { JobEvent } from './jobMachine';
import type { JobTarget, OpenedPort } from './onboardingService';
import type { ProvisioningRun } from './provisioningRun';

/** The mutable record behind one job run. */
export interface JobRecord {
  id: string;
  target: JobTarget;
  tags: string[];
  isClaimRequested: boolean;
  isConfirmRequired: boolean;
  /** Provision after the claim (issue 13). */
  isProvisionRequested: boolean;
  provisionTimeoutMs: number;
  /** Create the onboarding rule when it is missing (`--create-rule`). */
  isRuleCreationAllowed: boolean;
  provisioning?: ProvisioningView;
  /** Set while the provisioning step runs: it is told when the port goes away. */
  provisioningRun?: ProvisioningRun | undefined;
  attempt: number;
  state: JobState;
  stepText: string;
  isQueued: boolean;
  mode?: FirmwareMode;
  reading?: DeviceIdentityReading;
  entry?: JournalEntry;
  deviceId?: string;
  portalUrl?: string;
  dryRun?: DryRunView | undefined;
  dryRunError?: AppErrorData | undefined;
  claim?: ClaimView;
  /** Why the last claim call of a confirm job stopped without ending it (a cancel). */
  claimError?: AppErrorData | undefined;
  /** Cancels the cloud call alone of a confirm job (its token stays read). */
  callController?: AbortController | undefined;
  /** Set while the job waits in `ready-to-claim`: hands the user's decision to the run. */
  decide?: ((event: JobEvent) => void) | undefined;
  error?: AppErrorData;
  warnings: string[];
  steps: Array<{ step: JobStep; startedAt: number; ms?: number }>;
  startedAt: number;
  finishedAt?: number;
  controller: AbortController;
  abortedBy?: Extract<JobEvent, 'cancel' | 'unplug'>;
  port?: OpenedPort | undefined;
  /** Settles with the final view; set as the run starts. */
  done?: Promise<JobView>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The header group a state counts in. */
export function phaseOf(state: JobState): JobPhase {
  switch (state) {
    case 'waiting':
    case 'ready-to-claim':
      return 'waiting';
    case 'connected':
    case 'claimed':
    case 'already-claimed':
    case 'read':
      return state;
    case 'failed':
    case 'unplugged':
    case 'cancelled':
      return 'failed';
    default:
      return 'working';
  }
}

/**
 * The kit's name for the job view and the journal: the enumerated kit's own, else the kit its
 * serial number names, else (a typed `--port`) the SiP once the token and the modem told it, as
 * modelLabel spells it alone (`nRF9151 LACA`).
 */
export function kitNameOf(
  target: JobTarget,
  reading: Pick<DeviceIdentityReading, 'token' | 'model'> | undefined,
): string | undefined {
  if (target.kitName !== undefined) return target.kitName;
  const kit = kitOfSerialNumber(target.serialNumber);
  if (kit !== undefined) return kit.name;
  if (reading === undefined) return undefined;
  return modelLabel({ deviceTypeName: reading.token.deviceTypeName, model: reading.model });
}

export function toJobView(
  job: JobRecord,
  context: {
    now: number;
    isQueuePaused: boolean;
    explain: (error: AppErrorData, path: string) => Explanation;
  },
): JobView {
  const { target, reading } = job;
  const isCloudStep = job.state === 'checking' || job.state === 'claiming';
  const view: JobView = {
    id: job.id,
    port: target.path,
    state: job.state,
    phase: phaseOf(job.state),
    stepText: job.stepText,
    tags: [...job.tags],
    isClaimRequested: job.isClaimRequested,
    isConfirmRequired: job.isConfirmRequired,
    attempt: job.attempt,
    warnings: [...(reading?.warnings ?? []), ...job.warnings],
    steps: job.steps.map((s) => ({
      step: s.step,
      startedAt: iso(s.startedAt),
      ...(s.ms === undefined ? {} : { ms: s.ms }),
    })),
    startedAt: iso(job.startedAt),
    elapsedMs: (job.finishedAt ?? context.now) - job.startedAt,
  };
  if (target.serialNumber !== undefined) view.serialNumber = target.serialNumber;
  if (target.kit !== undefined) view.kit = target.kit;
  const kitName = kitNameOf(target, reading);
  if (kitName !== undefined) view.kitName = kitName;
  if (isCloudStep && context.isQueuePaused) view.cloudWait = 'paused';
  else if (isCloudStep && job.isQueued) view.cloudWait = 'slot';
  if (job.mode !== undefined) {
    view.mode = job.mode;
    view.modeDescription = describeMode(job.mode);
  }
  if (reading?.model !== undefined) view.model = reading.model;
  if (reading?.firmware !== undefined) view.firmware = reading.firmware;
  const imei = reading?.imei ?? job.entry?.imei;
  if (imei !== undefined) view.imei = imei;
  const uuid = reading?.token.deviceUuid ?? job.entry?.deviceUuid;
  if (uuid !== undefined) view.deviceUuid = uuid;
  if (reading !== undefined) {
    const { token: _token, ...decoded } = reading.token;
    view.decoded = decoded;
  }
  if (job.entry !== undefined) view.journalId = job.entry.id;
  if (job.dryRun !== undefined) view.dryRun = job.dryRun;
  if (job.dryRunError !== undefined) view.dryRunError = job.dryRunError;
  if (job.claim !== undefined) view.claim = job.claim;
  if (job.claimError !== undefined) view.claimError = job.claimError;
  if (job.provisioning !== undefined) view.provisioning = structuredClone(job.provisioning);
  if (job.deviceId !== undefined) view.deviceId = job.deviceId;
  if (job.portalUrl !== undefined) view.portalUrl = job.portalUrl;
  if (job.error !== undefined) {
    view.error = job.error;
    view.explanation = context.explain(job.error, target.path);
  }
  if (job.finishedAt !== undefined) view.finishedAt = iso(job.finishedAt);
  return view;
}
