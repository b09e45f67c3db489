/**
 * The provisioning view of a job that was not asked to provision (the setting is off, or
 * --no-provision): nothing was looked at, and the skip reason travels as a code, so that no one
 * reads it back out of the note (issue 13).
 */
import type { ProvisioningView } from '../../src-shared/ipc/provisioning';

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
