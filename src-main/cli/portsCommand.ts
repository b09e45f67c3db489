/** `nrf-onboard ports [--json]`: devices, their ports and roles, and the AT port of each. */
import { parseArgs } from 'node:util';
import type { DevicePort, PortInfo } from '../../src-shared/devices/index';
import { enumerateDevices, type DeviceEnumeration } from '../serial/enumerate';
import type { CliIo } from '../cloud/cliIo';

export const portsUsage = `Usage: nrf-onboard ports [--json]

Lists serial ports grouped into devices (nRF9160/9161/9151 DK, Thingy:91, Thingy:91 X),
with each port's USB interface and role, and the AT port to use.
`;

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

export async function runPortsCommand(
  argv: string[],
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  list: () => Promise<PortInfo[]>,
): Promise<number> {
  let json = false;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(portsUsage);
      return 0;
    }
    json = values.json === true;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${portsUsage}`);
    return 2;
  }
  const result = await enumerateDevices({ list });
  io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatDevices(result));
  return 0;
}
