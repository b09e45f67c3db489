/**
 * The one interface every nRF Cloud backend implements. Today only the API-key REST API exists;
 * Organization Auth Tokens (a new API under /v1/organizations/...) can be added as a second
 * adapter without touching the callers.
 */
import type { ClaimView, DryRunView } from '../../src-shared/ipc/cloud';

/** Who the credentials belong to, and whether that role may claim devices. */
export interface AccountInfo {
  teamName: string;
  tenantId: string;
  role: string;
  canClaim: boolean;
}

/** A claimed device as nRF Cloud describes it, plus where to see it in the portal. */
export type ClaimResult = ClaimView;

/** The verdict of a dry run. `code` names why a token is not claimable, when it is not. */
export type DryRunResult = DryRunView;

/** A cloud backend. Every method throws AppError with a code from the nRF Cloud section. */
export interface CloudAdapter {
  getAccount(signal?: AbortSignal): Promise<AccountInfo>;
  dryRun(token: string, tags: string[], signal?: AbortSignal): Promise<DryRunResult>;
  claim(token: string, tags: string[], signal?: AbortSignal): Promise<ClaimResult>;
  unclaim(deviceId: string, signal?: AbortSignal): Promise<void>;
}
