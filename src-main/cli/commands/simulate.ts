/**
 * `nrf-onboard simulate`: a simulated nRF91 on a pseudo-terminal, so the app (or any terminal
 * program) can be tried without hardware. Runs until SIGINT/SIGTERM.
 */
import { firmwareFamilies, type FirmwareFamily } from '../../sim/device/options';
import { startPtySimulator, type PtySimulatorOptions } from '../../sim/transports/ptySimulator';
import { defineCommand, EXIT_OK, positiveInt, UsageError, untilStopped } from '../command';

export const usage = `Usage: nrf-onboard simulate --firmware <at|slm|shell> [options]

Prints the pseudo-terminal's path on the first line of stdout, then waits.

  --firmware <family>     at (AT host), slm (Serial LTE Modem) or shell (Zephyr shell)
  --device-uuid <uuid>    device UUID inside the attestation token
  --device-type <n>       1-3 nRF9160, 4 nRF9161, 5 nRF9131, 6 nRF9151 (default 6)
  --pace                  deliver output at serial line speed (default 115200 baud)
  --baud <n>              line speed for --pace (implies --pace)
  --boot-output           print the boot banner / Ready / prompt at power-up
  --first-command-error   the first AT command after power-up fails (Nordic quirk)
  --no-attest             old modem firmware without %ATTESTTOKEN
  --reply-delay <ms>      modem answer time per command (0 allowed)
  --log-every <ms>        shell: a log line this often
  --urc-every <ms>        a +CEREG notification this often
  -h, --help              this text
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const { run } = defineCommand({
  usage,
  options: {
    firmware: { type: 'string' },
    'device-uuid': { type: 'string' },
    'device-type': { type: 'string' },
    pace: { type: 'boolean' },
    baud: { type: 'string' },
    'boot-output': { type: 'boolean' },
    'first-command-error': { type: 'boolean' },
    'no-attest': { type: 'boolean' },
    'reply-delay': { type: 'string' },
    'log-every': { type: 'string' },
    'urc-every': { type: 'string' },
  },
  deps: () => ({}),
  async run({ values, io, out }) {
    const firmware = values.firmware;
    if (firmware === undefined) throw new UsageError('--firmware is required (at, slm or shell).');
    if (!(firmwareFamilies as readonly string[]).includes(firmware)) {
      throw new UsageError(
        `--firmware must be one of ${firmwareFamilies.join(', ')}, not "${firmware}".`,
      );
    }
    const uuid = values['device-uuid'];
    if (uuid !== undefined && !UUID.test(uuid))
      throw new UsageError(`--device-uuid must look like 8-4-4-4-12 hex, not "${uuid}".`);
    const deviceType = positiveInt('device-type', values['device-type']);
    const baud = positiveInt('baud', values.baud);
    const replyDelay =
      values['reply-delay'] === '0' ? 0 : positiveInt('reply-delay', values['reply-delay']);
    const logEvery = positiveInt('log-every', values['log-every']);
    const urcEvery = positiveInt('urc-every', values['urc-every']);

    const options: PtySimulatorOptions = { firmware: firmware as FirmwareFamily };
    if (uuid !== undefined) options.deviceUuid = uuid;
    if (deviceType !== undefined) options.deviceType = deviceType;
    if (values.pace === true || baud !== undefined) options.pace = { baudRate: baud ?? 115200 };
    if (values['boot-output'] === true) options.bootOutput = true;
    if (values['first-command-error'] === true) options.firstCommandError = true;
    if (values['no-attest'] === true) options.attestSupported = false;
    if (replyDelay !== undefined) options.replyDelayMs = replyDelay;
    if (logEvery !== undefined) options.logLinesEveryMs = logEvery;
    if (urcEvery !== undefined) options.unsolicitedEveryMs = urcEvery;

    // Listen before starting, so a Ctrl-C during start-up is not lost.
    const stopped = untilStopped(io);
    const pty = await startPtySimulator(options);
    out.text(pty.path);
    const paced = options.pace === undefined ? 'unpaced' : `paced at ${options.pace.baudRate} baud`;
    out.text(
      `Simulated nRF91 (${options.firmware} firmware, ${paced}) is listening. Open ${pty.path} at 115200 baud ` +
        `in Onboarder or a terminal; press Ctrl-C to stop.`,
    );
    await Promise.race([stopped, pty.exited]);
    await pty.close();
    return EXIT_OK;
  },
});
