/** Small rules of a job run: errors that name their port, claimed-today, abortable waits. */
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import type { JournalEntry } from '../cloud/journal';

/** A station shows many ports at once: every job error says which one it is about. */
export function namingPort(error: AppErrorData, path: string): AppErrorData {
  return error.message.includes(path) ? error : { ...error, message: `${path}: ${error.message}` };
}

/** Another journal entry of the same device claimed (by us) on the same calendar day. */
export function claimedToday(
  entries: readonly JournalEntry[],
  entry: JournalEntry,
  today: Date,
): JournalEntry | undefined {
  const day = today.toISOString().slice(0, 10);
  return entries.find(
    (e) =>
      e.id !== entry.id &&
      e.deviceUuid.toLowerCase() === entry.deviceUuid.toLowerCase() &&
      (e.claimStatus === 'claimed' || e.claimStatus === 'already-claimed') &&
      (e.claimedAt ?? '').slice(0, 10) === day,
  );
}

/** Waits for `promise` unless `signal` aborts first; a late result is handed to `onLate`. */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onLate: (value: T) => void,
): Promise<T> {
  if (signal.aborted) {
    void promise.then(onLate, () => undefined);
    return Promise.reject(new AppError('CANCELLED', 'Cancelled.'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      void promise.then(onLate, () => undefined);
      reject(new AppError('CANCELLED', 'Cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) onLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
