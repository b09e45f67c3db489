/**
 * A small in-memory provisioning service for simulator tests: claimed or not, a queue of commands
 * per device, answers the DeviceProvisioningLink calls the way docs/protocol.md §6 and §14 describe,
 * and records every call.
 */
import type {
  CommandResult,
  DeviceCommand,
  DeviceProvisioningLink,
  FetchAnswer,
} from '../../../src-main/sim/provisioningLink';

export type LinkCall =
  | { op: 'fetch'; uuid: string }
  | { op: 'report'; uuid: string; results: CommandResult[] }
  | { op: 'connect'; uuid: string; clientId: string };

export interface FakeLinkOptions {
  isClaimed?: boolean;
  /** Command types queued by the rule (none = claimed without a rule). */
  commands?: readonly string[];
  /** Answer every fetch with this instead (busy, too-many-commands). */
  override?: FetchAnswer;
}

/** The nRF Cloud Onboarding rule's commands (docs/protocol.md §5.3). */
export const ONBOARDING_COMMANDS = [
  'clientPrivateKeyGeneration',
  'cloudAccessKeyGeneration',
  'serverCertificate',
] as const;

export class FakeProvisioningLink implements DeviceProvisioningLink {
  readonly calls: LinkCall[] = [];
  isClaimed: boolean;
  override: FetchAnswer | undefined;
  private pending: DeviceCommand[];
  private isProvisioned = false;
  private nextId = 1;

  constructor(options: FakeLinkOptions = {}) {
    this.isClaimed = options.isClaimed ?? true;
    this.override = options.override;
    this.pending = (options.commands ?? []).map((type) => this.command(type));
  }

  /** The rule's commands are queued (e.g. after the claim). */
  queue(...types: string[]): void {
    this.pending.push(...types.map((type) => this.command(type)));
  }

  get pendingCommands(): readonly DeviceCommand[] {
    return this.pending;
  }

  async fetchCommands(deviceUuid: string): Promise<FetchAnswer> {
    this.calls.push({ op: 'fetch', uuid: deviceUuid });
    if (!this.isClaimed) return { kind: 'not-claimed' };
    if (this.override !== undefined) return this.override;
    if (this.pending.length === 0) return { kind: 'no-commands' };
    return { kind: 'commands', commands: [...this.pending] };
  }

  async reportResults(deviceUuid: string, results: readonly CommandResult[]): Promise<void> {
    this.calls.push({ op: 'report', uuid: deviceUuid, results: [...results] });
    const failed = results.findIndex((r) => !r.isOk);
    if (failed >= 0) {
      // The failing command and every one after it are removed (docs/protocol.md §6).
      const index = this.pending.findIndex((c) => c.id === results[failed]?.id);
      this.pending = index >= 0 ? this.pending.slice(0, index) : this.pending;
      const done = new Set(results.filter((r) => r.isOk).map((r) => r.id));
      this.pending = this.pending.filter((c) => !done.has(c.id));
      return;
    }
    const done = new Set(results.map((r) => r.id));
    this.pending = this.pending.filter((c) => !done.has(c.id));
    if (results.length > 0) this.isProvisioned = true;
  }

  async connect(deviceUuid: string, clientId: string): Promise<'connected' | 'unauthorized'> {
    this.calls.push({ op: 'connect', uuid: deviceUuid, clientId });
    return this.isProvisioned && clientId === deviceUuid ? 'connected' : 'unauthorized';
  }

  private command(type: string): DeviceCommand {
    return { id: `cmd-${this.nextId++}`, type };
  }
}
