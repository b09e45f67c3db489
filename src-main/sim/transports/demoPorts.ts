/**
 * The demo mode's devices: what a developer with an nRF9151 DK and a Thingy:91 X plugged into a
 * Linux machine would see (docs/protocol.md §3).
 */
import { DeviceSimulator } from '../device/deviceSimulator';
import { makeImei } from '../device/options';
import type { Scheduler } from '../device/scheduler';
import type { DeviceProvisioningLink } from '../provisioningLink';
import type { SimulatedPortSpec } from './simulatedBinding';

export const DEMO_DK_SERIAL = '001051234567';
export const DEMO_DK_UUID = '3f6a1c2e-8b4d-4e7f-a915-2c7d0b6e4a81';
export const DEMO_THINGY_SERIAL = 'THINGY91X_A1B2C3D4E5F6';
export const DEMO_THINGY_UUID = 'c8e2d4f6-1a3b-4c5d-8e7f-9a0b1c2d3e4f';

/** Demo devices provision at a pace a person can follow: a round takes a few seconds. */
export const DEMO_TIME_SCALE = 0.2;

/**
 * A fresh set of demo ports with powered-up simulators (pass a scheduler to drive them by hand,
 * and the local cloud's link so the Thingy:91 X can provision).
 */
export function demoPorts(
  scheduler?: Scheduler,
  link?: DeviceProvisioningLink,
): SimulatedPortSpec[] {
  const provisioning = {
    timeScale: DEMO_TIME_SCALE,
    ...(link === undefined ? {} : { link }),
  };
  const dk = new DeviceSimulator(
    {
      firmware: 'at',
      deviceUuid: DEMO_DK_UUID,
      deviceType: 6,
      imei: makeImei(510001),
      replyDelayMs: 40,
      unsolicitedEveryMs: 45_000,
    },
    scheduler,
  );
  const thingy = new DeviceSimulator(
    {
      firmware: 'shell',
      deviceUuid: DEMO_THINGY_UUID,
      deviceType: 6,
      imei: makeImei(910002),
      replyDelayMs: 40,
      logLinesEveryMs: 9_000,
      provisioning,
    },
    scheduler,
  );
  const segger = {
    manufacturer: 'SEGGER',
    serialNumber: DEMO_DK_SERIAL,
    vendorId: '1366',
    productId: '1059',
  };
  const nordic = {
    manufacturer: 'Nordic Semiconductor ASA',
    serialNumber: DEMO_THINGY_SERIAL,
    vendorId: '1915',
    // Linux (udev) reports USB ids in lower case.
    productId: '910a',
  };
  return [
    {
      path: '/dev/ttyACM0',
      info: { ...segger, pnpId: `usb-SEGGER_J-Link_${DEMO_DK_SERIAL}-if00` },
      simulator: dk,
    },
    {
      path: '/dev/ttyACM1',
      info: { ...segger, pnpId: `usb-SEGGER_J-Link_${DEMO_DK_SERIAL}-if01` },
    },
    {
      path: '/dev/ttyACM2',
      info: {
        ...nordic,
        pnpId: `usb-Nordic_Semiconductor_ASA_Thingy_91_X_${DEMO_THINGY_SERIAL}-if00`,
      },
      simulator: thingy,
    },
    {
      path: '/dev/ttyACM3',
      info: {
        ...nordic,
        pnpId: `usb-Nordic_Semiconductor_ASA_Thingy_91_X_${DEMO_THINGY_SERIAL}-if01`,
      },
    },
  ];
}
