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
  /** The file ended in a partial line (a writer died mid-append, or the file was cut); it was ignored. */
  recoveredFromTornWrite: boolean;
  /** The ignored last line, when there is one: its 1-based number, size and what it looks like. */
  tornTail?: { line: number; bytes: number; reason: string };
  /** Partial lines from earlier crashes that a later append already closed off (1-based). */
  healedTornLines: number[];
  /** Lines skipped as unreadable: reported as JOURNAL_CORRUPT, never fatal. */
  corruptLines: Array<{ line: number; reason: string }>;
  /** Bytes of every skipped line and of the torn tail (line ends not counted). */
  skippedBytes: number;
  /** Offset just past the last skipped byte: the part of the file a copy of the damage must hold. */
  damageEnd: number;
}

/** True when reading skipped anything at all, a healed torn write included. */
export const isDamaged = (report: JournalReadReport): boolean =>
  report.recoveredFromTornWrite ||
  report.healedTornLines.length > 0 ||
  report.corruptLines.length > 0;

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

/** Replays the journal bytes into entries (in insertion order), tolerating torn and corrupt lines. */
export function replayJournal(bytes: Uint8Array): {
  entries: Map<string, JournalEntry>;
  report: JournalReadReport;
} {
  const entries = new Map<string, JournalEntry>();
  const report: JournalReadReport = {
    recoveredFromTornWrite: false,
    healedTornLines: [],
    corruptLines: [],
    skippedBytes: 0,
    damageEnd: 0,
  };
  const lines = splitLines(bytes);
  // Bytes after the last newline are a record whose write never finished (or a cut file).
  const tail = lines.pop();
  if (tail && !isBlank(tail.bytes)) {
    report.recoveredFromTornWrite = true;
    report.tornTail = {
      line: lines.length + 1,
      bytes: tail.bytes.length,
      reason: describeTail(tail.bytes),
    };
    report.skippedBytes += tail.bytes.length;
    report.damageEnd = tail.end;
  }

  const skip = (line: Line, lineNo: number, reason: string | undefined) => {
    if (reason !== undefined) report.corruptLines.push({ line: lineNo, reason });
    else report.healedTornLines.push(lineNo);
    report.skippedBytes += line.bytes.length;
    report.damageEnd = Math.max(report.damageEnd, line.end);
  };

  const parsed = lines.map((line) => parseLine(line.bytes));
  parsed.forEach((result, index) => {
    const lineNo = index + 1;
    const line = lines[index];
    if (result === 'blank' || line === undefined) return;
    if ('error' in result) {
      const next = parsed[index + 1];
      const isHealed =
        next !== undefined && next !== 'blank' && 'record' in next && next.record.afterTorn;
      skip(line, lineNo, isHealed ? undefined : result.error);
      return;
    }
    const { record } = result;
    if (record.t === 'add') {
      if (entries.has(record.entry.id)) {
        skip(line, lineNo, `duplicate entry id ${record.entry.id}`);
        return;
      }
      entries.set(record.entry.id, record.entry);
      return;
    }
    const existing = entries.get(record.id);
    if (!existing) {
      skip(line, lineNo, `update for unknown entry ${record.id}`);
      return;
    }
    entries.set(record.id, applyPatch(existing, record.patch));
  });
  return { entries, report };
}

interface Line {
  bytes: Uint8Array;
  /** Offset just past the line's last byte (before its newline). */
  end: number;
}

/** Splits at LF; the last element is what follows the last LF (empty for a whole file). */
function splitLines(bytes: Uint8Array): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, start)) {
    lines.push({ bytes: bytes.subarray(start, at), end: at });
    start = at + 1;
  }
  lines.push({ bytes: bytes.subarray(start), end: bytes.length });
  return lines;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isBlank = (bytes: Uint8Array) => bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
const isAllNul = (bytes: Uint8Array) => bytes.length > 0 && bytes.every((b) => b === 0);

function describeTail(bytes: Uint8Array): string {
  if (isAllNul(bytes))
    return `${bytes.length} NUL bytes (a zero-filled end, as a power loss leaves)`;
  return bytes[0] === 0x7b ? 'an incomplete record (its write was cut off)' : 'unreadable bytes';
}

type LineResult = 'blank' | { error: string } | { record: z.infer<typeof recordSchema> };

function parseLine(bytes: Uint8Array): LineResult {
  if (isBlank(bytes)) return 'blank';
  if (isAllNul(bytes)) return { error: `${bytes.length} NUL bytes` };
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/\r$/, '');
  } catch {
    return { error: 'not valid UTF-8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
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
