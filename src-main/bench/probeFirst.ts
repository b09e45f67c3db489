/**
 * The probe-first baseline the benchmark compares against: what Nordic's Quick Start does
 * (facts sheet section 2). Open the port, send `at AT`, wait up to 2 s for a verdict (`OK` means
 * Zephyr shell; `ERROR` or silence means plain AT), then send the token command in that form and
 * read to the final result. Final results are matched as whole lines, so the token (which may
 * contain `OK`) is never cut short: the baseline is given the same correctness as our session.
 */
import stripAnsi from 'strip-ansi';
import type { BindingPort, SerialBinding } from '../serial/bindingTypes';
import { decodeAttestationToken, type DecodedToken } from '../../src-shared/token/decode';
import { extractTokenFromReply } from '../../src-shared/token/extract';

export const PROBE_VERDICT_MS = 2000;
const TOKEN_DEADLINE_MS = 10_000;
const READ_SIZE = 4096;

/** What one probe-first run found. */
export interface ProbeFirstResult {
  mode: 'shell' | 'plain';
  /** True when the 2 s verdict wait ran out (silence means plain AT). */
  hasWaitedOut: boolean;
  token: DecodedToken;
  /** performance.now() when the token was decoded, before the port was closed. */
  decodedAt: number;
}

type Final = 'OK' | 'ERROR';

/** Reads a port line by line; `waitFinal` resolves at the next whole-line OK or ERROR. */
class LineReader {
  lines: string[] = [];
  private partial = '';
  private waiter: ((final: Final) => void) | undefined;
  private isClosed = false;

  constructor(private readonly port: BindingPort) {
    void this.loop();
  }

  stop(): void {
    this.isClosed = true;
  }

  waitFinal(ms: number): Promise<Final | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve('timeout');
      }, ms);
      this.waiter = (final) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(final);
      };
    });
  }

  private async loop(): Promise<void> {
    const buffer = Buffer.alloc(READ_SIZE);
    while (!this.isClosed) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.port.read(buffer, 0, READ_SIZE));
      } catch {
        return;
      }
      this.feed(buffer.toString('latin1', 0, bytesRead));
    }
  }

  private feed(text: string): void {
    const parts = (this.partial + text).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    for (const raw of parts) {
      const line = stripAnsi(raw).trim();
      if (line === '') continue;
      this.lines.push(line);
      if ((line === 'OK' || line === 'ERROR') && this.waiter !== undefined) this.waiter(line);
    }
  }
}

/** One probe-first attestation: open, probe with `at AT`, then read the token in the mode found. */
export async function probeFirstAttest(
  path: string,
  binding: SerialBinding,
  baudRate = 115200,
  settleBeforeCloseMs = 0,
): Promise<ProbeFirstResult> {
  const port = await binding.open({
    path,
    baudRate,
    dataBits: 8,
    stopBits: 1,
    parity: 'none',
    rtscts: false,
  });
  const reader = new LineReader(port);
  try {
    await port.set({ dtr: true, rts: true }).catch(() => undefined);
    await port.write(Buffer.from('at AT\r\n'));
    const verdict = await reader.waitFinal(PROBE_VERDICT_MS);
    const mode = verdict === 'OK' ? 'shell' : 'plain';
    reader.lines = [];
    const command = mode === 'shell' ? 'at AT%ATTESTTOKEN' : 'AT%ATTESTTOKEN';
    await port.write(Buffer.from(`${command}\r\n`));
    const final = await reader.waitFinal(TOKEN_DEADLINE_MS);
    if (final !== 'OK') throw new Error(`probe-first: ${command} ended with ${final}`);
    const raw = extractTokenFromReply(reader.lines);
    const decoded = decodeAttestationToken(raw ?? '');
    if (!decoded.ok) throw new Error(`probe-first: ${decoded.error.message}`);
    const decodedAt = performance.now();
    return { mode, hasWaitedOut: verdict === 'timeout', token: decoded.value, decodedAt };
  } finally {
    if (settleBeforeCloseMs > 0) await new Promise((r) => setTimeout(r, settleBeforeCloseMs));
    reader.stop();
    await port.close().catch(() => undefined);
  }
}
