/**
 * Says what one received line is, relative to the command in flight: the final result, our own
 * echo, a Zephyr shell error or prompt, a log line, an unsolicited notification, SLM's `Ready`,
 * or an information line that belongs to the reply. docs/protocol.md §2.
 */

/** How an AT command ended. */
export type FinalResult = 'OK' | 'ERROR' | { cme: number } | { cms: number };

/** The command in flight: `command` as the caller wrote it, `sentAs` as written to the port. */
export interface LineContext {
  command: string;
  sentAs: string;
}

export type LineClass =
  | { kind: 'final'; final: FinalResult }
  | { kind: 'echo' }
  | { kind: 'shellError'; reason: 'commandNotFound'; name: string }
  | { kind: 'shellError'; reason: 'sendFailed'; code: number }
  | { kind: 'prompt' }
  | { kind: 'log' }
  | { kind: 'unsolicited'; prefix: string }
  | { kind: 'ready' }
  | { kind: 'blank' }
  | { kind: 'info' };

const PROMPT_PREFIX = /^[A-Za-z0-9_.-]+:~\$ ?/;
const PROMPT_ONLY = /^[A-Za-z0-9_.-]+:~\$\s*$/;
const CME = /^\+CME ERROR: ?(\d+)$/i;
const CMS = /^\+CMS ERROR: ?(\d+)$/i;
const NOT_FOUND = /^(.+): command not found$/;
const SEND_FAILED = /Sending AT command failed with error code (-?\d+)/;
// Zephyr logging: `[00:00:05.123,456] <inf> module: text`; timestamps may be off or shorter.
const LOG = /^(\[[\d:.,]+\]\s*)?<(inf|wrn|err|dbg)>\s/;
const BOOT = /^\*\*\* Booting /;
// `+CEREG:`, `%XTIME:`, and Serial Modem's `#XNRFPROV:` (docs/protocol.md §11).
const NOTIFICATION = /^([+%#][A-Za-z0-9#_]+):/;

/** True when the text is a Zephyr shell prompt such as `uart:~$ ` (and nothing else). */
export function isShellPrompt(text: string): boolean {
  return PROMPT_ONLY.test(text);
}

/** The reply prefixes a command can produce: `AT+CEREG?` -> `+CEREG`, `AT#XNRFPROV=?` -> `#XNRFPROV`. */
export function expectedReplyPrefixes(command: string): string[] {
  const body = command.trim().replace(/^AT/i, '');
  const prefixes: string[] = [];
  for (const part of body.split(';')) {
    const match = /^([+%#][A-Za-z0-9#_]+)/.exec(part.trim());
    if (match?.[1] !== undefined) prefixes.push(match[1].toUpperCase());
  }
  return prefixes;
}

/** Classifies one line; pass `undefined` as context when no command is in flight. */
export function classifyLine(line: string, context: LineContext | undefined): LineClass {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'blank' };

  // A final result is a whole line: a token containing `OK` or `ERROR` is never one.
  const upper = trimmed.toUpperCase();
  if (upper === 'OK') return { kind: 'final', final: 'OK' };
  if (upper === 'ERROR') return { kind: 'final', final: 'ERROR' };
  const cme = CME.exec(trimmed);
  if (cme?.[1] !== undefined) return { kind: 'final', final: { cme: Number(cme[1]) } };
  const cms = CMS.exec(trimmed);
  if (cms?.[1] !== undefined) return { kind: 'final', final: { cms: Number(cms[1]) } };

  if (PROMPT_ONLY.test(trimmed)) return { kind: 'prompt' };
  // The shell echoes typed input after its prompt, so `uart:~$ at AT+CGMM` is our echo.
  const afterPrompt = trimmed.replace(PROMPT_PREFIX, '').trim();
  if (context !== undefined && isEcho(afterPrompt, context)) return { kind: 'echo' };

  const notFound = NOT_FOUND.exec(afterPrompt);
  if (notFound?.[1] !== undefined)
    return { kind: 'shellError', reason: 'commandNotFound', name: notFound[1] };
  const sendFailed = SEND_FAILED.exec(afterPrompt);
  if (sendFailed?.[1] !== undefined)
    return { kind: 'shellError', reason: 'sendFailed', code: Number(sendFailed[1]) };

  if (LOG.test(afterPrompt) || BOOT.test(afterPrompt)) return { kind: 'log' };
  if (trimmed === 'Ready') return { kind: 'ready' };

  const notification = NOTIFICATION.exec(trimmed);
  if (notification?.[1] !== undefined) {
    const prefix = notification[1].toUpperCase();
    const expected = context === undefined ? [] : expectedReplyPrefixes(context.command);
    if (!expected.includes(prefix)) return { kind: 'unsolicited', prefix };
  }
  return { kind: 'info' };
}

// The start of a Zephyr log line, before LOG can match it: `[00:00:0`, `<in`, `*** Boo`.
const LOG_START = /^(\[[\d:.,]*(\]\s*)?(<\w*>?\s*)?|<\w*>?\s*|\*{1,3}( .*)?)$/;

/**
 * Whether a line still being received may belong to the reply of the command in flight: not a
 * bare prompt (the shell redraws one after every log line), not a log line or unsolicited
 * notification, nor the start of one. The idle deadline is reset only by such input.
 */
export function mayBeReplyLine(partial: string, context: LineContext): boolean {
  const trimmed = partial.trim();
  if (trimmed === '' || PROMPT_ONLY.test(trimmed)) return false;
  const afterPrompt = trimmed.replace(PROMPT_PREFIX, '').trim();
  if (LOG.test(afterPrompt) || LOG_START.test(afterPrompt) || BOOT.test(afterPrompt)) return false;
  const kind = classifyLine(partial, context).kind;
  return kind !== 'log' && kind !== 'unsolicited';
}

function isEcho(text: string, context: LineContext): boolean {
  const lower = text.toLowerCase();
  return (
    lower === context.sentAs.trim().toLowerCase() || lower === context.command.trim().toLowerCase()
  );
}

/** Wraps an AT command for the Zephyr shell's `at` command; quotes would be eaten, so single-quote it. */
export function shellWrap(command: string): string {
  return command.includes('"') ? `at '${command}'` : `at ${command}`;
}
