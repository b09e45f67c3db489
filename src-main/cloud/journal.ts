/**
 * The token journal: every attestation token the app reads is on disk before anything else
 * happens, and stays there until it is claimed or discarded. Append-only JSON Lines in the folder
 * given (the app's user-data folder), status changes appended as update records.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { AppError, type AppErrorData, type Result } from '../../src-shared/ipc/errors';
import { decodeAttestationToken, type DecodedToken } from '../../src-shared/token/decode';
import { formatCsvRow, parseCsv } from './journalCsv';
import {
  addRecordLine,
  appendDurably,
  fsyncDirectory,
  JOURNAL_FILE_NAME,
  updateRecordLine,
} from './journalFile';
import {
  applyPatch,
  journalEntrySchema,
  journalPatchSchema,
  replayJournal,
  type JournalEntry,
  type JournalPatch,
  type JournalReadReport,
} from './journalRecords';

import type { ImportSummary } from '../../src-shared/ipc/journal';
import type { DeviceIdentityReading } from '../serial/attest';
export type { ClaimStatus, JournalEntry, JournalPatch, JournalReadReport } from './journalRecords';

/** What a caller supplies for a new entry; id, status and time are filled in. */
export type NewJournalEntry = Omit<JournalEntry, 'id' | 'claimStatus' | 'readAt'> &
  Partial<Pick<JournalEntry, 'claimStatus' | 'readAt'>>;

/** CSV import outcome; `errors` are CSV_INVALID rows, each starting with its line number. */
export type CsvImportResult = ImportSummary;

export interface TokenJournal {
  readonly file: string;
  /** Adds a token; returns once it is fsynced. The same token string is stored once. */
  add(entry: NewJournalEntry): JournalEntry;
  update(id: string, patch: JournalPatch): JournalEntry;
  list(): JournalEntry[];
  /** Tokens still to claim: unclaimed or failed. */
  pending(): JournalEntry[];
  discard(id: string): JournalEntry;
  exportCsv(): string;
  importCsv(text: string): CsvImportResult;
  /** Torn and corrupt lines found by the latest read. */
  readReport(): JournalReadReport;
}

export interface JournalOptions {
  now?: () => Date;
  newId?: () => string;
  decode?: (token: string) => Result<DecodedToken>;
}

/** The journal entry for a token just read from a device, with what the modem said about itself. */
export function entryFromReading(reading: DeviceIdentityReading): NewJournalEntry {
  const { token } = reading;
  return {
    token: reading.tokenRaw,
    deviceUuid: token.deviceUuid,
    deviceType: token.deviceType,
    deviceTypeName: token.deviceTypeName,
    source: 'device',
    ...(reading.imei ? { imei: reading.imei } : {}),
    ...(reading.model ? { model: reading.model } : {}),
    ...(reading.firmware ? { firmware: reading.firmware } : {}),
  };
}

/** Opens (creating if needed) the journal in `dir`. Throws FILE_IO_FAILED / JOURNAL_WRITE_FAILED. */
export function openJournal(dir: string, options: JournalOptions = {}): TokenJournal {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const decode = options.decode ?? decodeAttestationToken;
  const file = join(dir, JOURNAL_FILE_NAME);

  guardWrite(() => {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(file)) {
      appendDurably(file, () => '');
      fsyncDirectory(dir);
    }
  });

  let entries = new Map<string, JournalEntry>();
  let report: JournalReadReport = {
    recoveredFromTornWrite: false,
    healedTornLines: [],
    corruptLines: [],
  };
  let knownSize = -1;

  /** Re-reads when the file grew behind our back (another process, e.g. the CLI, appended). */
  const refresh = () => {
    let bytes: Buffer;
    try {
      if (statSync(file).size === knownSize) return;
      bytes = readFileSync(file);
    } catch (error) {
      throw new AppError(
        'FILE_IO_FAILED',
        `The token journal could not be read: ${messageOf(error)}`,
        file,
      );
    }
    ({ entries, report } = replayJournal(bytes.toString('utf8')));
    knownSize = bytes.length;
  };

  const append = (build: (isAfterTorn: boolean) => string) => {
    refresh();
    const expected = knownSize;
    let written = 0;
    const size = guardWrite(() =>
      appendDurably(file, (isAfterTorn) => {
        const text = build(isAfterTorn);
        written = Buffer.byteLength(text, 'utf8') + (isAfterTorn ? 1 : 0);
        return text;
      }),
    );
    // Anything else that landed in between is picked up by the next refresh.
    knownSize = size === expected + written ? size : -1;
  };

  const mustGet = (id: string) => {
    refresh();
    const entry = entries.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `No journal entry ${id}.`);
    return entry;
  };

  const findByToken = (token: string) => [...entries.values()].find((e) => e.token === token);

  const update = (id: string, patch: JournalPatch) => {
    validate(journalPatchSchema, patch, 'journal update');
    const entry = mustGet(id);
    append((isAfterTorn) => updateRecordLine(id, patch, now().toISOString(), isAfterTorn));
    const next = applyPatch(entry, patch);
    entries.set(id, next);
    return next;
  };

  // Checked before writing: a record the reader would later reject would lose its token.
  const buildEntry = (input: NewJournalEntry): JournalEntry =>
    validate(
      journalEntrySchema,
      {
        ...input,
        id: newId(),
        claimStatus: input.claimStatus ?? 'unclaimed',
        readAt: input.readAt ?? now().toISOString(),
      },
      'journal entry',
    );

  return {
    file,

    add(input) {
      refresh();
      const existing = findByToken(input.token);
      if (existing) return existing;
      const entry = buildEntry(input);
      append((isAfterTorn) => addRecordLine(entry, isAfterTorn));
      entries.set(entry.id, entry);
      return entry;
    },

    update,

    list() {
      refresh();
      return [...entries.values()];
    },

    pending() {
      refresh();
      return [...entries.values()].filter(
        (e) => e.claimStatus === 'unclaimed' || e.claimStatus === 'failed',
      );
    },

    discard: (id) => update(id, { claimStatus: 'discarded' }),

    exportCsv() {
      refresh();
      return [...entries.values()]
        .filter((e) => e.claimStatus !== 'discarded')
        .map((e) => `${formatCsvRow([e.imei ?? '', e.deviceUuid, e.token, e.readAt])}\n`)
        .join('');
    },

    importCsv(text) {
      refresh();
      const { records, errors } = parseCsv(text);
      const fresh: JournalEntry[] = [];
      const seen = new Set([...entries.values()].map((e) => e.token));
      let skipped = 0;
      records.forEach((record, index) => {
        const [imei = '', uuid = '', token = '', timestamp = ''] = record.fields.map((f) =>
          f.trim(),
        );
        if (index === 0 && isHeader(record.fields)) return;
        const at = `line ${record.line}`;
        if (record.fields.length < 3) {
          errors.push(
            `${at}: expected IMEI, UUID, token, timestamp but found ${record.fields.length} field(s)`,
          );
          return;
        }
        const decoded = decode(token);
        if (!decoded.ok) {
          errors.push(`${at}: ${decoded.error.message}`);
          return;
        }
        const { deviceUuid, token: normalised } = decoded.value;
        if (uuid !== '' && uuid.toLowerCase() !== deviceUuid.toLowerCase()) {
          errors.push(`${at}: UUID ${uuid} does not match the token's device ${deviceUuid}`);
          return;
        }
        if (seen.has(normalised)) {
          skipped++;
          return;
        }
        seen.add(normalised);
        const readAt = Number.isNaN(Date.parse(timestamp))
          ? now().toISOString()
          : new Date(timestamp).toISOString();
        fresh.push(
          buildEntry({
            token: normalised,
            deviceUuid,
            deviceType: decoded.value.deviceType,
            deviceTypeName: decoded.value.deviceTypeName,
            source: 'import',
            readAt,
            ...(/^\d{15}$/.test(imei) ? { imei } : {}),
          }),
        );
      });
      if (fresh.length > 0) {
        // One write and one fsync for the whole file.
        append((isAfterTorn) =>
          fresh.map((e, i) => addRecordLine(e, isAfterTorn && i === 0)).join(''),
        );
        for (const entry of fresh) entries.set(entry.id, entry);
      }
      return { added: fresh.length, skipped, errors };
    },

    readReport() {
      refresh();
      return report;
    },
  };
}

/** JOURNAL_CORRUPT as data when reading had to skip lines, for the UI and the support bundle. */
export function corruptionNotice(journal: TokenJournal): AppErrorData | undefined {
  const { corruptLines } = journal.readReport();
  if (corruptLines.length === 0) return undefined;
  return {
    code: 'JOURNAL_CORRUPT',
    message: `${corruptLines.length} unreadable line(s) in the token journal were skipped; every other entry is intact.`,
    detail: corruptLines.map((c) => `line ${c.line}: ${c.reason}`).join('\n'),
  };
}

/** A first row with no token in it but column names instead. */
function isHeader(fields: string[]): boolean {
  const third = fields[2]?.trim() ?? '';
  return !third.includes('.') && fields.some((f) => /imei|uuid|token/i.test(f));
}

function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid ${what}${issue ? `: ${issue.path.join('.') || 'value'}: ${issue.message}` : ''}.`,
  );
}

function guardWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw new AppError(
      'JOURNAL_WRITE_FAILED',
      `The token could not be saved to the journal: ${messageOf(error)}. Check free disk space and folder permissions.`,
    );
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
