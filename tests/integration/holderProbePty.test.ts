import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { findPortHolders } from '../../src-main/diagnostics/portHolders';
import { probePorts } from '../../src-main/diagnostics/probe';
import { AtSession } from '../../src-main/serial/atSession';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';

// End to end over real ptys and the native serialport binding: a terminal program that locks the
// port (as minicom does) makes the probe say "busy" and name it; once it exits the device answers.
const isLinux = process.platform === 'linux';
// These read /proc and hold ptys through a Linux flock; elsewhere they are skipped, and say so.
if (!isLinux)
  console.log(
    `[${import.meta.url.split('/').pop()}] SKIPPED: needs Linux (/proc, ptys), not ${process.platform}`,
  );
const devices: PtySimulator[] = [];
const children: ChildProcess[] = [];

async function lockWithPython(path: string): Promise<ChildProcess> {
  const code = [
    'import fcntl,os,time',
    `f=os.open(${JSON.stringify(path)},os.O_RDWR|os.O_NOCTTY)`,
    'fcntl.flock(f,fcntl.LOCK_EX|fcntl.LOCK_NB)',
    "print('locked',flush=True)",
    'time.sleep(60)',
  ].join('\n');
  const child = spawn('python3', ['-c', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  expect(line).toBe('locked');
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

afterEach(async () => {
  await Promise.all(children.splice(0).map(kill));
  await Promise.all(devices.splice(0).map((d) => d.close()));
});

const deps = {
  openSession: (path: string) => AtSession.open({ path }),
  findHolders: (path: string) => findPortHolders(path),
  timeoutMs: 1500,
};

describe.runIf(isLinux)('probePorts over real ptys', () => {
  it('names the process that locks the port, then finds the device once it is released', async () => {
    const at = await startPtySimulator({ firmware: 'at' });
    const shell = await startPtySimulator({ firmware: 'shell' });
    devices.push(at, shell);
    const holder = await lockWithPython(at.path);

    const busy = await probePorts([at.path, shell.path], deps);
    expect(busy[0]).toMatchObject({ path: at.path, verdict: 'busy' });
    expect(busy[0]?.error?.code).toBe('PORT_BUSY');
    expect(busy[0]?.holders?.map((h) => h.pid)).toContain(holder.pid);
    expect(busy[0]?.label).toBe(`busy (held by python3, pid ${holder.pid})`);
    expect(busy[0]?.holders?.[0]).toMatchObject({ pid: holder.pid, hasLock: true });
    expect(busy[1]).toMatchObject({ path: shell.path, verdict: 'shell' });

    await kill(holder);
    const free = await probePorts([at.path], deps);
    expect(free[0]).toMatchObject({ verdict: 'at-host', label: 'AT host, answers' });
  });
});
