/** Long actions by request id, so the renderer can cancel any of them (token read, claim, batch). */
import { AppError } from '../src-shared/ipc/errors';

export interface RequestRegistry {
  /** Runs `work` with an AbortSignal that `cancel(requestId)` fires. */
  track<T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Cancels a running request; an unknown id is ignored (it already finished). */
  cancel(requestId: string): void;
  cancelAll(): void;
}

export function createRequestRegistry(): RequestRegistry {
  const running = new Map<string, AbortController>();
  return {
    async track(requestId, work) {
      if (running.has(requestId)) {
        throw new AppError('VALIDATION_FAILED', `Request ${requestId} is already running.`);
      }
      const controller = new AbortController();
      running.set(requestId, controller);
      try {
        return await work(controller.signal);
      } finally {
        running.delete(requestId);
      }
    },
    cancel: (requestId) => running.get(requestId)?.abort(),
    cancelAll: () => running.forEach((controller) => controller.abort()),
  };
}
