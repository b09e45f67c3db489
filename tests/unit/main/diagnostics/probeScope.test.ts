import { buildPortReports } from '../../../../src-main/diagnostics/doctorReport';
import { notProbedReason, probeTargets } from '../../../../src-main/diagnostics/probeScope';
import { groupPorts } from '../../../../src-shared/devices/groupPorts';
import { linux } from '../../shared/devices/portLists';

const builtIn = { path: '/dev/ttyS0' };
const ftdi = { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001' };

describe('which ports the doctor probes', () => {
  const { devices, otherPorts } = groupPorts([
    ...linux.nrf9160dk,
    ...linux.thingy91,
    builtIn,
    { path: '/dev/ttyS12' },
    ftdi,
  ]);
  const dk = devices.find((d) => d.kit === 'nrf9160dk')!;
  const thingy = devices.find((d) => d.kit === 'thingy91')!;

  it('probes each kit’s AT port and unknown USB adapters, not secondary, trace or built-in ports', () => {
    expect(probeTargets(devices, otherPorts).sort()).toEqual(
      [dk.atPortPath!, thingy.atPortPath!, '/dev/ttyUSB0'].sort(),
    );
  });

  it('names the DK’s other UARTs and the Thingy’s trace port for what they are', () => {
    expect(dk.ports.map((p) => notProbedReason(p, dk))).toEqual([
      undefined,
      `second UART of the nRF9160 DK, not its AT port; its AT port is ${dk.atPortPath}`,
      `third UART of the nRF9160 DK, not its AT port; its AT port is ${dk.atPortPath}`,
    ]);
    expect(thingy.ports.map((p) => notProbedReason(p, thingy))).toEqual([
      undefined,
      `modem trace port of the Thingy:91 (binary trace, no AT commands); its AT port is ${thingy.atPortPath}`,
    ]);
  });

  it('a ttyS port with USB ids (a USB device under that name) is probed after all', () => {
    expect(
      notProbedReason({ path: '/dev/ttyS3', vendorId: '1366', role: 'other' }),
    ).toBeUndefined();
    expect(notProbedReason({ path: '/dev/ttyS3', role: 'other' })).toMatch(/built-in/);
  });

  it('rows of unprobed ports carry the not-probed verdict, no error, and only while probing', () => {
    const rows = buildPortReports(devices, otherPorts, []);
    const row = (path: string) => rows.find((r) => r.path === path)!;
    expect(row('/dev/ttyS0')).toMatchObject({
      verdict: 'not-probed',
      label: expect.stringMatching(/built-in/),
    });
    expect(row('/dev/ttyS0').error).toBeUndefined();
    expect(row(dk.ports[1]!.path)).toMatchObject({ role: 'secondary', verdict: 'not-probed' });
    expect(row('/dev/ttyUSB0').verdict).toBeUndefined();
    const listed = buildPortReports(devices, otherPorts, [], { isProbing: false });
    expect(listed.every((r) => r.verdict === undefined)).toBe(true);
  });
});
