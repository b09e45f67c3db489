/**
 * The main-process logger: one file in the user-data folder, rotated by size, and every line
 * passed through redactSecrets before it is written, so no API key or full token reaches disk.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../../src-shared/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(scope: string, message: string): void;
  info(scope: string, message: string): void;
  warn(scope: string, message: string): void;
  error(scope: string, message: string, error?: unknown): void;
  /** The newest log text (current file, then the previous one if short), for the support bundle. */
  recentText(maxBytes?: number): string;
  readonly file: string;
}

export interface LoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  maxFiles?: number;
  now?: () => Date;
  /** Also echo to stderr (development). */
  echo?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const { dir, fileName = 'onboarder.log', maxBytes = 1_000_000, maxFiles = 3 } = options;
  const now = options.now ?? (() => new Date());
  const file = join(dir, fileName);
  mkdirSync(dir, { recursive: true });

  const rotate = () => {
    const oldest = `${file}.${maxFiles - 1}`;
    if (existsSync(oldest)) unlinkSync(oldest);
    for (let i = maxFiles - 2; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (existsSync(file)) renameSync(file, `${file}.1`);
  };

  const write = (level: LogLevel, scope: string, message: string) => {
    const line = redactSecrets(
      `${now().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}`,
    ).replace(/\r?\n/g, '\n    ');
    try {
      if (existsSync(file) && statSync(file).size + line.length + 1 > maxBytes) rotate();
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never take the app down; a full disk shows up elsewhere.
    }
    options.echo?.(line);
  };

  return {
    file,
    debug: (scope, message) => write('debug', scope, message),
    info: (scope, message) => write('info', scope, message),
    warn: (scope, message) => write('warn', scope, message),
    error: (scope, message, error) =>
      write(
        'error',
        scope,
        error === undefined
          ? message
          : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    recentText(limit = 200_000) {
      const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
      const text = read(`${file}.1`) + read(file);
      return redactSecrets(text.length > limit ? text.slice(-limit) : text);
    },
  };
}
