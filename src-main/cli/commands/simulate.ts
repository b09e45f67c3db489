/**
 * `nrf-onboard simulate`: a simulated nRF91 on a pseudo-terminal, so the app (or any terminal
 * program) can be tried without hardware. Runs until SIGINT/SIGTERM.
 */
import {
  firmwareFamilies,
  provisioningLibraries,
  type FirmwareFamily,
  type ProvisioningLibrary,
  type SimProvisioningOptions,
} from '../../sim/device/options';
import { createHttpProvisioningLink } from '../../sim/fakeCloud/httpDeviceLink';
import type { DeviceProvisioningLink } from '../../sim/provisioningLink';
import { startPtySimulator, type PtySimulatorOptions } from '../../sim/transports/ptySimulator';
import { defineCommand, EXIT_OK, positiveInt, UsageError, untilStopped } from '../command';

export const usage = `Usage: nrf-onboard simulate --firmware <at|slm|shell|att> [options]

Prints the pseudo-terminal's path on the first line of stdout, then waits.

  --firmware <family>     at (AT host), slm (Serial LTE Modem), shell (Zephyr shell with
                          nrf_provisioning) or att (Asset Tracker Template)
  --device-uuid <uuid>    device UUID inside the attestation token
  --device-type <n>       1-3 nRF9160, 4 nRF9161, 5 nRF9131, 6 nRF9151 (default 6)
  --imei <15 digits>      AT+CGSN reply
  --pace                  deliver output at serial line speed (default 115200 baud)
  --baud <n>              line speed for --pace (implies --pace)
  --boot-output           print the boot banner / Ready / prompt at power-up
  --first-command-error   the first AT command after power-up fails (Nordic quirk)
  --no-attest             old modem firmware without %ATTESTTOKEN
  --reply-delay <ms>      modem answer time per command (0 allowed)
  --log-every <ms>        shell: a log line this often
  --urc-every <ms>        a +CEREG notification this often
  --link-path <path>      a symlink to the pty that survives a reboot (the port re-enumerates)

Provisioning (docs/protocol.md §8-§14):
  --cloud <url>           the local nRF Cloud (nrf-onboard fake-cloud) whose provisioning
                          service the device uses, e.g. http://127.0.0.1:8080
  --provisioning          slm: built with the provisioning overlay (AT#XNRFPROV)
  --no-provisioning       shell: without the nrf_provisioning shell
  --library <version>     shell: lib-old, lib-mid (default) or lib-new
  --time-scale <x>        real-world durations times this (default 0.02)
  --wrong-root-ca         the provisioning root CA sec tag holds a wrong certificate
  --no-network-time       the modem never gets network time
  --modem-too-old         JWT generation fails (default on an nRF9160)
  --device-id-mismatch    connects to nRF Cloud as nrf-<IMEI> instead of its UUID
  --unclaimed-403         the server answers an unclaimed device with 4.03
  --fail-command <type>   commands of this type fail on the device
  --max-commands <n>      command records the device can hold
  --modem-logs            slm: print the sm_provisioning log lines on the AT port
  --lte-off-at-boot       slm: boot with LTE off (CFUN=0), as a real Serial Modem does; the host
                          brings it up with AT+CFUN=1
  --debug-logs            also print the library's <dbg> lines
  --log-colors            ANSI colour on <wrn> and <err> lines
  --no-usb-drop           a reboot keeps the port (only the boot output shows)
  -h, --help              this text
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Families on the command line: the three wire families plus ATT, which is a shell app. */
const FIRMWARES = [...firmwareFamilies, 'att'] as const;

function timeScale(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(value > 0))
    throw new UsageError(`--time-scale must be a positive number, not "${text}".`);
  return value;
}

export const { run } = defineCommand({
  usage,
  options: {
    firmware: { type: 'string' },
    'device-uuid': { type: 'string' },
    'device-type': { type: 'string' },
    imei: { type: 'string' },
    pace: { type: 'boolean' },
    baud: { type: 'string' },
    'boot-output': { type: 'boolean' },
    'first-command-error': { type: 'boolean' },
    'no-attest': { type: 'boolean' },
    'reply-delay': { type: 'string' },
    'log-every': { type: 'string' },
    'urc-every': { type: 'string' },
    'link-path': { type: 'string' },
    cloud: { type: 'string' },
    provisioning: { type: 'boolean' },
    'no-provisioning': { type: 'boolean' },
    library: { type: 'string' },
    'time-scale': { type: 'string' },
    'wrong-root-ca': { type: 'boolean' },
    'no-network-time': { type: 'boolean' },
    'modem-too-old': { type: 'boolean' },
    'device-id-mismatch': { type: 'boolean' },
    'unclaimed-403': { type: 'boolean' },
    'fail-command': { type: 'string' },
    'max-commands': { type: 'string' },
    'modem-logs': { type: 'boolean' },
    'lte-off-at-boot': { type: 'boolean' },
    'debug-logs': { type: 'boolean' },
    'log-colors': { type: 'boolean' },
    'no-usb-drop': { type: 'boolean' },
  },
  deps: () => ({}),
  async run({ values, io, out }) {
    const firmware = values.firmware;
    if (firmware === undefined)
      throw new UsageError('--firmware is required (at, slm, shell or att).');
    if (!(FIRMWARES as readonly string[]).includes(firmware)) {
      throw new UsageError(`--firmware must be one of ${FIRMWARES.join(', ')}, not "${firmware}".`);
    }
    const uuid = values['device-uuid'];
    if (uuid !== undefined && !UUID.test(uuid))
      throw new UsageError(`--device-uuid must look like 8-4-4-4-12 hex, not "${uuid}".`);
    const imei = values.imei;
    if (imei !== undefined && !/^\d{15}$/.test(imei))
      throw new UsageError(`--imei must be 15 digits, not "${imei}".`);
    const library = values.library;
    if (library !== undefined && !(provisioningLibraries as readonly string[]).includes(library)) {
      throw new UsageError(
        `--library must be one of ${provisioningLibraries.join(', ')}, not "${library}".`,
      );
    }
    if (values.provisioning === true && values['no-provisioning'] === true)
      throw new UsageError('--provisioning and --no-provisioning contradict each other.');
    const cloud = values.cloud;
    let link: DeviceProvisioningLink | undefined;
    if (cloud !== undefined) {
      try {
        link = createHttpProvisioningLink(cloud);
      } catch (error) {
        throw new UsageError(
          `--cloud must be the local nRF Cloud's http://127.0.0.1:<port> URL: ${(error as Error).message}`,
        );
      }
    }
    const deviceType = positiveInt('device-type', values['device-type']);
    const baud = positiveInt('baud', values.baud);
    const replyDelay =
      values['reply-delay'] === '0' ? 0 : positiveInt('reply-delay', values['reply-delay']);
    const logEvery = positiveInt('log-every', values['log-every']);
    const urcEvery = positiveInt('urc-every', values['urc-every']);
    const maxCommands = positiveInt('max-commands', values['max-commands']);
    const scale = timeScale(values['time-scale']);

    const isAtt = firmware === 'att';
    const options: PtySimulatorOptions = {
      firmware: isAtt ? 'shell' : (firmware as FirmwareFamily),
    };
    if (isAtt) options.shellApp = 'att';
    if (uuid !== undefined) options.deviceUuid = uuid;
    if (deviceType !== undefined) options.deviceType = deviceType;
    if (imei !== undefined) options.imei = imei;
    if (values.pace === true || baud !== undefined) options.pace = { baudRate: baud ?? 115200 };
    if (values['boot-output'] === true) options.bootOutput = true;
    if (values['first-command-error'] === true) options.firstCommandError = true;
    if (values['no-attest'] === true) options.attestSupported = false;
    if (replyDelay !== undefined) options.replyDelayMs = replyDelay;
    if (logEvery !== undefined) options.logLinesEveryMs = logEvery;
    if (urcEvery !== undefined) options.unsolicitedEveryMs = urcEvery;
    if (values['link-path'] !== undefined) options.linkPath = values['link-path'];
    if (values['log-colors'] === true) options.logColors = true;
    if (values['no-usb-drop'] === true) options.rebootDropsUsb = false;

    const provisioning: SimProvisioningOptions = {};
    if (link !== undefined) provisioning.link = link;
    if (values.provisioning === true) provisioning.client = true;
    if (values['no-provisioning'] === true) provisioning.client = false;
    if (library !== undefined) provisioning.library = library as ProvisioningLibrary;
    if (scale !== undefined) provisioning.timeScale = scale;
    if (values['wrong-root-ca'] === true) provisioning.wrongRootCa = true;
    if (values['no-network-time'] === true) provisioning.noNetworkTime = true;
    if (values['modem-too-old'] === true) provisioning.modemTooOld = true;
    if (values['device-id-mismatch'] === true) provisioning.deviceIdMismatch = true;
    if (values['unclaimed-403'] === true) provisioning.unclaimedAs = 'wrong-credentials';
    if (values['fail-command'] !== undefined) provisioning.failCommand = values['fail-command'];
    if (maxCommands !== undefined) provisioning.maxCommands = maxCommands;
    if (values['modem-logs'] === true) provisioning.modemLogs = true;
    if (values['lte-off-at-boot'] === true) provisioning.lteOffAtBoot = true;
    if (values['debug-logs'] === true) provisioning.debugLogs = true;
    options.provisioning = provisioning;

    // Listen before starting, so a Ctrl-C during start-up is not lost.
    const stopped = untilStopped(io);
    const pty = await startPtySimulator(options);
    out.text(pty.path);
    const paced = options.pace === undefined ? 'unpaced' : `paced at ${options.pace.baudRate} baud`;
    out.text(
      `Simulated nRF91 (${firmware} firmware, ${paced}) is listening. Open ${pty.path} at 115200 baud ` +
        `in Onboarder or a terminal; press Ctrl-C to stop.`,
    );
    await Promise.race([stopped, pty.exited]);
    await pty.close();
    return EXIT_OK;
  },
});
