/**
 * The Zephyr shell with the `at` command (Multi-service sample, Modem Shell, Asset Tracker
 * Template; docs/protocol.md §2.C). Mirrors zephyr/subsys/shell: echo, CR/LF/CRLF handling
 * (process_nl), quote-stripping argv, red errors, green prompt, and log lines that erase and
 * redraw the prompt (z_shell_cmd_line_erase). Every `\n` it prints becomes `\r\n`.
 */
import type { Firmware, FirmwareContext } from './firmware';
import { BOOT_BANNER, logRecord, logTimestamp } from './firmware';
import { modemReplyText } from './modem';
import type { LogLevel } from './provisioningClient';
import type { ShellApplication, ShellCommand, ShellIo } from './shellApps';
import { createAttApp, createSampleApp } from './shellApps';

export const SHELL_PROMPT_TEXT = 'uart:~$ ';
export const SHELL_PROMPT = `\x1b[1;32m${SHELL_PROMPT_TEXT}\x1b[m`;
/** What the shell prints when it starts (before the first prompt the colours are reset). */
export const SHELL_START = `\x1b[m\r\n\r\n${SHELL_PROMPT}`;

const CR = 0x0d;
const LF = 0x0a;
const ESC = 0x1b;
const CTRL_C = 0x03;
const CTRL_L = 0x0c;
const CTRL_U = 0x15;
const BACKSPACE = 0x08;
const DEL = 0x7f;
// CONFIG_SHELL_CMD_BUFF_SIZE default is 256 including the terminating NUL.
const MAX_LINE = 255;

const BOOT_LOGS: readonly [number, string][] = [
  [251.342, '<inf> nrf_cloud_multi_service: nRF Cloud Multi-Service Sample, version: 1.0.0'],
  [263.793, '<inf> cloud_connection: Enabling connectivity...'],
];
const RUNTIME_LOGS: readonly string[] = [
  '<inf> cloud_connection: Waiting for network ready...',
  '<inf> location_tracking: Waiting for modem to determine current date and time',
  '<wrn> nrf_cloud_coap_transport: Request ERROR, will retry; last result OK before',
  '<inf> sensor_sampling: Temperature is 24 degrees C',
  '<dbg> at_monitor: Notification received',
];

/** Splits a command line into arguments like Zephyr's make_argv: whitespace separates, quotes group and vanish. */
export function shellArgv(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let hasArg = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length && /["'\\ ]/.test(line.charAt(i + 1))) {
      current += line.charAt(++i);
      hasArg = true;
    } else if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      hasArg = true;
    } else if (c === ' ' || c === '\t') {
      if (hasArg) args.push(current);
      current = '';
      hasArg = false;
    } else {
      current += c;
      hasArg = true;
    }
  }
  if (hasArg) args.push(current);
  return args;
}

/** The shell's newline translation: every `\n` becomes `\r\n`. */
function shellText(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

// Zephyr's shell_help.c: "  " + name padded to the longest + "  :" + help.
function helpList(entries: ReadonlyArray<{ name: string; help: string }>): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => `  ${e.name.padEnd(width)}  :${e.help}\n`).join('');
}

const HELP_PREAMBLE =
  'Please press the <Tab> button to see all available commands.\n' +
  'You can also use the <Tab> button to prompt or auto-complete all commands or its subcommands.\n' +
  'You can try to call commands with <-h> or <--help> parameter for more information.\n\n' +
  'Shell supports following meta-keys:\n' +
  '  Ctrl + (a key from: abcdefklnpuw)\n' +
  '  Alt  + (a key from: bf)\n' +
  'Please refer to shell documentation for more details.\n\n';

const LOG_LEVEL = /^<(inf|wrn|err|dbg)> ([^:]+): ([\s\S]*)$/;

/** Creates the Zephyr shell line discipline. */
export function createZephyrShellFirmware(ctx: FirmwareContext): Firmware {
  let line = '';
  let lastNewline = 0;
  let escape: 'none' | 'esc' | 'csi' = 'none';
  // Without boot output the device booted long before the host looked: the prompt is up.
  let isPromptShown = true;

  function prompt(): string {
    isPromptShown = true;
    return SHELL_PROMPT;
  }

  // process_nl: CR, LF or a CRLF / LFCR pair end exactly one line.
  function isNewline(byte: number): boolean {
    if (byte !== CR && byte !== LF) {
      lastNewline = 0;
      return false;
    }
    if (lastNewline === 0 || byte === lastNewline) {
      lastNewline = byte;
      return true;
    }
    return false;
  }

  const io: ShellIo = {
    print: (text) => ctx.emit(shellText(`${text}\n`)),
    error: (text) => ctx.emit(`\x1b[1;31m${shellText(`${text}\n`)}\x1b[m`),
    done: () => ctx.emit(prompt()),
  };

  const appLog = (level: LogLevel, module: string, text: string) =>
    log(logRecord(level, module, text, false));
  const app: ShellApplication =
    ctx.options.shellApp === 'att' ? createAttApp(ctx, appLog) : createSampleApp(ctx, appLog);

  const commands: ShellCommand[] = [
    {
      name: 'at',
      help: 'Execute an AT command',
      run(args) {
        const [command] = args;
        if (command === undefined) {
          ctx.emit(prompt());
          return;
        }
        ctx.runModem(command, (reply) => {
          // at_shell: shell_print(sh, "%s", response) appends "\n".
          ctx.emit(shellText(`${modemReplyText(reply)}\n`) + prompt());
        });
      },
    },
    {
      name: 'help',
      help: 'Prints the help message.',
      run() {
        const entries = [...commands].sort((a, b) => a.name.localeCompare(b.name));
        ctx.emit(shellText(`${HELP_PREAMBLE}Available commands:\n${helpList(entries)}`) + prompt());
      },
    },
    {
      name: 'kernel',
      help: 'Kernel commands',
      subcommands: [
        { name: 'reboot', help: 'Reboot.' },
        { name: 'uptime', help: 'Kernel uptime.' },
      ],
      run(args) {
        const [sub, mode] = args;
        if (sub === 'uptime') {
          io.print(`Uptime: ${Math.floor(ctx.uptimeMs())} ms`);
          io.done();
        } else if (sub === 'reboot' && (mode === 'warm' || mode === 'cold')) {
          // sys_reboot: no prompt, the boot output follows (docs/protocol.md §12.3).
          ctx.reboot();
        } else if (sub === 'reboot') {
          subcommandHelp('reboot', 'Reboot.', [
            { name: 'cold', help: 'Cold reboot.' },
            { name: 'warm', help: 'Warm reboot.' },
          ]);
        } else {
          io.error(`${sub ?? ''}: unknown parameter`);
          io.done();
        }
      },
    },
    ...app.commands,
  ];

  function subcommandHelp(
    name: string,
    help: string,
    subcommands: ReadonlyArray<{ name: string; help: string }>,
  ): void {
    ctx.emit(shellText(`${name} - ${help}\nSubcommands:\n${helpList(subcommands)}`) + prompt());
  }

  function execute(text: string): void {
    isPromptShown = false;
    ctx.emit('\r\n');
    const argv = shellArgv(text);
    const [name] = argv;
    if (name === undefined) {
      ctx.emit(prompt());
      return;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) {
      ctx.emit(`\x1b[1;31m${shellText(`${name}: command not found\n`)}\x1b[m${prompt()}`);
    } else if (command.subcommands !== undefined && argv.length === 1) {
      subcommandHelp(command.name, command.help, command.subcommands);
    } else if (command.run !== undefined) {
      command.run(argv.slice(1), io);
    } else {
      ctx.emit(prompt());
    }
  }

  function log(text: string): void {
    const match = ctx.options.hasLogColors ? LOG_LEVEL.exec(text) : null;
    const record =
      match === null ? text : logRecord(match[1] as LogLevel, match[2] ?? '', match[3] ?? '', true);
    const entry = `${logTimestamp(ctx.uptimeMs())} ${record}\r\n`;
    if (isPromptShown) {
      // z_shell_cmd_line_erase: back over prompt and typed text, clear to end of screen, print, redraw.
      ctx.emit(
        `\x1b[${SHELL_PROMPT_TEXT.length + line.length}D\x1b[J${entry}${SHELL_PROMPT}${line}`,
      );
    } else {
      ctx.emit(entry);
    }
  }

  // The application starts once the boot output is out.
  ctx.later(0, () => app.start());

  return {
    boot() {
      isPromptShown = false;
      line = '';
      const isAtt = ctx.options.shellApp === 'att';
      ctx.emit(isAtt ? app.banner : BOOT_BANNER);
      const logs: ReadonlyArray<readonly [number, string]> = isAtt
        ? app.bootLogs.map((text) => [ctx.uptimeMs(), text] as const)
        : BOOT_LOGS;
      for (const [ms, text] of logs) ctx.emit(`${logTimestamp(ms)} ${text}\r\n`);
      ctx.emit(SHELL_START);
      isPromptShown = true;
    },
    feed(byte) {
      if (escape !== 'none') {
        // Cursor keys and other sequences: swallowed (no history or cursor movement simulated).
        if (escape === 'esc') escape = byte === 0x5b ? 'csi' : 'none';
        else if (byte >= 0x40 && byte <= 0x7e) escape = 'none';
        return;
      }
      if (isNewline(byte)) {
        const text = line;
        line = '';
        if (text.length === 0) {
          isPromptShown = false;
          ctx.emit(`\r\n${prompt()}`);
        } else {
          execute(text);
        }
        return;
      }
      if (byte === CR || byte === LF) return;
      switch (byte) {
        case ESC:
          escape = 'esc';
          return;
        case CTRL_L:
          ctx.emit(`\x1b[H\x1b[2J${prompt()}${line}`);
          return;
        case CTRL_U:
          ctx.emit(`${line.length > 0 ? `\x1b[${line.length}D` : ''}\x1b[J`);
          line = '';
          return;
        case CTRL_C:
          line = '';
          isPromptShown = false;
          ctx.emit(`\r\n${prompt()}`);
          return;
        case BACKSPACE:
        case DEL:
          if (line.length > 0) {
            line = line.slice(0, -1);
            ctx.emit('\x1b[1D\x1b[J');
          }
          return;
      }
      if (byte >= 0x20 && byte < 0x7f && line.length < MAX_LINE) {
        line += String.fromCharCode(byte);
        ctx.emit(String.fromCharCode(byte));
      }
    },
    unsolicited(text) {
      log(`<inf> lte_lc: ${text}`);
    },
    log,
  };
}

/** The next runtime log line to print (round robin over a realistic set). */
export function nextShellLogLine(index: number): string {
  return RUNTIME_LOGS[index % RUNTIME_LOGS.length] ?? '';
}
