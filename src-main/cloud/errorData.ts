/** Any caught value as AppErrorData; unknown exceptions become INTERNAL with their message redacted. */
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import { redactSecrets } from '../../src-shared/redact';

export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return {
    code: 'INTERNAL',
    message: redactSecrets(error instanceof Error ? error.message : String(error)),
  };
}
