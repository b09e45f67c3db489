import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findPortHolders,
  parseLsof,
  portHolderNote,
} from '../../../../src-main/diagnostics/portHolders';

let dir: string;
let procRoot: string;
let dev: string;

async function fakeProcess(pid: number, comm: string, argv: string[], uid: number, fds: string[]) {
  const p = join(procRoot, String(pid));
  await mkdir(join(p, 'fd'), { recursive: true });
  await writeFile(join(p, 'comm'), `${comm}\n`);
  await writeFile(join(p, 'cmdline'), `${argv.join('\0')}\0`);
  await writeFile(join(p, 'status'), `Name:\t${comm}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`);
  for (const [i, target] of fds.entries()) await symlink(target, join(p, 'fd', String(i)));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'holders-'));
  procRoot = join(dir, 'proc');
  dev = join(dir, 'dev');
  await mkdir(join(dev, 'serial', 'by-id'), { recursive: true });
  await mkdir(join(dir, 'etc'));
  await writeFile(
    join(dir, 'etc', 'passwd'),
    'root:x:0:0::/root:/bin/bash\nann:x:1000:1000::/home/ann:/bin/bash\n',
  );
  await writeFile(join(dev, 'ttyACM0'), '');
  await writeFile(join(dev, 'ttyACM1'), '');
  await symlink(
    '../../ttyACM0',
    join(dev, 'serial', 'by-id', 'usb-SEGGER_J-Link_001050912345-if00'),
  );
  await mkdir(join(procRoot, 'self'), { recursive: true }); // non-numeric entries are ignored
  await fakeProcess(1234, 'minicom', ['minicom', '-D', join(dev, 'ttyACM0')], 1000, [
    '/dev/null',
    join(dev, 'ttyACM0'),
  ]);
  await fakeProcess(2000, 'screen', ['screen', join(dev, 'ttyACM1'), '115200'], 0, [
    join(dev, 'ttyACM1'),
  ]);
  await fakeProcess(3000, 'bash', ['bash'], 1000, ['/dev/pts/0']);
  await fakeProcess(4000, 'nrf-onboard', ['node', 'cli.js'], 1000, [join(dev, 'ttyACM0')]);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findPortHolders on Linux', () => {
  const deps = () => ({ procRoot, root: dir, platform: 'linux' as const, selfPid: 4000 });

  it('finds the process holding the device, with its command line and user, skipping our own pid', async () => {
    const holders = await findPortHolders(join(dev, 'ttyACM0'), deps());
    expect(holders).toEqual([
      {
        pid: 1234,
        command: 'minicom',
        commandLine: `minicom -D ${join(dev, 'ttyACM0')}`,
        user: 'ann',
      },
    ]);
  });

  it('resolves a /dev/serial/by-id link to the node the process holds', async () => {
    const holders = await findPortHolders(
      join(dev, 'serial', 'by-id', 'usb-SEGGER_J-Link_001050912345-if00'),
      deps(),
    );
    expect(holders.map((h) => h.pid)).toEqual([1234]);
  });

  it('lists our own pid when it is not ours, and other ports separately', async () => {
    const holders = await findPortHolders(join(dev, 'ttyACM0'), { ...deps(), selfPid: 1 });
    expect(holders.map((h) => h.pid)).toEqual([1234, 4000]);
    const acm1 = await findPortHolders(join(dev, 'ttyACM1'), deps());
    expect(acm1).toEqual([expect.objectContaining({ pid: 2000, command: 'screen', user: 'root' })]);
  });

  it('puts the process holding the lock (from /proc/locks) first and marks it', async () => {
    await fakeProcess(900, 'relay', ['python3', 'relay.py'], 0, [join(dev, 'ttyACM0')]);
    const node = await stat(join(dev, 'ttyACM0'), { bigint: true });
    const major = ((node.dev >> 8n) & 0xfffn).toString(16).padStart(2, '0');
    const minor = (node.dev & 0xffn).toString(16).padStart(2, '0');
    const id = `${major}:${minor}:${node.ino}`;
    await writeFile(
      join(procRoot, 'locks'),
      [
        `1: POSIX  ADVISORY  WRITE 77 ${major}:${minor}:1 0 EOF`,
        `2: FLOCK  ADVISORY  WRITE 1234 ${id} 0 EOF`,
        `2: -> FLOCK  ADVISORY  WRITE 900 ${id} 0 EOF`,
      ].join('\n'),
    );
    const holders = await findPortHolders(join(dev, 'ttyACM0'), deps());
    expect(holders.map((h) => [h.pid, h.hasLock ?? false])).toEqual([
      [1234, true],
      [900, false],
    ]);
  });

  it('returns [] when nobody holds the port or the port does not exist', async () => {
    await writeFile(join(dev, 'ttyACM2'), '');
    expect(await findPortHolders(join(dev, 'ttyACM2'), deps())).toEqual([]);
    expect(await findPortHolders(join(dev, 'ttyUSB9'), deps())).toEqual([]);
  });

  it('tolerates a missing /proc', async () => {
    expect(
      await findPortHolders('/dev/ttyACM0', { ...deps(), procRoot: join(dir, 'nope') }),
    ).toEqual([]);
  });
});

describe('findPortHolders on macOS and Windows', () => {
  it('parses lsof field output and skips our pid', async () => {
    const calls: string[][] = [];
    const exec = async (cmd: string, args: string[]) => {
      calls.push([cmd, ...args]);
      return {
        stdout:
          'p501\ncscreen\nLann\nf3\nn/dev/cu.usbmodem1\np77\ncnode\nLann\nn/dev/cu.usbmodem1\n',
        code: 0,
      };
    };
    const holders = await findPortHolders('/dev/cu.usbmodem1', {
      platform: 'darwin',
      exec,
      selfPid: 77,
    });
    expect(holders).toEqual([{ pid: 501, command: 'screen', user: 'ann' }]);
    expect(calls[0]?.[0]).toBe('lsof');
    expect(calls[0]).toContain('/dev/cu.usbmodem1');
  });

  it('returns [] when lsof is missing', async () => {
    const exec = async () => {
      throw Object.assign(new Error('spawn lsof ENOENT'), { code: 'ENOENT' });
    };
    expect(await findPortHolders('/dev/cu.usbmodem1', { platform: 'darwin', exec })).toEqual([]);
  });

  it('returns [] on Windows with a note naming programs to close', async () => {
    expect(await findPortHolders('COM3', { platform: 'win32' })).toEqual([]);
    expect(portHolderNote('win32')).toMatch(/nRF Connect Serial Terminal/);
    expect(portHolderNote('win32')).toMatch(/PuTTY/);
    expect(portHolderNote('linux', true)).toBeUndefined();
    expect(portHolderNote('linux', false)).toMatch(/current user/);
  });

  it('parseLsof names a process without a command by pid', () => {
    expect(parseLsof('p9\n')).toEqual([{ pid: 9, command: 'pid 9' }]);
    expect(parseLsof('')).toEqual([]);
  });
});
