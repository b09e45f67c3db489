/** The codes of the step after the claim (issue 13); explained in diagnostics/explainProvisioning.ts. */
export const provisioningErrorCodes = [
  'ONBOARDING_RULE_MISSING',
  'RULE_CREATE_REFUSED',
  'PROVISIONING_UNSUPPORTED',
  'PROVISIONING_TRIGGER_FAILED',
  'PROVISIONING_NOT_CLAIMED',
  'PROVISIONING_NO_COMMANDS',
  'PROVISIONING_WRONG_ROOT_CA',
  'PROVISIONING_NO_TIME',
  'PROVISIONING_TOO_MANY_COMMANDS',
  'PROVISIONING_MODEM_TOO_OLD',
  'PROVISIONING_DEVICE_ID_MISMATCH',
  'PROVISIONING_COMMAND_FAILED',
  'PROVISIONING_FAILED',
  'PROVISIONING_TIMEOUT',
] as const;

/** Every error that crosses a boundary (IPC, CLI JSON, support bundle) carries one of these codes. */
export const errorCodes = [
  // IPC and general
  'VALIDATION_FAILED',
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
  'CANCELLED',
  'NOT_FOUND',
  'FILE_IO_FAILED',
  // serial ports
  'PORT_NOT_FOUND',
  'PORT_BUSY',
  'PORT_PERMISSION_DENIED',
  'PORT_GONE',
  'PORT_OPEN_FAILED',
  'PORT_NOT_OPEN',
  'PORT_CLOSED',
  'PORT_HELD_BY_FLOW',
  // AT session
  'NO_ANSWER',
  'DEVICE_WENT_SILENT',
  'COMMAND_TIMEOUT',
  'AT_ERROR',
  'AT_CME_ERROR',
  'AT_CMS_ERROR',
  'SHELL_COMMAND_FAILED',
  'LINE_TOO_LONG',
  'GARBLED_INPUT',
  'REPLY_TOO_LARGE',
  'ATTEST_UNSUPPORTED',
  // attestation token
  'TOKEN_EMPTY',
  'TOKEN_NOT_FOUND',
  'TOKEN_MALFORMED',
  'TOKEN_BAD_ENCODING',
  'TOKEN_PART1_INVALID',
  'TOKEN_PART2_INVALID',
  'MULTIPLE_TOKENS',
  // nRF Cloud
  'API_KEY_MISSING',
  'API_KEY_MALFORMED',
  'API_KEY_REJECTED',
  'ROLE_CANNOT_CLAIM',
  'CLAIM_TOKEN_INVALID',
  'CLAIMED_BY_OTHER',
  'DEVICE_ID_MISMATCH',
  'NETWORK_UNREACHABLE',
  'NETWORK_TIMEOUT',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'UNEXPECTED_RESPONSE',
  'CLOUD_URL_NOT_ALLOWED',
  'CLOUD_REDIRECT_REFUSED',
  'RESPONSE_TOO_LARGE',
  'KEY_STORE_UNAVAILABLE',
  // provisioning: from claimed to connected (docs/protocol.md §5 to §14)
  ...provisioningErrorCodes,
  // token journal
  'JOURNAL_WRITE_FAILED',
  'JOURNAL_CORRUPT',
  'JOURNAL_UNREADABLE',
  'CSV_INVALID',
  // settings file
  'SETTINGS_CORRUPT',
  'SETTINGS_UNREADABLE',
  'SETTINGS_FROM_NEWER_VERSION',
  'SETTINGS_FIELDS_RESET',
  // diagnostics
  'BUNDLE_FAILED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The shape of an error as data: what crosses IPC and what the CLI prints with --json. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  detail?: string;
}

/** A throwable error with a stable code; the IPC wrapper turns it into AppErrorData. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toData(): AppErrorData {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

/** Result of any call across a boundary: errors are values, never exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, detail?: string): Result<T> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

/** Ends a switch over a union; the compiler proves every case is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
