/** `nrf-onboard journal [--csv | --json]`: the token journal the app shows, or its nrfcloud-utils CSV. */
import { maskToken } from '../../../src-shared/redact';
import type { JournalEntry } from '../../cloud/journal';
import { resolveDataDir } from '../../persistence/dataDir';
import { defineCommand, EXIT_OK, UsageError } from '../command';
import { openCommandJournal } from '../fileNotices';

export const usage = `Usage: nrf-onboard journal [--csv | --json] [--data-dir <path>]

Lists every token read or pasted so far, with its claim status (tokens masked).

  --csv              the journal as nrfcloud-utils CSV (IMEI, UUID, token, time): full tokens
  --json             the entries as one JSON array on stdout: full tokens
  --data-dir <path>  the app's data folder (default: ONBOARDER_DATA_DIR, else the app's own)
  -h, --help         this text
`;

export const { run } = defineCommand({
  usage,
  options: { csv: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
  deps: () => ({}),
  async run({ values, io, out }) {
    if (values.csv === true && values.json === true)
      throw new UsageError('--csv and --json cannot be used together.');
    const journal = openCommandJournal(
      io,
      resolveDataDir({ flag: values['data-dir'], env: io.env }),
    );
    if (values.csv === true) {
      io.stdout.write(journal.exportCsv());
      return EXIT_OK;
    }
    const entries = journal.list();
    if (out.isJson) {
      out.json(entries);
      return EXIT_OK;
    }
    out.text(`Token journal: ${journal.file}`);
    if (entries.length === 0) {
      out.text('No tokens yet.');
      return EXIT_OK;
    }
    for (const e of entries) out.text(describeEntry(e));
    out.text(`${entries.length} token(s), ${journal.pending().length} still to claim.`);
    return EXIT_OK;
  },
});

function describeEntry(e: JournalEntry): string {
  const error = e.lastError ? `  ${e.lastError.code}` : '';
  return `${e.claimStatus.padEnd(15)} ${e.deviceUuid}  ${e.readAt}  ${e.source.padEnd(6)} ${maskToken(e.token)}${error}`;
}
