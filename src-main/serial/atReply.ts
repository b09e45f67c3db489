/**
 * What an AT command returns: the reply, its typed errors and the default deadlines. The words of
 * every session error live here so the session file stays about the state machine.
 */
import type { FinalResult } from '../../src-shared/at/classifyLine';
import { describeCmeError, describeCmsError } from '../../src-shared/at/cmeErrors';
import { AppError, type ErrorCode } from '../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../src-shared/ipc/serial';

/** A command's successful reply (final OK) or, inside AtCommandError, its failed one. */
export interface AtReply {
  command: string;
  sentAs: string;
  lines: string[];
  final: FinalResult;
  mode: FirmwareMode;
  durationMs: number;
}

/** An AT_ERROR / AT_CME_ERROR / AT_CMS_ERROR that still carries the reply (callers read final codes). */
export class AtCommandError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly reply: AtReply,
    detail?: string,
  ) {
    super(code, message, detail);
  }
}

export const DEFAULT_TIMEOUT_MS = 3000;
export const ATTEST_TIMEOUT_MS = 10_000;
/** The default deadline for a command: %ATTESTTOKEN makes the modem sign, which takes longer. */
export function defaultTimeoutFor(command: string): number {
  return /^AT%ATTESTTOKEN/i.test(command.trim()) ? ATTEST_TIMEOUT_MS : DEFAULT_TIMEOUT_MS;
}

/** The error for a final result other than OK. */
export function finalError(reply: AtReply, finalLine: string): AtCommandError {
  const { command, final } = reply;
  if (final === 'OK' || final === 'ERROR') {
    return new AtCommandError(
      'AT_ERROR',
      `The modem answered ERROR to ${command}.`,
      reply,
      finalLine,
    );
  }
  if ('cme' in final) {
    return new AtCommandError(
      'AT_CME_ERROR',
      `${command} failed: ${describeCmeError(final.cme)}`,
      reply,
      finalLine,
    );
  }
  return new AtCommandError(
    'AT_CMS_ERROR',
    `${command} failed: ${describeCmsError(final.cms)}`,
    reply,
    finalLine,
  );
}

/** NO_ANSWER when not one byte came back (the only case that costs a timeout), else COMMAND_TIMEOUT. */
export function timeoutError(
  command: string,
  timeoutMs: number,
  bytesSeen: number,
  lines: readonly string[],
): AppError {
  const seconds = timeoutMs / 1000;
  if (bytesSeen === 0) {
    return new AppError(
      'NO_ANSWER',
      `No reply within ${seconds} s: check the port is the AT port, the device is on, and the firmware has an AT interface.`,
    );
  }
  return new AppError(
    'COMMAND_TIMEOUT',
    `The device did not finish answering ${command} within ${seconds} s.`,
    lines.length > 0 ? lines.join('\n') : undefined,
  );
}

/** The error of a cancelled command. */
export function cancelled(command: string): AppError {
  return new AppError('CANCELLED', `${command} was cancelled.`);
}

/** A line too long to be AT traffic. */
export function lineTooLongError(maxLength: number): AppError {
  return new AppError(
    'LINE_TOO_LONG',
    `The device sent a line longer than ${maxLength} characters. That is not AT traffic: is this the AT port, at the right baud rate?`,
  );
}

/** Bytes that decode to noise, as a wrong baud rate produces. */
export function garbledError(line: string): AppError {
  return new AppError(
    'GARBLED_INPUT',
    'The device sent unreadable bytes: check the baud rate (nRF91 AT ports use 115200) and that this is the AT port.',
    line,
  );
}
