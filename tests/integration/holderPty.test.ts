import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { findPortHolders } from '../../src-main/diagnostics/portHolders';

const isLinux = process.platform === 'linux';
// These read /proc and hold ptys through a Linux flock; elsewhere they are skipped, and say so.
if (!isLinux)
  console.log(
    `[${import.meta.url.split('/').pop()}] SKIPPED: needs Linux (/proc, ptys), not ${process.platform}`,
  );
const children: ChildProcess[] = [];

function python(code: string): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn('python3', ['-c', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (c) => reject(new Error(`python exited ${c}`)));
  });
  return { child, firstLine };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
});

describe.runIf(isLinux)('findPortHolders over a real pty', () => {
  it('finds the real process holding the pty slave open, and forgets it once it exits', async () => {
    // Owner keeps the pty alive (master only); holder opens the slave like a terminal program would.
    const owner = python(
      'import os,time\nm,s=os.openpty()\nprint(os.ttyname(s),flush=True)\nos.close(s)\ntime.sleep(60)',
    );
    const path = await owner.firstLine;
    expect(path).toMatch(/^\/dev\/pts\/\d+$/);

    const holder = python(
      `import os,time\nf=os.open(${JSON.stringify(path)},os.O_RDWR|os.O_NOCTTY)\nprint('open',flush=True)\ntime.sleep(60)`,
    );
    await holder.firstLine;

    const holders = await findPortHolders(path);
    const found = holders.find((h) => h.pid === holder.child.pid);
    expect(found).toBeDefined();
    expect(found?.command).toMatch(/^python3/);
    expect(found?.commandLine).toContain('O_NOCTTY');
    expect(holders.some((h) => h.pid === owner.child.pid)).toBe(false);
    expect(holders.some((h) => h.pid === process.pid)).toBe(false);

    await stop(holder.child);
    const after = await findPortHolders(path);
    expect(after.some((h) => h.pid === holder.child.pid)).toBe(false);
  });
});
