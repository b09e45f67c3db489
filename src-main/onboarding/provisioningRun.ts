/**
 * The `provisioning` step of a job (issue 13): after the claim, on the kit's AT port, learn the
 * firmware family, ask the device to fetch its credentials, and watch the device's lines and the
 * cloud's view of it until nRF Cloud sees it connected, a known failure ends it, or the limit runs
 * out. The port may go away and come back on the way (an ATT reboot re-enumerates it); the device
 * side gets one session that survives that.
 */
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { ProvisioningView } from '../../src-shared/ipc/provisioning';
import {
  canProvision,
  unsupportedMessage,
  type FamilyDetection,
} from '../../src-shared/provisioning/family';
import type { ProvisioningEvent } from '../../src-shared/provisioning/model';
import { modemTooOldReason } from '../../src-shared/provisioning/modemSupport';
import type { CloudAdapter } from '../cloud/adapter';
import type { ProvisioningSession } from '../provisioning/deviceProvisioner';
import {
  addStage,
  foldEvent,
  hasCommands,
  hasOnlyNoCommands,
  noCommandsError,
  type ProvisioningTrack,
} from './provisioningFold';

export type { ProvisioningSession } from '../provisioning/deviceProvisioner';

/** The families the app can start provisioning on. */
export type StartableFamily = 'shell' | 'att' | 'serial-modem';

/** The device side (src-main/provisioning/device*.ts): family detection, trigger and watch. */
export interface DeviceProvisioning {
  /** Learns the firmware family on the open session, with the reason in words. */
  detect(session: ProvisioningSession, options: { signal: AbortSignal }): Promise<FamilyDetection>;
  /**
   * Asks the device to fetch its credentials and reports what its lines say until `signal`
   * aborts. Resolves once the trigger went out; throws (PROVISIONING_TRIGGER_FAILED) if it did not.
   */
  start(input: {
    session: ProvisioningSession;
    family: StartableFamily;
    deviceId: string;
    signal: AbortSignal;
    onEvent: (event: ProvisioningEvent) => void;
    /** After a reboot: resolves once the port is back (the same session object, re-attached). */
    reopen: () => Promise<ProvisioningSession>;
  }): Promise<void>;
}

/** The cloud side (src-main/provisioning/cloudWatch.ts): commands and device record, polled. */
export type CloudProvisioningWatch = (input: {
  adapter: CloudAdapter;
  deviceId: string;
  signal: AbortSignal;
  onEvent: (event: ProvisioningEvent) => void;
}) => Promise<void>;

/** The parts and limits of the step, handed to the OnboardingService. */
export interface ProvisioningParts {
  device: DeviceProvisioning;
  cloud?: CloudProvisioningWatch;
  /** Grace after the device said "no commands" before any command was seen (§14.1). */
  noCommandsGraceMs?: number;
  /** How long a port that went away may take to come back before the job ends unplugged. */
  reopenTimeoutMs?: number;
}

/** How the step ended. */
export type ProvisioningResult =
  | { kind: 'connected' }
  | { kind: 'not-provisioned'; code: AppErrorData['code']; note: string }
  | { kind: 'failed'; error: AppErrorData };

/** An open port as the step sees it. */
export interface RunPort {
  session: ProvisioningSession;
  release: () => Promise<void>;
}

export interface RunInput {
  parts: ProvisioningParts;
  deviceId: string;
  path: string;
  timeoutMs: number;
  /** The port still open from reading the token, if any (the confirm flow lets go of it). */
  port: RunPort | undefined;
  /** Opens the kit's AT port. */
  open: () => Promise<RunPort>;
  /** Opens it again after it went away: the same kit's AT port, wherever it comes back. */
  reopen: (signal: AbortSignal) => Promise<RunPort>;
  /** Every port the step opens is handed over here, so the job releases it at its end. */
  onPort: (port: RunPort) => void;
  adapter: () => CloudAdapter | undefined;
  signal: AbortSignal;
  /** The modem as the token reading learned it (AT+CGMM, AT+CGMR), to name a bare failure. */
  modem?: { model?: string | undefined; firmware?: string | undefined };
  now: () => number;
  onChange: (view: ProvisioningView) => void;
}

export const DEFAULT_PROVISIONING_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_NO_COMMANDS_GRACE_MS = 30_000;
const DEFAULT_REOPEN_TIMEOUT_MS = 60_000;

/**
 * One session for the device side across port losses: commands go to the current port, and
 * listeners are moved to each port that replaces it.
 */
class SurvivingSession implements ProvisioningSession {
  private current: ProvisioningSession;
  private readonly lineListeners = new Set<(line: string) => void>();
  private readonly closeListeners = new Set<(reason: AppErrorData | undefined) => void>();
  private detach: Array<() => void> = [];

  constructor(session: ProvisioningSession) {
    this.current = session;
    this.attach();
  }

  get mode() {
    return this.current.mode;
  }

  send(...args: Parameters<ProvisioningSession['send']>) {
    return this.current.send(...args);
  }

  sendShell(...args: Parameters<ProvisioningSession['sendShell']>) {
    return this.current.sendShell(...args);
  }

  note(text: string): void {
    this.current.note(text);
  }

  onUnsolicited(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  onClose(listener: (reason: AppErrorData | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  replace(session: ProvisioningSession): void {
    for (const off of this.detach) off();
    this.current = session;
    this.attach();
  }

  dispose(): void {
    for (const off of this.detach) off();
    this.detach = [];
  }

  private attach(): void {
    this.detach = [
      this.current.onUnsolicited((line) => {
        for (const listener of this.lineListeners) listener(line);
      }),
      this.current.onClose((reason) => {
        for (const listener of this.closeListeners) listener(reason);
      }),
    ];
  }
}

/** Runs the step; `portLost` is to be called when the job's port goes away meanwhile. */
export class ProvisioningRun {
  private readonly started: number;
  private readonly controller = new AbortController();
  private readonly track: ProvisioningTrack;
  private session: SurvivingSession | undefined;
  private lost: Promise<void> | undefined;
  private isPortLost = false;
  /** The grace after "no commands" is running (§14.1). */
  private isGraceStarted = false;
  private settle: ((result: ProvisioningResult) => void) | undefined;
  private fail: ((error: unknown) => void) | undefined;
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(private readonly input: RunInput) {
    this.started = input.now();
    this.track = {
      deviceId: input.deviceId,
      view: {
        family: 'at-host',
        familyReason: 'not learned yet',
        stages: [],
        commands: [],
        lteDrops: 0,
        timeoutMs: input.timeoutMs,
      },
    };
  }

  get view(): ProvisioningView {
    return this.track.view;
  }

  async run(): Promise<ProvisioningResult> {
    const { input } = this;
    const stop = () => this.controller.abort();
    input.signal.addEventListener('abort', stop, { once: true });
    try {
      const port = input.port ?? (await this.openFirst());
      this.session = new SurvivingSession(port.session);
      // Any loss of the port, whoever notices first (the session, or the hot-plug watcher).
      this.session.onClose((reason) => this.portLost(reason));
      const signal = this.controller.signal;
      const detected = await input.parts.device.detect(this.session, { signal });
      this.track.view.family = detected.family;
      this.track.view.familyReason = detected.reason;
      this.changed();
      if (!canProvision(detected.family)) {
        // AT host, or a shell / Serial Modem build without a client (docs/protocol.md §13).
        const note = unsupportedMessage(detected);
        this.track.view.skipReason = 'unsupported';
        this.track.view.note = note;
        this.changed();
        return { kind: 'not-provisioned', code: 'PROVISIONING_UNSUPPORTED', note };
      }
      return await this.watch(detected.family);
    } finally {
      input.signal.removeEventListener('abort', stop);
      this.controller.abort();
      for (const timer of this.timers) clearTimeout(timer);
      this.session?.dispose();
    }
  }

  /**
   * The job's port went away. Wait for the kit to come back (a reboot re-enumerates it) rather
   * than ending the job; only if it stays away does the step fail with PORT_GONE.
   */
  portLost(reason: AppErrorData | undefined): void {
    if (this.isPortLost || this.controller.signal.aborted) return;
    this.isPortLost = true;
    this.lost = this.comeBack(reason);
    this.lost.catch(() => undefined);
  }

  private async watch(family: StartableFamily): Promise<ProvisioningResult> {
    const { input } = this;
    const signal = this.controller.signal;
    const session = this.mustSession();
    const ended = new Promise<ProvisioningResult>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    ended.catch(() => undefined); // awaited below, unless the trigger fails first
    signal.addEventListener(
      'abort',
      () => this.fail?.(new AppError('CANCELLED', 'Provisioning stopped.')),
      { once: true },
    );
    this.later(input.timeoutMs, () => this.finish({ kind: 'failed', error: this.timeoutError() }));
    const onEvent = (event: ProvisioningEvent) => this.onEvent(event);
    const adapter = input.adapter();
    if (input.parts.cloud !== undefined && adapter !== undefined) {
      input.parts.cloud({ adapter, deviceId: input.deviceId, signal, onEvent }).catch(
        () => undefined, // the cloud view is extra; the device and the limit still decide
      );
    }
    try {
      await input.parts.device.start({
        session,
        family,
        deviceId: input.deviceId,
        signal,
        onEvent,
        reopen: () => this.reopenForDevice(),
      });
    } catch (error) {
      if (signal.aborted) return ended;
      throw error;
    }
    if (!signal.aborted) {
      addStage(this.track, 'triggered', 'app', triggerText(family), this.clock());
      this.changed();
    }
    return ended;
  }

  private onEvent(event: ProvisioningEvent): void {
    if (this.controller.signal.aborted) return;
    const verdict = foldEvent(this.track, event, this.clock());
    this.changed();
    if (verdict.kind === 'connected') this.finish({ kind: 'connected' });
    else if (verdict.kind === 'failed') this.finish({ kind: 'failed', error: verdict.error });
    else if (this.track.noCommandsAtMs !== undefined && !this.isGraceStarted) {
      const graceMs = this.input.parts.noCommandsGraceMs ?? DEFAULT_NO_COMMANDS_GRACE_MS;
      this.isGraceStarted = true;
      this.later(graceMs, () => {
        if (hasCommands(this.track)) return;
        const why = `did not connect within ${Math.round(graceMs / 1000)} s`;
        this.finish({ kind: 'failed', error: noCommandsError(this.input.path, this.track, why) });
      });
    }
  }

  private finish(outcome: ProvisioningResult): void {
    const settle = this.settle;
    this.settle = undefined;
    this.fail = undefined;
    const result = outcome.kind === 'failed' ? this.withModemCause(outcome) : outcome;
    if (result.kind === 'failed') {
      this.track.view.error = result.error;
      this.changed();
    }
    settle?.(result);
  }

  /**
   * A failure that names no cause (Serial Modem's `#XNRFPROV: -1`, a timeout with nothing known)
   * on a modem the service cannot serve, an nRF9160 or firmware before 2.0.0, is that (§14.5).
   */
  private withModemCause(result: ProvisioningResult & { kind: 'failed' }): ProvisioningResult {
    const { code, message } = result.error;
    if (code !== 'PROVISIONING_FAILED' && code !== 'PROVISIONING_TIMEOUT') return result;
    const { model, firmware } = this.input.modem ?? {};
    const reason = modemTooOldReason(model ?? '', firmware ?? '');
    if (reason === undefined) return result;
    return {
      kind: 'failed',
      error: { code: 'PROVISIONING_MODEM_TOO_OLD', message: `${message} Likely why: ${reason}.` },
    };
  }

  /**
   * The limit ran out. When what held the device up is known, that is the code (no commands,
   * no network time, not claimed...), with the limit in the message; else PROVISIONING_TIMEOUT.
   */
  private timeoutError(): AppErrorData {
    const seconds = Math.round(this.input.timeoutMs / 1000);
    const { track } = this;
    if (hasOnlyNoCommands(track)) {
      return noCommandsError(
        this.input.path,
        track,
        `did not connect within the ${seconds} s limit`,
      );
    }
    const stage = track.view.stage;
    const last = track.lastRetriedFailure;
    const reached = stage === undefined ? 'nothing was heard from it' : `it got as far as ${stage}`;
    if (last !== undefined && last.code !== 'PROVISIONING_FAILED') {
      return {
        code: last.code,
        message: `${this.input.path}: not connected to nRF Cloud within ${seconds} s; the device kept retrying after: ${last.message} (${reached}).`,
      };
    }
    const retried =
      last === undefined ? '' : `; the device last retried after ${last.code}: ${last.message}`;
    return {
      code: 'PROVISIONING_TIMEOUT',
      message: `${this.input.path}: not connected to nRF Cloud within ${seconds} s (${reached}${retried}).`,
    };
  }

  private async openFirst(): Promise<RunPort> {
    const port = await this.input.open();
    this.input.onPort(port);
    return port;
  }

  /** The device side rebooted the kit: the same session once the port is usable again. */
  private async reopenForDevice(): Promise<ProvisioningSession> {
    const session = this.mustSession();
    if (!this.isPortLost) {
      // A reboot may re-enumerate the USB port or not (the kit's bridge may stay): wait a moment.
      await new Promise<void>((resolve) => {
        const off = session.onClose(() => {
          off();
          resolve();
        });
        this.later(2000, () => {
          off();
          resolve();
        });
      });
    }
    if (this.lost !== undefined) await this.lost;
    return session;
  }

  private async comeBack(reason: AppErrorData | undefined): Promise<void> {
    const limit = this.input.parts.reopenTimeoutMs ?? DEFAULT_REOPEN_TIMEOUT_MS;
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    this.controller.signal.addEventListener('abort', onStop, { once: true });
    this.later(limit, () => attempt.abort());
    try {
      const port = await this.input.reopen(attempt.signal);
      this.input.onPort(port);
      this.mustSession().replace(port.session);
      this.isPortLost = false;
      this.lost = undefined;
    } catch (error) {
      if (this.controller.signal.aborted) return;
      const gone: AppErrorData = {
        code: 'PORT_GONE',
        message: `${this.input.path} went away during provisioning and did not come back within ${Math.round(limit / 1000)} s${reason === undefined ? '' : ` (${reason.message})`}.`,
      };
      this.fail?.(new AppError(gone.code, gone.message));
      throw error;
    } finally {
      this.controller.signal.removeEventListener('abort', onStop);
    }
  }

  private mustSession(): SurvivingSession {
    if (this.session === undefined)
      throw new AppError('PORT_NOT_OPEN', `${this.input.path} is not open.`);
    return this.session;
  }

  private later(ms: number, task: () => void): void {
    this.timers.push(setTimeout(task, ms));
  }

  private clock(): { at: string; sinceClaimMs: number } {
    const now = this.input.now();
    return { at: new Date(now).toISOString(), sinceClaimMs: now - this.started };
  }

  private changed(): void {
    this.input.onChange(this.track.view);
  }
}

function triggerText(family: StartableFamily): string {
  switch (family) {
    case 'shell':
      return 'Sent `nrf_provisioning now`';
    case 'att':
      return 'Rebooted the device (`kernel reboot warm`): ATT provisions as it starts';
    case 'serial-modem':
      return 'Sent AT#XNRFPROV';
  }
}
