/**
 * Onboards a set of kits at once without Electron (`nrf-onboard onboard`, the bench): the same
 * OnboardingService, SerialService and cloud queue as the window, over any serialport binding.
 * Reports each kit as it finishes, in the CLI's JSON-line shape, then a summary.
 */
import type { PortInfo } from '../../src-shared/devices/kits';
import type { AppErrorData } from '../../src-shared/ipc/errors';
import type { JobChange, JobView } from '../../src-shared/ipc/onboarding';
import type { ProvisioningSkipReason } from '../../src-shared/ipc/provisioning';
import type { CloudAdapter } from '../cloud/adapter';
import type { TokenJournal } from '../cloud/journal';
import { createRequestRegistry } from '../requests';
import type { SerialBinding } from '../serial/bindingTypes';
import { enumerateDevices } from '../serial/enumerate';
import { SerialService } from '../serial/serialService';
import { targetOfDevice } from './autoStart';
import type { CloudQueue } from './cloudQueue';
import { OnboardingService, type JobTarget, type OpenedPort } from './onboardingService';
import type { ProvisioningParts } from './provisioningRun';
import { NOT_ASKED_NOTE } from './provisioningSkip';
import { reopenKitPort } from './reopenPort';

/** One kit's line: what `--json` prints as the kit finishes. */
export interface DeviceOutcome {
  port: string;
  serialNumber?: string;
  deviceUuid?: string;
  state: 'connected' | 'claimed' | 'already-claimed' | 'read' | 'failed' | 'unplugged';
  /** Why a claimed kit was not provisioned, as a code (see ProvisioningSkipReason). */
  skipReason?: ProvisioningSkipReason;
  /** The same in words (AT-host firmware, --no-provision). */
  note?: string;
  /** The firmware family provisioning found, and the latest milestone reached (if it looked). */
  provisioning?: { family: string; stage?: string; lteDrops: number };
  error?: { code: AppErrorData['code']; message: string };
  ms: number;
}

export interface BatchSummary {
  connected: number;
  claimed: number;
  alreadyClaimed: number;
  read: number;
  /** Failed, cancelled and unplugged kits: none of them was onboarded. */
  failed: number;
  ms: number;
}

export interface BatchDeps {
  binding: SerialBinding;
  journal: TokenJournal;
  queue: CloudQueue;
  /** Needed only when claiming. */
  cloud?: { adapter: CloudAdapter; teamName?: string | undefined };
  baudRate?: number;
  now?: () => number;
  /** The step after the claim; without it kits end claimed (as with --no-provision). */
  provisioning?: ProvisioningParts;
}

export interface BatchInput {
  targets: JobTarget[];
  claim: boolean;
  tags: string[];
  /** Provision after the claim (default true when the deps have provisioning parts). */
  provision?: boolean;
  provisionTimeoutMs?: number;
  /** Create the nRF Cloud Onboarding rule when missing, instead of failing ONBOARDING_RULE_MISSING. */
  createRule?: boolean;
  onChange?: (change: JobChange) => void;
  onDone?: (outcome: DeviceOutcome, job: JobView) => void;
}

/** The AT port of every recognised kit (`--all`). */
export async function allKitTargets(list: () => Promise<PortInfo[]>): Promise<JobTarget[]> {
  const { devices } = await enumerateDevices({ list });
  return devices.flatMap((device) => {
    const target = targetOfDevice(device);
    return target === undefined ? [] : [target];
  });
}

/** The job's end in the CLI's words. */
export function outcomeOf(job: JobView, isProvisionOff = false): DeviceOutcome {
  const state =
    job.state === 'connected' ||
    job.state === 'claimed' ||
    job.state === 'already-claimed' ||
    job.state === 'read' ||
    job.state === 'unplugged'
      ? job.state
      : 'failed';
  const error =
    job.error ??
    (job.state === 'cancelled' ? { code: 'CANCELLED' as const, message: 'Cancelled.' } : undefined);
  const isClaimedOnly = state === 'claimed' || state === 'already-claimed';
  // Without provisioning parts main sends no view: --no-provision still says why.
  const isNotAsked = isClaimedOnly && isProvisionOff && job.provisioning === undefined;
  const skipReason = isNotAsked ? 'turned-off' : job.provisioning?.skipReason;
  const note = isNotAsked ? NOT_ASKED_NOTE : job.provisioning?.note;
  const provisioning = skipReason === 'turned-off' ? undefined : job.provisioning;
  return {
    port: job.port,
    ...(job.serialNumber === undefined ? {} : { serialNumber: job.serialNumber }),
    ...(job.deviceUuid === undefined ? {} : { deviceUuid: job.deviceUuid }),
    state,
    ...(skipReason === undefined || !isClaimedOnly ? {} : { skipReason }),
    ...(note === undefined || !isClaimedOnly ? {} : { note }),
    ...(provisioning === undefined
      ? {}
      : {
          provisioning: {
            family: provisioning.family,
            ...(provisioning.stage === undefined ? {} : { stage: provisioning.stage }),
            lteDrops: provisioning.lteDrops,
          },
        }),
    ...(error === undefined ? {} : { error: { code: error.code, message: error.message } }),
    ms: job.elapsedMs,
  };
}

/** Runs one job per target, all at once, and resolves when every one has ended. */
export async function onboardBatch(
  input: BatchInput,
  deps: BatchDeps,
): Promise<{ outcomes: DeviceOutcome[]; summary: BatchSummary }> {
  const now = deps.now ?? Date.now;
  const started = now();
  const serial = new SerialService({
    binding: () => deps.binding,
    lineSettings: () => ({ baudRate: deps.baudRate ?? 115200, rtscts: false }),
    lastUsed: { get: () => undefined, set: () => undefined },
    requests: createRequestRegistry(),
  });
  const connect = async (target: JobTarget): Promise<OpenedPort> => {
    const { sessionId } = await serial.connect({ path: target.path, heldBy: 'onboarding' });
    return { session: serial.sessionOf(sessionId), release: () => serial.disconnect(sessionId) };
  };
  const isProvisionRequested = deps.provisioning !== undefined && input.provision !== false;
  const service = new OnboardingService({
    connect,
    reopen: (target, signal) =>
      reopenKitPort({ target, poll: () => serial.watcher.poll(), connect, signal }),
    ...(deps.provisioning === undefined ? {} : { provisioning: deps.provisioning }),
    journal: () => deps.journal,
    cloud: () => {
      if (deps.cloud === undefined) throw new Error('no cloud adapter for a claim');
      return deps.cloud;
    },
    queue: deps.queue,
    defaultTags: () => input.tags,
    now,
    ...(input.onChange === undefined ? {} : { onChange: input.onChange }),
  });
  const outcomes: DeviceOutcome[] = [];
  const unsubscribe = deps.queue.subscribe(() => service.queueChanged());
  try {
    const options = {
      claim: input.claim,
      provision: isProvisionRequested,
      createRule: input.createRule === true,
      ...(input.provisionTimeoutMs === undefined
        ? {}
        : { provisionTimeoutMs: input.provisionTimeoutMs }),
    };
    const ids = [...new Set(input.targets.map((t) => service.start(t, options).id))];
    await Promise.all(
      ids.map(async (id) => {
        const job = await service.whenDone(id);
        const outcome = outcomeOf(job, input.provision === false);
        outcomes.push(outcome);
        input.onDone?.(outcome, job);
      }),
    );
  } finally {
    unsubscribe();
    await service.dispose();
    await serial.dispose();
  }
  const count = (state: DeviceOutcome['state']) => outcomes.filter((o) => o.state === state).length;
  return {
    outcomes,
    summary: {
      connected: count('connected'),
      claimed: count('claimed'),
      alreadyClaimed: count('already-claimed'),
      read: count('read'),
      failed: count('failed') + count('unplugged'),
      ms: now() - started,
    },
  };
}
