/**
 * Probes every port at once with one `AT` and a short deadline, and says in a few words what is
 * behind each: an AT host, a Zephyr shell, a Serial LTE Modem, silence, or why it would not open.
 * Ports the onboarding flow holds are never touched.
 */
import {
  AppError,
  isErrorCode,
  type AppErrorData,
  type ErrorCode,
} from '../../src-shared/ipc/errors';
import type { PortInfo } from '../../src-shared/devices/kits';
import type { ProbeVerdict } from '../../src-shared/ipc/diagnostics';
import type { FirmwareMode } from '../../src-shared/ipc/serial';
import { classifySerialError } from '../serial/classifyError';
import type { PortHolder } from './portHolders';

/** What the probe needs of an AT session (AtSession satisfies it). */
export interface ProbeSession {
  send(
    command: string,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<{ final: unknown; mode: FirmwareMode }>;
  close(): Promise<void>;
}

/** One port's verdict, with the error and holders behind it. */
export interface ProbeResult {
  path: string;
  verdict: ProbeVerdict;
  label: string;
  error?: AppErrorData;
  holders?: PortHolder[];
  durationMs: number;
}

/** How to open a session and learn about ports; timeouts and concurrency have defaults. */
export interface ProbeDeps {
  openSession: (path: string) => Promise<ProbeSession>;
  /** True for ports the onboarding flow has open: reported, never opened. */
  isInUseByApp?: (path: string) => boolean;
  findHolders?: (path: string) => Promise<PortHolder[]>;
  /** Turns whatever openSession/send threw into error data (the serial classifier). */
  classify?: (error: unknown, path: string) => AppErrorData;
  timeoutMs?: number;
  concurrency?: number;
  now?: () => number;
}

const modeVerdicts: Record<
  Exclude<FirmwareMode, 'unknown'>,
  { verdict: ProbeVerdict; label: string }
> = {
  'at-host': { verdict: 'at-host', label: 'AT host, answers' },
  shell: { verdict: 'shell', label: 'Zephyr shell: needs `at ` prefix' },
  slm: { verdict: 'slm', label: 'Serial LTE Modem' },
};

const openVerdicts: Partial<Record<ErrorCode, { verdict: ProbeVerdict; label: string }>> = {
  PORT_BUSY: { verdict: 'busy', label: 'busy' },
  PORT_PERMISSION_DENIED: { verdict: 'permission-denied', label: 'permission denied' },
  PORT_NOT_FOUND: { verdict: 'gone', label: 'gone' },
  PORT_GONE: { verdict: 'gone', label: 'gone' },
  PORT_CLOSED: { verdict: 'gone', label: 'gone' },
  NO_ANSWER: { verdict: 'no-answer', label: 'no answer' },
  COMMAND_TIMEOUT: { verdict: 'no-answer', label: 'no answer' },
  CANCELLED: { verdict: 'no-answer', label: 'no answer' },
  // The modem rejecting plain AT still proves an AT interface is there.
  AT_ERROR: { verdict: 'at-host', label: 'AT host, answers ERROR' },
  AT_CME_ERROR: { verdict: 'at-host', label: 'AT host, answers ERROR' },
};

/** Probes the ports concurrently; results come back in the order given. */
export async function probePorts(
  ports: readonly PortInfo[] | readonly string[],
  deps: ProbeDeps,
): Promise<ProbeResult[]> {
  const paths = ports.map((p) => (typeof p === 'string' ? p : p.path));
  const results: ProbeResult[] = new Array<ProbeResult>(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await probeOne(paths[i] as string, deps);
    }
  };
  const concurrency = Math.max(1, deps.concurrency ?? 16);
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return results;
}

async function probeOne(path: string, deps: ProbeDeps): Promise<ProbeResult> {
  const now = deps.now ?? (() => performance.now());
  // Every firmware family answers AT within a few ms at 115200 baud; 1 s of silence is a verdict,
  // and it bounds a scan of any number of ports (they run concurrently) to about a second.
  const timeoutMs = deps.timeoutMs ?? 1000;
  const classify = deps.classify ?? toErrorData;
  const started = now();
  const finish = (r: Omit<ProbeResult, 'path' | 'durationMs'>): ProbeResult => ({
    path,
    ...r,
    durationMs: Math.round(now() - started),
  });

  if (deps.isInUseByApp?.(path))
    return finish({ verdict: 'in-use-by-app', label: 'in use by this app (not probed)' });

  let session: ProbeSession;
  try {
    session = await withDeadline(
      deps.openSession(path),
      timeoutMs,
      (late) => void late.close().catch(() => undefined),
    );
  } catch (err) {
    return finish(await describeFailure(classify(err, path), path, deps));
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs + 250);
  try {
    const reply = await session.send('AT', { timeoutMs, signal: controller.signal });
    if (reply.mode !== 'unknown') return finish(modeVerdicts[reply.mode]);
    return finish(
      reply.final === 'OK'
        ? modeVerdicts['at-host']
        : {
            verdict: 'no-answer',
            label: `no clear answer (${JSON.stringify(reply.final) ?? 'nothing'})`,
          },
    );
  } catch (err) {
    // An AtCommandError still carries the reply, and with it the firmware family.
    const mode = (err as { reply?: { mode?: FirmwareMode } } | null)?.reply?.mode;
    const error = classify(err, path);
    if (mode !== undefined && mode !== 'unknown' && error.code.startsWith('AT_')) {
      const known = modeVerdicts[mode];
      return finish({ verdict: known.verdict, label: `${known.label} (answered ERROR)`, error });
    }
    return finish(await describeFailure(error, path, deps));
  } finally {
    clearTimeout(timer);
    await withDeadline(session.close(), timeoutMs, () => undefined).catch(() => undefined);
  }
}

async function describeFailure(
  error: AppErrorData,
  path: string,
  deps: ProbeDeps,
): Promise<Omit<ProbeResult, 'path' | 'durationMs'>> {
  const known = openVerdicts[error.code];
  if (!known) return { verdict: 'error', label: `error: ${error.message}`, error };
  if (known.verdict !== 'busy' || !deps.findHolders) return { ...known, error };
  const holders = await deps.findHolders(path).catch(() => [] as PortHolder[]);
  // Where the OS tells who holds the lock, name only those: others merely have it open.
  const lockers = holders.filter((h) => h.hasLock === true);
  const names = (lockers.length > 0 ? lockers : holders)
    .map((h) => `${h.command}, pid ${h.pid}`)
    .join('; ');
  return { verdict: 'busy', label: names ? `busy (held by ${names})` : 'busy', error, holders };
}

/** The default classifier: AppErrors keep their code, raw OS errors go through the serial classifier. */
export function toErrorData(error: unknown, path: string): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (error !== null && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (isErrorCode(code))
      return { code, message: typeof message === 'string' ? message : String(code) };
  }
  return classifySerialError(error, path);
}

// Races a promise against a deadline; a result that arrives late is handed to `onLate` (to close it).
function withDeadline<T>(promise: Promise<T>, ms: number, onLate: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let isLate = false;
    const timer = setTimeout(() => {
      isLate = true;
      reject(new AppError('NO_ANSWER', `No answer within ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (isLate) onLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!isLate) reject(error);
      },
    );
  });
}
