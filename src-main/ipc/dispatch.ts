/**
 * The transport-free half of the IPC wrapper: parse the input with the channel's schema, run the
 * handler, and turn every exception into data. Electron's ipcMain and the e2e harness both call it.
 */
import type { z } from 'zod';
import { AppError, fail, ok, type Result } from '../../src-shared/ipc/errors';
import type {
  AnyInvoke,
  Contract,
  InvokeKeys,
  OutputOf,
  ParsedInputOf,
} from '../../src-shared/ipc/contract';
import { redactSecrets } from '../../src-shared/redact';

/** One handler per invoke channel; inputs arrive parsed, outputs may be plain or promised. */
export type HandlerTable<C extends Contract> = {
  [K in InvokeKeys<C>]: (input: ParsedInputOf<C[K]>) => Promise<OutputOf<C[K]>> | OutputOf<C[K]>;
};

export interface DispatchOptions {
  /** Where unexpected exceptions are reported (the logger); the renderer only sees a code. */
  onUnexpected?: (channel: string, error: unknown) => void;
  /** Every finished call with its outcome and duration, for the log. */
  onResult?: (channel: string, result: Result<unknown>, durationMs: number) => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** Runs one call; never throws. */
export async function dispatch<C extends Contract>(
  contract: C,
  table: HandlerTable<C>,
  channel: string,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  const started = Date.now();
  const result = await run(contract, table, channel, rawInput, options);
  options.onResult?.(channel, result, Date.now() - started);
  return result;
}

async function run<C extends Contract>(
  contract: C,
  table: HandlerTable<C>,
  channel: string,
  rawInput: unknown,
  options: DispatchOptions,
): Promise<Result<unknown>> {
  const entry = Object.entries(contract).find(
    (e): e is [string, AnyInvoke] => e[1].kind === 'invoke' && e[1].channel === channel,
  );
  if (!entry) return fail('UNKNOWN_CHANNEL', `No such channel: ${channel}`);
  const [key, spec] = entry;
  const parsed = spec.input.safeParse(rawInput);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', `Invalid input for ${channel}`, describeIssues(parsed.error));
  }
  const handler = (table as Record<string, (input: unknown) => unknown>)[key];
  if (!handler) return fail('UNKNOWN_CHANNEL', `No handler registered for ${channel}`);
  try {
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof AppError) {
      const data = error.toData();
      return {
        ok: false,
        error: {
          ...data,
          message: redactSecrets(data.message),
          ...(data.detail === undefined ? {} : { detail: redactSecrets(data.detail) }),
        },
      };
    }
    options.onUnexpected?.(channel, error);
    const message = error instanceof Error ? error.message : String(error);
    return fail('INTERNAL', `Unexpected error in ${channel}: ${redactSecrets(message)}`);
  }
}
