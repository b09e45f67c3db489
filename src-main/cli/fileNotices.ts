/**
 * The CLI's side of file recovery: whatever the settings store or the token journal recovered
 * from (damaged, unreadable, newer version, fields reset) is said on stderr, so stdout stays
 * what a script reads. The window shows the same notices in its notice list.
 */
import type { AppNotice } from '../../src-shared/ipc/app';
import { openJournal, type TokenJournal } from '../cloud/journal';
import { formatNoticeForCli } from '../notices';
import type { CliIo } from './command';

/** Prints what a settings or journal file was recovered from, on stderr (stdout stays parseable). */
export function printNotices(io: CliIo, notices: readonly (AppNotice | undefined)[]): void {
  for (const notice of notices) if (notice) io.stderr.write(formatNoticeForCli(notice));
}

/** Opens the token journal and says on stderr what it found damaged and where the copy went. */
export function openCommandJournal(io: CliIo, dataDir: string): TokenJournal {
  const journal = openJournal(dataDir);
  printNotices(io, [journal.damage]);
  return journal;
}
