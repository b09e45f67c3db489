/** The `journal` domain: every token ever read, until it is claimed or discarded. */
import { z } from 'zod';
import { errorCodes, type AppErrorData } from './errors';
import type { SavedFile } from './app';
import { event, invoke, returns } from './contract';

export const claimStatuses = [
  'unclaimed',
  'claimed',
  'already-claimed',
  'failed',
  'discarded',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

const lastErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });

/** What became of the device after the claim (issue 13): see docs/protocol.md §7 to §14. */
export const provisioningOutcomes = ['connected', 'not-provisioned', 'failed'] as const;
export type ProvisioningOutcome = (typeof provisioningOutcomes)[number];

const provisioningRecordSchema = z.object({
  outcome: z.enum(provisioningOutcomes),
  /** When the outcome was reached. */
  at: z.string(),
  /** The firmware family that was asked to fetch its credentials (shell, att, serial-modem, at-host). */
  family: z.string().optional(),
  /** Set for `failed`, and for `not-provisioned` when there is a reason (AT host, --no-provision). */
  code: z.enum(errorCodes).optional(),
  message: z.string().optional(),
  /** Milliseconds from the claim to the outcome. */
  ms: z.number().nonnegative().optional(),
});
export type ProvisioningRecord = z.infer<typeof provisioningRecordSchema>;

const patchShape = {
  claimStatus: z.enum(claimStatuses),
  lastError: lastErrorSchema,
  claimedAt: z.string(),
  teamName: z.string(),
  imei: z.string(),
  model: z.string(),
  firmware: z.string(),
  deviceType: z.number().int(),
  deviceTypeName: z.string(),
  /** The kit's USB serial number (the label on the board), when read from a kit. */
  serialNumber: z.string(),
  /** The kit's name from its USB identity (e.g. `Thingy:91 X`), when read from a kit. */
  kitName: z.string(),
  provisioning: provisioningRecordSchema,
};

export const journalEntrySchema = z.object({
  id: z.string().min(1),
  token: z.string().min(1),
  deviceUuid: z.string().min(1),
  readAt: z.string(),
  source: z.enum(['device', 'import', 'paste']),
  ...patchShape,
  deviceType: patchShape.deviceType.optional(),
  deviceTypeName: patchShape.deviceTypeName.optional(),
  imei: patchShape.imei.optional(),
  model: patchShape.model.optional(),
  firmware: patchShape.firmware.optional(),
  lastError: patchShape.lastError.optional(),
  claimedAt: patchShape.claimedAt.optional(),
  teamName: patchShape.teamName.optional(),
  serialNumber: patchShape.serialNumber.optional(),
  kitName: patchShape.kitName.optional(),
  provisioning: patchShape.provisioning.optional(),
});

/** One token read from a device (or imported, or pasted) and what became of it. */
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const journalPatchSchema = z.object(patchShape).partial();
/** The fields a status update may change. */
export type JournalPatch = z.infer<typeof journalPatchSchema>;

/** What the renderer sees of a journal entry: the entry itself (the token is the user's own). */
export type JournalEntryView = JournalEntry;

/** What adding a pasted token did: a token the journal had already is not added twice. */
export interface AddTokenResult {
  entry: JournalEntryView;
  /** Set when the journal held this token already: when it was first journaled (ISO 8601). */
  alreadySince?: string;
}

/**
 * One row of a CSV import that was not taken: its line, its code, the plain sentence (message)
 * and, for a token, the decoder's exact finding (detail).
 */
export type ImportRowError = AppErrorData & {
  /** The 1-based line of the file on which the row starts. */
  line: number;
};

export interface ImportSummary {
  added: number;
  skipped: number;
  errors: ImportRowError[];
}

export interface ClaimPendingSummary {
  claimed: number;
  alreadyClaimed: number;
  failed: number;
  /** Entries not tried because the batch stopped. */
  notTried: number;
  /** Why the batch stopped early: an error that every further claim would hit too. */
  stoppedBy?: AppErrorData;
}

export const journalChannels = {
  listJournal: invoke('journal:list-journal', z.object({}).strict(), returns<JournalEntryView[]>()),
  addToken: invoke(
    'journal:add-token',
    z.object({ text: z.string().max(100_000) }).strict(),
    returns<AddTokenResult>(),
  ),
  discardEntry: invoke(
    'journal:discard-entry',
    z.object({ id: z.string().min(1) }).strict(),
    returns<void>(),
  ),
  exportCsv: invoke('journal:export-csv', z.object({}).strict(), returns<SavedFile | null>()),
  importCsv: invoke(
    'journal:import-csv',
    z.object({ text: z.string().max(20_000_000) }).strict(),
    returns<ImportSummary>(),
  ),
  claimPending: invoke(
    'journal:claim-pending',
    z
      .object({
        requestId: z.string().min(1).max(64),
        tags: z.array(z.string().trim().min(1)).max(20).optional(),
      })
      .strict(),
    returns<ClaimPendingSummary>(),
  ),
  journalChanged: event('journal:journal-changed', returns<JournalEntryView[]>()),
} as const;
