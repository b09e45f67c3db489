/**
 * Reads what a device prints, in chunks of any size, and yields the provisioning events of each
 * complete line. Framing (UTF-8 across chunks, ANSI colour, the shell's prompt redraws around log
 * lines, CR / LF / CRLF / CR CR LF) is the LineFramer's (docs/protocol.md §2.C); the meaning of a
 * line is parseDeviceLine's (§9 to §12).
 */
import { LineFramer } from '../at/lineFramer';
import { parseDeviceLine } from './deviceLines';
import type { ProvisioningEvent } from './model';

/** One complete line and what it meant. */
export interface ReadLine {
  line: string;
  events: ProvisioningEvent[];
}

/** A streaming reader: `push` chunks as they arrive, `flush` at the end for a last unended line. */
export class ProvisioningLineReader {
  private readonly framer = new LineFramer();

  /** Feeds a chunk; returns the events of the lines it completed, in order. */
  push(chunk: Uint8Array | string): ProvisioningEvent[] {
    return this.pushLines(chunk).flatMap((read) => read.events);
  }

  /** Like push, but also returns each line, for a transcript. */
  pushLines(chunk: Uint8Array | string): ReadLine[] {
    const out: ReadLine[] = [];
    for (const item of this.framer.push(chunk)) {
      // An over-long line is noise (a token block is far shorter than the bound): skip it.
      if (item.kind === 'line') out.push({ line: item.text, events: parseDeviceLine(item.text) });
    }
    return out;
  }

  /** Treats the text received since the last line end as a line (at the end of a stream). */
  flush(): ProvisioningEvent[] {
    const partial = this.framer.partial;
    this.framer.reset();
    return partial.trim() === '' ? [] : parseDeviceLine(partial);
  }
}
