/**
 * The applications behind the simulated Zephyr shell, as far as provisioning goes: the
 * `nrf_provisioning` sample with its shell (docs/protocol.md §10) and the Asset Tracker Template
 * (§12). Each reacts to the library's events with its own log lines, takes LTE down and up itself
 * and connects to nRF Cloud through the DeviceProvisioningLink.
 */
import type { FirmwareContext } from './firmware';
import type { LibraryEvent, LogLevel, ProvisioningLibrary } from './provisioningClient';
import { CLOUD_SEC_TAG } from './provisioningClient';

/** What a shell command can do with the terminal. */
export interface ShellIo {
  /** One line of normal output. */
  print(text: string): void;
  /** One line in the shell's error colour. */
  error(text: string): void;
  /** Ends the command: the prompt comes back. */
  done(): void;
}

/** One root command of the shell, listed by `help`. */
export interface ShellCommand {
  name: string;
  help: string;
  /** Listed when the command is run without a subcommand. */
  subcommands?: ReadonlyArray<{ name: string; help: string }>;
  /** Absent: the command only lists its subcommands. */
  run?(args: readonly string[], io: ShellIo): void;
}

/** An application: extra root commands and what it does at power-up. */
export interface ShellApplication {
  commands: readonly ShellCommand[];
  /** Boot banner lines and boot log records, when the boot is seen. */
  banner: string;
  bootLogs: readonly string[];
  /** Runs at every power-up, after the boot output (if any). */
  start(): void;
}

/** Real-world durations of the applications, in ms before timeScale. */
export const APP_TIMING = {
  /** lte_lc_offline / lte_lc_connect issued after the library asks. */
  lteSwitch: 300,
  /** nRF Cloud CoAP connect, JWT included. */
  cloudConnect: 2000,
  /** After a boot: LTE attach before the first cloud attempt. */
  bootAttach: 4000,
  /** ATT's pause after provisioning before it connects (docs/protocol.md §12.1). */
  attSettle: 10_000,
  attBackoffStepS: 60,
  attBackoffMaxS: 3600,
  libOldReboot: 500,
} as const;

type Logger = (level: LogLevel, module: string, text: string) => void;

function hasCloudCredentials(ctx: FirmwareContext): boolean {
  return ctx.modem.storedCredentials.some(
    (c) => c.secTag === CLOUD_SEC_TAG && c.kind === 'private-key',
  );
}

async function connectCloud(
  ctx: FirmwareContext,
): Promise<'connected' | 'unauthorized' | 'unreachable'> {
  await ctx.sleep(APP_TIMING.cloudConnect);
  const link = ctx.link();
  if (link === undefined) return 'unreachable';
  try {
    const answer = await link.connect(
      ctx.options.deviceUuid,
      ctx.options.provisioning.clientId,
      ctx.signal,
    );
    return answer;
  } catch {
    return 'unreachable';
  }
}

function isLive(ctx: FirmwareContext): boolean {
  return !ctx.signal.aborted;
}

function switchLte(ctx: FirmwareContext, mode: 1 | 4): void {
  void ctx.sleep(APP_TIMING.lteSwitch).then(() => ctx.modem.setFunctionalMode(mode));
}

/** The subcommands of `nrf_provisioning` per library version (docs/protocol.md §10). */
function provisioningSubcommands(isOld: boolean): Array<{ name: string; help: string }> {
  return [
    ...(isOld ? [{ name: 'init', help: 'Start the client' }] : []),
    { name: 'interval', help: 'Set provisioning interval' },
    { name: 'now', help: 'Do provisioning now' },
    { name: 'token', help: 'Get the attestation token' },
    { name: 'uuid', help: 'Get device UUID' },
  ];
}

/** The `nrf_provisioning` sample with CONFIG_NRF_PROVISIONING_SHELL and nRF Cloud CoAP. */
export function createSampleApp(ctx: FirmwareContext, log: Logger): ShellApplication {
  const o = ctx.options.provisioning;
  const SAMPLE = 'nrf_provisioning_sample';
  const info = (text: string) => log('inf', SAMPLE, text);
  const library: ProvisioningLibrary = ctx.createLibrary(onEvent, log);

  async function connect(): Promise<void> {
    info('Connecting to nRF Cloud CoAP...');
    const answer = await connectCloud(ctx);
    if (!isLive(ctx)) return;
    if (answer === 'connected') info('nRF Cloud CoAP connection successful');
    else if (answer === 'unauthorized')
      log('wrn', SAMPLE, 'nRF Cloud CoAP connection failed, unauthorized or invalid credentials');
    else log('err', SAMPLE, 'Failed to connect to nRF Cloud CoAP, error: -11');
  }

  function onEvent(event: LibraryEvent): void {
    switch (event.kind) {
      case 'start':
        info('Provisioning started');
        return;
      case 'stop':
        info('Provisioning stopped');
        return;
      case 'need-lte-off':
        info('nRF Provisioning requires device to deactivate network');
        switchLte(ctx, 4);
        return;
      case 'need-lte-on':
        info('nRF Provisioning requires device to activate network');
        switchLte(ctx, 1);
        return;
      case 'done':
        if (o.library === 'lib-old') {
          // lib-old's default callback reboots; the new credentials are used after the boot (§8.4).
          info('Provisioning done, rebooting...');
          void ctx.sleep(APP_TIMING.libOldReboot).then(() => ctx.reboot());
          return;
        }
        info('Provisioning done');
        // "provisionined" is the sample's own spelling (docs/protocol.md §10).
        info('The device can now connect to the provisionined cloud service');
        void connect();
        return;
      case 'no-commands':
        info('Provisioning done, no commands received from the server');
        return;
      case 'not-claimed':
        log('wrn', SAMPLE, 'Provisioning failed, device not claimed');
        log('wrn', SAMPLE, "Claim the device using the device's attestation token on nrfcloud.com");
        log('wrn', SAMPLE, `Attestation token:\r\n\n${event.token}\r\n`);
        return;
      case 'wrong-root-ca':
        log(
          'err',
          SAMPLE,
          'Provisioning failed, wrong root CA certificate for nRF Cloud provisioned',
        );
        return;
      case 'no-valid-time':
        log('err', SAMPLE, 'Provisioning failed, no valid datetime reference');
        return;
      case 'fatal':
        log('err', SAMPLE, 'Provisioning error, irrecoverable');
        return;
      case 'too-many-commands':
      case 'failed':
        return;
    }
  }

  const command: ShellCommand = {
    name: 'nrf_provisioning',
    help: 'nRF Provisioning commands',
    subcommands: provisioningSubcommands(o.library === 'lib-old'),
    run(args, io) {
      const [sub, value] = args;
      switch (sub) {
        case 'now':
          io.done();
          // lib-new logs this at debug level only, so nothing shows (docs/protocol.md §10).
          if (o.library !== 'lib-new' || o.hasDebugLogs) {
            const level = o.library === 'lib-new' ? 'dbg' : 'inf';
            const text =
              level === 'dbg'
                ? 'nrf_provisioning_trigger_manually: Externally initiated provisioning'
                : 'Externally initiated provisioning';
            log(level, 'nrf_provisioning', text);
          }
          library.trigger();
          return;
        case 'token':
          io.print(ctx.modem.attestationToken());
          io.done();
          return;
        case 'uuid':
          io.print(ctx.options.deviceUuid);
          io.done();
          return;
        case 'init':
          io.done();
          return;
        case 'interval':
          if (value === undefined) {
            io.error('No interval provided');
            io.error('Usage: nrf_provisioning interval <seconds>');
          } else if (o.library === 'lib-new') {
            // Scheduled provisioning is off, so the library refuses (ENOTSUP).
            io.error('Failed to set provisioning interval, err -134');
          }
          io.done();
          return;
        default:
          io.error(`${sub ?? ''}: unknown parameter`);
          io.done();
      }
    },
  };

  return {
    commands: o.hasClient ? [command] : [],
    banner: '',
    bootLogs: [],
    start() {
      // A device that got its credentials before this boot connects once LTE is up.
      if (!o.hasClient || !hasCloudCredentials(ctx)) return;
      void ctx.sleep(APP_TIMING.bootAttach).then(() => connect());
    },
  };
}

/** The Asset Tracker Template's cloud module (docs/protocol.md §12), lib-new over CoAP. */
export function createAttApp(ctx: FirmwareContext, log: Logger): ShellApplication {
  const o = ctx.options.provisioning;
  const CLOUD = 'cloud';
  const wrn = (text: string) => log('wrn', CLOUD, text);
  const err = (text: string) => log('err', CLOUD, text);
  let backoffS = 0;
  let isConnected = false;
  let hasJustProvisioned = false;
  const library = ctx.createLibrary(onEvent, log);

  function later(realMs: number, then: () => void): void {
    void ctx.sleep(realMs).then(then);
  }

  function backoff(): void {
    // Linear back-off: 60, 120, 180 ... 3600 s (docs/protocol.md §12.1).
    backoffS = Math.min(backoffS + APP_TIMING.attBackoffStepS, APP_TIMING.attBackoffMaxS);
    wrn(`Connection attempt failed, backoff time: ${backoffS} seconds`);
    later(backoffS * 1000, () => void connect());
  }

  function settleThenConnect(): void {
    hasJustProvisioned = true;
    later(APP_TIMING.attSettle, () => void connect());
  }

  async function connect(): Promise<void> {
    log('inf', CLOUD, `Connecting to nRF Cloud CoAP with client ID: ${o.clientId}`);
    log('inf', 'nrf_cloud_coap_transport', 'Request authorization with JWT');
    const answer = await connectCloud(ctx);
    if (!isLive(ctx)) return;
    if (answer === 'connected') {
      log('inf', 'nrf_cloud_coap_transport', 'Authorization result_code: 2.01');
      log('inf', 'nrf_cloud_coap_transport', 'Authorized');
      log('inf', CLOUD, 'nRF Cloud CoAP connection successful');
      log('inf', CLOUD, 'Connected to Cloud');
      isConnected = true;
      backoffS = 0;
      return;
    }
    if (answer === 'unreachable') {
      wrn('nrf_cloud_coap_connect, error: -111');
      // Other connection errors lead to back-off, not to provisioning (docs/protocol.md §12.2).
      wrn('nRF Cloud CoAP connection refused');
      backoff();
      return;
    }
    wrn('nrf_cloud_coap_connect, error: -13');
    wrn('nRF Cloud CoAP connection failed, unauthorized or invalid credentials');
    if (hasJustProvisioned) {
      hasJustProvisioned = false;
      backoff();
    } else {
      library.trigger();
    }
  }

  function onEvent(event: LibraryEvent): void {
    switch (event.kind) {
      case 'start':
      case 'stop':
        return;
      case 'need-lte-off':
        wrn('nRF Provisioning requires device to deactivate LTE');
        switchLte(ctx, 4);
        return;
      case 'need-lte-on':
        wrn('nRF Provisioning requires device to activate LTE');
        switchLte(ctx, 1);
        return;
      case 'not-claimed':
        // v1.5.x: four records, the last one holding the token between markers (§12.4).
        wrn('Provisioning failed, device not claimed');
        wrn('Claim the device on nrfcloud.com using the attestation token below');
        wrn('Attestation token (copy the entire value between the lines):');
        wrn(
          `\n\r----- BEGIN ATTESTATION TOKEN -----\n\r\n\r${event.token}\n\r\n\r----- END ATTESTATION TOKEN -----`,
        );
        backoff();
        return;
      case 'done':
        log('dbg', CLOUD, 'nrf_provisioning_callback: Provisioning finished');
        settleThenConnect();
        return;
      case 'no-commands':
        wrn('No commands from the nRF Provisioning Service to process');
        wrn('Treating as provisioning finished');
        settleThenConnect();
        return;
      case 'too-many-commands':
        err('Provisioning failed, too many commands for the device to handle');
        settleThenConnect();
        return;
      case 'failed':
        err('Provisioning failed');
        backoff();
        return;
      case 'no-valid-time':
        err('Provisioning failed, no valid datetime reference');
        backoff();
        return;
      case 'wrong-root-ca':
        // Treated as fatal: the module stops trying (docs/protocol.md §12.2).
        err('Provisioning failed, wrong CA certificate');
        return;
      case 'fatal':
        err('Provisioning error');
        return;
    }
  }

  const attCloud: ShellCommand = {
    name: 'att_cloud',
    help: 'Asset Tracker Template Cloud CMDs',
    subcommands: [
      { name: 'provision', help: 'Perform provisioning' },
      { name: 'publish', help: 'Publish data to the cloud' },
    ],
    run(args, io) {
      // Acted on only while connected (docs/protocol.md §12.3).
      if (args[0] === 'provision' && isConnected) library.trigger();
      else if (args[0] !== 'provision' && args[0] !== 'publish')
        io.error(`${args[0] ?? ''}: unknown parameter`);
      io.done();
    },
  };
  const attNetwork: ShellCommand = {
    name: 'att_network',
    help: 'Asset Tracker Template Network CMDs',
    subcommands: [
      { name: 'connect', help: 'Connect to LTE' },
      { name: 'disconnect', help: 'Disconnect from LTE' },
    ],
    run(args, io) {
      if (args[0] === 'connect') ctx.modem.setFunctionalMode(1);
      else if (args[0] === 'disconnect') ctx.modem.setFunctionalMode(4);
      else io.error(`${args[0] ?? ''}: unknown parameter`);
      io.done();
    },
  };

  return {
    commands: [attCloud, attNetwork],
    banner:
      '*** Booting Asset Tracker Template v1.5.3 - 9c8e6ab ***\r\n' +
      '*** Using nRF Connect SDK v3.4.0-rc2 ***\r\n' +
      '*** Using Zephyr OS v4.2.99 ***\r\n',
    bootLogs: ['<inf> nrf_provisioning_coap: Init CoAP client'],
    start() {
      // Seen booting: it tries the cloud once LTE is up. Booted long ago: it sits in back-off.
      const isSeenBooting = ctx.isReboot || ctx.options.hasBootOutput;
      if (isSeenBooting) later(APP_TIMING.bootAttach, () => void connect());
      else {
        backoffS = APP_TIMING.attBackoffStepS;
        later(backoffS * 1000, () => void connect());
      }
    },
  };
}
