/**
 * The AT host firmware (AT Client sample, default Multi-service build): no echo, no prompt,
 * CR, LF or CRLF end a command, replies are the modem's own text (docs/protocol.md §2.A).
 */
import type { Firmware, FirmwareContext } from './firmware';
import { BOOT_BANNER } from './firmware';
import { modemReplyText } from './modem';

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const MAX_COMMAND_LENGTH = 4096;

/** Creates the AT host line discipline. */
export function createAtHostFirmware(ctx: FirmwareContext): Firmware {
  let line = '';
  let isInsideQuotes = false;
  let isOverflow = false;

  return {
    boot() {
      ctx.emit(`${BOOT_BANNER}The AT host sample started\r\n`);
    },
    feed(byte) {
      if ((byte === CR || byte === LF) && !isInsideQuotes) {
        const command = line;
        const wasOverflow = isOverflow;
        line = '';
        isOverflow = false;
        // An empty line (including the LF of a CRLF) is not a command.
        if (wasOverflow) {
          ctx.emit('ERROR\r\n');
        } else if (command.length > 0) {
          ctx.runModem(command, (reply) => ctx.emit(modemReplyText(reply)));
        }
        return;
      }
      if (byte === QUOTE) isInsideQuotes = !isInsideQuotes;
      if (line.length < MAX_COMMAND_LENGTH) {
        line += String.fromCharCode(byte);
      } else {
        isOverflow = true;
      }
    },
    unsolicited(text) {
      ctx.emit(`${text}\r\n`);
    },
    log() {
      // The AT host's UART carries AT traffic only.
    },
  };
}
