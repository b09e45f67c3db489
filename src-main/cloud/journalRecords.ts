/** The journal's entry type, its record schemas and the tolerant reader that replays them. */
import { z } from 'zod';
import {
  journalEntrySchema,
  journalPatchSchema,
  type JournalEntry,
  type JournalPatch,
} from '../../src-shared/ipc/journal';

export {
  claimStatuses,
  journalEntrySchema,
  journalPatchSchema,
  type ClaimStatus,
  type JournalEntry,
  type JournalPatch,
} from '../../src-shared/ipc/journal';

const recordSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('add'), entry: journalEntrySchema, afterTorn: z.boolean().optional() }),
  z.object({
    t: z.literal('update'),
    id: z.string().min(1),
    patch: journalPatchSchema,
    at: z.string(),
    afterTorn: z.boolean().optional(),
  }),
]);

/** What reading found besides the entries. */
export interface JournalReadReport {
  /** The file ended in a partial line (a writer died mid-append); it was ignored. */
  recoveredFromTornWrite: boolean;
  /** Partial lines from earlier crashes that a later append already closed off (1-based). */
  healedTornLines: number[];
  /** Lines skipped as unreadable: reported as JOURNAL_CORRUPT, never fatal. */
  corruptLines: Array<{ line: number; reason: string }>;
}

/** Applies a patch; a successful claim clears the previous error. */
export function applyPatch(entry: JournalEntry, patch: JournalPatch): JournalEntry {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next: JournalEntry = { ...entry, ...(defined as Partial<JournalEntry>) };
  if (
    (patch.claimStatus === 'claimed' || patch.claimStatus === 'already-claimed') &&
    patch.lastError === undefined
  ) {
    delete next.lastError;
  }
  return next;
}

/** Replays the journal text into entries (in insertion order), tolerating torn and corrupt lines. */
export function replayJournal(text: string): {
  entries: Map<string, JournalEntry>;
  report: JournalReadReport;
} {
  const entries = new Map<string, JournalEntry>();
  const report: JournalReadReport = {
    recoveredFromTornWrite: false,
    healedTornLines: [],
    corruptLines: [],
  };
  const lines = text.split('\n');
  // Text after the last newline is a record whose write never finished.
  const tail = lines.pop() ?? '';
  if (tail.trim() !== '') report.recoveredFromTornWrite = true;

  const parsed = lines.map((raw) => parseLine(raw));
  parsed.forEach((result, index) => {
    const lineNo = index + 1;
    if (result === 'blank') return;
    if ('error' in result) {
      const next = parsed[index + 1];
      if (next !== undefined && next !== 'blank' && 'record' in next && next.record.afterTorn) {
        report.healedTornLines.push(lineNo);
      } else {
        report.corruptLines.push({ line: lineNo, reason: result.error });
      }
      return;
    }
    const { record } = result;
    if (record.t === 'add') {
      if (entries.has(record.entry.id)) {
        report.corruptLines.push({ line: lineNo, reason: `duplicate entry id ${record.entry.id}` });
        return;
      }
      entries.set(record.entry.id, record.entry);
      return;
    }
    const existing = entries.get(record.id);
    if (!existing) {
      report.corruptLines.push({ line: lineNo, reason: `update for unknown entry ${record.id}` });
      return;
    }
    entries.set(record.id, applyPatch(existing, record.patch));
  });
  return { entries, report };
}

type LineResult = 'blank' | { error: string } | { record: z.infer<typeof recordSchema> };

function parseLine(raw: string): LineResult {
  const line = raw.replace(/\r$/, '');
  if (line.trim() === '') return 'blank';
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const record = recordSchema.safeParse(json);
  if (!record.success) {
    const issue = record.error.issues[0];
    return {
      error: `unexpected record${issue ? ` (${issue.path.join('.') || 'record'}: ${issue.message})` : ''}`,
    };
  }
  return { record: record.data };
}
