/**
 * `nrf-onboard simulate`: a simulated nRF91 on a pseudo-terminal, so the app (or any terminal
 * program) can be tried without hardware. Runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import type { FirmwareFamily } from '../device/options';
import { firmwareFamilies } from '../device/options';
import type { PtySimulatorOptions } from './ptySimulator';
import { startPtySimulator } from './ptySimulator';

export const SIMULATE_USAGE = `Usage: nrf-onboard simulate --firmware <at|slm|shell> [options]

  --firmware <family>     at (AT host), slm (Serial LTE Modem) or shell (Zephyr shell)
  --device-uuid <uuid>    device UUID inside the attestation token
  --device-type <n>       1-3 nRF9160, 4 nRF9161, 5 nRF9131, 6 nRF9151 (default 6)
  --pace                  deliver output at serial line speed (default 115200 baud)
  --baud <n>              line speed for --pace (implies --pace)
  --boot-output           print the boot banner / Ready / prompt at power-up
  --first-command-error   the first AT command after power-up fails (Nordic quirk)
  --no-attest             old modem firmware without %ATTESTTOKEN
  --reply-delay <ms>      modem answer time per command
  --log-every <ms>        shell: a log line this often
  --urc-every <ms>        a +CEREG notification this often
  -h, --help              this text`;

/** Console output and, for tests, a promise that ends the run instead of a signal. */
export interface SimulateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  until?: Promise<unknown>;
}

class UsageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    throw new UsageError(`--${name} must be a positive whole number, got "${text}"`);
  return Number(text);
}

function parse(argv: string[]): PtySimulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
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
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help === true) return 'help';
  const firmware = values.firmware;
  if (firmware === undefined) throw new UsageError('--firmware is required (at, slm or shell)');
  if (!(firmwareFamilies as readonly string[]).includes(firmware)) {
    throw new UsageError(
      `--firmware must be one of ${firmwareFamilies.join(', ')}, got "${firmware}"`,
    );
  }
  const uuid = values['device-uuid'];
  if (uuid !== undefined && !UUID.test(uuid))
    throw new UsageError(`--device-uuid must look like 8-4-4-4-12 hex, got "${uuid}"`);
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
  return options;
}

function untilSignal(): { promise: Promise<void>; dispose: () => void } {
  let onSignal: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    onSignal = resolve;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs the command; resolves with the exit code (0 done, 1 could not start, 2 bad arguments). */
export async function runSimulateCommand(argv: string[], io: SimulateIo): Promise<number> {
  let options: PtySimulatorOptions | 'help';
  try {
    options = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`nrf-onboard simulate: ${err.message}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(`${SIMULATE_USAGE}\n`);
    return 0;
  }

  const signal = io.until === undefined ? untilSignal() : undefined;
  try {
    let pty;
    try {
      pty = await startPtySimulator(options);
    } catch (err) {
      io.stderr(`nrf-onboard simulate: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    io.stdout(`${pty.path}\n`);
    const paced = options.pace === undefined ? 'unpaced' : `paced at ${options.pace.baudRate} baud`;
    io.stdout(
      `Simulated nRF91 (${options.firmware} firmware, ${paced}) is listening. Open ${pty.path} at 115200 baud ` +
        `in Onboarder or a terminal; press Ctrl-C to stop.\n`,
    );
    const stop = io.until ?? signal?.promise;
    await Promise.race([stop, pty.exited]);
    await pty.close();
    return 0;
  } finally {
    signal?.dispose();
  }
}
