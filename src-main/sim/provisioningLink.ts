/**
 * How a simulated device reaches the local nRF Cloud's provisioning service, as a real device's
 * `nrf_provisioning` library reaches coap.nrfcloud.com (docs/protocol.md §8.2, §8.4): it asks for
 * its commands, runs them, reports the results, and later connects to nRF Cloud with the new
 * credentials. The fake cloud implements it in-process (demo, tests) and over HTTP (a simulator in
 * another process: `nrf-onboard simulate --cloud <url>`). The simulated firmware only calls it.
 */

/** One command as the device receives it (the `request` object of §6, by type). */
export interface DeviceCommand {
  id: string;
  /** e.g. clientPrivateKeyGeneration, cloudAccessKeyGeneration, serverCertificate, finished. */
  type: string;
  /**
   * The local cloud's fault injection, never sent by a real service: the simulated device runs
   * this command as failing with these words (e.g. "AT cmd failed, error: 65536").
   */
  failWith?: string;
}

/** The service's answer to "any commands for me?" (`GET p/cmd`). */
export type FetchAnswer =
  /** Not claimed, or claimed by a team other than the one that holds the rules (§14.2). */
  | { kind: 'not-claimed' }
  /** Claimed, but no active rule carried its tags, or every command ran: nothing to do (§14.1). */
  | { kind: 'no-commands' }
  | { kind: 'commands'; commands: DeviceCommand[] }
  /** More commands than the device can hold (§14.8). */
  | { kind: 'too-many-commands'; count: number }
  /** The service is busy: the library retries later (§8.5). */
  | { kind: 'busy' };

/** The outcome of one command, as the device reports it (`POST p/rsp`). */
export interface CommandResult {
  id: string;
  isOk: boolean;
  /** Why it failed, in the device's words (e.g. "AT cmd failed, error: 65536"). */
  error?: string;
}

export interface DeviceProvisioningLink {
  fetchCommands(deviceUuid: string, signal?: AbortSignal): Promise<FetchAnswer>;
  reportResults(
    deviceUuid: string,
    results: readonly CommandResult[],
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * The device connects to nRF Cloud with client id `clientId` (its UUID, unless the firmware
   * uses another id, §14.6). 'connected' once provisioned under that id, else 'unauthorized'.
   */
  connect(
    deviceUuid: string,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<'connected' | 'unauthorized'>;
}
