/**
 * Splits one line a device printed into Zephyr's log prefix and the message:
 * `[hh:mm:ss.mmm,uuu] <lvl> module: text` (docs/protocol.md §9), with or without the timestamp,
 * with a `<dbg>` line's function name after the module, or with no prefix at all (shell output).
 */
import stripAnsi from 'strip-ansi';

export type LogLevel = 'inf' | 'wrn' | 'err' | 'dbg';

/** One line, cleaned: ANSI colour gone, a leading shell prompt and timestamp removed. */
export interface DeviceLine {
  /** The line as shown in a timeline: level and module kept, timestamp and prompt dropped. */
  text: string;
  /** The message after `module: ` (and after a `<dbg>` line's `function: `), or the whole line. */
  message: string;
  level?: LogLevel;
  module?: string;
}

// A prompt the shell did not erase before a log line, e.g. `uart:~$ [00:00:01.000,000] <inf> ...`.
const PROMPT = /^[A-Za-z0-9_.-]+:~\$ ?/;
// `[00:00:05.123,456]`, `[00012345]` (ticks) or any other bracketed stamp at the start.
const TIMESTAMP = /^\[[\d:.,\s]*\]\s*/;
const LEVEL = /^<(inf|wrn|err|dbg)>\s*/;
// Zephyr module names are C identifiers; `<dbg>` lines add `function: ` after `module: `.
const MODULE = /^([A-Za-z_][A-Za-z0-9_]*): /;

/** Cleans and splits one line. */
export function splitDeviceLine(raw: string): DeviceLine {
  let rest = stripAnsi(raw).trim().replace(PROMPT, '').replace(TIMESTAMP, '');
  const levelMatch = LEVEL.exec(rest);
  if (levelMatch?.[1] === undefined) {
    const text = rest.trim();
    return { text, message: text };
  }
  const level = levelMatch[1] as LogLevel;
  rest = rest.slice(levelMatch[0].length);
  const text = `<${level}> ${rest}`.trim();
  const moduleMatch = MODULE.exec(rest);
  if (moduleMatch?.[1] === undefined) return { text, message: rest.trim(), level };
  let message = rest.slice(moduleMatch[0].length);
  if (level === 'dbg') {
    const fn = MODULE.exec(message);
    if (fn !== null) message = message.slice(fn[0].length);
  }
  return { text, message: message.trim(), level, module: moduleMatch[1] };
}
