import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runPermissionDoctor,
  type NodeStat,
  type PermissionDoctorDeps,
} from '../../../../src-main/diagnostics/permissionDoctor';

let root: string;
let procRoot: string;

const nordicRules = `# 71-nrf.rules
ACTION!="add", SUBSYSTEM!="usb_device", GOTO="nrf_rules_end"
SUBSYSTEM=="usb", ATTRS{idVendor}=="1915", MODE="0666"
KERNEL=="ttyACM[0-9]*", SUBSYSTEM=="tty", SUBSYSTEMS=="usb", ATTRS{idVendor}=="1915", MODE="0666", ENV{NRF_CDC_ACM}="1"
LABEL="nrf_rules_end"
`;
const nordicMmRules = `ACTION!="add|change|move", GOTO="nrf_modemmanager_end"
ENV{NRF_CDC_ACM}=="1", ENV{ID_MM_CANDIDATE}="0", ENV{ID_MM_DEVICE_IGNORE}="1"
LABEL="nrf_modemmanager_end"
`;
const seggerRules =
  'SUBSYSTEM=="tty", ATTRS{idVendor}=="1366", MODE="0666", ENV{ID_MM_DEVICE_IGNORE}="1"\n';

async function write(rel: string, text: string) {
  await mkdir(join(root, rel, '..'), { recursive: true });
  await writeFile(join(root, rel), text);
}

async function fakeProc(pid: number, comm: string) {
  await mkdir(join(procRoot, String(pid)), { recursive: true });
  await writeFile(join(procRoot, String(pid), 'comm'), `${comm}\n`);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'doctor-'));
  procRoot = join(root, 'proc');
  await write('etc/group', 'root:x:0:\ndialout:x:20:bob\nplugdev:x:46:ann,bob\nann:x:1000:\n');
  await write(
    'etc/passwd',
    'root:x:0:0::/root:/bin/bash\nann:x:1000:1000::/home/ann:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n',
  );
  await fakeProc(1, 'systemd');
  await fakeProc(300, 'bash');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const dialoutNode: NodeStat = { uid: 0, gid: 20, mode: 0o20660 };

function deps(over: Partial<PermissionDoctorDeps> = {}): PermissionDoctorDeps {
  return {
    platform: 'linux',
    root,
    procRoot,
    devicePaths: ['/dev/ttyACM0', '/dev/ttyACM1'],
    uid: 1000,
    gid: 1000,
    processGroups: [1000, 46],
    userName: 'ann',
    env: {},
    stat: async () => dialoutNode,
    ...over,
  };
}

async function withAllRules() {
  await write('lib/udev/rules.d/71-nrf.rules', nordicRules);
  await write('lib/udev/rules.d/99-mm-nrf-blacklist.rules', nordicMmRules);
  await write('etc/udev/rules.d/72-segger.rules', seggerRules);
}

describe('runPermissionDoctor', () => {
  it('reports ok when the user can open the ports and rules exist', async () => {
    await withAllRules();
    await fakeProc(700, 'ModemManager');
    const findings = await runPermissionDoctor(deps({ processGroups: [1000, 20] }));
    expect(findings.map((f) => f.id)).toEqual(['ok']);
  });

  it('(a) user not in the group owning the node: usermod with that group, one finding for both ports', async () => {
    await withAllRules();
    const findings = await runPermissionDoctor(deps());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'not-in-group',
      severity: 'error',
      fixCommand: 'sudo usermod -aG dialout $USER',
    });
    expect(findings[0]?.detail).toContain('/dev/ttyACM0, /dev/ttyACM1');
  });

  it('(a) names uucp when the node belongs to uucp', async () => {
    await withAllRules();
    await write('etc/group', 'uucp:x:14:\n');
    const findings = await runPermissionDoctor(
      deps({ stat: async () => ({ uid: 0, gid: 14, mode: 0o660 }) }),
    );
    expect(findings[0]).toMatchObject({
      id: 'not-in-group',
      fixCommand: 'sudo usermod -aG uucp $USER',
    });
  });

  it('(b) user listed in /etc/group but the process lacks the group: log out and back in', async () => {
    await withAllRules();
    const findings = await runPermissionDoctor(
      deps({ userName: 'bob', uid: 1001, gid: 1001, processGroups: [1001] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'group-not-active',
      severity: 'error',
      fixCommand: 'newgrp dialout',
    });
    expect(findings[0]?.fix).toMatch(/[Ll]og out and back in/);
  });

  it('(b) also counts the primary group from /etc/passwd', async () => {
    await withAllRules();
    const findings = await runPermissionDoctor(
      deps({
        stat: async () => ({ uid: 0, gid: 1000, mode: 0o660 }),
        processGroups: [46],
        gid: 46,
      }),
    );
    expect(findings[0]?.id).toBe('group-not-active');
  });

  it('skips group checks for root, for the node owner and for world-writable nodes', async () => {
    await withAllRules();
    expect((await runPermissionDoctor(deps({ uid: 0 })))[0]?.id).toBe('ok');
    expect(
      (
        await runPermissionDoctor(deps({ stat: async () => ({ uid: 1000, gid: 20, mode: 0o600 }) }))
      )[0]?.id,
    ).toBe('ok');
    expect(
      (await runPermissionDoctor(deps({ stat: async () => ({ uid: 0, gid: 20, mode: 0o666 }) })))[0]
        ?.id,
    ).toBe('ok');
  });

  it('ignores ports that vanished before stat', async () => {
    await withAllRules();
    const findings = await runPermissionDoctor(
      deps({
        stat: async () => {
          throw new Error('ENOENT');
        },
      }),
    );
    expect(findings.map((f) => f.id)).toEqual(['ok']);
  });

  it('a node no group can open needs a udev rule, not a group', async () => {
    await withAllRules();
    const findings = await runPermissionDoctor(
      deps({ stat: async () => ({ uid: 0, gid: 0, mode: 0o600 }) }),
    );
    expect(findings.map((f) => f.id)).toEqual(['no-udev-rule']);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.fixCommand).toContain('udevadm control --reload-rules');
  });

  it('(c) ModemManager running without an ignore rule for SEGGER: a rule line to copy', async () => {
    await write('lib/udev/rules.d/71-nrf.rules', nordicRules);
    await write('lib/udev/rules.d/99-mm-nrf-blacklist.rules', nordicMmRules);
    await write(
      'etc/udev/rules.d/72-segger.rules',
      'SUBSYSTEM=="tty", ATTRS{idVendor}=="1366", MODE="0666"\n',
    );
    await fakeProc(700, 'ModemManager');
    const findings = await runPermissionDoctor(deps({ processGroups: [20] }));
    expect(findings.map((f) => f.id)).toEqual(['modemmanager']);
    expect(findings[0]?.fix).toContain('ATTRS{idVendor}=="1366", ENV{ID_MM_DEVICE_IGNORE}="1"');
    expect(findings[0]?.fix).not.toContain('"1915"');
    expect(findings[0]?.fixCommand).toContain('udevadm trigger');
  });

  it('(c) Nordic flag-style rules count as ignoring 1915; missing blacklist file does not', async () => {
    await write('lib/udev/rules.d/71-nrf.rules', nordicRules);
    await write('etc/udev/rules.d/72-segger.rules', seggerRules);
    const running = async () => true;
    const without = await runPermissionDoctor(
      deps({ processGroups: [20], isModemManagerRunning: running }),
    );
    expect(without.find((f) => f.id === 'modemmanager')?.fix).toContain('"1915"');
    await write('usr/lib/udev/rules.d/99-mm-nrf-blacklist.rules', nordicMmRules);
    const withIt = await runPermissionDoctor(
      deps({ processGroups: [20], isModemManagerRunning: running }),
    );
    expect(withIt.map((f) => f.id)).toEqual(['ok']);
  });

  it('(c) says nothing about ModemManager when it is not running', async () => {
    await write(
      'etc/udev/rules.d/72-segger.rules',
      'ATTRS{idVendor}=="1366", MODE="0666"\nATTRS{idVendor}=="1915", MODE="0666"\n',
    );
    const findings = await runPermissionDoctor(deps({ processGroups: [20] }));
    expect(findings.map((f) => f.id)).toEqual(['ok']);
  });

  it('(d) no rule for either vendor: the rule text and the reload command', async () => {
    const findings = await runPermissionDoctor(deps({ processGroups: [20] }));
    expect(findings.map((f) => f.id)).toEqual(['no-udev-rule']);
    const [f] = findings;
    expect(f?.severity).toBe('warning');
    expect(f?.fix).toContain('ATTRS{idVendor}=="1915"');
    expect(f?.fix).toContain('ATTRS{idVendor}=="1366"');
    expect(f?.fix).toContain('udevadm control --reload-rules');
    expect(f?.fixCommand).toMatch(/sudo tee \/etc\/udev\/rules.d\/71-nrf-onboard.rules/);
  });

  it('(d) only Nordic rules installed: SEGGER is missing; commented-out rules do not count', async () => {
    await write('lib/udev/rules.d/71-nrf.rules', nordicRules);
    await write('run/udev/rules.d/50-old.rules', '# ATTRS{idVendor}=="1366", MODE="0666"\n');
    const findings = await runPermissionDoctor(deps({ processGroups: [20] }));
    const rule = findings.find((f) => f.id === 'no-udev-rule');
    expect(rule?.detail).toContain('1366');
    expect(rule?.fix).not.toContain('"1915"');
  });

  it('(d) checks only the vendors of the connected kits when told', async () => {
    await write('lib/udev/rules.d/71-nrf.rules', nordicRules);
    const findings = await runPermissionDoctor(deps({ processGroups: [20], vendorIds: ['1915'] }));
    expect(findings.map((f) => f.id)).toEqual(['ok']);
  });

  it.each<[string, NodeJS.ProcessEnv, boolean, RegExp]>([
    [
      'snap',
      { SNAP: '/snap/onboarder/3', SNAP_NAME: 'onboarder' },
      false,
      /snap connect onboarder:raw-usb/,
    ],
    [
      'flatpak env',
      { FLATPAK_ID: 'com.nordic.Onboarder' },
      false,
      /--device=all com\.nordic\.Onboarder/,
    ],
    ['flatpak info file', {}, true, /--device=all/],
  ])('(e) sandbox: %s', async (_name, env, hasInfoFile, command) => {
    await withAllRules();
    if (hasInfoFile) await write('.flatpak-info', '[Application]\n');
    const findings = await runPermissionDoctor(deps({ env, processGroups: [20] }));
    expect(findings.map((f) => f.id)).toEqual(['sandbox']);
    expect(findings[0]?.fixCommand).toMatch(command);
  });

  it('orders errors before warnings', async () => {
    await fakeProc(700, 'ModemManager');
    const findings = await runPermissionDoctor(deps({ env: { SNAP: '/snap/x/1' } }));
    expect(findings.map((f) => f.id)).toEqual([
      'not-in-group',
      'sandbox',
      'modemmanager',
      'no-udev-rule',
    ]);
  });

  it('returns one info finding off Linux', async () => {
    const findings = await runPermissionDoctor(deps({ platform: 'win32' }));
    expect(findings).toEqual([expect.objectContaining({ id: 'ok', severity: 'info' })]);
    expect(findings[0]?.detail).toContain('win32');
  });
});
