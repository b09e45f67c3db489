/**
 * Serial Modem's `#XNRFPROV: <status>` notifications and its `AT#XNRFPROV=?` reply
 * (docs/protocol.md §11). The app triggers provisioning with `AT#XNRFPROV` and then acts on these.
 */
import type { ErrorCode } from '../ipc/errors';
import type { ProvisioningEvent } from './model';

const NOTIFICATION = /^#XNRFPROV:\s*(-?\d+)\s*$/i;

interface FailureMeaning {
  code: ErrorCode;
  meaning: string;
}

// §11's table. Scheduling is off in SM's overlay, so after any of these nothing happens until the
// host triggers again: every one ends the attempt (isFatal), -1 merely says trying again may help.
const failures: Readonly<Record<number, FailureMeaning>> = {
  [-1]: {
    code: 'PROVISIONING_FAILED',
    meaning: 'provisioning failed; triggering it again may help',
  },
  [-2]: { code: 'PROVISIONING_NOT_CLAIMED', meaning: 'the device is not claimed' },
  [-3]: {
    code: 'PROVISIONING_WRONG_ROOT_CA',
    meaning: 'the root CA certificate for the provisioning server is wrong',
  },
  [-4]: { code: 'PROVISIONING_NO_TIME', meaning: 'the device has no valid date and time' },
  [-5]: {
    code: 'PROVISIONING_TOO_MANY_COMMANDS',
    meaning: 'too many provisioning commands for the device',
  },
  [-6]: { code: 'PROVISIONING_FAILED', meaning: 'fatal, unrecoverable provisioning error' },
};

/** The status number of a `#XNRFPROV: <n>` line, or undefined for any other line. */
export function xnrfprovStatus(line: string): number | undefined {
  const match = NOTIFICATION.exec(line.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The events one `#XNRFPROV:` line means; empty for other lines and for scheduling notices. */
export function parseXnrfprov(line: string): ProvisioningEvent[] {
  const status = xnrfprovStatus(line);
  if (status === undefined) return [];
  const text = `#XNRFPROV: ${status}`;
  if (status === 0) {
    return [
      {
        kind: 'no-commands',
        source: 'device',
        text: `${text}: provisioning done, or no commands were waiting (Serial Modem does not tell them apart)`,
      },
    ];
  }
  if (status === 1) {
    return [{ kind: 'host-action', action: 'lte-offline', text: `${text}: take LTE offline` }];
  }
  if (status === 2) {
    return [{ kind: 'host-action', action: 'lte-online', text: `${text}: bring LTE back` }];
  }
  const failure = failures[status];
  if (failure !== undefined) {
    return [
      {
        kind: 'failure',
        code: failure.code,
        isFatal: true,
        source: 'device',
        text: `${text}: ${failure.meaning}`,
      },
    ];
  }
  if (status < 0) {
    return [
      {
        kind: 'failure',
        code: 'PROVISIONING_FAILED',
        isFatal: true,
        source: 'device',
        text: `${text}: an error code this app does not know`,
      },
    ];
  }
  // A positive number above 2 is "next scheduled attempt in <n> s"; the overlay turns that off.
  return [];
}

/** Whether an `AT#XNRFPROV=?` reply (its information lines, final OK) shows the command exists. */
export function hasXnrfprovCommand(lines: readonly string[]): boolean {
  return lines.some((line) => /^#XNRFPROV\b/i.test(line.trim()));
}
