/**
 * How a job claims: through the one claim-and-record function of the cloud folder, behind this
 * small type so the job tests can hand in a fake.
 */
import type { ClaimView } from '../../src-shared/ipc/cloud';
import { AppError } from '../../src-shared/ipc/errors';
import type { CloudAdapter } from '../cloud/adapter';
import { dryRunThenClaim, type ClaimStep } from '../cloud/claimFlow';
import { toErrorData } from '../cloud/errorData';
import type { JournalEntry, TokenJournal } from '../cloud/journal';

export interface ClaimInput {
  adapter: CloudAdapter;
  journal: TokenJournal;
  entry: JournalEntry;
  tags: string[];
  teamName?: string | undefined;
  signal?: AbortSignal | undefined;
  onStep?: (step: ClaimStep) => void;
}

/** Dry run, claim, and the outcome written to the journal; returns the claim view. */
export type ClaimAndRecord = (input: ClaimInput) => Promise<ClaimView>;

/** Interim: the journal update of CloudService.claim, until cloud/claimAndRecord.ts lands. */
export const claimAndRecord: ClaimAndRecord = async (input) => {
  const { journal, entry } = input;
  try {
    const result = await dryRunThenClaim(
      input.adapter,
      entry.token,
      input.tags,
      input.onStep,
      input.signal,
    );
    journal.update(entry.id, {
      claimStatus: result.alreadyClaimedByYou ? 'already-claimed' : 'claimed',
      claimedAt: result.claimedAt ?? new Date().toISOString(),
      ...(input.teamName === undefined ? {} : { teamName: input.teamName }),
    });
    return result;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CANCELLED')) {
      const { code, message } = toErrorData(error);
      journal.update(entry.id, { claimStatus: 'failed', lastError: { code, message } });
    }
    throw error;
  }
};
