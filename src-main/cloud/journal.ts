/**
 * The token journal: every attestation token the app reads is on disk before anything else
 * happens, and stays there until it is claimed or discarded. Append-only JSON Lines in the folder
 * given (the app's user-data folder), status changes appended as update records.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AppNotice } from '../../src-shared/ipc/app';
import { AppError, type AppErrorData, type Result } from '../../src-shared/ipc/errors';
import { decodeAttestationToken, type DecodedToken } from '../../src-shared/token/decode';
import { isTokenErrorCode, tokenErrorInPlainWords } from '../../src-shared/token/plainWords';
import { formatCsvRow, parseCsv } from './journalCsv';
import { journalDamageNotice, keepDamagedCopy } from './journalDamage';
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
  isDamaged,
  replayJournal,
  type JournalEntry,
  type JournalPatch,
  type JournalReadReport,
} from './journalRecords';

import type { ImportSummary } from '../../src-shared/ipc/journal';
export type { ClaimStatus, JournalEntry, JournalPatch, JournalReadReport } from './journalRecords';

/** What a caller supplies for a new entry; id, status and time are filled in. */
export type NewJournalEntry = Omit<JournalEntry, 'id' | 'claimStatus' | 'readAt'> &
  Partial<Pick<JournalEntry, 'claimStatus' | 'readAt'>>;

/** CSV import outcome; `errors` are the rows not taken (CSV_INVALID, TOKEN_*), with their lines. */
export type CsvImportResult = ImportSummary;

export interface TokenJournal {
  readonly file: string;
  /** Adds a token; returns once it is fsynced. The same token string is stored once. */
  add(entry: NewJournalEntry): JournalEntry;
  /** The entry holding this exact token, if the journal has it. */
  findToken(token: string): JournalEntry | undefined;
  update(id: string, patch: JournalPatch): JournalEntry;
  list(): JournalEntry[];
  /** Tokens still to claim: unclaimed or failed. */
  pending(): JournalEntry[];
  discard(id: string): JournalEntry;
  exportCsv(): string;
  importCsv(text: string): CsvImportResult;
  /** Torn and corrupt lines found by the latest read. */
  readReport(): JournalReadReport;
  /** What opening found damaged, what was kept and where the copy went; undefined when clean. */
  readonly damage: AppNotice | undefined;
}

export interface JournalOptions {
  now?: () => Date;
  newId?: () => string;
  decode?: (token: string) => Result<DecodedToken>;
}

/**
 * What the journal needs of a device reading (serial/attest's DeviceIdentityReading fits): the
 * journal knows tokens, not ports.
 */
export interface TokenReading {
  tokenRaw: string;
  token: Pick<DecodedToken, 'deviceUuid' | 'deviceType' | 'deviceTypeName'>;
  imei?: string | undefined;
  model?: string | undefined;
  firmware?: string | undefined;
}

/**
 * The journal entry for a token just read from a device, with what the modem said about itself
 * and, when read from a kit, its USB serial number (the label on the board, issue 12) and name.
 */
export function entryFromReading(
  reading: TokenReading,
  kit: { serialNumber?: string | undefined; kitName?: string | undefined } = {},
): NewJournalEntry {
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
    ...(kit.serialNumber === undefined ? {} : { serialNumber: kit.serialNumber }),
    ...(kit.kitName === undefined ? {} : { kitName: kit.kitName }),
  };
}

/**
 * Opens (creating if needed) and reads the journal in `dir`. Throws JOURNAL_UNREADABLE when the
 * file cannot be read, JOURNAL_WRITE_FAILED when it cannot be created. Damage is not fatal: it is
 * reported in `damage`, after a copy of the damaged file was kept.
 */
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
  }, `The token journal ${file} could not be created`);
  restrictToOwner(file);

  let entries = new Map<string, JournalEntry>();
  let report: JournalReadReport = replayJournal(new Uint8Array()).report;
  let knownSize = -1;

  /** Re-reads when the file grew behind our back (another process, e.g. the CLI, appended). */
  const refresh = (): Buffer | undefined => {
    let bytes: Buffer;
    try {
      if (statSync(file).size === knownSize) return undefined;
      bytes = readFileSync(file);
    } catch (error) {
      throw new AppError(
        'JOURNAL_UNREADABLE',
        `The token journal ${file} cannot be read: ${messageOf(error)}.`,
        file,
      );
    }
    ({ entries, report } = replayJournal(bytes));
    knownSize = bytes.length;
    return bytes;
  };

  // Read now, so an unreadable file fails the open rather than a later call, and damage is
  // copied before the next append touches the file.
  const firstRead = refresh() ?? Buffer.alloc(0);
  const damage = isDamaged(report)
    ? journalDamageNotice(file, report, entries.size, keepDamagedCopy(file, firstRead, report))
    : undefined;

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
    damage,

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

    findToken(token) {
      refresh();
      return findByToken(token);
    },

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
        const line = record.line;
        if (record.fields.length < 3) {
          errors.push({
            line,
            code: 'CSV_INVALID',
            message: `This row has ${record.fields.length} field(s); a row is IMEI, UUID, token, timestamp.`,
          });
          return;
        }
        const decoded = decode(token);
        if (!decoded.ok) {
          const { code, message } = decoded.error;
          // The plain sentence first; the decoder's finding (part, character) as the detail.
          errors.push(
            isTokenErrorCode(code)
              ? { line, code, message: tokenErrorInPlainWords(code), detail: message }
              : { line, code, message },
          );
          return;
        }
        const { deviceUuid, token: normalised } = decoded.value;
        if (uuid !== '' && uuid.toLowerCase() !== deviceUuid.toLowerCase()) {
          errors.push({
            line,
            code: 'CSV_INVALID',
            message: `The UUID column (${uuid}) is not the device this token belongs to (${deviceUuid}).`,
          });
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

/**
 * For the app: a journal that cannot be opened does not stop start-up. Every call then fails
 * with the open error (so no token is read without being journaled), and a notice says why.
 */
export function openJournalOrUnavailable(
  dir: string,
  options: JournalOptions = {},
): { journal: TokenJournal; notice?: AppNotice } {
  try {
    const journal = openJournal(dir, options);
    return journal.damage ? { journal, notice: journal.damage } : { journal };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const file = join(dir, JOURNAL_FILE_NAME);
    const fail = (): never => {
      throw error;
    };
    const journal: TokenJournal = {
      file,
      damage: undefined,
      add: fail,
      findToken: fail,
      update: fail,
      list: fail,
      pending: fail,
      discard: fail,
      exportCsv: fail,
      importCsv: fail,
      readReport: fail,
    };
    const notice: AppNotice = {
      id: `journal-open:${file}`,
      level: 'error',
      code: error.code,
      message: `${error.message} No token can be journaled, so reading tokens stays blocked until the file can be used; restart the app after fixing it.`,
      file,
    };
    return { journal, notice };
  }
}

/** JOURNAL_CORRUPT as data when opening had to skip anything, for the CLI and the support bundle. */
export function corruptionNotice(journal: TokenJournal): AppErrorData | undefined {
  const notice = journal.damage;
  if (!notice) return undefined;
  return {
    code: notice.code,
    message: notice.message,
    ...(notice.detail ? { detail: notice.detail } : {}),
  };
}

/** User data is the owner's alone: a journal created by an older version with 0644 is tightened. */
function restrictToOwner(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Windows has no POSIX modes; a file we cannot stat is reported by the first read.
  }
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

function guardWrite<T>(write: () => T, what = 'The token could not be saved to the journal'): T {
  try {
    return write();
  } catch (error) {
    throw new AppError(
      'JOURNAL_WRITE_FAILED',
      `${what}: ${messageOf(error)}. Check free disk space and folder permissions.`,
    );
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
