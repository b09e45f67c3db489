/**
 * One raw Zephyr shell command (`help`, `nrf_provisioning now`, `kernel reboot warm`) from write
 * to the prompt's return. Unlike an AT command it has no final result: the shell is done when it
 * draws its prompt again after echoing the command (docs/protocol.md §2.C, §10).
 */
import type { LineClass, LineContext } from '../../src-shared/at/classifyLine';
import type { RunStep } from './commandRun';

/** What a shell command printed: its output lines, without echo, prompt, blank and log lines. */
export interface ShellReply {
  command: string;
  lines: string[];
  durationMs: number;
}

/** Tracks one shell command's output line by line; same shape as CommandRun for the session. */
export class ShellRun {
  readonly sentAs: string;
  lines: string[] = [];
  private hasEcho = false;

  constructor(readonly command: string) {
    this.sentAs = command;
  }

  get context(): LineContext {
    return { command: this.command, sentAs: this.sentAs };
  }

  /** A shell command is never re-sent: it may have acted already (a reboot, a trigger). */
  nextAttempt(): string {
    return this.sentAs;
  }

  /** Feeds one classified line; log and unsolicited lines never get here. */
  onLine(text: string, cls: LineClass): RunStep {
    switch (cls.kind) {
      case 'echo':
        this.hasEcho = true;
        return { kind: 'wait' };
      case 'prompt':
        return this.onPrompt();
      case 'blank':
        return { kind: 'wait' };
      default:
        // Output, also `OK`, `ERROR` or `<name>: command not found`: the caller reads it.
        this.lines.push(text);
        return { kind: 'wait' };
    }
  }

  /**
   * The prompt drawn again. Before our echo (or any output) it is the shell redrawing around a log
   * line; after it, the command is done. "finish" with OK stands for "the prompt came back".
   */
  onPrompt(): RunStep {
    if (!this.hasEcho && this.lines.length === 0) return { kind: 'wait' };
    return { kind: 'finish', final: 'OK', finalLine: '' };
  }
}
