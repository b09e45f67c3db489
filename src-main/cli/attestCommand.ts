/**
 * `nrf-onboard attest --port <path> [--baud <n>] [--json]`: reads and decodes the attestation token
 * (the same AT session and mode detection as the app) and journals it before printing it.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/ipc/errors';
import { entryFromReading, openJournal } from '../cloud/journal';
import type { CliIo } from '../cloud/cliIo';
import { toErrorData } from '../cloud/errorData';
import { AtSession } from '../serial/atSession';
import { readDeviceIdentity } from '../serial/attest';
import type { SerialBinding } from '../serial/bindingTypes';

export const attestUsage = `Usage: nrf-onboard attest --port <path> [--baud <n>] [--json]

Opens the port, finds out how the firmware takes AT commands (plain, or with the \`at \`
prefix of the Zephyr shell), reads model, modem firmware and IMEI, then the attestation
token, decodes it and stores it in the token journal before printing it.

  --port <path>  the AT port, e.g. /dev/ttyACM0 or COM3 (see: nrf-onboard ports)
  --baud <n>     line speed (default 115200)
  --json         one JSON object on stdout: { token, deviceUuid, deviceType, firmwareUuid, mode, model?, firmware?, imei? }
`;

export async function runAttestCommand(
  argv: string[],
  io: CliIo,
  binding: () => Promise<SerialBinding>,
): Promise<number> {
  let options: { port: string; baudRate: number; json: boolean };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        baud: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(attestUsage);
      return 0;
    }
    if (!values.port) throw new Error('--port is required');
    const baudRate = values.baud === undefined ? 115200 : Number(values.baud);
    if (!Number.isInteger(baudRate) || baudRate <= 0)
      throw new Error(`--baud must be a positive whole number, not "${values.baud}"`);
    options = { port: values.port, baudRate, json: values.json === true };
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${attestUsage}`);
    return 2;
  }

  let session: AtSession | undefined;
  try {
    session = await AtSession.open({
      path: options.port,
      baudRate: options.baudRate,
      binding: await binding(),
    });
    const reading = await readDeviceIdentity(session, {
      onProgress: (step) => {
        if (!options.json) io.stderr.write(`${step}\n`);
      },
    });
    const token = reading.token;
    try {
      openJournal(io.env.ONBOARDER_DATA_DIR ?? io.defaultDataDir).add(entryFromReading(reading));
    } catch (error) {
      io.stderr.write(
        `Warning: the token could not be written to the journal: ${toErrorData(error).message}\n`,
      );
    }
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({
          token: reading.tokenRaw,
          deviceUuid: token.deviceUuid,
          deviceType: token.deviceTypeName,
          firmwareUuid: token.modemFirmwareUuid,
          mode: reading.mode,
          ...(reading.model ? { model: reading.model } : {}),
          ...(reading.firmware ? { firmware: reading.firmware } : {}),
          ...(reading.imei ? { imei: reading.imei } : {}),
        })}\n`,
      );
    } else {
      io.stderr.write(
        [
          `Device UUID     ${token.deviceUuid}`,
          `Device type     ${token.deviceTypeName}`,
          `Modem firmware  ${reading.firmware ?? '?'} (${token.modemFirmwareUuid})`,
          `Model           ${reading.model ?? '?'}`,
          `IMEI            ${reading.imei ?? '?'}`,
          `Firmware mode   ${reading.mode}`,
          ...reading.warnings.map((w) => `Warning: ${w}`),
          'Token (stored in the journal; keep it safe):',
          '',
        ].join('\n'),
      );
      io.stdout.write(`${reading.tokenRaw}\n`);
    }
    return 0;
  } catch (error) {
    const data = toErrorData(error);
    if (options.json)
      io.stdout.write(`${JSON.stringify({ error: { code: data.code, message: data.message } })}\n`);
    else io.stderr.write(`${data.code}: ${data.message}\n`);
    return error instanceof AppError ? 1 : 3;
  } finally {
    await session?.close().catch(() => undefined);
  }
}
