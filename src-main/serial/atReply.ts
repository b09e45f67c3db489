/**
 * What an AT command returns: the reply, its typed errors and the default deadlines. The words of
 * every session error live here so the session file stays about the state machine.
 */
import type { FinalResult } from '../../src-shared/at/classifyLine';
import { describeCmeError, describeCmsError } from '../../src-shared/at/cmeErrors';
import { AppError, type ErrorCode } from '../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../src-shared/ipc/serial';
import type { ReplyBound, ReplyDeadline } from './replyGuard';

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

/** Idle deadlines: how long a silent device may stay silent before the command fails. */
export const DEFAULT_TIMEOUT_MS = 3000;
export const ATTEST_TIMEOUT_MS = 10_000;
/** Total deadlines: how long a device that keeps talking may take to finish its reply. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
export const ATTEST_TOTAL_TIMEOUT_MS = 60_000;

const isAttest = (command: string): boolean => /^AT%ATTESTTOKEN/i.test(command.trim());

/** The default idle deadline for a command: %ATTESTTOKEN makes the modem sign, which takes longer. */
export function defaultTimeoutFor(command: string): number {
  return isAttest(command) ? ATTEST_TIMEOUT_MS : DEFAULT_TIMEOUT_MS;
}

/** The default total deadline: a token trickling at 20 B/s (about 15 s) must still be read. */
export function defaultTotalTimeoutFor(command: string): number {
  return isAttest(command) ? ATTEST_TOTAL_TIMEOUT_MS : DEFAULT_TOTAL_TIMEOUT_MS;
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
  if ('cme' in final && final.cme === 0) {
    // Nordic's "not supported" is what a mistyped command gets too: name that first, as an
    // unknown command. ATTEST_UNSUPPORTED (attest.ts) is the firmware verdict for the token command.
    return new AtCommandError(
      'AT_CME_ERROR',
      `The modem does not know the command ${command} (+CME ERROR: 0). Check its spelling; a correct command that this modem firmware lacks is answered the same way.`,
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

/** What the session has heard on this port before the command that timed out. */
export interface SessionHistory {
  /** Commands that got a final result (OK, ERROR, +CME ERROR) on this port. */
  answered: number;
  /** The last of them, as the app sent it. */
  lastAnswered?: string;
}

/**
 * NO_ANSWER when not one byte came back and the port never answered (the only case that costs the
 * idle deadline on a healthy port); DEVICE_WENT_SILENT when it answered earlier commands and then
 * stopped (it is the AT port, the device stopped); else COMMAND_TIMEOUT: the device went quiet
 * mid-reply, or kept talking past the total bound.
 */
export function timeoutError(
  command: string,
  limit: ReplyDeadline,
  bytesSeen: number,
  lines: readonly string[],
  history: SessionHistory = { answered: 0 },
): AppError {
  const detail = lines.length > 0 ? lines.join('\n') : undefined;
  if (limit.kind === 'total') {
    return new AppError(
      'COMMAND_TIMEOUT',
      `The device kept sending but did not finish answering ${command} within ${limit.totalMs / 1000} s.`,
      detail,
    );
  }
  const seconds = limit.idleMs / 1000;
  if (bytesSeen === 0 && history.answered > 0) {
    const count = history.answered === 1 ? 'one command' : `${history.answered} commands`;
    const last =
      history.lastAnswered === undefined ? '' : ` (the last was ${history.lastAnswered})`;
    return new AppError(
      'DEVICE_WENT_SILENT',
      `The device answered ${count} on this port${last}, then fell silent: no reply to ${command} within ${seconds} s.`,
    );
  }
  if (bytesSeen === 0) {
    return new AppError(
      'NO_ANSWER',
      `No reply within ${seconds} s: check the port is the AT port, the device is on, and the firmware has an AT interface.`,
    );
  }
  return new AppError(
    'COMMAND_TIMEOUT',
    `The device did not finish answering ${command}: no reply for ${seconds} s.`,
    detail,
  );
}

/** A reply past the line or byte bound: a flooding or endlessly echoing device, not an AT reply. */
export function replyTooLargeError(command: string, limit: ReplyBound): AppError {
  const what =
    limit.kind === 'lines'
      ? `more than ${limit.maxLines} lines`
      : `more than ${Math.round(limit.maxBytes / 1024)} KiB`;
  return new AppError(
    'REPLY_TOO_LARGE',
    `The device sent ${what} in answer to ${command} and was cut off. No AT reply is that long: the device is flooding the port or repeating itself.`,
    limit.kind === 'lines' ? `${limit.lines} lines` : `${limit.bytes} bytes`,
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
