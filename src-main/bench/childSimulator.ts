/**
 * A pty simulator in a child process (`nrf-onboard simulate`, i.e. out/main/cli.js beside the
 * bench), so a heap measurement sees the host side only: the simulator keeps every token it ever
 * issued, which would otherwise count as our growth.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A running child simulator. */
export interface ChildSimulator {
  path: string;
  close(): Promise<void>;
}

const STARTUP_MS = 15_000;

/** Starts `cli.js simulate <args>` from `mainDir` and waits for the pty path on its first line. */
export async function startChildSimulator(
  mainDir: string,
  args: string[],
): Promise<ChildSimulator> {
  const child = spawn(process.execPath, [join(mainDir, 'cli.js'), 'simulate', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const path = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail('no pty path within 15 s'), STARTUP_MS);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`simulator child did not start: ${why} ${stderr.trim()}`));
    }
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(out.slice(0, newline).trim());
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
  return {
    path,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM lets the command close its pty; SIGKILL if it hangs.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}
