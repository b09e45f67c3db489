/**
 * Dry run first, then the real claim: the dry run's verdict explains a refusal before anything
 * changes on nRF Cloud, and a device already in this team ends as a success without a second claim.
 */
import { AppError } from '../../src-shared/ipc/errors';
import type { ClaimResult, CloudAdapter } from './adapter';

export type ClaimStep = 'checking' | 'claiming';

/** Runs the dry run, stops with its reason if the token cannot be claimed, else claims. */
export async function dryRunThenClaim(
  adapter: CloudAdapter,
  token: string,
  tags: string[],
  onStep?: (step: ClaimStep) => void,
  signal?: AbortSignal,
): Promise<ClaimResult> {
  onStep?.('checking');
  const verdict = await adapter.dryRun(token, tags, signal);
  if (!verdict.claimable && !verdict.alreadyClaimedByYou) {
    throw new AppError(
      verdict.code ?? 'UNEXPECTED_RESPONSE',
      verdict.reason ?? 'nRF Cloud says the device cannot be claimed.',
    );
  }
  // Already yours: claim() answers with the device's details without changing anything.
  onStep?.('claiming');
  return adapter.claim(token, tags, signal);
}
