/**
 * `nrf-onboard attest --port <path> [--baud <n>] [--json]`: reads and decodes the attestation token
 * (the same AT session and mode detection as the app) and journals it before printing it.
 */
import { groupPorts } from '../../../src-shared/devices/groupPorts';
import type { PortInfo } from '../../../src-shared/devices/kits';
import { modelLabel } from '../../../src-shared/devices/modelLabel';
import { entryFromReading } from '../../cloud/journal';
import { toErrorData } from '../../cloud/errorData';
import { resolveDataDir } from '../../persistence/dataDir';
import { AtSession } from '../../serial/atSession';
import { portsFor } from '../../serial/usbIdentity';
import { readDeviceIdentity } from '../../serial/attest';
import type { SerialBinding } from '../../serial/bindingTypes';
import { nativeBinding } from '../../serial/portConnection';
import { defineCommand, EXIT_OK, positiveInt, UsageError } from '../command';
import { openCommandJournal } from '../fileNotices';

export const usage = `Usage: nrf-onboard attest --port <path> [--baud <n>] [--json] [--data-dir <path>]

Opens the port, finds out how the firmware takes AT commands (plain, or with the \`at \`
prefix of the Zephyr shell), reads model, modem firmware and IMEI, then the attestation
token, decodes it and stores it in the token journal before printing it.

  --port <path>      the AT port, e.g. /dev/ttyACM0 or COM3 (see: nrf-onboard ports)
  --baud <n>         line speed (default 115200)
  --json             one JSON object on stdout: { token, deviceUuid, deviceType, firmwareUuid, mode, model?, firmware?, imei? }
  --data-dir <path>  the app's data folder, for the journal (default: ONBOARDER_DATA_DIR, else the app's own)
  -h, --help         this text
`;

export interface AttestDeps {
  binding: () => Promise<SerialBinding>;
  /**
   * The ports to name the kit on `path` by: for the native binding, sysfs on Linux (portsFor);
   * for any other (a simulated one), the binding's own list.
   */
  portsOf: (path: string, binding: SerialBinding) => Promise<PortInfo[]>;
}

export const { run } = defineCommand({
  usage,
  options: {
    port: { type: 'string', short: 'p' },
    baud: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  deps: (): AttestDeps => ({
    binding: nativeBinding,
    // sysfs describes the machine's own ports only: a binding passed in (a simulated one) lists.
    portsOf: async (path, binding) =>
      binding === (await nativeBinding())
        ? portsFor(path, { list: () => binding.list() })
        : binding.list(),
  }),
  async run({ values, io, out, deps }) {
    if (!values.port) throw new UsageError('--port is required.');
    const baudRate = positiveInt('baud', values.baud) ?? 115200;
    const binding = await deps.binding();
    // The kit's name comes from sysfs on Linux (udevadm's full list took about 100 ms), elsewhere
    // from the port list; either way it is looked up while the device is read, not before.
    const kitLookup = kitOfPort(values.port, deps.portsOf(values.port, binding));
    let session: AtSession;
    try {
      session = await AtSession.open({ path: values.port, baudRate, binding });
    } catch (error) {
      await kitLookup;
      throw error;
    }
    try {
      const reading = await readDeviceIdentity(session, { onProgress: out.progress });
      const kit = await kitLookup;
      const token = reading.token;
      try {
        openCommandJournal(io, resolveDataDir({ flag: values['data-dir'], env: io.env })).add(
          entryFromReading(reading, kit),
        );
      } catch (error) {
        out.warn(`the token could not be written to the journal: ${toErrorData(error).message}`);
      }
      if (out.isJson) {
        out.json({
          token: reading.tokenRaw,
          deviceUuid: token.deviceUuid,
          deviceType: token.deviceTypeName,
          firmwareUuid: token.modemFirmwareUuid,
          mode: reading.mode,
          ...(reading.model ? { model: reading.model } : {}),
          ...(reading.firmware ? { firmware: reading.firmware } : {}),
          ...(reading.imei ? { imei: reading.imei } : {}),
        });
      } else {
        io.stderr.write(
          [
            `Device UUID     ${token.deviceUuid}`,
            `Model           ${modelLabel({ ...kit, deviceTypeName: token.deviceTypeName, model: reading.model }) ?? '?'}`,
            `Modem firmware  ${reading.firmware ?? '?'} (${token.modemFirmwareUuid})`,
            `IMEI            ${reading.imei ?? '?'}`,
            `Firmware mode   ${reading.mode}`,
            ...reading.warnings.map((w) => `Warning: ${w}`),
            'Token (stored in the journal; keep it safe):',
            '',
          ].join('\n'),
        );
        out.text(reading.tokenRaw);
      }
      return EXIT_OK;
    } finally {
      await session.close().catch(() => undefined);
      await kitLookup;
    }
  },
});

/** The kit whose port this is, as the app would name it; none when the ports say nothing. */
async function kitOfPort(
  path: string,
  listed: Promise<PortInfo[]>,
): Promise<{ serialNumber?: string; kitName?: string }> {
  const ports = await listed.catch(() => []);
  const device = groupPorts(ports).devices.find((d) => d.ports.some((p) => p.path === path));
  return device === undefined ? {} : { serialNumber: device.id, kitName: device.name };
}
