/**
 * The serial side of the app as one service: hot-plug watching, open AT sessions by id, the
 * firmware mode remembered per port, cancellable long actions and the transcript. The window,
 * the CLI and the tests all drive it; the binding is injected (native, simulated, or a pty).
 */
import { randomUUID } from 'node:crypto';
import type { PortInfo } from '../../src-shared/devices/kits';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type {
  AtReplyView,
  ConnectResult,
  DeviceSnapshot,
  FirmwareMode,
} from '../../src-shared/ipc/serial';
import { AtSession } from './atSession';
import { readDeviceIdentity, type DeviceIdentityReading } from './attest';
import type { SerialBinding } from './bindingTypes';
import { DeviceWatcher, type DeviceChange } from './deviceWatcher';
import { enumerateDevices } from './enumerate';
import { createTranscriptStore, type TranscriptStore } from './transcriptStore';
import type { RequestRegistry } from '../requests';

export interface SerialServiceDeps {
  /** The binding in use right now: demo mode swaps it for the simulator's. */
  binding: () => SerialBinding;
  /** Port listing; defaults to the binding's own list. */
  list?: () => Promise<PortInfo[]>;
  pollIntervalMs?: number;
  lineSettings: () => { baudRate: number; rtscts: boolean };
  lastUsed: { get: () => string | undefined; set: (serial: string) => void };
  onDevicesChanged?: (change: DeviceChange) => void;
  onProgress?: (requestId: string, step: string) => void;
  onSessionClosed?: (info: { sessionId: string; path: string; reason?: AppErrorData }) => void;
  requests: RequestRegistry;
}

import { describeMode } from '../../src-shared/at/describeMode';

export { describeMode };

interface OpenSession {
  id: string;
  session: AtSession;
  /** Set for a port an onboarding job holds: another opener is refused, not given the port. */
  heldBy?: 'onboarding';
}

export class SerialService {
  readonly transcript: TranscriptStore = createTranscriptStore();
  readonly watcher: DeviceWatcher;
  private readonly sessions = new Map<string, OpenSession>();
  private readonly modes = new Map<string, FirmwareMode>();

  constructor(private readonly deps: SerialServiceDeps) {
    this.watcher = new DeviceWatcher({
      enumerate: () => enumerateDevices({ list: deps.list ?? (() => deps.binding().list()) }),
      ...(deps.pollIntervalMs === undefined ? {} : { intervalMs: deps.pollIntervalMs }),
      lastUsed: deps.lastUsed,
    });
    if (deps.onDevicesChanged) this.watcher.onChange(deps.onDevicesChanged);
  }

  start(): void {
    this.watcher.start();
  }

  /** The device list now (enumerates if no poll has finished yet). */
  async snapshot(): Promise<DeviceSnapshot> {
    return this.watcher.snapshot ?? (await this.watcher.poll());
  }

  /** True when one of our sessions holds the port: probes must leave it alone. */
  isOpen(path: string): boolean {
    return [...this.sessions.values()].some((s) => s.session.path === path);
  }

  /** Opens the port and learns the firmware mode with one `AT`. */
  async connect(input: {
    path: string;
    baudRate?: number | undefined;
    deviceSerial?: string | undefined;
    /** The onboarding service opening a job's port (never set from the window). */
    heldBy?: 'onboarding' | undefined;
  }): Promise<ConnectResult> {
    const held = [...this.sessions.values()].find(
      (open) => open.session.path === input.path && open.heldBy === 'onboarding',
    );
    if (held !== undefined && input.heldBy !== 'onboarding') {
      throw new AppError(
        'PORT_HELD_BY_FLOW',
        `${input.path} is in use by the onboarding flow, release it? Releasing cancels that kit's onboarding job; its token stays in the journal if it was read.`,
      );
    }
    for (const open of this.sessions.values()) {
      if (open.session.path === input.path) await this.disconnect(open.id);
    }
    const line = this.deps.lineSettings();
    const knownMode = this.modes.get(input.path);
    const session = await AtSession.open({
      path: input.path,
      baudRate: input.baudRate ?? line.baudRate,
      rtscts: line.rtscts,
      binding: this.deps.binding(),
      transcript: (entry) => this.transcript.record(entry),
      ...(knownMode === undefined ? {} : { knownMode }),
    });
    const id = randomUUID();
    this.sessions.set(id, input.heldBy ? { id, session, heldBy: input.heldBy } : { id, session });
    session.onClose((reason) => {
      if (!this.sessions.delete(id)) return;
      this.deps.onSessionClosed?.({
        sessionId: id,
        path: input.path,
        ...(reason ? { reason } : {}),
      });
    });
    try {
      await session.send('AT');
    } catch (error) {
      // An ERROR to a bare AT still proves an AT interface; anything else means this port is no use.
      if (!(
        error instanceof AppError &&
        (error.code === 'AT_ERROR' || error.code === 'AT_CME_ERROR')
      )) {
        this.sessions.delete(id);
        await session.close().catch(() => undefined);
        throw error;
      }
    }
    this.modes.set(input.path, session.mode);
    if (input.deviceSerial) this.watcher.markUsed(input.deviceSerial);
    return {
      sessionId: id,
      path: input.path,
      mode: session.mode,
      modeDescription: describeMode(session.mode),
    };
  }

  async disconnect(sessionId: string): Promise<void> {
    const open = this.sessions.get(sessionId);
    if (!open) return;
    this.sessions.delete(sessionId);
    await open.session.close();
  }

  /** One command from the raw terminal, mode-aware like every other. */
  async sendCommand(input: {
    sessionId: string;
    command: string;
    timeoutMs?: number | undefined;
  }): Promise<AtReplyView> {
    const { session } = this.get(input.sessionId);
    const reply = await session.send(
      input.command,
      input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs },
    );
    this.modes.set(session.path, session.mode);
    return {
      command: reply.command,
      sentAs: reply.sentAs,
      lines: reply.lines,
      final:
        typeof reply.final === 'string'
          ? reply.final
          : 'cme' in reply.final
            ? `+CME ERROR: ${reply.final.cme}`
            : `+CMS ERROR: ${reply.final.cms}`,
      mode: reply.mode,
      durationMs: reply.durationMs,
    };
  }

  /** Reads model, firmware, IMEI and the token; cancellable through `cancel(requestId)`. */
  async attest(input: { sessionId: string; requestId: string }): Promise<DeviceIdentityReading> {
    const { session } = this.get(input.sessionId);
    return this.deps.requests.track(input.requestId, (signal) =>
      readDeviceIdentity(session, {
        signal,
        onProgress: (step) => this.deps.onProgress?.(input.requestId, step),
      }),
    );
  }

  /** The open session itself, for the onboarding jobs that drive it. */
  sessionOf(sessionId: string): AtSession {
    return this.get(sessionId).session;
  }

  async dispose(): Promise<void> {
    this.watcher.stop();
    await Promise.all([...this.sessions.keys()].map((id) => this.disconnect(id)));
  }

  private get(sessionId: string): OpenSession {
    const open = this.sessions.get(sessionId);
    if (!open)
      throw new AppError('PORT_NOT_OPEN', 'This port is not open any more: connect again.');
    return open;
  }
}
