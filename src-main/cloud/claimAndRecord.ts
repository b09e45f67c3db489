/**
 * The one way a token is claimed: dry run, then claim, then the outcome written to the token
 * journal (claimed, already claimed by you, or the error). The window's claim, "claim pending"
 * and `nrf-onboard claim` all come through here, so they cannot drift apart.
 */
import type { ClaimView } from '../../src-shared/ipc/cloud';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { CloudAdapter } from './adapter';
import { toErrorData } from './errorData';
import type { JournalEntry, JournalPatch, TokenJournal } from './journal';
import { verifyClaimedId } from './restClient';

export type ClaimStep = 'checking' | 'claiming';

export interface ClaimAndRecordInput {
  adapter: CloudAdapter;
  /** The entry to claim; its token, device and IMEI are what nRF Cloud is asked about. */
  entry: Pick<JournalEntry, 'id' | 'token' | 'deviceUuid' | 'imei'>;
  /** Where the outcome goes. Absent only when the journal could not be opened at all. */
  journal: TokenJournal | undefined;
  tags: string[];
  /** The team the key belongs to, recorded with a successful claim. */
  teamName?: string | undefined;
  signal?: AbortSignal | undefined;
  onStep?: ((step: ClaimStep) => void) | undefined;
  /**
   * A journal that cannot be written must not hide what nRF Cloud did: with this callback the
   * write error is reported here and the claim's own outcome stands. Without it, it is thrown.
   */
  onJournalError?: ((error: AppErrorData) => void) | undefined;
  now?: (() => Date) | undefined;
}

/**
 * Dry-runs, claims and records one entry; returns the claim view, or throws the AppError that
 * stopped it after recording it on the entry (a cancel is not recorded: it says nothing about
 * the device).
 */
export async function claimAndRecord(input: ClaimAndRecordInput): Promise<ClaimView> {
  const { entry, signal } = input;
  const now = input.now ?? (() => new Date());
  let result: ClaimView;
  try {
    input.onStep?.('checking');
    const verdict = await input.adapter.dryRun(entry.token, input.tags, signal);
    if (!verdict.claimable && !verdict.alreadyClaimedByYou) {
      throw new AppError(
        verdict.code ?? 'UNEXPECTED_RESPONSE',
        verdict.reason ?? 'nRF Cloud says the device cannot be claimed.',
      );
    }
    // Already yours: claim() answers with the device's details without changing anything.
    input.onStep?.('claiming');
    const claimed = await input.adapter.claim(entry.token, input.tags, signal);
    const verified = verifyClaimedId(entry.deviceUuid, claimed);
    if (!verified.ok)
      throw new AppError(verified.error.code, verified.error.message, verified.error.detail);
    result = verified.value;
  } catch (error) {
    const data = toErrorData(error);
    // The cloud's error is the one to show; a journal that also fails leaves the entry pending.
    if (data.code !== 'CANCELLED') {
      record(
        input,
        { claimStatus: 'failed', lastError: { code: data.code, message: data.message } },
        false,
      );
    }
    throw error instanceof AppError ? error : new AppError(data.code, data.message, data.detail);
  }
  record(
    input,
    {
      claimStatus: result.alreadyClaimedByYou ? 'already-claimed' : 'claimed',
      claimedAt: result.claimedAt ?? now().toISOString(),
      ...(input.teamName ? { teamName: input.teamName } : {}),
      // What the device said about itself wins over what the cloud has on file.
      ...(result.imei && !entry.imei ? { imei: result.imei } : {}),
    },
    true,
  );
  return result;
}

function record(input: ClaimAndRecordInput, patch: JournalPatch, mayThrow: boolean): void {
  if (!input.journal) return;
  try {
    input.journal.update(input.entry.id, patch);
  } catch (error) {
    if (input.onJournalError) input.onJournalError(toErrorData(error));
    else if (mayThrow) throw error;
  }
}
