/**
 * `nrf-onboard claim` and `nrf-onboard journal`: the same cloud services as the window, no
 * Electron. The API key comes only from NRF_CLOUD_API_KEY; a key on the command line would sit
 * in shell history and the process list, so it is refused.
 */
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import { maskToken, redactSecrets } from '../../src-shared/redact';
import { claimSupportWarnings } from '../../src-shared/token/claimSupport';
import { decodeAttestationToken } from '../../src-shared/token/decode';
import type { AccountInfo, ClaimResult, DryRunResult } from './adapter';
import { checkApiKeyShape } from './apiKeyShape';
import { lastValue, parseArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { claimAndRecord } from './claimAndRecord';
import { toErrorData } from './errorData';
import { formatSeconds } from './http';
import { corruptionNotice, openJournal, type JournalEntry, type TokenJournal } from './journal';
import {
  createApiKeyAdapter,
  DEFAULT_API_BASE_URL,
  DEFAULT_PROVISIONING_BASE_URL,
  type ApiKeyAdapterOptions,
} from './restClient';

export type { CliIo } from './cliIo';

const DEFAULT_TAGS = ['nrf-cloud-onboarding'];

const CLAIM_USAGE =
  'Usage: nrf-onboard claim --token <token> [--dry-run] [--tag <tag>]... [--no-tags]\n' +
  '                         [--api-url <url>] [--provisioning-url <url>] [--json]\n' +
  'The API key is read from the NRF_CLOUD_API_KEY environment variable only.\n' +
  `Without --tag the device is tagged ${DEFAULT_TAGS.join(', ')}, which makes nRF Cloud onboard it.\n`;

const JOURNAL_USAGE = 'Usage: nrf-onboard journal [--csv | --json]\n';

/** Extra seams for tests: the adapter's fetch, sleep and timeout. */
export type ClaimCommandOverrides = Partial<
  Pick<ApiKeyAdapterOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'retry'>
>;

/** Runs `claim`; returns the exit code (0 done or already yours, 1 failed, 2 usage). */
export async function runClaimCommand(
  argv: string[],
  io: CliIo,
  overrides: ClaimCommandOverrides = {},
): Promise<number> {
  const isJson = argv.includes('--json');
  const out = reporter(io, isJson);
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(CLAIM_USAGE);
    return 0;
  }
  const keyOnArgv = argv.find(
    (a) => /^--(api-?key|key)\b/i.test(a) || checkApiKeyShape(a.replace(/^--?[\w-]+=/, '')).ok,
  );
  if (keyOnArgv !== undefined) {
    return out.usage(
      'Do not pass the API key on the command line: it stays in shell history and other users can see it in the process list. ' +
        'Set it in the NRF_CLOUD_API_KEY environment variable instead.',
    );
  }
  const args = parseArgs(argv, {
    flags: ['--dry-run', '--json', '--no-tags'],
    values: ['--token', '--tag', '--api-url', '--provisioning-url'],
  });
  if (typeof args === 'string') return out.usage(`${args}\n${CLAIM_USAGE}`);
  const tokenText = lastValue(args, '--token');
  if (tokenText === undefined) return out.usage(`--token is required.\n${CLAIM_USAGE}`);

  const rawKey = io.env.NRF_CLOUD_API_KEY;
  if (rawKey === undefined || rawKey.trim() === '') {
    return out.fail({
      code: 'API_KEY_MISSING',
      message:
        'Set NRF_CLOUD_API_KEY to your nRF Cloud API key (portal: menu > User Account > Current Team Details > API key).',
    });
  }
  const shape = checkApiKeyShape(rawKey);
  if (!shape.ok)
    return out.fail({ code: 'API_KEY_MALFORMED', message: `NRF_CLOUD_API_KEY: ${shape.message}` });
  const decoded = decodeAttestationToken(tokenText);
  if (!decoded.ok) return out.fail(decoded.error);
  const { token, deviceUuid } = decoded.value;
  // Claiming is documented for nRF91x1 only: say so, and go on (facts sheet section 1).
  for (const warning of claimSupportWarnings({ deviceType: decoded.value.deviceType }))
    out.warn(warning);

  const tags = args.flags.has('--no-tags') ? [] : (args.values.get('--tag') ?? DEFAULT_TAGS);
  const adapter = createApiKeyAdapter({
    ...overrides,
    apiKey: shape.key,
    apiBaseUrl: lastValue(args, '--api-url') ?? io.env.NRF_CLOUD_API_URL ?? DEFAULT_API_BASE_URL,
    provisioningBaseUrl:
      lastValue(args, '--provisioning-url') ??
      io.env.NRF_CLOUD_PROVISIONING_URL ??
      DEFAULT_PROVISIONING_BASE_URL,
    onRetry: (info) =>
      io.stderr.write(
        `${info.reason}; retrying in ${formatSeconds(info.delayMs)} (after try ${info.attempt}).\n`,
      ),
  });

  const isDryRun = args.flags.has('--dry-run');
  // A dry run changes nothing, so it leaves nothing to remember; a claim is journaled first.
  const journal = isDryRun ? undefined : tryOpenJournal(io, out);
  const entry =
    journal &&
    tryJournal(out, () =>
      journal.add({
        token,
        deviceUuid,
        deviceType: decoded.value.deviceType,
        deviceTypeName: decoded.value.deviceTypeName,
        source: 'paste',
      }),
    );

  let account: AccountInfo | undefined;
  try {
    account = await adapter.getAccount();
    if (!account.canClaim) {
      throw new AppError(
        'ROLE_CANNOT_CLAIM',
        `Your role in team "${account.teamName}" (${account.role}) cannot claim devices. Claiming needs the Editor, Admin or Owner role: ask a team Admin or Owner.`,
      );
    }
    if (isDryRun) {
      const verdict = await adapter.dryRun(token, tags);
      return out.dryRun(deviceUuid, account.teamName, verdict);
    }
    const result = await claimAndRecord({
      adapter,
      // Without a journal entry (the journal could not be written) the claim still goes ahead.
      entry: entry ?? { id: '', token, deviceUuid },
      journal: entry ? journal : undefined,
      tags,
      teamName: account.teamName,
      onJournalError: (error) => out.warn(journalWarning(error.message)),
    });
    return out.claimed(result, account.teamName);
  } catch (error) {
    const data = toErrorData(error);
    return out.fail(data);
  }
}

/** Runs `journal`: lists the journal, or prints it as nrfcloud-utils CSV. */
export async function runJournalCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['--csv', '--json', '--help'], values: [] });
  if (typeof args === 'string') {
    io.stderr.write(`${args}\n${JOURNAL_USAGE}`);
    return 2;
  }
  if (args.flags.has('--help')) {
    io.stdout.write(JOURNAL_USAGE);
    return 0;
  }
  let journal: TokenJournal;
  try {
    journal = openJournal(dataDir(io));
  } catch (error) {
    const data = toErrorData(error);
    io.stderr.write(`Error [${data.code}]: ${data.message}\n`);
    return 1;
  }
  const notice = corruptionNotice(journal);
  if (notice)
    io.stderr.write(`Warning [${notice.code}]: ${notice.message}\n${notice.detail ?? ''}\n`);
  if (args.flags.has('--csv')) {
    io.stdout.write(journal.exportCsv());
    return 0;
  }
  const entries = journal.list();
  if (args.flags.has('--json')) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`Token journal: ${journal.file}\n`);
  if (entries.length === 0) {
    io.stdout.write('No tokens yet.\n');
    return 0;
  }
  for (const e of entries) io.stdout.write(`${describeEntry(e)}\n`);
  io.stdout.write(`${entries.length} token(s), ${journal.pending().length} still to claim.\n`);
  return 0;
}

function describeEntry(e: JournalEntry): string {
  const error = e.lastError ? `  ${e.lastError.code}` : '';
  return `${e.claimStatus.padEnd(15)} ${e.deviceUuid}  ${e.readAt}  ${e.source.padEnd(6)} ${maskToken(e.token)}${error}`;
}

const dataDir = (io: CliIo) => io.env.ONBOARDER_DATA_DIR || io.defaultDataDir;

function tryOpenJournal(io: CliIo, out: Reporter): TokenJournal | undefined {
  return tryJournal(out, () => openJournal(dataDir(io)));
}

/** The journal must never stop a claim the user asked for: a failure is reported and skipped. */
function tryJournal<T>(out: Reporter, action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    out.warn(journalWarning(toErrorData(error).message));
    return undefined;
  }
}

const journalWarning = (message: string) =>
  `The token journal could not be updated (${message}); the claim goes on.`;

type Reporter = ReturnType<typeof reporter>;

function reporter(io: CliIo, isJson: boolean) {
  const json = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);
  const fail = (error: AppErrorData, exitCode = 1) => {
    const clean = {
      ...error,
      message: redactSecrets(error.message),
      ...(error.detail ? { detail: redactSecrets(error.detail) } : {}),
    };
    if (isJson) json({ error: clean });
    else io.stderr.write(`Error [${clean.code}]: ${clean.message}\n`);
    return exitCode;
  };
  return {
    fail,
    usage: (message: string) => fail({ code: 'VALIDATION_FAILED', message }, 2),
    warn: (message: string) => io.stderr.write(`Warning: ${message}\n`),
    dryRun(deviceId: string, teamName: string, verdict: DryRunResult) {
      if (!verdict.claimable && !verdict.alreadyClaimedByYou) {
        return fail({
          code: verdict.code ?? 'UNEXPECTED_RESPONSE',
          message: verdict.reason ?? 'nRF Cloud says the device cannot be claimed.',
        });
      }
      if (isJson) json({ dryRun: true, deviceId, teamName, ...verdict });
      else if (verdict.claimable)
        io.stdout.write(
          `Device ${deviceId} can be claimed into team "${teamName}" (dry run: nothing changed).\n`,
        );
      else
        io.stdout.write(
          `Device ${deviceId} is already claimed by your team "${teamName}": nothing to do.\n`,
        );
      return 0;
    },
    claimed(result: ClaimResult, teamName: string) {
      if (isJson) {
        json({ ...result, teamName });
        return 0;
      }
      const type = result.deviceType ? ` (${result.deviceType})` : '';
      io.stdout.write(
        result.alreadyClaimedByYou
          ? `Device ${result.deviceId}${type} is already claimed by your team "${teamName}": nothing to do.\n`
          : `Claimed device ${result.deviceId}${type} into team "${teamName}".\n`,
      );
      if (result.tags.length > 0) io.stdout.write(`Tags: ${result.tags.join(', ')}\n`);
      io.stdout.write(`Open it in nRF Cloud: ${result.portalUrl}\n`);
      return 0;
    },
  };
}
