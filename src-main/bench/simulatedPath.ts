/**
 * What the simulator itself spends from the trigger to "connected", per provisioning case: the
 * waits on the simulated device's critical path, in the order its code chains them
 * (sim/device/provisioningClient.ts, shellApps.ts, smProvisioning.ts, deviceSimulator.ts), in
 * real-world ms; times timeScale that is the floor no pipeline can beat. Pure, so a unit test
 * pins it to the simulator's timing constants.
 */
import { DEVICE_TIMING } from '../sim/device/deviceSimulator';
import { LIBRARY_TIMING } from '../sim/device/provisioningClient';
import { APP_TIMING } from '../sim/device/shellApps';
import { SM_TIMING } from '../sim/device/smProvisioning';

/** The cases of the claim → connected figure. */
export type ProvisioningCaseId = 'shell-lib-mid' | 'shell-lib-new' | 'att' | 'serial-modem';

/** One wait on the path, in real-world ms (before timeScale). */
export interface PathSegment {
  what: string;
  ms: number;
}

/**
 * One provisioning attempt that runs `commands` commands (the local cloud's onboarding rule
 * queues three): connect to the server, fetch, LTE off, run, LTE on and attach, settle, (CoAP:
 * DTLS again), report, fetch the now empty list. `lteSwitchMs`: the application's own LTE switch
 * (the shell sample and ATT); Serial Modem leaves it to the host, which costs it nothing here.
 */
function attempt(isCoap: boolean, commands: number, lteSwitchMs: number): PathSegment[] {
  const t = LIBRARY_TIMING;
  return [
    { what: 'DTLS handshake with the provisioning server', ms: t.dtlsHandshake },
    { what: 'request commands', ms: t.request },
    { what: 'LTE offline', ms: lteSwitchMs },
    { what: `run ${commands} command(s)`, ms: commands * t.perCommand },
    { what: 'LTE online', ms: lteSwitchMs },
    { what: 'LTE attach', ms: DEVICE_TIMING.lteAttach },
    { what: 'PDN settle', ms: t.pdnSettle },
    ...(isCoap ? [{ what: 'DTLS handshake again', ms: t.dtlsHandshake }] : []),
    { what: 'send the results', ms: t.request },
    { what: 'request commands (none left)', ms: t.request },
  ];
}

/** The critical path of a case from the trigger reaching the device to its "connected" line. */
export function simulatedPath(id: ProvisioningCaseId, commands = 3): PathSegment[] {
  switch (id) {
    case 'shell-lib-mid':
      return [
        ...attempt(false, commands, APP_TIMING.lteSwitch),
        { what: 'nRF Cloud CoAP connect', ms: APP_TIMING.cloudConnect },
      ];
    case 'shell-lib-new':
      return [
        ...attempt(true, commands, APP_TIMING.lteSwitch),
        { what: 'nRF Cloud CoAP connect', ms: APP_TIMING.cloudConnect },
      ];
    case 'att':
      // Rebooted: USB away, LTE up, a first connect refused (no credentials), which provisions.
      return [
        { what: 'USB re-enumeration', ms: DEVICE_TIMING.usbDown },
        { what: 'LTE attach after boot', ms: APP_TIMING.bootAttach },
        { what: 'first connect (refused)', ms: APP_TIMING.cloudConnect },
        ...attempt(true, commands, APP_TIMING.lteSwitch),
        { what: 'settle after provisioning', ms: APP_TIMING.attSettle },
        { what: 'nRF Cloud CoAP connect', ms: APP_TIMING.cloudConnect },
      ];
    case 'serial-modem':
      return [
        // It boots with LTE off (as a real one does); the app's AT+CFUN=1 starts the attach, which
        // the client waits for before it can reach the server (docs/protocol.md §11).
        { what: "LTE attach after the host's AT+CFUN=1", ms: DEVICE_TIMING.lteAttach },
        ...attempt(true, commands, 0),
        { what: 'AT#XNRFCLOUD=1 connect', ms: SM_TIMING.cloudConnect },
      ].filter((segment) => segment.ms > 0);
  }
}

/** The path's length in ms of the bench's clock: real-world ms × timeScale. */
export function simulatedMs(id: ProvisioningCaseId, timeScale: number, commands = 3): number {
  return simulatedPath(id, commands).reduce((sum, s) => sum + s.ms, 0) * timeScale;
}
