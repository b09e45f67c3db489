/**
 * What every `nrf-onboard` command shares: one IO type, one argument parser (node:util
 * parseArgs) and one rule for output and exit codes, applied here so no command can differ:
 *
 *   0  success: the result on stdout (text, or one JSON object with --json)
 *   1  the device, the cloud or the system said no: `CODE: message` on stderr, or
 *      {"error":{"code","message"}} on stdout with --json; an unexpected failure is INTERNAL
 *   2  usage error: the message and the command's usage on stderr (and the JSON error with --json)
 *
 * Progress and warnings go to stderr, so stdout stays what a script reads.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AppErrorData } from '../../src-shared/ipc/errors';
import { redactSecrets } from '../../src-shared/redact';
import { toErrorData } from '../cloud/errorData';

/** What a command gets from the entry point; tests hand it buffers and a fake environment. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Long-running commands (simulate, fake-cloud) stop when this settles; default SIGINT/SIGTERM. */
  stop?: Promise<unknown>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Thrown for anything wrong with the command line; printed with the usage, exit 2. */
export class UsageError extends Error {}

/** The one way a command writes results, warnings and errors. */
export interface Output {
  readonly isJson: boolean;
  /** A human line (or lines) on stdout. */
  text(line: string): void;
  /** The JSON result on stdout. */
  json(value: unknown): void;
  /** Progress on stderr (silent with --json). */
  progress(line: string): void;
  warn(message: string): void;
  /** Prints an error the rule's way and returns exit code 1. */
  fail(error: AppErrorData): number;
}

export function createOutput(io: CliIo, isJson: boolean): Output {
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    isJson,
    text: (text) => io.stdout.write(line(text)),
    json: (value) => io.stdout.write(`${JSON.stringify(value)}\n`),
    progress: (text) => {
      if (!isJson) io.stderr.write(line(text));
    },
    warn: (message) => io.stderr.write(line(`Warning: ${redactSecrets(message)}`)),
    fail(error) {
      const clean = {
        code: error.code,
        message: redactSecrets(error.message),
        ...(error.detail ? { detail: redactSecrets(error.detail) } : {}),
      };
      if (isJson) io.stdout.write(`${JSON.stringify({ error: clean })}\n`);
      else io.stderr.write(`${clean.code}: ${clean.message}\n`);
      return EXIT_FAILED;
    },
  };
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;
type OptionValue<C> = C extends { type: 'boolean' } ? boolean : string;
/** What parseArgs gives for these options (strict, no positionals): each one may be absent. */
export type Values<O extends Options> = {
  -readonly [K in keyof O]?: O[K] extends { multiple: true }
    ? OptionValue<O[K]>[]
    : OptionValue<O[K]>;
};

export interface CommandDefinition<O extends Options, D> {
  /** The command's help text, starting `Usage: nrf-onboard <name> ...`. */
  usage: string;
  options: O;
  /** Looks at the raw command line before parsing (e.g. to refuse a secret in it). */
  check?: (argv: readonly string[]) => void;
  /** The real dependencies; tests replace some of them. Keep them lazy (functions). */
  deps: () => D;
  run(input: { values: Values<O>; io: CliIo; out: Output; deps: D }): Promise<number>;
}

/** A loaded command, as the table in index.ts calls it. */
export interface CliCommand<D = unknown> {
  usage: string;
  run(argv: string[], io: CliIo, deps?: Partial<D>): Promise<number>;
}

/** Builds a command that parses, prints help and reports errors by the one rule. */
export function defineCommand<const O extends Options, D>(
  definition: CommandDefinition<O, D>,
): CliCommand<D> {
  const { usage } = definition;
  return {
    usage,
    async run(argv, io, overrides) {
      // Known before parsing, so even a usage error can answer in JSON.
      const out = createOutput(io, argv.includes('--json'));
      try {
        definition.check?.(argv);
        const { values } = parseArgs({
          args: argv,
          options: { ...definition.options, ...HELP },
          strict: true,
          allowPositionals: false,
        });
        if ((values as { help?: boolean }).help === true) {
          io.stdout.write(usage);
          return EXIT_OK;
        }
        const deps = { ...definition.deps(), ...overrides };
        return await definition.run({ values: values as Values<O>, io, out, deps });
      } catch (error) {
        return report(io, out, usage, error);
      }
    },
  };
}

/** The last lines of the rule: usage errors are 2, everything else is data with exit 1. */
export function report(io: CliIo, out: Output, usage: string, error: unknown): number {
  if (error instanceof UsageError || isParseArgsError(error)) {
    const message = (error as Error).message;
    if (out.isJson) out.json({ error: { code: 'VALIDATION_FAILED', message } });
    io.stderr.write(`${message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  return out.fail(toErrorData(error));
}

/** node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for a bad command line. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** A positive whole number option, or undefined when absent. */
export function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    throw new UsageError(`--${name} must be a positive whole number, not "${text}".`);
  return Number(text);
}

/** Resolves when SIGINT or SIGTERM arrives (or io.stop settles), for long-running commands. */
export function untilStopped(io: CliIo): Promise<unknown> {
  if (io.stop) return io.stop;
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
