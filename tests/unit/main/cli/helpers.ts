/** Test helpers for the CLI: an io that captures stdout and stderr as text. */
import type { CliIo } from '../../../../src-main/cli/command';

/** Captures stdout and stderr; `stop` ends a long-running command instead of a signal. */
export function captureIo(env: Record<string, string | undefined> = {}, stop?: Promise<unknown>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env,
    ...(stop ? { stop } : {}),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** A promise and the function that settles it, to stop a long-running command. */
export function stopSignal(): { stop: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => (fire = resolve));
  return { stop, fire };
}
