/**
 * The provisioning view of a job that was not asked to provision (the setting is off, or
 * --no-provision): nothing was looked at, and the skip reason travels as a code, so that no one
 * reads it back out of the note (issue 13).
 */
import type { ProvisioningView } from '../../src-shared/ipc/provisioning';
import { unsupportedMessage } from '../../src-shared/provisioning/family';

/** The note of a job that was not asked to provision, here and in the CLI's outcome. */
export const NOT_ASKED_NOTE =
  'Not provisioned: provisioning was turned off (--no-provision, or the app setting).';

/** Provisioning not asked for: the device was not looked at, so its family is `none`. */
export const notAskedView = (timeoutMs: number): ProvisioningView => ({
  family: 'none',
  familyReason: 'not looked at: provisioning was turned off',
  stages: [],
  commands: [],
  lteDrops: 0,
  timeoutMs,
  skipReason: 'turned-off',
  note: NOT_ASKED_NOTE,
});

/**
 * An AT-host device the team had claimed already: its firmware cannot fetch credentials, which
 * the token session showed, so it is not looked at again; the view says why (docs/protocol.md §13).
 */
const AT_HOST_REASON = 'it answered the token request as AT-host firmware';

export const atHostView = (timeoutMs: number): ProvisioningView => ({
  family: 'at-host',
  familyReason: AT_HOST_REASON,
  stages: [],
  commands: [],
  lteDrops: 0,
  timeoutMs,
  skipReason: 'unsupported',
  note: unsupportedMessage({ family: 'at-host', reason: AT_HOST_REASON }),
});
