/**
 * The device side of "from claimed to connected" (issue 13): learn which provisioning client the
 * firmware has, start it the way that family needs, and turn every line the device prints from
 * then on into ProvisioningEvents. Shell: `nrf_provisioning now` (docs/protocol.md §10). ATT: a
 * reboot, after which it provisions by itself, re-attaching when the port re-enumerates (§12.3).
 * Serial Modem: `AT#XNRFPROV`, answering its LTE requests with AT+CFUN (§11). AT host: nothing
 * can fetch credentials (§13). The pipeline decides when it is over and calls stop().
 */
import { parseDeviceLine } from '../../src-shared/provisioning/deviceLines';
import {
  familyFromHelp,
  familyFromXnrfprovTest,
  unsupportedMessage,
  type FamilyDetection,
} from '../../src-shared/provisioning/family';
import type { ProvisioningEvent, ProvisioningFamily } from '../../src-shared/provisioning/model';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import { AtCommandError, type AtSession, type SendOptions } from '../serial/atSession';

/** What the provisioner needs of an open port; AtSession has it all. */
export type ProvisioningSession = Pick<
  AtSession,
  'send' | 'sendShell' | 'mode' | 'onUnsolicited' | 'onClose' | 'note'
>;

export interface DetectOptions {
  signal?: AbortSignal;
}

/** How starting provisioning went. */
export type TriggerOutcome =
  | { kind: 'triggered'; family: 'shell' | 'att' | 'serial-modem'; text: string }
  /** The firmware has no provisioning client: the job ends "claimed" with this as the note. */
  | { kind: 'unsupported'; error: AppErrorData }
  /** The device refused the trigger (PROVISIONING_TRIGGER_FAILED). */
  | { kind: 'failed'; error: AppErrorData };

export interface DeviceProvisioningOptions {
  session: ProvisioningSession;
  detection: FamilyDetection;
  onEvent: (event: ProvisioningEvent) => void;
  /** Opens the port again after it vanished (a reboot re-enumerates USB); waits for it itself. */
  reopen?: () => Promise<ProvisioningSession>;
  signal?: AbortSignal;
  /** Waits between reopen attempts; tests pass one that does not wait. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Provisioning under way on the device. */
export interface DeviceProvisioning {
  outcome: TriggerOutcome;
  /** The session in use: a new one once the port was reopened. */
  readonly session: ProvisioningSession;
  /** Stops reading the device and answering it (the session stays open). Idempotent. */
  stop(): void;
}

// The shell answers `help` and `nrf_provisioning now` at once; a reboot takes longer to show.
const HELP_TIMEOUT_MS = 3000;
const NOW_TIMEOUT_MS = 5000;
const REBOOT_TIMEOUT_MS = 15_000;
const REOPEN_ATTEMPTS = 10;
const REOPEN_PAUSE_MS = 1000;

/** SendOptions with the signal only when there is one (exactOptionalPropertyTypes). */
function sendOptions(signal: AbortSignal | undefined, timeoutMs?: number): SendOptions {
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

const isCancel = (err: unknown): boolean => err instanceof AppError && err.code === 'CANCELLED';
const codeOf = (err: unknown): string => (err instanceof AppError ? err.code : 'INTERNAL');

/** Learns the provisioning family from the device's own replies, and notes why. */
export async function detectFamily(
  session: ProvisioningSession,
  options: DetectOptions = {},
): Promise<FamilyDetection> {
  const { signal } = options;
  if (session.mode === 'unknown') {
    session.note('provisioning: the firmware family is not known yet, sending AT to learn it');
    await session.send('AT', sendOptions(signal)).catch((err: unknown) => {
      if (isCancel(err)) throw err;
    });
  }
  const mode = session.mode;
  let detection: FamilyDetection;
  if (mode === 'shell') {
    detection = await fromHelp(session, signal);
  } else if (mode === 'slm' || mode === 'at-host') {
    detection = await fromXnrfprovTest(session, mode, signal);
  } else {
    detection = {
      family: 'none',
      reason: 'the firmware family could not be told from its replies',
    };
  }
  session.note(`provisioning client: ${detection.family}, because ${detection.reason}`);
  return detection;
}

async function fromHelp(
  session: ProvisioningSession,
  signal: AbortSignal | undefined,
): Promise<FamilyDetection> {
  session.note(
    'sending help: its root commands show the provisioning client (nrf_provisioning, or att_cloud for ATT)',
  );
  try {
    const reply = await session.sendShell('help', sendOptions(signal, HELP_TIMEOUT_MS));
    return familyFromHelp(reply.lines);
  } catch (err) {
    if (isCancel(err)) throw err;
    return { family: 'none', reason: `\`help\` did not answer (${codeOf(err)})` };
  }
}

async function fromXnrfprovTest(
  session: ProvisioningSession,
  mode: 'slm' | 'at-host',
  signal: AbortSignal | undefined,
): Promise<FamilyDetection> {
  session.note("sending AT#XNRFPROV=?: only Serial Modem's provisioning build knows it");
  try {
    const reply = await session.send('AT#XNRFPROV=?', sendOptions(signal));
    return familyFromXnrfprovTest({ lines: reply.lines, isOk: true }, mode);
  } catch (err) {
    if (isCancel(err)) throw err;
    if (err instanceof AtCommandError) {
      return familyFromXnrfprovTest(
        { lines: err.reply.lines, isOk: false, finalText: err.detail ?? 'ERROR' },
        mode,
      );
    }
    return familyFromXnrfprovTest(
      { lines: [], isOk: false, finalText: `no answer (${codeOf(err)})` },
      mode,
    );
  }
}

/** Starts provisioning per family and keeps reading the device until stop() or the signal. */
export async function startDeviceProvisioning(
  options: DeviceProvisioningOptions,
): Promise<DeviceProvisioning> {
  const watch = new DeviceWatch(options);
  const { family } = options.detection;
  if (family === 'at-host' || family === 'none') {
    const message = unsupportedMessage(options.detection);
    options.session.note(`provisioning not started: ${message}`);
    return watch.finish({
      kind: 'unsupported',
      error: { code: 'PROVISIONING_UNSUPPORTED', message },
    });
  }
  if (options.signal?.aborted === true) {
    throw new AppError('CANCELLED', 'Provisioning was cancelled before it started.');
  }
  watch.start();
  try {
    const outcome = await triggers[family](watch);
    if (outcome.kind === 'triggered') {
      watch.emit({ kind: 'stage', stage: 'triggered', source: 'app', text: outcome.text });
    }
    return watch.finish(outcome);
  } catch (err) {
    watch.stop();
    throw err;
  }
}

type Trigger = (watch: DeviceWatch) => Promise<TriggerOutcome>;

const triggerFailed = (message: string, detail?: string): TriggerOutcome => ({
  kind: 'failed',
  error: {
    code: 'PROVISIONING_TRIGGER_FAILED',
    message,
    ...(detail === undefined ? {} : { detail }),
  },
});

/**
 * Serial Modem leaves LTE to the host and boots with the modem off (CFUN=0) unless the host turned
 * it on; its provisioning client then has no network time and cannot reach the server (§11). So
 * ask AT+CFUN? and send AT+CFUN=1 unless it answers `+CFUN: 1`. Nothing here stops the trigger: a
 * question or a switch that fails is noted, and AT#XNRFPROV is sent all the same.
 */
async function bringLteUp(
  session: ProvisioningSession,
  signal: AbortSignal | undefined,
): Promise<void> {
  const failure = (err: unknown): string =>
    err instanceof AtCommandError ? (err.detail ?? 'ERROR') : codeOf(err);
  let mode: string | undefined;
  try {
    const reply = await session.send('AT+CFUN?', sendOptions(signal));
    mode = reply.lines
      .map((line) => /^\+CFUN:\s*(\d+)/.exec(line.trim())?.[1])
      .find((m) => m !== undefined);
  } catch (err) {
    if (isCancel(err)) throw err;
    session.note(
      `AT+CFUN? failed (${failure(err)}): the LTE state is not known; sending AT#XNRFPROV anyway`,
    );
    return;
  }
  if (mode === '1') return;
  session.note(
    `AT+CFUN? answered ${mode === undefined ? 'without a +CFUN: line' : `+CFUN: ${mode}`}: LTE is not on, and Serial Modem leaves it to the host; sending AT+CFUN=1 first, because without LTE the provisioning client has no network time and cannot reach the server (docs/protocol.md §11)`,
  );
  try {
    await session.send('AT+CFUN=1', sendOptions(signal));
  } catch (err) {
    if (isCancel(err)) throw err;
    session.note(`AT+CFUN=1 failed (${failure(err)}); sending AT#XNRFPROV anyway`);
  }
}

const triggers: Record<Exclude<ProvisioningFamily, 'at-host'>, Trigger> = {
  async shell(watch) {
    const session = watch.session;
    session.note(
      'sending nrf_provisioning now: the provisioning library fetches its commands at once (docs/protocol.md §10)',
    );
    try {
      const reply = await session.sendShell(
        'nrf_provisioning now',
        sendOptions(watch.signal, NOW_TIMEOUT_MS),
      );
      for (const line of reply.lines) {
        const refused =
          /: command not found$/.test(line) ||
          parseDeviceLine(line).some(
            (e) => e.kind === 'failure' && e.code === 'PROVISIONING_TRIGGER_FAILED',
          );
        if (refused) {
          return triggerFailed(`The device refused nrf_provisioning now: ${line}`, line);
        }
      }
      for (const line of reply.lines) watch.onLine(line);
      return {
        kind: 'triggered',
        family: 'shell',
        text:
          reply.lines.length === 0
            ? 'Sent nrf_provisioning now; the shell took it without a word (newer libraries log the start only at debug level)'
            : `Sent nrf_provisioning now; the shell answered: ${reply.lines.join(' / ')}`,
      };
    } catch (err) {
      if (isCancel(err)) throw err;
      const code = codeOf(err);
      if (code === 'NO_ANSWER' || code === 'DEVICE_WENT_SILENT' || code === 'COMMAND_TIMEOUT') {
        session.note(
          `no prompt within ${NOW_TIMEOUT_MS / 1000} s after nrf_provisioning now; reading the log on`,
        );
        return {
          kind: 'triggered',
          family: 'shell',
          text: 'Sent nrf_provisioning now; no answer yet, reading the device log',
        };
      }
      if (code === 'PORT_GONE') {
        return { kind: 'triggered', family: 'shell', text: 'Sent nrf_provisioning now' };
      }
      return triggerFailed(
        `nrf_provisioning now could not be sent: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  },

  async att(watch) {
    const session = watch.session;
    session.note(
      'sending kernel reboot warm: ATT has no provisioning shell; after a reboot it tries nRF Cloud at once and provisions when that fails (docs/protocol.md §12.3)',
    );
    const text =
      'Rebooted the device (kernel reboot warm): the Asset Tracker Template provisions itself when it comes back';
    try {
      const reply = await session.sendShell(
        'kernel reboot warm',
        sendOptions(watch.signal, REBOOT_TIMEOUT_MS),
      );
      const notFound = reply.lines.find((line) => /: command not found$/.test(line));
      if (notFound !== undefined) {
        return triggerFailed(`The device refused kernel reboot warm: ${notFound}`, notFound);
      }
    } catch (err) {
      if (isCancel(err)) throw err;
      // The port vanishing (re-enumeration) or going quiet while the device boots is the reboot.
      session.note(`kernel reboot warm: ${codeOf(err)} while the device rebooted; reading on`);
    }
    return { kind: 'triggered', family: 'att', text };
  },

  async 'serial-modem'(watch) {
    const session = watch.session;
    await bringLteUp(session, watch.signal);
    session.note(
      'sending AT#XNRFPROV: starts the provisioning client; it asks the host for LTE off and on with #XNRFPROV: 1 and 2 (docs/protocol.md §11)',
    );
    try {
      await session.send('AT#XNRFPROV', sendOptions(watch.signal));
    } catch (err) {
      if (isCancel(err)) throw err;
      const what = err instanceof AtCommandError ? (err.detail ?? 'ERROR') : codeOf(err);
      return triggerFailed(`Serial Modem refused AT#XNRFPROV (${what}).`, what);
    }
    return {
      kind: 'triggered',
      family: 'serial-modem',
      text: 'Sent AT#XNRFPROV: Serial Modem started its provisioning client',
    };
  },
};

/** Reads one device (across reopens) and answers what it asks of the host. */
class DeviceWatch {
  session: ProvisioningSession;
  readonly signal: AbortSignal | undefined;
  private readonly detachers: Array<() => void> = [];
  private isStopped = false;
  private isConnectingCloud = false;
  /** AT#XNRFCLOUD=1 was taken: the next `#XNRFCLOUD:` notification is its outcome. */
  private isAwaitingCloud = false;
  private readonly onAbort = (): void => this.stop();

  constructor(private readonly options: DeviceProvisioningOptions) {
    this.session = options.session;
    this.signal = options.signal;
  }

  start(): void {
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.attach(this.session);
  }

  finish(outcome: TriggerOutcome): DeviceProvisioning {
    if (outcome.kind !== 'triggered') this.stop();
    const current = (): ProvisioningSession => this.session;
    return {
      outcome,
      get session() {
        return current();
      },
      stop: () => this.stop(),
    };
  }

  stop(): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const detach of this.detachers.splice(0)) detach();
  }

  emit(event: ProvisioningEvent): void {
    if (this.isStopped) return;
    try {
      this.options.onEvent(event);
    } catch {
      // The consumer's trouble must not stop the reading.
    }
  }

  onLine(line: string): void {
    if (this.isStopped) return;
    const isSerialModem = this.options.detection.family === 'serial-modem';
    if (isSerialModem && this.isAwaitingCloud && /^#XNRFCLOUD: ?0\b/i.test(line.trim())) {
      this.isAwaitingCloud = false;
      void this.cloudRefused(line.trim());
    }
    for (const event of parseDeviceLine(line)) {
      this.emit(event);
      if (!isSerialModem) continue;
      if (event.kind === 'host-action') this.answerHostAction(event.action);
      if (event.kind === 'no-commands') this.connectCloud();
    }
  }

  /**
   * `#XNRFCLOUD: 0` after AT#XNRFCLOUD=1: nRF Cloud did not take the connection. The client id
   * the modem used (AT#XNRFCLOUD?) tells a wrong id from missing credentials (§11, §14.6).
   */
  private async cloudRefused(line: string): Promise<void> {
    const session = this.session;
    session.note(
      `${line} after AT#XNRFCLOUD=1: nRF Cloud refused the connection; asking AT#XNRFCLOUD? for the client id the modem used`,
    );
    try {
      const reply = await session.send('AT#XNRFCLOUD?', sendOptions(this.signal));
      for (const info of reply.lines) {
        const clientId = /^#XNRFCLOUD: ?\d,\d+,\d+,"([^"]*)"/i.exec(info.trim())?.[1];
        if (clientId !== undefined && clientId !== '') {
          this.emit({ kind: 'client-id', clientId, text: info.trim() });
        }
      }
    } catch (err) {
      if (isCancel(err)) return;
      session.note(`AT#XNRFCLOUD? did not answer (${codeOf(err)})`);
    }
    this.emit({
      kind: 'cloud-refused',
      source: 'app',
      text: `${line}: nRF Cloud did not accept the connection`,
    });
  }

  // One set of listeners at a time: a reopen may hand back the very session object it had (the
  // pipeline's session survives port losses), and two listeners would read every line twice.
  private attach(session: ProvisioningSession): void {
    for (const detach of this.detachers.splice(0)) detach();
    this.session = session;
    this.detachers.push(session.onUnsolicited((line) => this.onLine(line)));
    this.detachers.push(
      session.onClose((reason) => {
        if (this.session === session) void this.onClosed(reason);
      }),
    );
  }

  // §11: the client waits up to 120 s for the host to switch LTE; the session queues the command
  // behind whatever is in flight, so it never interrupts another reply.
  private answerHostAction(action: 'lte-offline' | 'lte-online'): void {
    const isOnline = action === 'lte-online';
    const command = isOnline ? 'AT+CFUN=1' : 'AT+CFUN=4';
    const session = this.session;
    session.note(
      `#XNRFPROV: ${isOnline ? '2 asks to bring LTE back' : '1 asks to take LTE offline'}: sending ${command}`,
    );
    session.send(command, sendOptions(this.signal)).then(
      () =>
        this.emit({
          kind: 'lte',
          isUp: isOnline,
          source: 'app',
          text: `${command} OK: LTE ${isOnline ? 'switched on, registering' : 'offline'}`,
        }),
      (err: unknown) => {
        if (isCancel(err) || this.isStopped) return;
        const why = err instanceof Error ? err.message : String(err);
        session.note(`${command} failed (${codeOf(err)}): ${why}`);
        this.emit({
          kind: 'failure',
          code: 'PROVISIONING_FAILED',
          isFatal: false,
          source: 'device',
          text: `${command} failed: ${why}`,
        });
      },
    );
  }

  // Serial Modem does not connect to nRF Cloud by itself; after new credentials the connection is
  // opened (again) with AT#XNRFCLOUD=1, closing a stale one first if that is refused (§11).
  private connectCloud(): void {
    if (this.isConnectingCloud) return;
    this.isConnectingCloud = true;
    const session = this.session;
    const signal = this.signal;
    session.note(
      '#XNRFPROV: 0: sending AT#XNRFCLOUD=1, because Serial Modem connects to nRF Cloud only when asked',
    );
    this.emit({
      kind: 'stage',
      stage: 'connecting',
      source: 'app',
      text: 'Sent AT#XNRFCLOUD=1: Serial Modem connects to nRF Cloud',
    });
    const open = (): Promise<unknown> => session.send('AT#XNRFCLOUD=1', sendOptions(signal));
    open()
      .catch((err: unknown) => {
        if (isCancel(err)) throw err;
        session.note('AT#XNRFCLOUD=1 refused: closing a connection left open, then opening again');
        return session
          .send('AT#XNRFCLOUD=0', sendOptions(signal))
          .catch(() => undefined)
          .then(open);
      })
      .then(
        () => {
          this.isConnectingCloud = false;
          this.isAwaitingCloud = true;
        },
        (err: unknown) => {
          this.isConnectingCloud = false;
          if (isCancel(err) || this.isStopped) return;
          this.emit({
            kind: 'failure',
            code: 'PROVISIONING_FAILED',
            isFatal: false,
            source: 'device',
            text: `AT#XNRFCLOUD=1 failed: ${err instanceof Error ? err.message : String(err)}`,
          });
        },
      );
  }

  private async onClosed(reason: AppErrorData | undefined): Promise<void> {
    if (this.isStopped) return;
    if (reason === undefined) {
      // Closed on purpose by its owner: nothing more to read.
      this.stop();
      return;
    }
    const reopen = this.options.reopen;
    if (reopen === undefined) {
      this.portLost('the port went away and cannot be reopened from here');
      return;
    }
    const wait = this.options.wait ?? pause;
    let lastError = '';
    for (let attempt = 1; attempt <= REOPEN_ATTEMPTS; attempt++) {
      if (this.isStopped) return;
      try {
        const session = await reopen();
        if (this.isStopped) return;
        this.attach(session);
        session.note(
          `provisioning: reopened the port after it went away (${reason.code}, a reboot re-enumerates USB); reading on`,
        );
        return;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        await wait(REOPEN_PAUSE_MS, this.signal);
      }
    }
    this.portLost(
      `the port went away and did not come back after ${REOPEN_ATTEMPTS} tries (${lastError})`,
    );
  }

  private portLost(text: string): void {
    this.emit({ kind: 'failure', code: 'PORT_GONE', isFatal: true, source: 'device', text });
    this.stop();
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
