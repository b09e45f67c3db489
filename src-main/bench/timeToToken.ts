/**
 * Time to token over a real pty: from just before AtSession.open to the decoded token, through
 * `AT%ATTESTTOKEN` with the session's own mode detection. Bytes are counted at the host's binding
 * (exact), for the wire-time limit.
 */
import { AtSession } from '../serial/atSession';
import type { SerialBinding } from '../serial/bindingTypes';
import type { FirmwareFamily } from '../sim/device/options';
import { decodeAttestationToken } from '../../src-shared/token/decode';
import { extractTokenFromReply } from '../../src-shared/token/extract';
import { countingBinding } from './countingBinding';
import { sleep, type PtyPool } from './ptyPool';
import { median, percentile } from './stats';

/** One timed attestation. */
export interface TokenRun {
  ms: number;
  txBytes: number;
  rxBytes: number;
  mode: string;
}

/** A series of timed attestations against one firmware. */
export interface TokenSeries {
  firmware: FirmwareFamily;
  runs: TokenRun[];
  warmupRuns: number;
  medianMs: number;
  p95Ms: number;
  /** (tx + rx bytes) x 10 bits / baud, median over the runs. */
  wireLimitMs: number;
  /** Device-to-host bytes only: the direction the pty simulator actually paces. */
  rxWireMs: number;
  ratioToLimit: number;
}

export interface TokenSeriesOptions {
  pool: PtyPool;
  binding: SerialBinding;
  firmware: FirmwareFamily;
  runs: number;
  warmupRuns: number;
  baudRate: number;
  /** Untimed pause before each close: lets the reply to the session's trailing AT+CMEE=1 land. */
  settleMs?: number;
}

// Open, one AT%ATTESTTOKEN (mode detection included), decode. Returns the session still open so
// the caller stops the clock before closing it.
async function sessionAttest(path: string, binding: SerialBinding): Promise<AtSession> {
  const session = await AtSession.open({ path, binding });
  try {
    const reply = await session.send('AT%ATTESTTOKEN');
    const decoded = decodeAttestationToken(extractTokenFromReply(reply.lines) ?? '');
    if (!decoded.ok) throw new Error(`token did not decode: ${decoded.error.message}`);
    return session;
  } catch (err) {
    await session.close();
    throw err;
  }
}

/** Runs warm-up runs (not kept), then `runs` timed attestations against a fresh paced simulator. */
export async function measureTokenSeries(options: TokenSeriesOptions): Promise<TokenSeries> {
  const { pool, firmware, baudRate } = options;
  const pty = await pool.start({ firmware, replyDelayMs: 0, pace: { baudRate } });
  const counter = countingBinding(options.binding);
  const runs: TokenRun[] = [];
  try {
    for (let i = 0; i < options.warmupRuns + options.runs; i++) {
      counter.reset();
      const started = performance.now();
      const session = await sessionAttest(pty.path, counter.binding);
      const ms = performance.now() - started;
      const { tx, rx } = counter.counts;
      const mode = session.mode;
      // Quiet line before closing: bindings-cpp can close the fd while a threadpool read is
      // still in flight, which leaves the port locked for the next open (PORT_BUSY).
      await sleep(options.settleMs ?? 25);
      await session.close();
      if (i >= options.warmupRuns) runs.push({ ms, txBytes: tx, rxBytes: rx, mode });
    }
  } finally {
    await pool.close(pty);
  }
  const wire = (bytes: number) => ((bytes * 10) / baudRate) * 1000;
  const medianMs = median(runs.map((r) => r.ms));
  const wireLimitMs = median(runs.map((r) => wire(r.txBytes + r.rxBytes)));
  return {
    firmware,
    runs,
    warmupRuns: options.warmupRuns,
    medianMs,
    p95Ms: percentile(
      runs.map((r) => r.ms),
      95,
    ),
    wireLimitMs,
    rxWireMs: median(runs.map((r) => wire(r.rxBytes))),
    ratioToLimit: medianMs / wireLimitMs,
  };
}
