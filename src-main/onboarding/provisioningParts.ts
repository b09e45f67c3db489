/**
 * The real parts of the provisioning step: the device side of src-main/provisioning
 * (deviceProvisioner.ts) and the cloud watch (cloudWatch.ts), fitted to the interfaces the
 * pipeline's ProvisioningRun asks for. The window, station mode and the CLI all use these.
 */
import { AppError } from '../../src-shared/ipc/errors';
import { detectFamily, startDeviceProvisioning } from '../provisioning/deviceProvisioner';
import { watchCloud } from '../provisioning/cloudWatch';
import type {
  CloudProvisioningWatch,
  DeviceProvisioning,
  ProvisioningParts,
} from './provisioningRun';

const device: DeviceProvisioning = {
  detect: (session, { signal }) => detectFamily(session, { signal }),
  async start({ session, family, signal, onEvent, reopen }) {
    const started = await startDeviceProvisioning({
      session,
      detection: { family, reason: 'detected before the trigger' },
      onEvent,
      reopen,
      signal,
    });
    const { outcome } = started;
    if (outcome.kind === 'triggered') return; // it reads on until the signal aborts
    started.stop();
    throw new AppError(outcome.error.code, outcome.error.message, outcome.error.detail);
  },
};

const cloud: CloudProvisioningWatch = async ({ adapter, deviceId, signal, onEvent }) => {
  await watchCloud({ adapter, deviceId, signal, onEvent });
};

/** The parts with the app's defaults; tests and the simulator bench may shorten the limits. */
export function provisioningParts(
  limits: Pick<ProvisioningParts, 'noCommandsGraceMs' | 'reopenTimeoutMs'> = {},
): ProvisioningParts {
  return { device, cloud, ...limits };
}
