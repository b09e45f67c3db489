/**
 * The Serial LTE Modem firmware: `Ready` at boot, verbose framing with a CRLF before every reply
 * and before the final result, rejects anything that is not AT grammar (so `at AT...` fails).
 * Mirrors sdk-nrf applications/serial_lte_modem/src/slm_at_host.c (cmd_rx_handler, cmd_send).
 */
import type { Firmware, FirmwareContext } from './firmware';
import type { ModemReply } from './modem';
import type { SlmTermination } from './options';
import { createSmProvisioning } from './smProvisioning';

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const BACKSPACE = 0x08;
const DEL = 0x7f;
const MAX_COMMAND_LENGTH = 4096;

const GRAMMAR = /^AT(?:[+%#][A-Za-z0-9]+(?:\?|=\?|=[\s\S]*)?)?$/i;

/** SLM framing of a modem reply: `\r\n<info>\r\n\r\nOK\r\n`, `\r\nOK\r\n`, `\r\nERROR\r\n`. */
export function slmReplyText(reply: ModemReply): string {
  switch (reply.kind) {
    case 'ok':
      return reply.info.length === 0
        ? '\r\nOK\r\n'
        : `\r\n${reply.info.join('\r\n')}\r\n\r\nOK\r\n`;
    case 'error':
      return '\r\nERROR\r\n';
    case 'cme':
      return `\r\n+CME ERROR: ${reply.code}\r\n`;
  }
}

/** Creates the SLM line discipline. */
export function createSlmFirmware(ctx: FirmwareContext, termination: SlmTermination): Firmware {
  let line = '';
  let isInsideQuotes = false;
  let previous = 0;
  let isReplying = false;
  let held: string[] = [];

  // SM holds notifications while a command runs and sends them once it is idle (docs/protocol.md §11).
  function notify(text: string): void {
    if (isReplying) held.push(text);
    else ctx.emit(`\r\n${text}\r\n`);
  }

  function reply(text: string): void {
    ctx.emit(text);
    isReplying = false;
    const waiting = held;
    held = [];
    for (const text of waiting) notify(text);
  }

  const provisioning = createSmProvisioning(ctx, notify);

  function send(command: string): void {
    // SLM skips power-up garbage before the first "AT".
    if (command.length > MAX_COMMAND_LENGTH) {
      ctx.emit('\r\nERROR\r\n');
      return;
    }
    const start = command.search(/at/i);
    const at = start > 0 ? command.slice(start) : command;
    if (!GRAMMAR.test(at)) {
      ctx.emit('\r\nERROR\r\n');
      return;
    }
    isReplying = true;
    const own = provisioning.handle(at);
    if (own !== undefined) {
      reply(slmReplyText(own));
      return;
    }
    ctx.runModem(at, (answer) => reply(slmReplyText(answer)));
  }

  return {
    boot() {
      ctx.emit('Ready\r\n');
    },
    feed(byte) {
      if (byte === BACKSPACE || byte === DEL) {
        if (line.length === 0) return;
        if (previous === QUOTE) isInsideQuotes = !isInsideQuotes;
        line = line.slice(0, -1);
        previous = line.length > 0 ? line.charCodeAt(line.length - 1) : 0;
        return;
      }
      let isEnd = false;
      if (!isInsideQuotes) {
        if (byte === CR && termination === 'cr') isEnd = true;
        if (byte === LF && termination === 'lf') isEnd = true;
        if (byte === LF && termination === 'crlf' && line.length > 0 && previous === CR) {
          line = line.slice(0, -1);
          isEnd = true;
        }
      }
      if (isEnd) {
        const command = line;
        line = '';
        isInsideQuotes = false;
        previous = 0;
        if (command.length > 0) send(command);
        return;
      }
      // Like SLM, count past the buffer so an overlong command is answered with ERROR.
      if (line.length <= MAX_COMMAND_LENGTH) line += String.fromCharCode(byte);
      if (byte === QUOTE) isInsideQuotes = !isInsideQuotes;
      previous = byte;
    },
    unsolicited(text) {
      notify(text);
    },
    log() {
      // SLM logs go to RTT, not to the AT UART.
    },
  };
}
