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

/** One provisioning rule of the team (docs/protocol.md §5.1). */
export interface ProvisioningRule {
  id?: string;
  name: string;
  description?: string;
  /** undefined when the list item carries no `active` field (unverified, §5.1). */
  isActive: boolean | undefined;
  tags: string[];
  /** The command types the rule adds, in order, where the list says. */
  commandTypes: string[];
}

/** The body of POST /v1/provisioning-rules (§5.3). */
export interface NewProvisioningRule {
  name: string;
  description: string;
  active: boolean;
  tags: string[];
  commands: Array<{ request: Record<string, Record<string, unknown>> }>;
}

/** One provisioning command of a claimed device (§6). */
export interface ProvisioningCommand {
  id: string;
  /** The key of its `request` object, e.g. serverCertificate; 'unknown' when it has none. */
  type: string;
  /** PENDING, IN_PROGRESS, or a final status exactly as the cloud names it (§6). */
  status: string;
  createdAt?: string;
  /** The device's or the service's words about a failure, when the answer carries any. */
  errorText?: string;
}

/** What GET https://api.nrfcloud.com/v1/devices/{id} says (§7). */
export type CloudDeviceRecord =
  /** 404: the device has not onboarded (yet). */
  | { isOnboarded: false }
  | {
      isOnboarded: true;
      /** `state.reported.connection.status` (e.g. 'connected'), when present. */
      connectionStatus?: string;
      /** `$meta.updatedAt`, when present. */
      updatedAt?: string;
    };

/** A cloud backend. Every method throws AppError with a code from the nRF Cloud section. */
export interface CloudAdapter {
  getAccount(signal?: AbortSignal): Promise<AccountInfo>;
  dryRun(token: string, tags: string[], signal?: AbortSignal): Promise<DryRunResult>;
  claim(token: string, tags: string[], signal?: AbortSignal): Promise<ClaimResult>;
  unclaim(deviceId: string, signal?: AbortSignal): Promise<void>;
  /** GET /v1/provisioning-rules (§5.1). */
  listRules(signal?: AbortSignal): Promise<ProvisioningRule[]>;
  /** POST /v1/provisioning/tags (§5.2); an existing tag is no error. */
  createTag(tag: string, description: string, signal?: AbortSignal): Promise<void>;
  /** POST /v1/provisioning-rules (§5.3). 401/403 throw RULE_CREATE_REFUSED. */
  createRule(rule: NewProvisioningRule, signal?: AbortSignal): Promise<ProvisioningRule>;
  /** GET /v1/claimed-devices/{id}/provisioning (§6, list shape unverified). */
  listCommands(deviceId: string, signal?: AbortSignal): Promise<ProvisioningCommand[]>;
  /** GET /v1/claimed-devices/{id}/provisioning/{commandId} (§6). */
  getCommand(
    deviceId: string,
    commandId: string,
    signal?: AbortSignal,
  ): Promise<ProvisioningCommand>;
  /** GET {main API}/devices/{id} (§7); 404 is `{ isOnboarded: false }`, not an error. */
  getDevice(deviceId: string, signal?: AbortSignal): Promise<CloudDeviceRecord>;
}
