/**
 * `nrf-onboard claim`: the window's claim without Electron. The token goes to the journal first,
 * then through claimAndRecord (dry run, claim, outcome recorded); tags and base URLs come from the
 * app's settings file unless a flag or an environment variable says otherwise. The API key comes
 * only from NRF_CLOUD_API_KEY: a key on the command line would sit in shell history and the
 * process list, so it is refused.
 */
import { modelLabel } from '../../../src-shared/devices/modelLabel';
import { claimSupportWarnings } from '../../../src-shared/token/claimSupport';
import { decodePastedToken } from '../../../src-shared/token/pasted';
import type { ClaimResult, DryRunResult } from '../../cloud/adapter';
import { claimAndRecord } from '../../cloud/claimAndRecord';
import { toErrorData } from '../../cloud/errorData';
import { formatSeconds } from '../../cloud/http';
import type { JournalEntry } from '../../cloud/journal';
import { resolveDataDir } from '../../persistence/dataDir';
import { readAppSettings } from '../appSettings';
import {
  apiKeyFromEnv,
  commandAdapter,
  refuseKeyOnCommandLine,
  requireClaimRole,
  type AdapterSeams,
} from '../cloudAccess';
import { openCommandJournal, printNotices } from '../fileNotices';
import { defineCommand, EXIT_OK, UsageError, type Output } from '../command';

export const usage = `Usage: nrf-onboard claim --token <token> [--dry-run] [--tag <tag>]... [--no-tags]
                         [--api-url <url>] [--provisioning-url <url>] [--json] [--data-dir <path>]

Dry-runs, then claims the device the token names into the team of your API key, and records
the outcome in the token journal (the one the app shows).

  --token <text>            the token, or a pasted %ATTESTTOKEN: "..." line or provisioning log
  --dry-run                 only ask nRF Cloud whether the claim would work; changes nothing
  --tag <tag>               tag the device (repeat for more); default: the app's claim tags
                            (Settings; nrf-cloud-onboarding unless changed), which make nRF Cloud onboard it
  --no-tags                 claim without tags
  --api-url <url>           nRF Cloud REST API base (default: NRF_CLOUD_API_URL, else the app's setting)
  --provisioning-url <url>  provisioning service base (default: NRF_CLOUD_PROVISIONING_URL, else the app's setting)
  --json                    one JSON object on stdout
  --data-dir <path>         the app's data folder (default: ONBOARDER_DATA_DIR, else the app's own)
  -h, --help                this text

The API key is read from the NRF_CLOUD_API_KEY environment variable only.
`;

/** Seams for tests: the adapter's fetch, sleep, timeout and retry policy. */
export type ClaimDeps = AdapterSeams;

export const { run } = defineCommand({
  usage,
  options: {
    token: { type: 'string' },
    'dry-run': { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    'no-tags': { type: 'boolean' },
    'api-url': { type: 'string' },
    'provisioning-url': { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  check: refuseKeyOnCommandLine,
  deps: (): ClaimDeps => ({}),
  async run({ values, io, out, deps }) {
    if (values.token === undefined) throw new UsageError('--token is required.');
    if (values['no-tags'] === true && values.tag !== undefined)
      throw new UsageError('--tag and --no-tags cannot be used together.');

    const apiKey = apiKeyFromEnv(io.env);
    const decoded = decodePastedToken(values.token);
    if (!decoded.ok) return out.fail(decoded.error);
    const { token, deviceUuid } = decoded.value;
    // Claiming is documented for nRF91x1 only: say so, and go on (docs/protocol.md).
    for (const warning of claimSupportWarnings({ deviceType: decoded.value.deviceType }))
      out.warn(warning);

    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env });
    const { settings, notices } = readAppSettings(dataDir);
    printNotices(io, notices);
    const tags = values['no-tags'] === true ? [] : (values.tag ?? settings.claimTags);
    const adapter = commandAdapter({
      apiKey,
      flags: values,
      io,
      out,
      settings,
      seams: deps,
      onRetry: (info) =>
        io.stderr.write(
          `${info.reason}; retrying in ${formatSeconds(info.delayMs)} (after try ${info.attempt}).\n`,
        ),
    });

    const isDryRun = values['dry-run'] === true;
    // A dry run changes nothing, so it leaves nothing to remember; a claim is journaled first.
    // The journal must never stop a claim the user asked for: its failures are warnings.
    const journal = isDryRun ? undefined : tryJournal(out, () => openCommandJournal(io, dataDir));
    const entry: JournalEntry | undefined =
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
    const account = await adapter.getAccount();
    requireClaimRole(account, 'ask a team Admin or Owner');
    if (isDryRun) {
      const verdict = await adapter.dryRun(token, tags);
      return printDryRun(out, deviceUuid, account.teamName, verdict);
    }
    const result = await claimAndRecord({
      adapter,
      entry: entry ?? { id: '', token, deviceUuid },
      journal: entry ? journal : undefined,
      tags,
      teamName: account.teamName,
      onJournalError: (error) => out.warn(journalWarning(error.message)),
    });
    return printClaimed(out, result, account.teamName, decoded.value.deviceTypeName);
  },
});

const journalWarning = (message: string) =>
  `the token journal could not be updated (${message}); the claim goes on.`;

function tryJournal<T>(out: Output, action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    out.warn(journalWarning(toErrorData(error).message));
    return undefined;
  }
}

function printDryRun(out: Output, deviceId: string, teamName: string, verdict: DryRunResult) {
  if (!verdict.claimable && !verdict.alreadyClaimedByYou) {
    return out.fail({
      code: verdict.code ?? 'UNEXPECTED_RESPONSE',
      message: verdict.reason ?? 'nRF Cloud says the device cannot be claimed.',
    });
  }
  if (out.isJson) out.json({ dryRun: true, deviceId, teamName, ...verdict });
  else if (verdict.claimable)
    out.text(
      `Device ${deviceId} can be claimed into team "${teamName}" (dry run: nothing changed).`,
    );
  else out.text(`Device ${deviceId} is already claimed by your team "${teamName}": nothing to do.`);
  return EXIT_OK;
}

function printClaimed(out: Output, result: ClaimResult, teamName: string, deviceTypeName: string) {
  if (out.isJson) {
    out.json({ ...result, teamName });
    return EXIT_OK;
  }
  // A pasted token names no kit: the SiP alone, spelled as the app shows it.
  const model = modelLabel({ deviceTypeName, model: result.deviceType });
  const type = model === undefined ? '' : ` (${model})`;
  out.text(
    result.alreadyClaimedByYou
      ? `Device ${result.deviceId}${type} is already claimed by your team "${teamName}": nothing to do.`
      : `Claimed device ${result.deviceId}${type} into team "${teamName}".`,
  );
  if (result.tags.length > 0) out.text(`Tags: ${result.tags.join(', ')}`);
  out.text(`Open it in nRF Cloud: ${result.portalUrl}`);
  return EXIT_OK;
}
