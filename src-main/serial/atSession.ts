/**
 * The AT session (STYLE point 11): one command in flight, a queue behind it, a deadline on every
 * command, final results matched as whole lines, unsolicited and log lines on their own stream.
 * The firmware mode is learnt from the replies themselves (see commandRun.ts).
 */
import type { SerialBinding } from './bindingTypes';
import {
  classifyLine,
  isShellPrompt,
  mayBeReplyLine,
  type FinalResult,
} from '../../src-shared/at/classifyLine';
import { isGarbledLine, isGarbledPartial } from '../../src-shared/at/garbled';
import { LineFramer, type FramedItem } from '../../src-shared/at/lineFramer';
import { visibleControls, type TranscriptEntry } from '../../src-shared/at/transcript';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../src-shared/ipc/serial';
import {
  cancelled,
  defaultTimeoutFor,
  defaultTotalTimeoutFor,
  finalError,
  garbledError,
  lineTooLongError,
  replyTooLargeError,
  timeoutError,
  type AtReply,
} from './atReply';
import { CommandRun, type ModeState, type RunStep } from './commandRun';
import { ReplyGuard, type ReplyBound, type ReplyDeadline } from './replyGuard';
import { ShellRun, type ShellReply } from './shellRun';
import { nativeBinding, openPortConnection, type PortConnection } from './portConnection';

export type { FirmwareMode } from '../../src-shared/ipc/serial';
export {
  AtCommandError,
  ATTEST_TIMEOUT_MS,
  ATTEST_TOTAL_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  defaultTimeoutFor,
  defaultTotalTimeoutFor,
  type AtReply,
} from './atReply';
export { MAX_REPLY_BYTES, MAX_REPLY_LINES } from './replyGuard';
export type { ShellReply } from './shellRun';

export interface AtSessionOptions {
  path: string;
  baudRate?: number;
  rtscts?: boolean;
  /** Defaults to serialport's native binding for this platform. */
  binding?: SerialBinding;
  transcript?: (entry: TranscriptEntry) => void;
  now?: () => number;
  /** A remembered mode: used for the first command, dropped if the reply contradicts it. */
  knownMode?: FirmwareMode;
}

export interface SendOptions {
  /** The idle deadline: how long the device may stay silent (reset by every reply byte). */
  timeoutMs?: number;
  /** The total deadline for a device that keeps sending without finishing (at least timeoutMs). */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
}

// The drain after opening: wait for this much quiet, but never longer than the cap. At 115200 baud
// a fresh prompt or the answer to our bare line end arrives within a few ms, stale bytes of the
// USB bridge too; a device that logs constantly must not delay connecting, hence the cap.
const DRAIN_QUIET_MS = 30;
const DRAIN_MAX_MS = 100;
const CTRL_U = '\x15';
const EOL = '\r\n';

// An AT command ends in a final result; a raw shell command when its prompt returns.
type JobKind =
  | { kind: 'at'; resolve: (reply: AtReply) => void }
  | { kind: 'shell'; resolve: (reply: ShellReply) => void };

type Job = JobKind & {
  command: string;
  timeoutMs: number;
  totalTimeoutMs: number;
  reject: (error: AppError) => void;
  detachAbort: () => void;
  /** Sent by the session itself (AT+CMEE=1), not by its caller. */
  isInternal?: boolean;
};

interface Active {
  job: Job;
  run: CommandRun | ShellRun;
  startedAt: number;
  guard: ReplyGuard;
}

/** An open serial port speaking AT to an nRF91, whatever its firmware family. */
export class AtSession {
  readonly path: string;
  private readonly now: () => number;
  private readonly modes: ModeState;
  private readonly framer = new LineFramer();
  private readonly queue: Job[] = [];
  private readonly unsolicitedListeners = new Set<(line: string) => void>();
  private readonly closeListeners = new Set<(reason: AppErrorData | undefined) => void>();
  private connection: PortConnection | undefined;
  private active: Active | undefined;
  private isClosed = false;
  private closeReason: AppErrorData | undefined;
  private hasAnyFinal = false;
  private answered = 0;
  private lastAnswered: string | undefined;
  private isCmeeScheduled = false;
  private needsRecovery = false;
  private onDrainData: (() => void) | undefined;

  private constructor(private readonly options: AtSessionOptions) {
    this.path = options.path;
    this.now = options.now ?? Date.now;
    const knownMode = options.knownMode ?? 'unknown';
    this.modes = { mode: knownMode, isVerified: false };
  }

  /** Opens the port, asserts DTR/RTS, clears a half-typed line and drains stale output. */
  static async open(options: AtSessionOptions): Promise<AtSession> {
    const session = new AtSession(options);
    await session.start();
    return session;
  }

  /** The firmware family as far as the replies have shown it. */
  get mode(): FirmwareMode {
    return this.modes.mode;
  }

  /** Queues a command; resolves on OK, rejects with an AppError for every other outcome. */
  send(command: string, options: SendOptions = {}): Promise<AtReply> {
    return this.enqueue(command, options, (resolve) => ({ kind: 'at', resolve }));
  }

  /**
   * Queues a raw Zephyr shell command (`help`, `nrf_provisioning now`), written as is without the
   * `at ` prefix; resolves with its output once the shell's prompt returns. Only in mode shell.
   */
  sendShell(command: string, options: SendOptions = {}): Promise<ShellReply> {
    if (this.modes.mode !== 'shell' && !this.isClosed) {
      return Promise.reject(
        new AppError(
          'VALIDATION_FAILED',
          `${command.trim()} is a shell command, but the device is in mode ${this.modes.mode}.`,
        ),
      );
    }
    return this.enqueue(command, options, (resolve) => ({ kind: 'shell', resolve }));
  }

  /** Adds a note to the transcript: what a caller sent and why. */
  note(text: string): void {
    this.record('note', text);
  }

  /** Listens to unsolicited notifications and log lines; returns the unsubscribe function. */
  onUnsolicited(listener: (line: string) => void): () => void {
    this.unsolicitedListeners.add(listener);
    return () => this.unsolicitedListeners.delete(listener);
  }

  /** Called once when the session ends: reason undefined after close(), set when the port vanished. */
  onClose(listener: (reason: AppErrorData | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Closes the port; queued and in-flight commands reject with PORT_CLOSED. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.shutDown(
      undefined,
      new AppError('PORT_CLOSED', `${this.path} was closed before the command finished.`),
    );
    await this.connection?.close();
    this.note('closed');
    this.emitClose(undefined);
  }

  private async start(): Promise<void> {
    const baudRate = this.options.baudRate ?? 115200;
    const binding = this.options.binding ?? (await nativeBinding());
    this.connection = await openPortConnection({
      path: this.path,
      baudRate,
      rtscts: this.options.rtscts ?? false,
      binding,
      onData: (bytes) => this.onData(bytes),
      onGone: (reason) => this.onGone(reason),
    });
    this.note(
      `opened at ${baudRate} baud 8N1${this.options.rtscts === true ? ' with RTS/CTS' : ''}`,
    );
    const hasDtr = await this.connection.assertDtrRts();
    this.note(
      hasDtr
        ? 'DTR and RTS asserted (USB bridges forward data only with DTR)'
        : 'the port refused DTR/RTS (normal for a pty); carrying on',
    );
    if (this.modes.mode !== 'unknown')
      this.note(
        `starting with remembered mode ${this.modes.mode} (to be confirmed by the first reply)`,
      );
    await this.drain();
  }

  private async drain(): Promise<void> {
    let bytes = 0;
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(quiet);
        clearTimeout(cap);
        this.onDrainData = undefined;
        resolve();
      };
      let quiet = setTimeout(finish, DRAIN_QUIET_MS);
      const cap = setTimeout(finish, DRAIN_MAX_MS);
      this.onDrainData = () => {
        bytes++;
        // A fresh shell prompt is the shell's answer to our line end: nothing stale follows it.
        if (isShellPrompt(this.framer.partial)) {
          finish();
          return;
        }
        clearTimeout(quiet);
        quiet = setTimeout(finish, DRAIN_QUIET_MS);
      };
      // A bare line end clears whatever a previous program left half-typed on the device.
      this.write(EOL).catch(finish);
    });
    if (this.isClosed) {
      throw new AppError(
        this.closeReason?.code ?? 'PORT_GONE',
        this.closeReason?.message ?? `${this.path} went away while opening.`,
      );
    }
    this.note(
      `drained ${bytes > 0 ? 'stale output' : 'nothing'} after opening (up to ${DRAIN_MAX_MS} ms, until ${DRAIN_QUIET_MS} ms of quiet)`,
    );
    if (isShellPrompt(this.framer.partial) && this.modes.mode !== 'shell') {
      this.modes.mode = 'shell';
      this.modes.isVerified = false;
      this.note(
        `the device showed the shell prompt "${this.framer.partial.trim()}": mode shell (to be confirmed)`,
      );
    }
  }

  private enqueue<T>(
    command: string,
    options: SendOptions,
    kindOf: (resolve: (value: T) => void) => JobKind,
  ): Promise<T> {
    const clean = command.replace(/[\r\n]+$/, '').trim();
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    if (clean === '' || /[\x00-\x1f\x7f]/.test(clean)) {
      return Promise.reject(
        new AppError('VALIDATION_FAILED', 'An AT command is one line of printable text.'),
      );
    }
    if (this.isClosed) return Promise.reject(this.closedError());
    const signal = options.signal;
    if (signal?.aborted === true) return Promise.reject(cancelled(clean));
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        ...kindOf(resolve),
        command: clean,
        timeoutMs: options.timeoutMs ?? defaultTimeoutFor(clean),
        totalTimeoutMs: options.totalTimeoutMs ?? defaultTotalTimeoutFor(clean),
        reject,
        detachAbort: () => undefined,
      };
      if (signal !== undefined) {
        const onAbort = (): void => this.abort(job);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detachAbort = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      queueMicrotask(() => this.pump());
    });
  }

  private pump(): void {
    if (this.active !== undefined || this.isClosed) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    const run =
      job.kind === 'shell'
        ? new ShellRun(job.command)
        : new CommandRun(job.command, this.modes, !this.hasAnyFinal, (text) => this.note(text));
    let prefix = '';
    if (this.needsRecovery) {
      // After a timeout, garbage or cancel: forget the half line and, in the shell, the half-typed input.
      this.framer.reset();
      if (this.modes.mode === 'shell') prefix = CTRL_U;
      this.needsRecovery = false;
      this.note(
        `recovering before ${job.command}: buffers cleared${prefix === '' ? '' : ', Ctrl-U sent'}`,
      );
    }
    const guard = new ReplyGuard({
      idleMs: job.timeoutMs,
      totalMs: job.totalTimeoutMs,
      onExpire: (limit) => this.onDeadline(job, limit),
    });
    const active: Active = { job, run, startedAt: this.now(), guard };
    this.active = active;
    this.writeFor(active, prefix + run.sentAs);
  }

  private writeFor(active: Active, text: string): void {
    this.write(text + EOL).catch((err: unknown) => {
      const error = err instanceof AppError ? err : new AppError('PORT_GONE', String(err));
      if (error.code === 'PORT_GONE') {
        // After some unplugs bindings-cpp's read spins on 0-byte reads and never reports; a
        // failed write is then the only notice, so end the session and stop that read.
        this.onGone(error.toData());
        void this.connection?.close();
        return;
      }
      if (this.active !== active) return;
      this.finishWithError(active, error);
    });
  }

  private write(text: string): Promise<void> {
    this.record('tx', visibleControls(text.replace(/\r\n$/, '')));
    if (this.connection === undefined) return Promise.reject(this.closedError());
    return this.connection.write(text);
  }

  private onData(bytes: Uint8Array): void {
    if (this.isClosed) return;
    const tooMuch = this.active?.guard.onBytes(bytes.length);
    if (tooMuch !== undefined) this.failForLimit(tooMuch);
    for (const item of this.framer.push(bytes)) {
      if (this.isClosed) return;
      this.onItem(item);
    }
    this.onDrainData?.();
    const active = this.active;
    if (active === undefined) return;
    const partial = this.framer.partial;
    if (partial === '') return;
    if (isShellPrompt(partial)) {
      this.apply(active, active.run.onPrompt());
    } else if (isGarbledPartial(partial)) {
      // Noise without line ends is judged as it comes, not when a line end or the length bound arrives.
      this.failForInput(garbledError(partial));
    } else if (mayBeReplyLine(partial, active.run.context)) {
      // A slow but talking device: a reply line in progress keeps the idle deadline away.
      active.guard.touch();
    }
  }

  private onItem(item: FramedItem): void {
    const active = this.active;
    if (item.kind === 'overflow') {
      this.note(`a line longer than ${item.maxLength} characters was dropped`);
      this.failForInput(lineTooLongError(item.maxLength));
      return;
    }
    const text = item.text;
    this.record('rx', visibleControls(text));
    if (isGarbledLine(text)) {
      this.failForInput(garbledError(text));
      return;
    }
    const cls = classifyLine(text, active?.run.context);
    if (cls.kind === 'unsolicited' || cls.kind === 'log') {
      for (const listener of this.unsolicitedListeners) {
        try {
          listener(text);
        } catch {
          // A failing listener must not stop the session from reading.
        }
      }
      return;
    }
    if (active === undefined) {
      if (cls.kind === 'ready' && !this.modes.isVerified && this.modes.mode !== 'slm') {
        this.modes.mode = 'slm';
        this.note('the device printed Ready: mode slm (to be confirmed)');
      }
      return;
    }
    const tooMany = active.guard.onReplyLine(cls.kind !== 'prompt');
    if (tooMany !== undefined) {
      this.failForLimit(tooMany);
      return;
    }
    this.apply(active, active.run.onLine(text, cls));
  }

  private failForInput(error: AppError): void {
    if (this.active === undefined) return;
    this.needsRecovery = true;
    this.finishWithError(this.active, error);
  }

  private failForLimit(limit: ReplyBound): void {
    const active = this.active;
    if (active === undefined) return;
    this.note(
      `${active.job.command}: cut off after ${limit.kind === 'lines' ? `${limit.lines} lines` : `${limit.bytes} bytes`}`,
    );
    this.failForInput(replyTooLargeError(active.job.command, limit));
  }

  private apply(active: Active, step: RunStep): void {
    if (this.active !== active) return;
    switch (step.kind) {
      case 'wait':
        return;
      case 'resend': {
        const sentAs = active.run.nextAttempt();
        // Each attempt gets the full idle deadline; the total one runs from the first write.
        active.guard.touch();
        this.writeFor(active, sentAs);
        return;
      }
      case 'finish':
        if (active.job.kind === 'shell') {
          // The prompt's return is the shell command's answer; it counts like an AT reply.
          this.answered++;
          this.lastAnswered = active.job.command;
          this.completeShell(active, active.job.resolve);
          return;
        }
        this.hasAnyFinal = true;
        if (active.job.isInternal !== true) {
          this.answered++;
          this.lastAnswered = active.job.command;
        }
        this.complete(active, active.job.resolve, step.final, step.finalLine);
        return;
      case 'fail':
        this.finishWithError(active, step.error);
        return;
    }
  }

  private completeShell(active: Active, resolve: (reply: ShellReply) => void): void {
    const reply: ShellReply = {
      command: active.job.command,
      lines: active.run.lines,
      durationMs: this.now() - active.startedAt,
    };
    this.release(active);
    resolve(reply);
  }

  private complete(
    active: Active,
    resolve: (reply: AtReply) => void,
    final: FinalResult,
    finalLine: string,
  ): void {
    const { job, run } = active;
    const reply: AtReply = {
      command: job.command,
      sentAs: run.sentAs,
      lines: run.lines,
      final,
      mode: this.modes.mode,
      durationMs: this.now() - active.startedAt,
    };
    this.release(active);
    this.scheduleCmee(job.command);
    if (final === 'OK') resolve(reply);
    else job.reject(finalError(reply, finalLine));
  }

  // Numbered errors (+CME ERROR: n) say why a command failed; a bare ERROR does not.
  private scheduleCmee(lastCommand: string): void {
    if (this.isCmeeScheduled || !this.modes.isVerified) return;
    this.isCmeeScheduled = true;
    if (/^AT\+CMEE/i.test(lastCommand)) return;
    this.queue.unshift({
      kind: 'at',
      command: 'AT+CMEE=1',
      timeoutMs: defaultTimeoutFor('AT+CMEE=1'),
      totalTimeoutMs: defaultTotalTimeoutFor('AT+CMEE=1'),
      resolve: () => this.note('numbered errors enabled (AT+CMEE=1)'),
      reject: (error) => this.note(`AT+CMEE=1 failed (${error.code}); errors stay bare`),
      detachAbort: () => undefined,
      isInternal: true,
    });
  }

  private onDeadline(job: Job, limit: ReplyDeadline): void {
    const active = this.active;
    if (active === undefined || active.job !== job) return;
    this.needsRecovery = true;
    const history =
      this.lastAnswered === undefined
        ? { answered: this.answered }
        : { answered: this.answered, lastAnswered: this.lastAnswered };
    const error = timeoutError(
      job.command,
      limit,
      active.guard.bytesSeen,
      active.run.lines,
      history,
    );
    const why =
      limit.kind === 'idle'
        ? `${limit.idleMs / 1000} s of silence`
        : `${limit.totalMs / 1000} s in all`;
    this.note(`${job.command}: ${error.code} after ${why}`);
    this.finishWithError(active, error);
  }

  private abort(job: Job): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      job.detachAbort();
      job.reject(cancelled(job.command));
      return;
    }
    const active = this.active;
    if (active?.job === job) {
      this.needsRecovery = true;
      this.note(`${job.command}: cancelled while in flight`);
      this.finishWithError(active, cancelled(job.command));
    }
  }

  private finishWithError(active: Active, error: AppError): void {
    this.release(active);
    active.job.reject(error);
  }

  private release(active: Active): void {
    active.guard.stop();
    active.job.detachAbort();
    if (this.active === active) this.active = undefined;
    queueMicrotask(() => this.pump());
  }

  private onGone(reason: AppErrorData): void {
    if (this.isClosed) return;
    this.note(`port gone: ${reason.detail ?? reason.message}`);
    this.shutDown(reason, new AppError(reason.code, reason.message, reason.detail));
    this.emitClose(reason);
  }

  private shutDown(reason: AppErrorData | undefined, error: AppError): void {
    this.isClosed = true;
    this.closeReason = reason;
    const active = this.active;
    if (active !== undefined) this.finishWithError(active, error);
    for (const job of this.queue.splice(0)) {
      job.detachAbort();
      job.reject(error);
    }
  }

  private emitClose(reason: AppErrorData | undefined): void {
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
  }

  private closedError(): AppError {
    const reason = this.closeReason;
    return reason === undefined
      ? new AppError('PORT_CLOSED', `${this.path} is closed.`)
      : new AppError(reason.code, reason.message, reason.detail);
  }

  private record(dir: TranscriptEntry['dir'], text: string): void {
    this.options.transcript?.({ t: this.now(), port: this.path, dir, text });
  }
}
