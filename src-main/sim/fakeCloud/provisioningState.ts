/**
 * The local nRF Cloud's provisioning service: each team's rules and tags, each claimed device's
 * provisioning commands with their statuses, and its device record, as docs/protocol.md §5 to §7
 * describe them. Devices reach it through `link` (DeviceProvisioningLink), the way a real device's
 * `nrf_provisioning` library reaches the provisioning server (§8.4):
 * - not claimed: `not-claimed` (§14.2); claimed without a covering active rule: `no-commands`
 *   (§14.1), and its command list stays empty;
 * - the first check-in turns the matching active rules into commands (the list is empty before,
 *   §6), PENDING, then IN_PROGRESS once sent, then SUCCEEDED or FAILED as results arrive;
 * - executed commands leave the device's queue; a failed one takes every command after it along
 *   (shown CANCELLED in the list, §6);
 * - connect() answers 'connected' only for a device whose commands all succeeded, under its UUID
 *   as client id (§7, §14.6); from then on GET /v1/devices/{id} answers 200, before it 404.
 * fail() injects the service's own failures (busy, too many commands, a command that fails).
 */
import { randomUUID } from 'node:crypto';
import type {
  CommandResult,
  DeviceCommand,
  DeviceProvisioningLink,
  FetchAnswer,
} from '../provisioningLink';

/** How a test or the demo describes a team's rule at start. */
export interface FakeRuleInit {
  name: string;
  tags: string[];
  /** Default true; 'omit' leaves the field out of the list answer (unverified field, §5.1). */
  active?: boolean | 'omit';
  /** Command types, each `{secTag: 16842753}`; default: the onboarding rule's three (§5.3). */
  commandTypes?: string[];
  description?: string;
}

export interface FakeRule {
  id: string;
  name: string;
  description: string;
  active: boolean | undefined;
  tags: string[];
  commands: Array<{ request: Record<string, Record<string, unknown>> }>;
  createdAt: string;
}

export type FakeCommandStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface FakeCommand {
  id: string;
  type: string;
  description: string;
  request: Record<string, Record<string, unknown>>;
  status: FakeCommandStatus;
  createdAt: string;
  updatedAt: string;
  error?: string;
}

/** Failures of the provisioning service itself; each applies to one device or (no id) to all. */
export type ProvisioningFault =
  | { kind: 'busy'; deviceId?: string; count?: number }
  | { kind: 'too-many-commands'; deviceId?: string; count?: number }
  /** The provisioning service answers as for an unclaimed device although the claim went in. */
  | { kind: 'not-claimed'; deviceId?: string; count?: number }
  | { kind: 'command-fails'; commandType: string; deviceId?: string; error?: string };

/** What a test sees of one device's provisioning. */
export interface FakeDeviceProvisioning {
  hasCheckedIn: boolean;
  commands: FakeCommand[];
  isProvisioned: boolean;
  connectedAt?: string;
  clientIds: string[];
}

interface DeviceState {
  hasCheckedIn: boolean;
  appliedRules: Set<string>;
  commands: FakeCommand[];
  connectedAt?: string;
  clientIds: string[];
}

export interface ProvisioningStateDeps {
  now: () => Date;
  /** The team and tags of a claimed device, or undefined when nobody claimed it. */
  claimedDevice: (deviceId: string) => { tenantId: string; tags: string[] } | undefined;
  /** Each team's rules at start; a team not listed gets the onboarding rule. */
  teamRules?: Readonly<Record<string, readonly FakeRuleInit[]>>;
}

const SEC_TAG = 16842753;
const MAX_COMMANDS_PER_DEVICE = 20;
/** The rule nrfcloud-utils creates (§5.3), as every team of the local cloud has it by default. */
export const FAKE_ONBOARDING_RULE: FakeRuleInit = {
  name: 'nRF Cloud Onboarding',
  description: 'Onboarding rule for nRF Cloud',
  tags: ['nrf-cloud-onboarding'],
};
const ONBOARDING_TYPES = [
  'clientPrivateKeyGeneration',
  'cloudAccessKeyGeneration',
  'serverCertificate',
];
const FINAL: ReadonlySet<FakeCommandStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export class FakeProvisioningService {
  private readonly rulesByTeam = new Map<string, FakeRule[]>();
  private readonly tagsByTeam = new Map<string, Map<string, string>>();
  private readonly devices = new Map<string, DeviceState>();
  private readonly faults: ProvisioningFault[] = [];

  constructor(private readonly deps: ProvisioningStateDeps) {}

  rules(tenantId: string): FakeRule[] {
    let rules = this.rulesByTeam.get(tenantId);
    if (rules === undefined) {
      const inits = this.deps.teamRules?.[tenantId] ?? [FAKE_ONBOARDING_RULE];
      rules = inits.map((init) => this.ruleFrom(init));
      this.rulesByTeam.set(tenantId, rules);
    }
    return rules;
  }

  /** POST /v1/provisioning-rules: the new rule, or the reason it is refused (a 400). */
  addRule(tenantId: string, body: unknown): FakeRule | string {
    const { name, description, active, tags, commands } = (body ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') return 'name is required';
    if (!isStringList(tags)) return 'tags must be an array of strings';
    if (active !== undefined && typeof active !== 'boolean') return 'active must be a boolean';
    if (!Array.isArray(commands) || commands.length === 0)
      return 'commands must be a non-empty array';
    if (commands.length > MAX_COMMANDS_PER_DEVICE)
      return `a rule may hold at most ${MAX_COMMANDS_PER_DEVICE} commands`;
    const parsed: FakeRule['commands'] = [];
    for (const command of commands) {
      const request = (command as { request?: unknown } | null)?.request;
      if (request === null || typeof request !== 'object' || Object.keys(request).length !== 1)
        return 'each command needs a request with exactly one command type';
      parsed.push({ request: request as Record<string, Record<string, unknown>> });
    }
    const rule: FakeRule = {
      id: randomUUID(),
      name,
      description: typeof description === 'string' ? description : '',
      active: active ?? false,
      tags,
      commands: parsed,
      createdAt: this.deps.now().toISOString(),
    };
    this.rules(tenantId).push(rule);
    return rule;
  }

  /** POST /v1/provisioning/tags: false when the tag existed already. */
  addTag(tenantId: string, tag: string, description: string): boolean {
    let tags = this.tagsByTeam.get(tenantId);
    if (tags === undefined) {
      tags = new Map();
      this.tagsByTeam.set(tenantId, tags);
    }
    if (tags.has(tag)) return false;
    tags.set(tag, description);
    return true;
  }

  tags(tenantId: string): Array<{ tag: string; description: string }> {
    return [...(this.tagsByTeam.get(tenantId) ?? new Map<string, string>())].map(
      ([tag, description]) => ({ tag, description }),
    );
  }

  /** POST /v1/claimed-devices/{id}/provisioning (§6): one command added by hand. */
  addCommand(deviceId: string, body: unknown): FakeCommand | string {
    const { description, request } = (body ?? {}) as Record<string, unknown>;
    if (request === null || typeof request !== 'object' || Object.keys(request).length !== 1)
      return 'request needs exactly one command type';
    const state = this.state(deviceId);
    const pending = state.commands.filter((c) => !FINAL.has(c.status)).length;
    if (pending >= MAX_COMMANDS_PER_DEVICE)
      return `a device may hold at most ${MAX_COMMANDS_PER_DEVICE} commands`;
    const command = this.commandFrom(
      request as Record<string, Record<string, unknown>>,
      typeof description === 'string' ? description : '',
    );
    state.commands.push(command);
    return command;
  }

  /** The commands as GET /v1/claimed-devices/{id}/provisioning lists them. */
  commands(deviceId: string): FakeCommand[] {
    return (this.devices.get(deviceId)?.commands ?? []).map((c) => ({ ...c }));
  }

  /** A device's record for GET /v1/devices/{id}, or undefined (404) until it connected. */
  connectedAt(deviceId: string): string | undefined {
    return this.devices.get(deviceId)?.connectedAt;
  }

  view(deviceId: string): FakeDeviceProvisioning {
    const state = this.devices.get(deviceId);
    return {
      hasCheckedIn: state?.hasCheckedIn ?? false,
      commands: this.commands(deviceId),
      isProvisioned: state !== undefined && isProvisioned(state),
      ...(state?.connectedAt === undefined ? {} : { connectedAt: state.connectedAt }),
      clientIds: [...(state?.clientIds ?? [])],
    };
  }

  /** Unclaiming removes the device and all its data (§4.6). */
  forget(deviceId: string): void {
    this.devices.delete(deviceId);
  }

  fail(fault: ProvisioningFault): void {
    this.faults.push(fault);
  }

  /** The device side, in-process. */
  readonly link: DeviceProvisioningLink = {
    fetchCommands: async (uuid) => this.fetch(uuid.toLowerCase()),
    reportResults: async (uuid, results) => this.report(uuid.toLowerCase(), results),
    connect: async (uuid, clientId) => this.connect(uuid.toLowerCase(), clientId),
  };

  private fetch(deviceId: string): FetchAnswer {
    const device = this.deps.claimedDevice(deviceId);
    if (device === undefined || this.takeFault('not-claimed', deviceId))
      return { kind: 'not-claimed' };
    if (this.takeFault('busy', deviceId)) return { kind: 'busy' };
    const state = this.state(deviceId);
    state.hasCheckedIn = true;
    for (const rule of this.rules(device.tenantId)) {
      const isCovering = rule.active !== false && rule.tags.some((t) => device.tags.includes(t));
      if (!isCovering || state.appliedRules.has(rule.id)) continue;
      state.appliedRules.add(rule.id);
      for (const { request } of rule.commands)
        state.commands.push(this.commandFrom(request, `From rule ${rule.name}`));
    }
    const queue = state.commands.filter(
      (c) => c.status === 'PENDING' || c.status === 'IN_PROGRESS',
    );
    if (queue.length === 0) return { kind: 'no-commands' };
    if (this.takeFault('too-many-commands', deviceId))
      return { kind: 'too-many-commands', count: queue.length };
    const now = this.deps.now().toISOString();
    const sent: DeviceCommand[] = queue.map((command) => {
      command.status = 'IN_PROGRESS';
      command.updatedAt = now;
      const fault = this.commandFault(deviceId, command.type);
      return fault === undefined
        ? { id: command.id, type: command.type }
        : { id: command.id, type: command.type, failWith: fault };
    });
    return { kind: 'commands', commands: sent };
  }

  private report(deviceId: string, results: readonly CommandResult[]): void {
    const state = this.devices.get(deviceId);
    if (state === undefined || this.deps.claimedDevice(deviceId) === undefined) return;
    const now = this.deps.now().toISOString();
    for (const result of results) {
      const index = state.commands.findIndex((c) => c.id === result.id);
      const command = state.commands[index];
      if (command === undefined || FINAL.has(command.status)) continue;
      const injected = this.commandFault(deviceId, command.type);
      const error = injected ?? (result.isOk ? undefined : (result.error ?? 'Command failed'));
      command.updatedAt = now;
      if (error === undefined) {
        command.status = 'SUCCEEDED';
        continue;
      }
      command.status = 'FAILED';
      command.error = error;
      // A failed command is removed with every command after it (§6).
      for (const later of state.commands.slice(index + 1)) {
        if (FINAL.has(later.status)) continue;
        later.status = 'CANCELLED';
        later.updatedAt = now;
      }
    }
  }

  private connect(deviceId: string, clientId: string): 'connected' | 'unauthorized' {
    const state = this.devices.get(deviceId);
    if (state === undefined || this.deps.claimedDevice(deviceId) === undefined)
      return 'unauthorized';
    state.clientIds.push(clientId);
    // nRF Cloud knows the device by its UUID; another client id has no credentials (§14.6).
    if (!isProvisioned(state) || clientId.toLowerCase() !== deviceId) return 'unauthorized';
    state.connectedAt ??= this.deps.now().toISOString();
    return 'connected';
  }

  private takeFault(kind: 'busy' | 'too-many-commands' | 'not-claimed', deviceId: string): boolean {
    const index = this.faults.findIndex(
      (f) => f.kind === kind && (f.deviceId === undefined || f.deviceId.toLowerCase() === deviceId),
    );
    const fault = this.faults[index];
    if (fault === undefined || fault.kind === 'command-fails') return false;
    const left = (fault.count ?? 1) - 1;
    if (left <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...fault, count: left };
    return true;
  }

  /** The words an injected command failure carries, when one applies (it stays in force). */
  private commandFault(deviceId: string, type: string): string | undefined {
    for (const fault of this.faults) {
      if (fault.kind !== 'command-fails' || fault.commandType !== type) continue;
      if (fault.deviceId !== undefined && fault.deviceId.toLowerCase() !== deviceId) continue;
      return fault.error ?? 'AT cmd failed, error: 65536';
    }
    return undefined;
  }

  private state(deviceId: string): DeviceState {
    let state = this.devices.get(deviceId);
    if (state === undefined) {
      state = { hasCheckedIn: false, appliedRules: new Set(), commands: [], clientIds: [] };
      this.devices.set(deviceId, state);
    }
    return state;
  }

  private ruleFrom(init: FakeRuleInit): FakeRule {
    const types = init.commandTypes ?? ONBOARDING_TYPES;
    return {
      id: randomUUID(),
      name: init.name,
      description: init.description ?? '',
      active: init.active === 'omit' ? undefined : (init.active ?? true),
      tags: [...init.tags],
      commands: types.map((type) => ({ request: { [type]: { secTag: SEC_TAG } } })),
      createdAt: this.deps.now().toISOString(),
    };
  }

  private commandFrom(
    request: Record<string, Record<string, unknown>>,
    description: string,
  ): FakeCommand {
    const now = this.deps.now().toISOString();
    return {
      id: randomUUID(),
      type: Object.keys(request)[0] ?? 'unknown',
      description,
      request,
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
    };
  }
}

const isProvisioned = (state: DeviceState) =>
  state.commands.length > 0 && state.commands.every((c) => c.status === 'SUCCEEDED');

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
