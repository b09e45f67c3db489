/**
 * A ProvisioningSession for the provisioner's tests: scripted answers per command, lines pushed
 * in as the device would print them, and the port vanishing on demand.
 */
import {
  AtCommandError,
  type AtReply,
  type SendOptions,
} from '../../../../src-main/serial/atSession';
import type { ShellReply } from '../../../../src-main/serial/shellRun';
import type { ProvisioningSession } from '../../../../src-main/provisioning/deviceProvisioner';
import { AppError, type AppErrorData } from '../../../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../../../src-shared/ipc/serial';

/** How the fake answers one command. */
export type Answer =
  | { lines?: readonly string[] }
  | { final: string; lines?: readonly string[] }
  | { error: AppError }
  /** Never answers (until aborted). */
  | { isSilent: true }
  /** The port vanishes while the command runs. */
  | { vanishes: true };

export type Script = (command: string, session: FakeSession) => Answer | undefined;

export class FakeSession implements ProvisioningSession {
  /** Commands in the order they were given, shell ones marked `shell:`. */
  readonly sent: string[] = [];
  readonly notes: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();
  private readonly closeListeners = new Set<(reason: AppErrorData | undefined) => void>();
  private isClosed = false;

  constructor(
    public mode: FirmwareMode,
    private readonly script: Script = () => undefined,
  ) {}

  /** Listeners currently attached (the provisioner must detach when it stops). */
  get listenerCount(): number {
    return this.lineListeners.size;
  }

  send(command: string, options: SendOptions = {}): Promise<AtReply> {
    this.sent.push(command);
    return this.answer(command, options).then((lines) => this.reply(command, lines, 'OK'));
  }

  sendShell(command: string, options: SendOptions = {}): Promise<ShellReply> {
    this.sent.push(`shell:${command}`);
    return this.answer(command, options).then((lines) => ({ command, lines, durationMs: 0 }));
  }

  onUnsolicited(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  onClose(listener: (reason: AppErrorData | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** The device prints a line (log or notification). */
  print(...lines: string[]): void {
    for (const line of lines) for (const listener of [...this.lineListeners]) listener(line);
  }

  /** The port goes away (reason set) or is closed by its owner (no reason). */
  close(reason?: AppErrorData): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const listener of [...this.closeListeners]) listener(reason);
    this.closeListeners.clear();
  }

  vanish(): void {
    this.close({ code: 'PORT_GONE', message: 'The port went away.' });
  }

  private reply(command: string, lines: string[], final: 'OK'): AtReply {
    return { command, sentAs: command, lines, final, mode: this.mode, durationMs: 0 };
  }

  private answer(command: string, options: SendOptions): Promise<string[]> {
    if (this.isClosed) return Promise.reject(new AppError('PORT_GONE', 'gone'));
    const answer = this.script(command, this) ?? {};
    return new Promise<string[]>((resolve, reject) => {
      const onAbort = (): void => reject(new AppError('CANCELLED', `${command} was cancelled.`));
      if (options.signal?.aborted === true) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      queueMicrotask(() => {
        if ('isSilent' in answer) return;
        if ('vanishes' in answer) {
          this.vanish();
          reject(new AppError('PORT_GONE', 'The port went away.'));
          return;
        }
        if ('error' in answer) return reject(answer.error);
        if ('final' in answer) {
          const reply = {
            ...this.reply(command, [...(answer.lines ?? [])], 'OK'),
            final: 'ERROR' as const,
          };
          return reject(new AtCommandError('AT_ERROR', `ERROR to ${command}`, reply, answer.final));
        }
        resolve([...(answer.lines ?? [])]);
      });
    });
  }
}
