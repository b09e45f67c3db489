/** Which button of the claim step is the primary one, decided from the calls' states. */
import type { ClaimView, DryRunView } from '../../../../src-shared/ipc/cloud';
import type { Op } from '../../store/op';

export type ClaimPrimary = 'dryRun' | 'claim' | 'next' | undefined;

export function claimPrimary(
  hasApiKey: boolean,
  dryRunOp: Op<DryRunView>,
  claimOp: Op<ClaimView>,
): ClaimPrimary {
  if (!hasApiKey || dryRunOp.status === 'running' || claimOp.status === 'running') return undefined;
  if (claimOp.status === 'done') return 'next';
  if (claimOp.status === 'failed') return 'claim';
  if (dryRunOp.status === 'done') return dryRunOp.value.claimable ? 'claim' : 'next';
  return 'dryRun';
}
