/**
 * What the journal tells the user when reading had to skip bytes: a notice saying what was kept,
 * what was unreadable and where a copy of the damaged file went. The journal itself is never
 * rewritten (it is append-only), but the next append after a torn end changes it, so a copy of
 * the damaged state is kept first.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AppNotice } from '../../src-shared/ipc/app';
import { isDamaged, type JournalReadReport } from './journalRecords';

/**
 * Copies the journal beside itself, once per damage: the name carries a hash of the file up to
 * its last damaged byte, which later appends do not change. Returns the copy's path, or why not.
 */
export function keepDamagedCopy(
  file: string,
  bytes: Uint8Array,
  report: JournalReadReport,
): { copy: string } | { copyFailed: string } {
  const hash = createHash('sha256').update(bytes.subarray(0, report.damageEnd)).digest('hex');
  const copy = `${file}.damaged-${hash.slice(0, 12)}`;
  try {
    writeFileSync(copy, bytes, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST')
      return { copyFailed: error instanceof Error ? error.message : `${code}` };
  }
  return { copy };
}

/** The JOURNAL_CORRUPT notice for a read that skipped anything; undefined for a clean file. */
export function journalDamageNotice(
  file: string,
  report: JournalReadReport,
  keptEntries: number,
  copied: { copy: string } | { copyFailed: string },
): AppNotice | undefined {
  if (!isDamaged(report)) return undefined;
  const findings = [
    ...report.healedTornLines.map((line) => ({
      line,
      text: `line ${line}: an interrupted write, closed off by a later one`,
    })),
    ...report.corruptLines.map(({ line, reason }) => ({ line, text: `line ${line}: ${reason}` })),
    ...(report.tornTail
      ? [
          {
            line: report.tornTail.line,
            text: `line ${report.tornTail.line} (last, ${report.tornTail.bytes} bytes, no line end): ${report.tornTail.reason}`,
          },
        ]
      : []),
  ].sort((a, b) => a.line - b.line);
  const where =
    'copy' in copied
      ? `The journal file is left as it is; a copy of it was kept at ${copied.copy}.`
      : `The journal file is left as it is; no copy could be kept (${copied.copyFailed}).`;
  const id = 'copy' in copied ? copied.copy : `${file}#${report.damageEnd}`;
  return {
    id: `journal-damage:${id}`,
    level: 'warning',
    code: 'JOURNAL_CORRUPT',
    message: `The token journal is damaged: ${plural(keptEntries, 'entry', 'entries')} read and kept, ${plural(findings.length, 'unreadable line', 'unreadable lines')} (${plural(report.skippedBytes, 'byte', 'bytes')}) skipped. ${where}`,
    file,
    ...('copy' in copied ? { copy: copied.copy } : {}),
    detail: findings.map((f) => f.text).join('\n'),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
