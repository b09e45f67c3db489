/**
 * The device-side `nrf_provisioning` library of a simulated nRF91 (docs/protocol.md §8, §9): one
 * attempt asks the provisioning service (through a DeviceProvisioningLink) for commands, has LTE
 * taken offline, runs them on the modem, has LTE brought back, reports the results and asks again.
 * It prints the library's own log lines per library version and tells the application (the
 * sample, ATT, Serial Modem) what happened through events, as the real callback does (§8.5).
 */
import type { CommandResult, DeviceCommand, FetchAnswer } from '../provisioningLink';
import type { DeviceProvisioningLink } from '../provisioningLink';
import type { SimulatedModem, StoredCredential } from './modem';
import type { ResolvedProvisioning } from './options';

/** Zephyr log levels the simulator prints. */
export type LogLevel = 'inf' | 'wrn' | 'err' | 'dbg';

/** What the library tells the application (the events of §8.5). */
export type LibraryEvent =
  | { kind: 'start' }
  | { kind: 'stop' }
  | { kind: 'need-lte-off' }
  | { kind: 'need-lte-on' }
  | { kind: 'done' }
  | { kind: 'no-commands' }
  | { kind: 'not-claimed'; token: string }
  | { kind: 'wrong-root-ca' }
  | { kind: 'no-valid-time' }
  | { kind: 'too-many-commands' }
  | { kind: 'failed'; reason: 'busy' | 'timeout' | 'error' }
  | { kind: 'fatal' };

/** What the library needs from the device around it. */
export interface LibraryHost {
  options: ResolvedProvisioning;
  deviceUuid: string;
  modem: SimulatedModem;
  link(): DeviceProvisioningLink | undefined;
  log(level: LogLevel, module: string, text: string): void;
  /** Resolves after `realMs` of real-world time (scaled by timeScale); never once the device resets. */
  sleep(realMs: number): Promise<void>;
  /** Resolves true once `isReady()` holds (checked on every network change), false after `realMs`. */
  waitForNetwork(isReady: () => boolean, realMs: number): Promise<boolean>;
  /** Subscribes to network registration changes; returns an unsubscribe function. */
  onNetworkChange(listener: () => void): () => void;
  /** Aborted when the device reboots or powers off. */
  signal: AbortSignal;
}

/** Real-world durations, in ms, before timeScale (docs/protocol.md §8.3, §8.4). */
export const LIBRARY_TIMING = {
  dtlsHandshake: 1500,
  request: 600,
  perCommand: 800,
  pdnSettle: 2000,
  validTimeWait: 60_000,
  modemStateWait: 120_000,
  retryBackoffS: 60,
} as const;

/** Default sec tag of nRF Cloud credentials (docs/protocol.md §6). */
export const CLOUD_SEC_TAG = 16842753;

const ENOEXEC = -8;
const EAGAIN = -11;
const ETIMEDOUT = -116;

class Aborted extends Error {}

/** The AT command the codec would run for a command, and what it stores (docs/protocol.md §6). */
function commandEffect(
  command: DeviceCommand,
): { at: string; stores: StoredCredential['kind'] } | undefined {
  switch (command.type) {
    case 'clientPrivateKeyGeneration':
    case 'cloudAccessKeyGeneration':
    case 'certificateSigningRequest':
      return { at: `AT%KEYGEN=${CLOUD_SEC_TAG},2,0`, stores: 'private-key' };
    case 'serverCertificate':
      return { at: `AT%CMNG=0,${CLOUD_SEC_TAG},0,"<PEM>"`, stores: 'root-ca' };
    case 'clientCertificate':
      return { at: `AT%CMNG=0,${CLOUD_SEC_TAG},1,"<PEM>"`, stores: 'client-certificate' };
    default:
      return undefined;
  }
}

/** One `nrf_provisioning` library instance; lives until the device reboots. */
export class ProvisioningLibrary {
  private running = false;
  private readonly transport: 'coap' | 'http';

  constructor(
    private readonly host: LibraryHost,
    private readonly onEvent: (event: LibraryEvent) => void,
  ) {
    this.transport = host.options.library === 'lib-new' ? 'coap' : 'http';
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** `nrf_provisioning_trigger_manually`: false when an attempt is already running. */
  trigger(): boolean {
    if (this.running) return false;
    this.running = true;
    void this.attempt().catch((error: unknown) => {
      if (!(error instanceof Aborted)) throw error;
    });
    return true;
  }

  private get module(): string {
    return `nrf_provisioning_${this.transport}`;
  }

  private log(level: LogLevel, text: string, module = 'nrf_provisioning'): void {
    if (level === 'dbg' && !this.host.options.hasDebugLogs) return;
    this.host.log(level, module, text);
  }

  private async step<T>(promise: Promise<T>): Promise<T> {
    const value = await promise;
    if (this.host.signal.aborted) throw new Aborted();
    return value;
  }

  private sleep(realMs: number): Promise<void> {
    return this.step(this.host.sleep(realMs));
  }

  private finish(event: LibraryEvent): void {
    this.running = false;
    // The sample README shows "Provisioning stopped" before "Provisioning done" (docs/protocol.md §10).
    this.onEvent({ kind: 'stop' });
    this.onEvent(event);
  }

  private async attempt(): Promise<void> {
    const o = this.host.options;
    const isMid = o.library !== 'lib-new';
    const offNetwork = isMid ? this.watchNetwork() : () => undefined;
    try {
      this.onEvent({ kind: 'start' });
      if (!(await this.hasNetworkTime())) {
        const what = isMid ? 'modem' : 'date';
        this.log('err', `Failed to get valid ${what} time, err ${ETIMEDOUT}`);
        this.finish({ kind: 'no-valid-time' });
        return;
      }
      let event = await this.rounds();
      // lib-old and lib-mid retry a busy or silent server by themselves ("retrying in n seconds").
      while (o.library !== 'lib-new' && event.kind === 'failed' && event.reason !== 'error') {
        await this.sleep(LIBRARY_TIMING.retryBackoffS * 1000);
        event = await this.rounds();
      }
      this.finish(event);
    } finally {
      offNetwork();
    }
  }

  /**
   * The JWT needs valid time, which the modem gets from the network once registered: an attempt
   * that starts unregistered (LTE off, e.g. a Serial Modem the host never switched on) waits for
   * registration up to the valid-time wait, then fails as no valid time; lib-old waits forever
   * (docs/protocol.md §8.2, §14.4). noNetworkTime: the time never comes, registered or not.
   */
  private async hasNetworkTime(): Promise<boolean> {
    const o = this.host.options;
    if (!o.isNoNetworkTime && this.isRegistered()) return true;
    const waitRegistered = () =>
      this.step(this.host.waitForNetwork(() => this.isRegistered(), LIBRARY_TIMING.validTimeWait));
    if (o.library === 'lib-old') {
      this.log('inf', 'Waiting for modem to acquire network time...');
      if (o.isNoNetworkTime) await this.step(new Promise<void>(() => undefined));
      while (!(await waitRegistered())) {
        // lib-old has no time limit here.
      }
      return true;
    }
    if (o.isNoNetworkTime) {
      await this.sleep(LIBRARY_TIMING.validTimeWait);
      return false;
    }
    return waitRegistered();
  }

  /** lib-old/lib-mid log the network going away and coming back during an attempt (§9.1). */
  private watchNetwork(): () => void {
    let wasRegistered = this.isRegistered();
    return this.host.onNetworkChange(() => {
      const isRegistered = this.isRegistered();
      if (isRegistered === wasRegistered) return;
      wasRegistered = isRegistered;
      if (!isRegistered) this.log('inf', 'Disconnected from network - provisioning paused');
      else if (this.host.modem.registrationStatus === 5)
        this.log('inf', 'Connected; roaming - provisioning resumed');
      else this.log('inf', 'Connected; home network - provisioning resumed');
    });
  }

  private isRegistered(): boolean {
    const stat = this.host.modem.registrationStatus;
    return this.host.modem.functionalMode === 1 && (stat === 1 || stat === 5);
  }

  /** Connects to the server; undefined when it may go on, else the event that ends the attempt. */
  private async connectServer(): Promise<LibraryEvent | undefined> {
    const o = this.host.options;
    if (this.transport === 'coap') this.log('inf', 'DTLS setup', this.module);
    await this.sleep(LIBRARY_TIMING.dtlsHandshake);
    if (o.isWrongRootCa) {
      this.log('err', 'Connection refused');
      this.log('wrn', `Please check the CA certificate stored in sectag ${o.rootCaSecTag}`);
      return { kind: 'wrong-root-ca' };
    }
    if (this.host.link() === undefined) {
      this.log('err', 'Unable to resolve address', this.module);
      this.log('err', `Provisioning failed, error: ${EAGAIN}`);
      return { kind: 'failed', reason: 'error' };
    }
    if (this.transport === 'coap') this.log('inf', 'Connected', this.module);
    if (o.isModemTooOld) {
      // docs/protocol.md §14.5: the JWT cannot be made on old modem firmware.
      this.log('err', `Failed to generate JWT, error: ${ENOEXEC}`, this.module);
      this.log('err', 'Failed to generate authentication token', this.module);
      this.log('err', `Provisioning failed, error: ${ENOEXEC}`);
      return { kind: 'failed', reason: 'error' };
    }
    return undefined;
  }

  private async fetch(): Promise<FetchAnswer | 'unreachable'> {
    const link = this.host.link();
    this.log('inf', 'Requesting commands', this.module);
    if (this.transport === 'http') this.log('inf', 'Connected', this.module);
    await this.sleep(LIBRARY_TIMING.request);
    if (link === undefined) return 'unreachable';
    try {
      return await this.step(link.fetchCommands(this.host.deviceUuid, this.host.signal));
    } catch (error) {
      if (error instanceof Aborted) throw error;
      return 'unreachable';
    }
  }

  private async rounds(): Promise<LibraryEvent> {
    const o = this.host.options;
    let hasExecuted = false;
    const failed = await this.connectServer();
    if (failed !== undefined) return failed;
    for (;;) {
      const answer = await this.fetch();
      if (answer === 'unreachable') return this.timedOut();
      switch (answer.kind) {
        case 'not-claimed':
          return this.notClaimed();
        case 'busy':
          this.log('err', 'Service unavailable', this.module);
          if (o.library === 'lib-new') this.log('wrn', 'Provisioning client busy');
          else this.log('wrn', `Busy, retrying in ${LIBRARY_TIMING.retryBackoffS} seconds`);
          return { kind: 'failed', reason: 'busy' };
        case 'too-many-commands':
          this.log('err', 'Not enough memory to process the incoming list of commands');
          return { kind: 'too-many-commands' };
        case 'no-commands':
          if (this.transport === 'coap') {
            this.log('inf', 'No commands to process on server side', this.module);
            this.log('dbg', 'nrf_provisioning_req: No commands to process');
          } else {
            this.log('inf', 'No more commands to process on server side', this.module);
          }
          // After a round that ran commands, an empty list means the work is done.
          return hasExecuted ? { kind: 'done' } : { kind: 'no-commands' };
        case 'commands': {
          if (answer.commands.length > o.maxCommands) {
            this.log('err', 'Not enough memory to process the incoming list of commands');
            return { kind: 'too-many-commands' };
          }
          this.log('inf', 'Processing commands', this.module);
          this.log(
            'dbg',
            `nrf_provisioning_codec_process: Received ${answer.commands.length} commands`,
            'nrf_provisioning_codec',
          );
          const isFinished = answer.commands.some((c) => c.type === 'finished');
          const work = answer.commands.filter((c) => c.type !== 'finished');
          if (work.length > 0) {
            const outcome = await this.execute(work);
            if (outcome.kind === 'failed') return outcome.event;
            hasExecuted = true;
            this.log('inf', 'Sending response to server', this.module);
            await this.report(outcome.results);
          }
          if (isFinished) {
            this.log('inf', 'Finished', this.module);
            return { kind: 'done' };
          }
        }
      }
    }
  }

  private timedOut(): LibraryEvent {
    if (this.host.options.library === 'lib-new') this.log('wrn', 'Provisioning timed out');
    else this.log('wrn', `Timeout, retrying in ${LIBRARY_TIMING.retryBackoffS} seconds`);
    return { kind: 'failed', reason: 'timeout' };
  }

  private notClaimed(): LibraryEvent {
    const o = this.host.options;
    if (o.unclaimedAs === 'wrong-credentials' && this.transport === 'coap') {
      // CoAP 4.03 is a generic failure in lib-new (docs/protocol.md §9.2, §14.2).
      this.log('err', 'Device provided wrong auth credentials', this.module);
      this.log('err', 'Provisioning failed, error: -1');
      return { kind: 'failed', reason: 'error' };
    }
    this.log(
      'err',
      this.transport === 'coap'
        ? 'Device not authorized'
        : 'Device provided wrong auth credentials',
      this.module,
    );
    this.log('wrn', 'Unauthorized access: device is not yet claimed.');
    return { kind: 'not-claimed', token: this.host.modem.attestationToken() };
  }

  private async execute(
    commands: readonly DeviceCommand[],
  ): Promise<{ kind: 'ok'; results: CommandResult[] } | { kind: 'failed'; event: LibraryEvent }> {
    const modem = this.host.modem;
    const isOld = this.host.options.library === 'lib-old';
    // §8.4: the modem must be offline to write credentials.
    if (isOld) modem.setFunctionalMode(4);
    else this.onEvent({ kind: 'need-lte-off' });
    const isOffline = await this.step(
      this.host.waitForNetwork(() => modem.functionalMode !== 1, LIBRARY_TIMING.modemStateWait),
    );
    if (!isOffline) return this.modeTimeout();
    const results: CommandResult[] = [];
    for (const command of commands) {
      await this.sleep(LIBRARY_TIMING.perCommand);
      const effect = commandEffect(command);
      if (effect !== undefined) {
        this.log(
          'dbg',
          `cmd_process: command: "${effect.at}", input buff len: 0`,
          'nrf_provisioning_codec',
        );
      }
      // The local cloud may say how a command is to fail (its fault injection), else the option.
      const cloudFault = command.failWith;
      const isFailing = cloudFault !== undefined || this.host.options.failCommand === command.type;
      const isStored =
        !isFailing &&
        (effect === undefined ||
          modem.storeCredential({ secTag: CLOUD_SEC_TAG, kind: effect.stores }));
      if (!isStored) {
        const error = cloudFault ?? 'AT cmd failed, error: 65536';
        this.log('err', error, 'nrf_provisioning_codec');
        // The server drops the failing command and every one after it (docs/protocol.md §6).
        results.push({ id: command.id, isOk: false, error });
        break;
      }
      results.push({ id: command.id, isOk: true });
    }
    if (isOld) modem.setFunctionalMode(1);
    else this.onEvent({ kind: 'need-lte-on' });
    const isOnline = await this.step(
      this.host.waitForNetwork(() => this.isRegistered(), LIBRARY_TIMING.modemStateWait),
    );
    if (!isOnline) return this.modeTimeout();
    if (isOld) this.log('inf', 'Modem connection restored');
    await this.sleep(LIBRARY_TIMING.pdnSettle);
    if (this.transport === 'coap') {
      this.log('inf', 'DTLS setup', this.module);
      await this.sleep(LIBRARY_TIMING.dtlsHandshake);
      this.log('inf', 'Connected', this.module);
    }
    return { kind: 'ok', results };
  }

  private modeTimeout(): { kind: 'failed'; event: LibraryEvent } {
    this.log('err', 'Timeout waiting for the desired functional mode');
    return { kind: 'failed', event: { kind: 'failed', reason: 'timeout' } };
  }

  private async report(results: readonly CommandResult[]): Promise<void> {
    const link = this.host.link();
    await this.sleep(LIBRARY_TIMING.request);
    if (link === undefined) return;
    try {
      await this.step(link.reportResults(this.host.deviceUuid, results, this.host.signal));
    } catch (error) {
      if (error instanceof Aborted) throw error;
      this.log('err', 'Failed to send response, ret -5', this.module);
    }
  }
}
