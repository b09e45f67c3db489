/**
 * `nrf-onboard onboard`: many kits at once from a shell, on the same jobs and cloud queue as the
 * window (onboarding/onboardBatch.ts). With --json: one line per kit as it finishes, then a
 * summary line. Exit 0 only when no kit failed (an unplugged kit counts as failed).
 */
import type { PortInfo } from '../../../src-shared/devices/kits';
import { AppError } from '../../../src-shared/ipc/errors';
import type { JobChange, JobView } from '../../../src-shared/ipc/onboarding';
import type { PublicSettings } from '../../../src-shared/ipc/settings';
import { formatSeconds } from '../../cloud/http';
import { CloudQueue } from '../../onboarding/cloudQueue';
import { allKitTargets, onboardBatch, type DeviceOutcome } from '../../onboarding/onboardBatch';
import type { JobTarget } from '../../onboarding/onboardingService';
import { provisioningParts } from '../../onboarding/provisioningParts';
import type { ProvisioningParts } from '../../onboarding/provisioningRun';
import { resolveDataDir } from '../../persistence/dataDir';
import type { SerialBinding } from '../../serial/bindingTypes';
import { nativeBinding } from '../../serial/portConnection';
import { readAppSettings } from '../appSettings';
import {
  apiKeyFromEnv,
  commandAdapter,
  refuseKeyOnCommandLine,
  requireClaimRole,
  type AdapterSeams,
  type CloudSettings,
} from '../cloudAccess';
import { openCommandJournal, printNotices } from '../fileNotices';
import { defineCommand, UsageError, type CliIo, type Output, type Values } from '../command';

export const usage = `Usage: nrf-onboard onboard (--port <path> [--port <path> ...] | --all) [--no-claim]
                          [--no-provision] [--provision-timeout <s>] [--create-rule]
                          [--tags a,b] [--json]
                          [--api-url <url>] [--provisioning-url <url>] [--baud <n>]
                          [--data-dir <path>]

Onboards every kit given at once: opens its AT port, finds the firmware mode, reads model,
firmware, IMEI and the attestation token, stores the token in the journal, then dry-runs and
claims it on nRF Cloud (at most 4 cloud calls at a time; a 429 pauses all of them), then has
the device fetch its credentials and waits until nRF Cloud sees it: state "connected". AT-host
firmware cannot fetch them and ends "claimed" with "skipReason": "unsupported" and a "note";
a failure ends "failed" with its PROVISIONING_* code.

  --port <path>             a kit's AT port (repeat for more)
  --all                     every recognised kit's AT port (see: nrf-onboard ports)
  --no-claim                stop once the token is journaled (state "read")
  --no-provision            stop at the claim (state "claimed", "skipReason": "turned-off")
  --create-rule             create the nRF Cloud Onboarding rule if no active rule carries the
                            claim tags; without it such a kit fails ONBOARDING_RULE_MISSING
                            before it is claimed
  --provision-timeout <s>   give up provisioning after this many seconds (default: the app's
                            setting, 300): PROVISIONING_TIMEOUT
  --tags a,b                claim tags (default: the app's claim tags)
  --json                    one JSON line per kit as it finishes, then {"summary": ...}
  --api-url <url>           nRF Cloud REST API base (default: NRF_CLOUD_API_URL, else the app's setting)
  --provisioning-url <url>  provisioning service base (default: NRF_CLOUD_PROVISIONING_URL, else the app's setting)
  --baud <n>                line speed (default 115200)
  --data-dir <path>         the app's data folder (default: ONBOARDER_DATA_DIR, else the app's own)
  -h, --help                this text

The API key is read from the NRF_CLOUD_API_KEY environment variable only.
Exit code 0 when no kit failed, 1 otherwise, 2 for a usage error.
`;

/** parseArgs options of the command, for the command file. */
const options = {
  port: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  'no-claim': { type: 'boolean' },
  'no-provision': { type: 'boolean' },
  'create-rule': { type: 'boolean' },
  'provision-timeout': { type: 'string' },
  tags: { type: 'string' },
  json: { type: 'boolean' },
  'api-url': { type: 'string' },
  'provisioning-url': { type: 'string' },
  baud: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export interface OnboardDeps {
  binding: () => Promise<SerialBinding>;
  /** Port listing for --all; defaults to the binding's. */
  list?: () => Promise<PortInfo[]>;
  /** Test seams of the REST client. */
  fetch?: AdapterSeams['fetch'];
  retry?: AdapterSeams['retry'];
  sleep?: AdapterSeams['sleep'];
  /** Stderr is a terminal: redraw one live line per kit instead of printing each change. */
  isTty?: boolean;
  /** The step after the claim (default: the real device side and cloud watcher). */
  provisioning?: () => ProvisioningParts | undefined;
}

interface OnboardContext {
  values: Values<typeof options>;
  io: CliIo;
  out: Output;
  dataDir: string;
  settings: CloudSettings &
    Pick<PublicSettings, 'claimTags' | 'isProvisioningOn' | 'provisioningTimeoutS'>;
  deps: OnboardDeps;
}

/** Runs the command; returns the exit code. Throws UsageError or AppError (exit 1). */
async function runOnboard(context: OnboardContext): Promise<number> {
  const { values, io, deps } = context;
  const isJson = values.json === true;
  const ports = values.port ?? [];
  if (ports.length === 0 && values.all !== true)
    throw new UsageError('Give --port <path> (repeatable) or --all.');
  if (ports.length > 0 && values.all === true)
    throw new UsageError('--port and --all cannot be used together.');
  const baudRate = values.baud === undefined ? 115200 : Number(values.baud);
  if (!/^\d+$/.test(values.baud ?? '1') || baudRate <= 0)
    throw new UsageError(`--baud must be a positive whole number, not "${values.baud}".`);
  const tags =
    values.tags === undefined
      ? context.settings.claimTags
      : values.tags
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
  const isClaim = values['no-claim'] !== true;
  const timeoutText = values['provision-timeout'];
  if (timeoutText !== undefined && (!/^\d+$/.test(timeoutText) || Number(timeoutText) === 0))
    throw new UsageError(
      `--provision-timeout must be a positive whole number of seconds, not "${timeoutText}".`,
    );
  const provisionTimeoutMs =
    (timeoutText === undefined ? context.settings.provisioningTimeoutS : Number(timeoutText)) *
    1000;
  const isProvision =
    isClaim && values['no-provision'] !== true && context.settings.isProvisioningOn;
  const provisioning = isProvision ? deps.provisioning?.() : undefined;

  const queue = new CloudQueue();
  const cloud = isClaim ? await cloudAccess(context, queue) : undefined;
  const binding = await deps.binding();
  const targets: JobTarget[] =
    values.all === true
      ? await allKitTargets(deps.list ?? (() => binding.list()))
      : ports.map((path) => ({ path }));
  if (targets.length === 0) {
    throw new AppError(
      'PORT_NOT_FOUND',
      'No recognised kit is plugged in (see: nrf-onboard ports).',
    );
  }

  const live = isJson ? undefined : liveLines(io, deps.isTty === true);
  try {
    const { summary } = await onboardBatch(
      {
        targets,
        claim: isClaim,
        tags,
        provision: isProvision,
        provisionTimeoutMs,
        createRule: values['create-rule'] === true,
        ...(live === undefined ? {} : { onChange: live.onChange }),
        onDone: (outcome, job) => {
          if (isJson) io.stdout.write(`${JSON.stringify(outcome)}\n`);
          else live?.onDone(outcome, job);
        },
      },
      {
        binding,
        journal: openCommandJournal(io, context.dataDir),
        queue,
        baudRate,
        ...(cloud ? { cloud } : {}),
        ...(provisioning === undefined ? {} : { provisioning }),
      },
    );
    if (isJson) io.stdout.write(`${JSON.stringify({ summary })}\n`);
    else
      io.stdout.write(
        `${summary.connected} connected, ${summary.claimed} claimed, ${summary.alreadyClaimed} already claimed, ${summary.read} read, ${summary.failed} failed in ${formatSeconds(summary.ms)}\n`,
      );
    return summary.failed === 0 ? 0 : 1;
  } finally {
    queue.dispose();
  }
}

async function cloudAccess(context: OnboardContext, queue: CloudQueue) {
  const { io, out, values, settings, deps } = context;
  const apiKey = apiKeyFromEnv(io.env, ', or pass --no-claim');
  const { fetch, retry, sleep } = deps;
  const adapter = commandAdapter({
    apiKey,
    flags: values,
    io,
    out,
    settings,
    seams: {
      ...(fetch === undefined ? {} : { fetch }),
      ...(retry === undefined ? {} : { retry }),
      ...(sleep === undefined ? {} : { sleep }),
    },
    onRetry: (info) => {
      if (info.code === 'RATE_LIMITED') queue.backOff(info.delayMs, info.reason);
      if (values.json !== true)
        io.stderr.write(`${info.reason}; every kit waits ${formatSeconds(info.delayMs)}.\n`);
    },
  });
  // One account call up front: a wrong key or role fails once, not once per kit.
  const account = await adapter.getAccount();
  requireClaimRole(account, 'ask a team Admin or Owner, or pass --no-claim');
  return { adapter, teamName: account.teamName };
}

/** One line per kit: redrawn in place on a terminal, printed once per end otherwise. */
function liveLines(io: CliIo, isTty: boolean) {
  const order: string[] = [];
  const lines = new Map<string, string>();
  let drawn = 0;
  const redraw = () => {
    let text = drawn > 0 ? `\x1b[${drawn}A` : '';
    for (const id of order) text += `\x1b[2K${lines.get(id) ?? ''}\n`;
    drawn = order.length;
    io.stderr.write(text);
  };
  return {
    onChange: (change: JobChange) => {
      if (!isTty) return;
      const { job } = change;
      if (!lines.has(job.id)) order.push(job.id);
      lines.set(job.id, describe(job, change));
      redraw();
    },
    onDone: (outcome: DeviceOutcome, job: JobView) => {
      if (isTty) return;
      const what = outcome.error
        ? `${outcome.error.code}: ${outcome.error.message}`
        : (outcome.note ?? job.stepText);
      io.stdout.write(
        `${outcome.port}  ${outcome.serialNumber ?? '-'}  ${outcome.state}  ${tail(outcome.deviceUuid)}  ${formatSeconds(outcome.ms)}  ${what}\n`,
      );
    },
  };
}

function describe(job: JobView, change: JobChange): string {
  const pause = change.queue.pause;
  const wait =
    job.cloudWait === 'paused' && pause
      ? ` (nRF Cloud asked to wait: ${Math.ceil(pause.remainingMs / 1000)} s)`
      : job.cloudWait === 'slot'
        ? ' (waiting for the cloud queue)'
        : '';
  const error = job.error ? ` ${job.error.code}` : '';
  return `${job.port}  ${job.serialNumber ?? '-'}  ${job.state}${error}  ${tail(job.deviceUuid)}  ${formatSeconds(job.elapsedMs)}  ${job.stepText}${wait}`;
}

const tail = (uuid: string | undefined) => (uuid === undefined ? '-' : `…${uuid.slice(-8)}`);

export const { run } = defineCommand({
  usage,
  options,
  check: refuseKeyOnCommandLine,
  deps: (): OnboardDeps => ({
    binding: nativeBinding,
    isTty: process.stderr.isTTY === true,
    provisioning: () => provisioningParts(),
  }),
  run({ values, io, out, deps }) {
    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env });
    const { settings, notices } = readAppSettings(dataDir);
    printNotices(io, notices);
    return runOnboard({ values, io, out, dataDir, settings, deps });
  },
});
