/**
 * Offline onboarding: tokens gathered without a network are claimed later in one go, each through
 * claimAndRecord, so every entry is updated as it goes and an interrupted batch resumes where it
 * stopped.
 */
import type { AppErrorData, ErrorCode } from '../../src-shared/ipc/errors';
import type { ClaimPendingSummary } from '../../src-shared/ipc/journal';
import type { CloudAdapter } from './adapter';
import { claimAndRecord } from './claimAndRecord';
import { toErrorData } from './errorData';
import type { JournalEntry, TokenJournal } from './journal';

export type ClaimOutcome = 'claimed' | 'already-claimed' | 'failed';

export interface ClaimProgress {
  index: number;
  total: number;
  entry: JournalEntry;
  outcome: ClaimOutcome;
  error?: AppErrorData;
}

export type { ClaimPendingSummary } from '../../src-shared/ipc/journal';

// Errors about this one token; anything else (key, role, network, cancel) would repeat for all.
const PER_TOKEN_ERRORS: readonly ErrorCode[] = [
  'CLAIM_TOKEN_INVALID',
  'CLAIMED_BY_OTHER',
  'DEVICE_ID_MISMATCH',
  'UNEXPECTED_RESPONSE',
];

/** Claims every pending journal entry, one after another, recording each result. */
export async function claimPending(
  journal: TokenJournal,
  adapter: CloudAdapter,
  tags: string[],
  onProgress?: (progress: ClaimProgress) => void,
  options: { teamName?: string; signal?: AbortSignal; now?: () => Date } = {},
): Promise<ClaimPendingSummary> {
  const pending = journal.pending();
  const summary: ClaimPendingSummary = { claimed: 0, alreadyClaimed: 0, failed: 0, notTried: 0 };

  for (const [index, entry] of pending.entries()) {
    let outcome: ClaimOutcome;
    let errorData: AppErrorData | undefined;
    try {
      const result = await claimAndRecord({
        adapter,
        entry,
        journal,
        tags,
        teamName: options.teamName,
        signal: options.signal,
        now: options.now,
      });
      outcome = result.alreadyClaimedByYou ? 'already-claimed' : 'claimed';
    } catch (error) {
      const data = toErrorData(error);
      if (!PER_TOKEN_ERRORS.includes(data.code)) {
        summary.stoppedBy = data;
        // No verdict about this token either: it counts as not tried, with the rest.
        summary.notTried = pending.length - index;
        return summary;
      }
      outcome = 'failed';
      errorData = data;
    }
    const updated = journal.list().find((e) => e.id === entry.id) ?? entry;
    summary[
      outcome === 'claimed'
        ? 'claimed'
        : outcome === 'already-claimed'
          ? 'alreadyClaimed'
          : 'failed'
    ]++;
    onProgress?.({
      index,
      total: pending.length,
      entry: updated,
      outcome,
      ...(errorData === undefined ? {} : { error: errorData }),
    });
  }
  return summary;
}
