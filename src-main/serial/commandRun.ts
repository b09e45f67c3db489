/**
 * One AT command from first write to final result, and the firmware-mode decisions its reply
 * proves. Mode detection reads the reply itself (echo, `command not found`, prompt, SLM's blank
 * lines), so no timeout is spent on the happy path. docs/protocol.md §2.
 */
import {
  shellWrap,
  type FinalResult,
  type LineClass,
  type LineContext,
} from '../../src-shared/at/classifyLine';
import { AppError } from '../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../src-shared/ipc/serial';

/** The session's belief about the firmware; `isVerified` once a reply has confirmed it. */
export interface ModeState {
  mode: FirmwareMode;
  isVerified: boolean;
}

/** What the session does next with this command. */
export type RunStep =
  | { kind: 'wait' }
  | { kind: 'resend' }
  | { kind: 'finish'; final: FinalResult; finalLine: string }
  | { kind: 'fail'; error: AppError };

// Plain -> shell -> plain again is the longest legitimate path, plus one first-ERROR retry.
const MAX_RESENDS = 3;

/** Tracks one command's reply line by line. */
export class CommandRun {
  sentAs: string;
  lines: string[] = [];
  private hasEcho = false;
  private hasBlank = false;
  private hasReady = false;
  private resends = 0;
  private hasRetriedFirstError = false;

  constructor(
    readonly command: string,
    private readonly modes: ModeState,
    private readonly isFirstCommand: boolean,
    private readonly note: (text: string) => void,
  ) {
    this.sentAs = this.wrap();
  }

  /** The context classifyLine needs for this command. */
  get context(): LineContext {
    return { command: this.command, sentAs: this.sentAs };
  }

  /** Prepares the next write after a resend decision; returns what to send. */
  nextAttempt(): string {
    this.sentAs = this.wrap();
    this.lines = [];
    this.hasEcho = false;
    this.hasBlank = false;
    this.hasReady = false;
    return this.sentAs;
  }

  /** Feeds one classified line. */
  onLine(text: string, cls: LineClass): RunStep {
    switch (cls.kind) {
      case 'blank':
        if (!this.hasEcho) this.hasBlank = true;
        return { kind: 'wait' };
      case 'echo':
        this.hasEcho = true;
        return { kind: 'wait' };
      case 'ready':
        this.hasReady = true;
        return { kind: 'wait' };
      case 'prompt':
        return this.onPrompt();
      case 'shellError':
        return cls.reason === 'commandNotFound'
          ? this.onCommandNotFound(text, cls.name)
          : this.onSendFailed(cls.code);
      case 'final':
        return this.onFinal(cls.final, text);
      case 'info':
        this.lines.push(text);
        return { kind: 'wait' };
      case 'unsolicited':
      case 'log':
        return { kind: 'wait' };
    }
  }

  /** Called when the partial line is a bare shell prompt (printed without a line end). */
  onPrompt(): RunStep {
    // A prompt before our echo is the shell redrawing around a log line: not about our command.
    if (!this.hasEcho) return { kind: 'wait' };
    if (this.modes.mode !== 'shell') {
      return this.switchTo(
        'shell',
        `"${this.sentAs}" was echoed and followed by a shell prompt: Zephyr shell`,
      );
    }
    return this.fail(
      'SHELL_COMMAND_FAILED',
      `The shell finished "${this.sentAs}" without an AT result.`,
    );
  }

  private onCommandNotFound(text: string, name: string): RunStep {
    if (this.modes.mode !== 'shell') {
      return this.switchTo('shell', `the device answered "${text}": Zephyr shell`);
    }
    if (name.trim().toLowerCase() === 'at') {
      return this.fail(
        'SHELL_COMMAND_FAILED',
        'The device runs a Zephyr shell without the `at` command, so it cannot pass AT commands to the modem. Program a firmware with an AT interface.',
      );
    }
    return this.fail('SHELL_COMMAND_FAILED', `The shell did not accept "${this.sentAs}": ${text}`);
  }

  private onSendFailed(code: number): RunStep {
    this.verify('shell', 'the shell tried to pass the command to the modem');
    return this.fail(
      'SHELL_COMMAND_FAILED',
      `The shell could not pass the command to the modem (error code ${code}). The modem may still be starting: try again in a moment.`,
    );
  }

  private onFinal(final: FinalResult, text: string): RunStep {
    const { mode, isVerified } = this.modes;
    if (mode === 'shell' && !isVerified && !this.hasEcho && final !== 'OK') {
      // Only a guess said shell (knownMode or a prompt at open); an un-echoed error says otherwise.
      this.modes.mode = 'unknown';
      return this.resend(
        `"${this.sentAs}" got ${text} without the shell's echo: not a shell after all, sending the plain command`,
      );
    }
    if (mode === 'shell') {
      this.verify('shell', 'the shell echoed the command and the modem answered');
    } else if (this.hasBlank || this.hasReady) {
      this.verify(
        'slm',
        'the reply came with blank-line framing: Serial LTE Modem (never gets the `at ` prefix)',
      );
    } else {
      this.verify(
        'at-host',
        `the reply came ${this.hasEcho ? 'with an AT echo but ' : ''}without shell echo or blank-line framing: AT host`,
      );
    }
    if (final === 'ERROR' && this.isFirstCommand && !this.hasRetriedFirstError) {
      this.hasRetriedFirstError = true;
      return this.resend(
        'the first command of the session got a bare ERROR; nRF91 modems can do that right after power-up, so it goes once more',
      );
    }
    return { kind: 'finish', final, finalLine: text };
  }

  private verify(mode: FirmwareMode, reason: string): void {
    if (this.modes.isVerified) return;
    this.modes.mode = mode;
    this.modes.isVerified = true;
    this.note(`mode ${mode}: ${reason}`);
  }

  private switchTo(mode: FirmwareMode, reason: string): RunStep {
    this.modes.mode = mode;
    this.modes.isVerified = true;
    return this.resend(`mode ${mode}: ${reason}; resending as "${this.wrap()}"`);
  }

  private resend(reason: string): RunStep {
    if (this.resends >= MAX_RESENDS) {
      return this.fail(
        'AT_ERROR',
        `The device's replies to ${this.command} did not settle after ${MAX_RESENDS} tries.`,
      );
    }
    this.resends++;
    this.note(reason);
    return { kind: 'resend' };
  }

  private fail(code: 'SHELL_COMMAND_FAILED' | 'AT_ERROR', message: string): RunStep {
    const detail = this.lines.length > 0 ? this.lines.join('\n') : undefined;
    return { kind: 'fail', error: new AppError(code, message, detail) };
  }

  private wrap(): string {
    return this.modes.mode === 'shell' ? shellWrap(this.command) : this.command;
  }
}
