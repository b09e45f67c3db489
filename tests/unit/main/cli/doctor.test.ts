import { run as runDoctor, type DoctorDeps } from '../../../../src-main/cli/commands/doctor';
import type { Finding } from '../../../../src-main/diagnostics/permissionDoctor';
import type { ProbeResult } from '../../../../src-main/diagnostics/probe';
import type { Device, DevicePort } from '../../../../src-shared/devices/groupPorts';
import { captureIo } from './helpers';

// The doctor needs no env or data folder.
const capture = () => captureIo();

const thingy: Device = {
  id: 'THINGY91_ABCDEF012345',
  kit: 'thingy91',
  name: 'Thingy:91',
  serialNumber: 'THINGY91_ABCDEF012345',
  atPortPath: '/dev/ttyACM0',
  ports: [
    {
      path: '/dev/ttyACM0',
      vendorId: '1915',
      productId: '9100',
      serialNumber: 'THINGY91_ABCDEF012345',
      interfaceNumber: 0,
      role: 'at',
    },
    {
      path: '/dev/ttyACM1',
      vendorId: '1915',
      productId: '9100',
      serialNumber: 'THINGY91_ABCDEF012345',
      interfaceNumber: 2,
      role: 'trace',
    },
  ],
};
const other: DevicePort = {
  path: '/dev/ttyUSB0',
  vendorId: '0403',
  productId: '6001',
  role: 'other',
};
// A PC's own UART: listed by the OS, no USB ids, no kit behind it.
const builtIn: DevicePort = { path: '/dev/ttyS0', role: 'other' };

const probes: ProbeResult[] = [
  { path: '/dev/ttyACM0', verdict: 'at-host', label: 'AT host, answers', durationMs: 10 },
  {
    path: '/dev/ttyACM1',
    verdict: 'busy',
    label: 'busy (held by minicom, pid 1234)',
    durationMs: 2,
    error: { code: 'PORT_BUSY', message: 'Cannot lock port' },
    holders: [{ pid: 1234, command: 'minicom', commandLine: 'minicom -D /dev/ttyACM1' }],
  },
  {
    path: '/dev/ttyUSB0',
    verdict: 'no-answer',
    label: 'no answer',
    durationMs: 1500,
    error: { code: 'NO_ANSWER', message: 'No answer' },
  },
];
const findings: Finding[] = [
  {
    id: 'not-in-group',
    severity: 'error',
    title: 'Not in the dialout group',
    detail: '/dev/ttyACM0 belongs to dialout',
    fix: 'Add yourself',
    fixCommand: 'sudo usermod -aG dialout $USER',
  },
];

function deps(over: Partial<DoctorDeps> = {}) {
  const calls = { probe: [] as string[][], doctor: [] as string[][], vendors: [] as string[][] };
  const d: DoctorDeps = {
    enumerate: async () => ({ devices: [thingy], otherPorts: [other, builtIn] }),
    probe: async (paths) => {
      calls.probe.push(paths);
      return probes.filter((p) => paths.includes(p.path));
    },
    doctor: async (paths, vendorIds) => {
      calls.doctor.push(paths);
      calls.vendors.push(vendorIds);
      return findings;
    },
    platform: 'linux',
    ...over,
  };
  return { d, calls };
}

describe('nrf-onboard doctor', () => {
  it('prints the port table, explanations and findings, and exits 0 despite problems', async () => {
    const c = capture();
    const { d, calls } = deps();
    expect(await runDoctor([], c.io, d)).toBe(0);
    const text = c.stdout();
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^PORT\s+DEVICE\s+VID:PID\s+SERIAL\s+IF\s+ROLE\s+PROBE$/);
    expect(lines[1]).toMatch(
      /^\/dev\/ttyACM0\s+Thingy:91\s+1915:9100\s+THINGY91_ABCDEF012345\s+0\s+at\s+AT host, answers$/,
    );
    // The Thingy's trace port is named for what it is, not probed and warned about.
    expect(lines[2]).toMatch(
      /^\/dev\/ttyACM1\s+Thingy:91\s+1915:9100\s+THINGY91_ABCDEF012345\s+2\s+trace\s+modem trace port of the Thingy:91 \(binary trace, no AT commands\); its AT port is \/dev\/ttyACM0$/,
    );
    expect(lines[3]).toMatch(/^\/dev\/ttyUSB0\s+-\s+0403:6001\s+-\s+-\s+other\s+no answer$/);
    expect(lines[4]).toMatch(
      /^\/dev\/ttyS0\s+-\s+-\s+-\s+-\s+other\s+a built-in serial port of this computer: no kit is behind it/,
    );
    expect(text).toContain('/dev/ttyUSB0: No answer on /dev/ttyUSB0');
    // No wrong-port advice for the PC's own UART, nor for the kit's trace port.
    expect(text).not.toMatch(/\/dev\/ttyS0: /);
    expect(text).not.toMatch(/\/dev\/ttyACM1: /);
    expect(text.match(/wrong port/g)).toHaveLength(1);
    expect(text).toContain('[error] Not in the dialout group');
    expect(text).toContain('run: sudo usermod -aG dialout $USER');
    expect(calls.probe).toEqual([['/dev/ttyACM0', '/dev/ttyUSB0']]);
    expect(calls.doctor).toEqual([['/dev/ttyACM0', '/dev/ttyACM1', '/dev/ttyUSB0', '/dev/ttyS0']]);
    // The permission checks look at the vendors actually plugged in, as the Diagnostics view does.
    expect(calls.vendors).toEqual([['1915', '0403']]);
    expect(c.stderr()).toBe('');
  });

  it('--json prints one parseable object with every port report and the findings', async () => {
    const c = capture();
    expect(
      await runDoctor(
        ['--json'],
        c.io,
        deps({
          enumerate: async () => ({
            devices: [thingy],
            otherPorts: [other],
            degraded: { reason: 'no udevadm' },
          }),
        }).d,
      ),
    ).toBe(0);
    const parsed = JSON.parse(c.stdout()) as {
      ports: Array<Record<string, unknown>>;
      findings: Finding[];
      degraded: { reason: string };
    };
    expect(parsed.ports).toHaveLength(3);
    expect(parsed.ports[1]).toEqual({
      path: '/dev/ttyACM1',
      role: 'trace',
      deviceName: 'Thingy:91',
      serialNumber: 'THINGY91_ABCDEF012345',
      vendorId: '1915',
      productId: '9100',
      interfaceNumber: 2,
      verdict: 'not-probed',
      label:
        'modem trace port of the Thingy:91 (binary trace, no AT commands); its AT port is /dev/ttyACM0',
    });
    expect(parsed.findings).toEqual(findings);
    expect(parsed.degraded).toEqual({ reason: 'no udevadm' });
  });

  it('--no-probe lists without opening ports', async () => {
    const c = capture();
    const { d, calls } = deps();
    expect(await runDoctor(['--no-probe'], c.io, d)).toBe(0);
    expect(calls.probe).toEqual([]);
    expect(c.stdout().split('\n')[0]).not.toContain('PROBE');
  });

  it('exits 2 with usage on a bad argument, 0 with usage on --help', async () => {
    const bad = capture();
    expect(await runDoctor(['--jsn'], bad.io, deps().d)).toBe(2);
    expect(bad.stderr()).toContain("Unknown option '--jsn'");
    expect(bad.stderr()).toContain('Usage: nrf-onboard doctor');
    expect(bad.stdout()).toBe('');
    const help = capture();
    expect(await runDoctor(['--help'], help.io, deps().d)).toBe(0);
    expect(help.stdout()).toContain('--json');
  });

  it('reports a failing probe or permission check as a note and still exits 0', async () => {
    const c = capture();
    const { d } = deps({
      probe: async () => Promise.reject(new Error('binding missing')),
      doctor: async () => Promise.reject(new Error('no /etc')),
    });
    expect(await runDoctor(['--json'], c.io, d)).toBe(0);
    const parsed = JSON.parse(c.stdout()) as { problems: string[]; findings: unknown[] };
    expect(parsed.problems).toEqual([
      'probe failed: binding missing',
      'permission check failed: no /etc',
    ]);
    expect(parsed.findings).toEqual([]);
  });

  it('says so when there are no ports, and exits 1 when ports cannot be listed', async () => {
    const none = capture();
    expect(
      await runDoctor(
        [],
        none.io,
        deps({ enumerate: async () => ({ devices: [], otherPorts: [] }) }).d,
      ),
    ).toBe(0);
    expect(none.stdout()).toContain('No serial ports found');
    const broken = capture();
    expect(
      await runDoctor(
        [],
        broken.io,
        deps({ enumerate: async () => Promise.reject(new Error('EACCES')) }).d,
      ),
    ).toBe(1);
    expect(broken.stderr()).toBe('INTERNAL: could not list serial ports: EACCES\n');
  });
});
