/** The `journal` domain: every token ever read, until it is claimed or discarded. */
import { z } from 'zod';
import type { AppErrorData } from './errors';
import type { SavedFile } from './app';
import { event, invoke, returns } from './contract';

export type ClaimStatus = 'unclaimed' | 'claimed' | 'already-claimed' | 'failed' | 'discarded';

export interface JournalEntryView {
  id: string;
  token: string;
  deviceUuid: string;
  deviceType?: number;
  deviceTypeName?: string;
  imei?: string;
  model?: string;
  firmware?: string;
  readAt: string;
  source: 'device' | 'import' | 'paste';
  claimStatus: ClaimStatus;
  lastError?: AppErrorData;
  claimedAt?: string;
  teamName?: string;
}

export interface ImportSummary {
  added: number;
  skipped: number;
  errors: string[];
}

export interface ClaimPendingSummary {
  claimed: number;
  alreadyClaimed: number;
  failed: number;
}

export const journalChannels = {
  listJournal: invoke('journal:list-journal', z.object({}).strict(), returns<JournalEntryView[]>()),
  addToken: invoke(
    'journal:add-token',
    z.object({ text: z.string().max(100_000) }).strict(),
    returns<JournalEntryView>(),
  ),
  discardEntry: invoke('journal:discard-entry', z.object({ id: z.string().min(1) }).strict(), returns<void>()),
  exportCsv: invoke('journal:export-csv', z.object({}).strict(), returns<SavedFile | null>()),
  importCsv: invoke(
    'journal:import-csv',
    z.object({ text: z.string().max(20_000_000) }).strict(),
    returns<ImportSummary>(),
  ),
  claimPending: invoke(
    'journal:claim-pending',
    z
      .object({ requestId: z.string().min(1).max(64), tags: z.array(z.string().trim().min(1)).max(20).optional() })
      .strict(),
    returns<ClaimPendingSummary>(),
  ),
  journalChanged: event('journal:journal-changed', returns<JournalEntryView[]>()),
} as const;
