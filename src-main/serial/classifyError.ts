/**
 * Maps what the serialport library (and the OS under it) says when a port fails to one error code
 * the UI can explain. Raw strings: docs/protocol.md §3.4. The raw text is kept in `detail`.
 */
import type { AppErrorData, ErrorCode } from '../../src-shared/ipc/errors';

interface Rule {
  code: ErrorCode;
  pattern: RegExp;
  message: (path: string) => string;
}

// Order matters: `Access denied` on Windows means held elsewhere, not a missing permission.
const RULES: readonly Rule[] = [
  {
    code: 'PORT_BUSY',
    pattern:
      /cannot lock port|resource temporarily unavailable|access denied|EBUSY|resource busy|EAGAIN/i,
    message: (path) =>
      `${path} is in use by another program (a terminal, nRF Connect, or ModemManager). Close it and try again.`,
  },
  {
    code: 'PORT_PERMISSION_DENIED',
    pattern: /permission denied|EACCES|EPERM|operation not permitted/i,
    message: (path) =>
      `No permission to open ${path}. On Linux, add yourself to the dialout group or install the udev rules, then log in again.`,
  },
  {
    code: 'PORT_NOT_FOUND',
    pattern: /file not found|no such file or directory|ENOENT|cannot find the file|does not exist/i,
    message: (path) => `${path} does not exist (any more). Is the device plugged in?`,
  },
  {
    code: 'PORT_GONE',
    pattern:
      /device not configured|ENXIO|\bEIO\b|input\/output error|device (has been )?removed|disconnected|no such device/i,
    message: (path) => `${path} went away: the device was unplugged, reset or re-enumerated.`,
  },
];

/** Turns any error from opening or using a port into AppErrorData with a plain-words message. */
export function classifySerialError(err: unknown, path: string): AppErrorData {
  const raw = rawText(err);
  for (const rule of RULES) {
    if (rule.pattern.test(raw))
      return { code: rule.code, message: rule.message(path), detail: raw };
  }
  return { code: 'PORT_OPEN_FAILED', message: `Could not open ${path}.`, detail: raw };
}

function rawText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code)
      ? `${err.message} (${code})`
      : err.message;
  }
  return typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
}
