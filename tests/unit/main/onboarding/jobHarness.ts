/**
 * The onboarding service over fakes for the job tests: ports whose connect and identity read can
 * be held at will, a fake nRF Cloud adapter whose calls can be held or fail, and a real journal
 * in a temp folder.
 */
import { AppError, type AppErrorData } from '../../../../src-shared/ipc/errors';
import type { JobChange, JobState, JobView } from '../../../../src-shared/ipc/onboarding';
import { decodeAttestationToken } from '../../../../src-shared/token/decode';
import type { CloudAdapter, ProvisioningRule } from '../../../../src-main/cloud/adapter';
import { openJournal, type TokenJournal } from '../../../../src-main/cloud/journal';
import type { FirmwareMode } from '../../../../src-shared/ipc/serial';
import type { DeviceIdentityReading } from '../../../../src-main/serial/attest';
import { CloudQueue } from '../../../../src-main/onboarding/cloudQueue';
import {
  OnboardingService,
  type JobSession,
  type OnboardingDeps,
} from '../../../../src-main/onboarding/onboardingService';
import { makeTempDir, makeToken } from '../cloud/helpers';
import { onboardingRule, provisioningStubs } from '../../../support/cloud/provisioningStubs';

export type Held = 'connect' | 'read' | 'dryRun' | 'claim';

export interface FakeKit {
  path: string;
  serialNumber: string;
  deviceUuid: string;
  token: string;
  /** The firmware mode the first AT finds (default at-host). */
  mode?: FirmwareMode;
  /** AT+CGMM / AT+CGMR as the reading gives them (default an nRF9151 on 2.0.2). */
  model?: string;
  firmware?: string;
  connectError?: AppError;
  readError?: AppError;
  dryRunError?: AppError;
  claimError?: AppError;
}

export function makeKits(count: number): FakeKit[] {
  return Array.from({ length: count }, (_, i) => {
    const { token, deviceUuid } = makeToken();
    return { path: `/dev/ttyFAKE${i}`, serialNumber: `00105000000${i}`, deviceUuid, token };
  });
}

/** A DeviceIdentityReading for a fake kit. */
export function readingOf(kit: FakeKit): DeviceIdentityReading {
  const decoded = decodeAttestationToken(kit.token);
  if (!decoded.ok) throw new Error('bad test token');
  return {
    token: decoded.value,
    tokenRaw: kit.token,
    mode: kit.mode ?? 'at-host',
    model: kit.model ?? 'nRF9151-LACA',
    firmware: kit.firmware ?? 'mfw_nrf91x1_2.0.2',
    imei: '350404291234563',
    warnings: [],
  };
}

export class JobHarness {
  readonly service: OnboardingService;
  readonly queue: CloudQueue;
  readonly journal: TokenJournal;
  readonly changes: JobChange[] = [];
  /** Every cloud call in the order it started: `dryRun:<path>` / `claim:<path>`. */
  readonly cloudCalls: string[] = [];
  /** Devices nRF Cloud already holds for this team. */
  readonly alreadyClaimed = new Set<string>();
  /** The team's provisioning rules, as listRules answers them. */
  readonly teamRules: ProvisioningRule[] = [onboardingRule];
  /** Ports opened and not released yet. */
  readonly openPorts = new Set<string>();
  /** Called as each cloud call starts, before it answers (e.g. to back the queue off). */
  beforeCall: ((kind: 'dryRun' | 'claim', path: string) => Promise<void> | void) | undefined;
  private readonly temp = makeTempDir('onboarder-jobs-');
  private readonly rules = new Set<string>();
  private readonly held = new Map<string, Array<() => void>>();
  private readonly closers = new Map<string, Set<(reason: AppErrorData) => void>>();
  private readonly sessions = new WeakMap<object, FakeKit>();
  private readonly wakers = new Set<() => void>();

  /** Every port opened, in order (a reopen during provisioning shows as a second one). */
  readonly connects: string[] = [];
  /** What sessions noted for the transcript, "path: text". */
  readonly notes: string[] = [];
  private readonly lineListeners = new Map<string, Set<(line: string) => void>>();

  constructor(
    readonly kits: FakeKit[],
    options: {
      concurrency?: number;
      maxConcurrency?: number;
      provisioning?: OnboardingDeps['provisioning'];
      provisioningSettings?: OnboardingDeps['provisioningSettings'];
    } = {},
  ) {
    this.journal = openJournal(this.temp.dir);
    this.queue = new CloudQueue({
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
      onChange: () => this.service.queueChanged(),
    });
    this.service = new OnboardingService({
      connect: (target) => this.connect(target.path),
      readIdentity: (session, readOptions) => this.read(session, readOptions?.signal),
      journal: () => this.journal,
      cloud: () => ({ adapter: this.adapter(), teamName: 'Test Team' }),
      queue: this.queue,
      defaultTags: () => ['nrf-cloud-onboarding'],
      ...(options.provisioning === undefined ? {} : { provisioning: options.provisioning }),
      ...(options.provisioningSettings === undefined
        ? {}
        : { provisioningSettings: options.provisioningSettings }),
      onChange: (change) => {
        this.changes.push(change);
        this.wake();
      },
    });
  }

  /** Holds calls of this kind (all kits, or one path) until released. */
  hold(kind: Held, path?: string): void {
    this.rules.add(path === undefined ? kind : `${kind}:${path}`);
  }

  /** Stops holding new calls (calls already held stay held). */
  holdNothing(): void {
    this.rules.clear();
  }

  /** Waits until a call of this kind is held for the path, then lets it go on. */
  async release(kind: Held, path: string): Promise<void> {
    const key = `${kind}:${path}`;
    await this.until(() => (this.held.get(key)?.length ?? 0) > 0);
    this.rules.delete(kind);
    this.rules.delete(key);
    this.held.get(key)?.shift()?.();
  }

  /** Resolves once a call of this kind is held for the path. */
  isHeld(kind: Held, path: string): Promise<void> {
    return this.until(() => (this.held.get(`${kind}:${path}`)?.length ?? 0) > 0);
  }

  statesOf(id: string): JobState[] {
    const states: JobState[] = [];
    for (const { job } of this.changes) {
      if (job.id === id && states.at(-1) !== job.state) states.push(job.state);
    }
    return states;
  }

  waitForState(id: string, state: JobState): Promise<void> {
    return this.until(() => this.service.get(id)?.state === state);
  }

  /** The port vanishes under its open session. */
  vanish(path: string): void {
    const listeners = [...(this.closers.get(path) ?? [])];
    this.closers.delete(path);
    for (const listener of listeners)
      listener({
        code: 'PORT_GONE',
        message: `${path} went away: the device was unplugged or reset.`,
      });
  }

  /** A line arrives on the open session of the port, unasked. */
  emitLine(path: string, line: string): void {
    for (const listener of this.lineListeners.get(path) ?? []) listener(line);
  }

  async finish(id: string): Promise<JobView> {
    return this.service.whenDone(id);
  }

  async cleanup(): Promise<void> {
    await this.service.dispose();
    this.queue.dispose();
    this.temp.cleanup();
  }

  /** Resolves once the condition holds (checked on every job change). */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.wakers.delete(check);
        resolve();
      };
      this.wakers.add(check);
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }

  private pause(kind: Held, path: string, signal?: AbortSignal): Promise<void> {
    if (!this.rules.has(kind) && !this.rules.has(`${kind}:${path}`)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const key = `${kind}:${path}`;
      this.held.set(key, [...(this.held.get(key) ?? []), resolve]);
      signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), {
        once: true,
      });
      this.wake();
    });
  }

  private kitAt(path: string): FakeKit {
    const kit = this.kits.find((k) => k.path === path);
    if (kit === undefined) throw new AppError('PORT_NOT_FOUND', `${path} does not exist.`);
    return kit;
  }

  private kitOfToken(token: string): FakeKit {
    const kit = this.kits.find((k) => k.token === token);
    if (kit === undefined) throw new AppError('CLAIM_TOKEN_INVALID', 'unknown token');
    return kit;
  }

  private async connect(path: string) {
    const kit = this.kitAt(path);
    await this.pause('connect', path);
    if (kit.connectError) throw kit.connectError;
    this.openPorts.add(path);
    this.connects.push(path);
    const listeners = new Set<(line: string) => void>();
    this.lineListeners.set(path, listeners);
    const session: JobSession = {
      mode: kit.mode ?? 'at-host',
      send: () => Promise.reject(new Error('the fake reads through readIdentity')),
      sendShell: () => Promise.reject(new Error('the fake reads through readIdentity')),
      note: (text) => this.notes.push(`${path}: ${text}`),
      onUnsolicited: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onClose: (listener) => {
        const set = this.closers.get(path) ?? new Set();
        set.add(listener);
        this.closers.set(path, set);
        return () => set.delete(listener);
      },
    };
    this.sessions.set(session, kit);
    return {
      session,
      release: async () => {
        this.openPorts.delete(path);
      },
    };
  }

  private async read(session: object, signal?: AbortSignal): Promise<DeviceIdentityReading> {
    const kit = this.sessions.get(session);
    if (kit === undefined) throw new Error('unknown session');
    await this.pause('read', kit.path, signal);
    if (kit.readError) throw kit.readError;
    return readingOf(kit);
  }

  private adapter(): CloudAdapter {
    return {
      getAccount: () => Promise.reject(new Error('not used')),
      dryRun: async (token, _tags, signal) => {
        const kit = this.kitOfToken(token);
        this.cloudCalls.push(`dryRun:${kit.path}`);
        await this.beforeCall?.('dryRun', kit.path);
        await this.pause('dryRun', kit.path, signal);
        if (kit.dryRunError) throw kit.dryRunError;
        return this.alreadyClaimed.has(kit.deviceUuid)
          ? { claimable: false, alreadyClaimedByYou: true }
          : { claimable: true, alreadyClaimedByYou: false };
      },
      claim: async (token, tags, signal) => {
        const kit = this.kitOfToken(token);
        this.cloudCalls.push(`claim:${kit.path}`);
        await this.beforeCall?.('claim', kit.path);
        await this.pause('claim', kit.path, signal);
        if (kit.claimError) throw kit.claimError;
        const isYours = this.alreadyClaimed.has(kit.deviceUuid);
        this.alreadyClaimed.add(kit.deviceUuid);
        return {
          deviceId: kit.deviceUuid,
          tags,
          alreadyClaimedByYou: isYours,
          portalUrl: `https://nrfcloud.com/#/devices/${kit.deviceUuid}`,
        };
      },
      unclaim: () => Promise.resolve(),
      ...provisioningStubs({ listRules: async () => [...this.teamRules] }),
    };
  }
}
