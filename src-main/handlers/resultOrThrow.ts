/** Turns a Result from pure shared code into a value, or throws its error as an AppError. */
import { AppError, type Result } from '../../src-shared/ipc/errors';

export function valueOrThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.detail);
}
