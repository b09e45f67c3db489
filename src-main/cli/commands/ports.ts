/** `nrf-onboard ports [--json]`: devices, their ports and roles, and the AT port of each. */
import type { DevicePort, PortInfo } from '../../../src-shared/devices/index';
import { enumerateDevices, type DeviceEnumeration } from '../../serial/enumerate';
import { nativeBinding } from '../../serial/portConnection';
import { defineCommand, EXIT_OK } from '../command';

export const usage = `Usage: nrf-onboard ports [--json]

Lists serial ports grouped into devices (nRF9160/9161/9151 DK, Thingy:91, Thingy:91 X),
with each port's USB interface and role, and the AT port to use.

  --json      one JSON object on stdout: { devices, otherPorts, degraded? }
  -h, --help  this text
`;

export interface PortsDeps {
  list: () => Promise<PortInfo[]>;
}

const portLine = (port: DevicePort): string =>
  `    ${port.path.padEnd(28)} if${port.interfaceNumber ?? '?'}  ${port.role === 'at' ? 'AT port' : port.role}`;

/** Formats an enumeration as text. */
export function formatDevices(result: DeviceEnumeration): string {
  const lines: string[] = [];
  if (result.degraded) lines.push(`Note: ${result.degraded.reason}`, '');
  if (result.devices.length === 0) lines.push('No nRF91 device found.');
  for (const device of result.devices) {
    lines.push(
      `${device.name}  serial ${device.serialNumber ?? '?'}  AT port: ${device.atPortPath ?? 'unknown'}`,
    );
    lines.push(...device.ports.map(portLine));
  }
  if (result.otherPorts.length) {
    lines.push('', 'Other ports:');
    lines.push(
      ...result.otherPorts.map(
        (p) =>
          `    ${p.path.padEnd(28)} ${[p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId ?? '?'}`, p.serialNumber].filter(Boolean).join('  ')}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export const { run } = defineCommand({
  usage,
  options: { json: { type: 'boolean' } },
  deps: (): PortsDeps => ({ list: async () => (await nativeBinding()).list() }),
  async run({ values, out, deps }) {
    const result = await enumerateDevices({ list: deps.list });
    if (values.json === true) out.json(result);
    else out.text(formatDevices(result));
    return EXIT_OK;
  },
});
