/**
 * `nrf-onboard onboard`: many kits at once from a shell, on the same pipeline as the window.
 * The logic lives here; the command file in cli/commands only parses the line and hands over.
 * With --json: one line per kit as it finishes, then a summary line. Exit 0 only when no kit
 * failed (an unplugged kit counts as failed).
 */
import type { PortInfo } from '../../src-shared/devices/kits';
import { AppError } from '../../src-shared/ipc/errors';
import type { JobChange, JobView } from '../../src-shared/ipc/onboarding';
import type { PublicSettings } from '../../src-shared/ipc/settings';
import { checkApiKeyShape } from '../cloud/apiKeyShape';
import { formatSeconds, type FetchLike } from '../cloud/http';
import { openJournal } from '../cloud/journal';
import { createApiKeyAdapter, type ApiKeyAdapterOptions } from '../cloud/restClient';
import type { SerialBinding } from '../serial/bindingTypes';
import { CloudQueue } from './cloudQueue';
import { allKitTargets, onboardBatch, type DeviceOutcome } from './onboardBatch';
import type { JobTarget } from './onboardingService';

export const onboardUsage = `Usage: nrf-onboard onboard (--port <path> [--port <path> ...] | --all) [--no-claim]
                          [--tags a,b] [--json] [--api-url <url>] [--provisioning-url <url>]
                          [--baud <n>] [--data-dir <path>]

Onboards every kit given at once: opens its AT port, finds the firmware mode, reads model,
firmware, IMEI and the attestation token, stores the token in the journal, then dry-runs and
claims it on nRF Cloud (at most 4 cloud calls at a time; a 429 pauses all of them).

  --port <path>             a kit's AT port (repeat for more)
  --all                     every recognised kit's AT port (see: nrf-onboard ports)
  --no-claim                stop once the token is journaled (state "read")
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

/** The parsed options (node:util parseArgs names). */
export interface OnboardValues {
  port?: string[] | undefined;
  all?: boolean | undefined;
  'no-claim'?: boolean | undefined;
  tags?: string | undefined;
  json?: boolean | undefined;
  'api-url'?: string | undefined;
  'provisioning-url'?: string | undefined;
  baud?: string | undefined;
}

/** parseArgs options of the command, for the command file. */
export const onboardOptions = {
  port: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  'no-claim': { type: 'boolean' },
  tags: { type: 'string' },
  json: { type: 'boolean' },
  'api-url': { type: 'string' },
  'provisioning-url': { type: 'string' },
  baud: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** A mistake on the command line: printed with the usage, exit 2. */
export class OnboardUsageError extends Error {}

/** A key on the command line (an option or any value) is refused before anything else happens. */
export function refuseKeyOnCommandLine(argv: readonly string[]): void {
  const isKey = (a: string) =>
    /^--(api-?key|key)\b/i.test(a) || checkApiKeyShape(a.replace(/^--?[\w-]+=/, '')).ok;
  if (argv.some(isKey)) {
    throw new OnboardUsageError(
      'Do not pass the API key on the command line: it stays in shell history and other users can see it in the process list. ' +
        'Set it in the NRF_CLOUD_API_KEY environment variable instead.',
    );
  }
}

export interface OnboardDeps {
  binding: () => Promise<SerialBinding>;
  /** Port listing for --all; defaults to the binding's. */
  list?: () => Promise<PortInfo[]>;
  /** Test seams of the REST client. */
  fetch?: FetchLike;
  retry?: ApiKeyAdapterOptions['retry'];
  sleep?: ApiKeyAdapterOptions['sleep'];
  /** Stderr is a terminal: redraw one live line per kit instead of printing each change. */
  isTty?: boolean;
}

export interface OnboardIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

export interface OnboardContext {
  values: OnboardValues;
  io: OnboardIo;
  dataDir: string;
  settings: Pick<
    PublicSettings,
    'claimTags' | 'apiBaseUrl' | 'provisioningBaseUrl' | 'portalBaseUrl'
  >;
  deps: OnboardDeps;
}

/** Runs the command; returns the exit code. Throws OnboardUsageError or AppError (exit 1). */
export async function runOnboard(context: OnboardContext): Promise<number> {
  const { values, io, deps } = context;
  const isJson = values.json === true;
  const ports = values.port ?? [];
  if (ports.length === 0 && values.all !== true)
    throw new OnboardUsageError('Give --port <path> (repeatable) or --all.');
  if (ports.length > 0 && values.all === true)
    throw new OnboardUsageError('--port and --all cannot be used together.');
  const baudRate = values.baud === undefined ? 115200 : Number(values.baud);
  if (!/^\d+$/.test(values.baud ?? '1') || baudRate <= 0)
    throw new OnboardUsageError(`--baud must be a positive whole number, not "${values.baud}".`);
  const tags =
    values.tags === undefined
      ? context.settings.claimTags
      : values.tags
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
  const isClaim = values['no-claim'] !== true;

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
        ...(live === undefined ? {} : { onChange: live.onChange }),
        onDone: (outcome, job) => {
          if (isJson) io.stdout.write(`${JSON.stringify(outcome)}\n`);
          else live?.onDone(outcome, job);
        },
      },
      {
        binding,
        journal: openJournal(context.dataDir),
        queue,
        baudRate,
        ...(cloud ? { cloud } : {}),
      },
    );
    if (isJson) io.stdout.write(`${JSON.stringify({ summary })}\n`);
    else
      io.stdout.write(
        `${summary.claimed} claimed, ${summary.alreadyClaimed} already claimed, ${summary.read} read, ${summary.failed} failed in ${formatSeconds(summary.ms)}\n`,
      );
    return summary.failed === 0 ? 0 : 1;
  } finally {
    queue.dispose();
  }
}

async function cloudAccess(context: OnboardContext, queue: CloudQueue) {
  const { io, values, settings, deps } = context;
  const rawKey = io.env.NRF_CLOUD_API_KEY;
  if (rawKey === undefined || rawKey.trim() === '') {
    throw new AppError(
      'API_KEY_MISSING',
      'Set NRF_CLOUD_API_KEY to your nRF Cloud API key (portal: menu > User Account > Current Team Details > API key), or pass --no-claim.',
    );
  }
  const shape = checkApiKeyShape(rawKey);
  if (!shape.ok) throw new AppError('API_KEY_MALFORMED', `NRF_CLOUD_API_KEY: ${shape.message}`);
  const adapter = createApiKeyAdapter({
    apiKey: shape.key,
    apiBaseUrl: values['api-url'] ?? io.env.NRF_CLOUD_API_URL ?? settings.apiBaseUrl,
    provisioningBaseUrl:
      values['provisioning-url'] ??
      io.env.NRF_CLOUD_PROVISIONING_URL ??
      settings.provisioningBaseUrl,
    portalBaseUrl: settings.portalBaseUrl,
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    ...(deps.retry === undefined ? {} : { retry: deps.retry }),
    ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
    onRetry: (info) => {
      if (info.code === 'RATE_LIMITED') queue.backOff(info.delayMs, info.reason);
      if (values.json !== true)
        io.stderr.write(`${info.reason}; every kit waits ${formatSeconds(info.delayMs)}.\n`);
    },
  });
  // One account call up front: a wrong key or role fails once, not once per kit.
  const account = await adapter.getAccount();
  if (!account.canClaim) {
    throw new AppError(
      'ROLE_CANNOT_CLAIM',
      `Your role in team "${account.teamName}" (${account.role}) cannot claim devices. Claiming needs the Editor, Admin or Owner role, or pass --no-claim.`,
    );
  }
  return { adapter, teamName: account.teamName };
}

/** One line per kit: redrawn in place on a terminal, printed once per end otherwise. */
function liveLines(io: OnboardIo, isTty: boolean) {
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
      const what = outcome.error ? `${outcome.error.code}: ${outcome.error.message}` : job.stepText;
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
