/** The state of one asynchronous call, as the UI needs to draw it. */
import type { AppErrorData, Result } from '../../../src-shared/ipc/errors';

export type Op<T> =
  | { status: 'idle' }
  | { status: 'running'; requestId: string; progress?: string }
  | { status: 'done'; value: T }
  | { status: 'failed'; error: AppErrorData };

export const idle: Op<never> = { status: 'idle' };

/** A fresh id so progress and retry events can be matched to the call that caused them. */
export function newRequestId(): string {
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  // Outside a secure context randomUUID is missing; 16 random bytes in hex serve as well.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const running = (requestId: string = newRequestId()): Op<never> => ({
  status: 'running',
  requestId,
});

/** Turns an exception thrown by the bridge itself (not a Result) into data the UI can show. */
export function thrownToError(error: unknown): AppErrorData {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Awaits a bridge call and folds both kinds of failure (Result and exception) into an Op. */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Op<T>> {
  try {
    const result = await call();
    return result.ok
      ? { status: 'done', value: result.value }
      : { status: 'failed', error: result.error };
  } catch (error) {
    return { status: 'failed', error: thrownToError(error) };
  }
}
