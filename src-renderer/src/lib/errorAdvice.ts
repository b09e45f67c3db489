/** What the UI should offer for each error code; the exhaustive switch keeps new codes from slipping by. */
import { assertNever, type ErrorCode } from '../../../src-shared/ipc/errors';

export type ErrorArea = 'port' | 'session' | 'token' | 'key' | 'cloud' | 'general';

export interface ErrorAdvice {
  area: ErrorArea;
  /** Trying the same thing again has a fair chance of working. */
  isRetryable: boolean;
}

export function adviceFor(code: ErrorCode): ErrorAdvice {
  switch (code) {
    case 'PORT_BUSY':
    case 'PORT_GONE':
    case 'PORT_OPEN_FAILED':
    case 'PORT_NOT_OPEN':
    case 'PORT_CLOSED':
    case 'PORT_NOT_FOUND':
    case 'PORT_HELD_BY_FLOW':
      return { area: 'port', isRetryable: true };
    case 'PORT_PERMISSION_DENIED':
      return { area: 'port', isRetryable: false };
    case 'NO_ANSWER':
    case 'DEVICE_WENT_SILENT':
    case 'COMMAND_TIMEOUT':
    case 'GARBLED_INPUT':
    case 'AT_ERROR':
    case 'AT_CME_ERROR':
    case 'AT_CMS_ERROR':
    case 'SHELL_COMMAND_FAILED':
    case 'LINE_TOO_LONG':
    case 'REPLY_TOO_LARGE':
      return { area: 'session', isRetryable: true };
    case 'ATTEST_UNSUPPORTED':
      return { area: 'session', isRetryable: false };
    case 'TOKEN_EMPTY':
    case 'TOKEN_NOT_FOUND':
    case 'TOKEN_MALFORMED':
    case 'TOKEN_BAD_ENCODING':
    case 'TOKEN_PART1_INVALID':
    case 'TOKEN_PART2_INVALID':
    case 'MULTIPLE_TOKENS':
      return { area: 'token', isRetryable: true };
    case 'API_KEY_MISSING':
    case 'API_KEY_MALFORMED':
    case 'API_KEY_REJECTED':
    case 'ROLE_CANNOT_CLAIM':
    case 'KEY_STORE_UNAVAILABLE':
      return { area: 'key', isRetryable: false };
    case 'NETWORK_UNREACHABLE':
    case 'NETWORK_TIMEOUT':
    case 'RATE_LIMITED':
    case 'SERVER_ERROR':
    case 'UNEXPECTED_RESPONSE':
    case 'RESPONSE_TOO_LARGE':
      return { area: 'cloud', isRetryable: true };
    case 'CLOUD_URL_NOT_ALLOWED':
    case 'CLOUD_REDIRECT_REFUSED':
      return { area: 'cloud', isRetryable: false };
    case 'PROVISIONING_TIMEOUT':
    case 'PROVISIONING_FAILED':
    case 'PROVISIONING_TRIGGER_FAILED':
      return { area: 'cloud', isRetryable: true };
    case 'ONBOARDING_RULE_MISSING':
    case 'RULE_CREATE_REFUSED':
    case 'PROVISIONING_UNSUPPORTED':
    case 'PROVISIONING_NOT_CLAIMED':
    case 'PROVISIONING_NO_COMMANDS':
    case 'PROVISIONING_WRONG_ROOT_CA':
    case 'PROVISIONING_NO_TIME':
    case 'PROVISIONING_TOO_MANY_COMMANDS':
    case 'PROVISIONING_MODEM_TOO_OLD':
    case 'PROVISIONING_DEVICE_ID_MISMATCH':
    case 'PROVISIONING_COMMAND_FAILED':
    case 'CLAIM_TOKEN_INVALID':
    case 'CLAIMED_BY_OTHER':
    case 'DEVICE_ID_MISMATCH':
      return { area: 'cloud', isRetryable: false };
    case 'CANCELLED':
    case 'INTERNAL':
    case 'FILE_IO_FAILED':
    case 'JOURNAL_WRITE_FAILED':
    case 'BUNDLE_FAILED':
      return { area: 'general', isRetryable: true };
    case 'VALIDATION_FAILED':
    case 'UNTRUSTED_SENDER':
    case 'UNKNOWN_CHANNEL':
    case 'NOT_FOUND':
    case 'JOURNAL_CORRUPT':
    case 'JOURNAL_UNREADABLE':
    case 'CSV_INVALID':
    case 'SETTINGS_CORRUPT':
    case 'SETTINGS_UNREADABLE':
    case 'SETTINGS_FROM_NEWER_VERSION':
    case 'SETTINGS_FIELDS_RESET':
      return { area: 'general', isRetryable: false };
    default:
      return assertNever(code);
  }
}
