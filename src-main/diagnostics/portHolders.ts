/**
 * Finds the processes that hold a serial port open, so "port busy" can name the culprit.
 * Linux: scan /proc/<pid>/fd symlinks; macOS: lsof; Windows offers no way without admin tools.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One process that has the port open. */
export interface PortHolder {
  pid: number;
  /** The short process name (comm / lsof command). */
  command: string;
  /** The full command line when it can be read. */
  commandLine?: string;
  /** Holds a flock/POSIX lock on the port (Linux /proc/locks): the one that makes it busy. */
  hasLock?: boolean;
  user?: string;
}

/** Runs a program and returns its stdout and exit code (injected in tests). */
export type ExecFn = (cmd: string, args: string[]) => Promise<{ stdout: string; code: number }>;

/** Where to look; every field defaults to the live system. */
export interface PortHolderDeps {
  procRoot?: string;
  /** Folder holding etc/passwd, for user names (Linux). */
  root?: string;
  platform?: NodeJS.Platform;
  exec?: ExecFn;
  /** Our own pid, skipped (the app may hold the port itself). */
  selfPid?: number;
}

/** Lists the processes (other than ours) that have `path` open; [] where the OS cannot tell. */
export async function findPortHolders(
  path: string,
  deps: PortHolderDeps = {},
): Promise<PortHolder[]> {
  const platform = deps.platform ?? process.platform;
  const selfPid = deps.selfPid ?? process.pid;
  if (platform === 'linux')
    return scanProc(path, deps.procRoot ?? '/proc', deps.root ?? '/', selfPid);
  if (platform === 'darwin') return runLsof(path, deps.exec ?? defaultExec, selfPid);
  return [];
}

/** A sentence for support staff about the limits of the lookup on this platform, if any. */
export function portHolderNote(platform: NodeJS.Platform, isRoot = false): string | undefined {
  if (platform === 'win32') {
    return 'Windows does not tell which program holds a COM port without admin tools (Sysinternals Process Explorer, "Find handle"). Close nRF Connect Serial Terminal, nRF Connect Cellular Monitor, PuTTY, Tera Term or an IDE serial monitor, or replug the device.';
  }
  if (platform === 'linux' && !isRoot)
    return 'Only processes of the current user are visible; a port held by another user (or a system service such as ModemManager) may not be listed.';
  if (platform === 'darwin')
    return 'Found with lsof; processes of other users are visible only when running as an administrator.';
  return undefined;
}

async function scanProc(
  path: string,
  procRoot: string,
  root: string,
  selfPid: number,
): Promise<PortHolder[]> {
  const targets = new Set([path]);
  try {
    targets.add(await realpath(path));
  } catch {
    // The port may already be gone; the plain path can still match a stale fd.
  }
  const pids = (await readdir(procRoot).catch(() => [] as string[])).filter((name) =>
    /^\d+$/.test(name),
  );
  const users = await readPasswd(root);
  const found = await Promise.all(
    pids.map(async (name) => {
      const pid = Number(name);
      if (pid === selfPid) return undefined;
      const isHolding = await holdsTarget(join(procRoot, name, 'fd'), targets);
      return isHolding ? describeProcess(procRoot, pid, users) : undefined;
    }),
  );
  const lockPids = await readLockPids(procRoot, path);
  return found
    .filter((h): h is PortHolder => h !== undefined)
    .map((h) => (lockPids.has(h.pid) ? { ...h, hasLock: true } : h))
    .sort((a, b) => Number(b.hasLock ?? false) - Number(a.hasLock ?? false) || a.pid - b.pid);
}

// /proc/locks names a file by device major:minor (hex) and inode; waiters (`->`) hold nothing.
async function readLockPids(procRoot: string, path: string): Promise<Set<number>> {
  const pids = new Set<number>();
  const node = await stat(path, { bigint: true }).catch(() => undefined);
  const text = await readFile(join(procRoot, 'locks'), 'utf8').catch(() => '');
  if (!node || !text) return pids;
  const major = ((node.dev >> 8n) & 0xfffn) | ((node.dev >> 32n) & ~0xfffn);
  const minor = (node.dev & 0xffn) | ((node.dev >> 12n) & ~0xffn);
  for (const line of text.split('\n')) {
    const m =
      /^\d+:\s+(?:FLOCK|POSIX|OFDLCK)\s+\S+\s+\S+\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/i.exec(
        line,
      );
    if (
      m &&
      BigInt(`0x${m[2]}`) === major &&
      BigInt(`0x${m[3]}`) === minor &&
      BigInt(m[4] ?? -1) === node.ino
    ) {
      pids.add(Number(m[1]));
    }
  }
  return pids;
}

async function holdsTarget(fdDir: string, targets: Set<string>): Promise<boolean> {
  // Processes of other users are unreadable unless we are root: they are simply skipped.
  const fds = await readdir(fdDir).catch(() => [] as string[]);
  for (const fd of fds) {
    const link = await readlink(join(fdDir, fd)).catch(() => undefined);
    if (link !== undefined && targets.has(link)) return true;
  }
  return false;
}

async function describeProcess(
  procRoot: string,
  pid: number,
  users: Map<number, string>,
): Promise<PortHolder> {
  const dir = join(procRoot, String(pid));
  const comm = (await readFile(join(dir, 'comm'), 'utf8').catch(() => '')).trim();
  const cmdline = (await readFile(join(dir, 'cmdline'), 'utf8').catch(() => ''))
    .split('\0')
    .filter((part) => part.length > 0)
    .join(' ');
  const status = await readFile(join(dir, 'status'), 'utf8').catch(() => '');
  const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
  const holder: PortHolder = { pid, command: comm || cmdline.split(' ')[0] || `pid ${pid}` };
  if (cmdline) holder.commandLine = cmdline;
  if (uid !== undefined) holder.user = users.get(Number(uid)) ?? uid;
  return holder;
}

async function readPasswd(root: string): Promise<Map<number, string>> {
  const text = await readFile(join(root, 'etc', 'passwd'), 'utf8').catch(() => '');
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}

async function runLsof(path: string, exec: ExecFn, selfPid: number): Promise<PortHolder[]> {
  let stdout: string;
  try {
    // lsof exits 1 when nothing holds the file; the output is what counts.
    ({ stdout } = await exec('lsof', ['-F', 'pcLn', path]));
  } catch {
    return []; // lsof missing or not allowed
  }
  return parseLsof(stdout).filter((h) => h.pid !== selfPid);
}

/** Parses `lsof -F pcLn` field output: one `p` line starts each process. */
export function parseLsof(stdout: string): PortHolder[] {
  const holders: PortHolder[] = [];
  let current: PortHolder | undefined;
  for (const line of stdout.split('\n')) {
    const field = line[0];
    const value = line.slice(1).trim();
    if (field === 'p' && /^\d+$/.test(value)) {
      current = { pid: Number(value), command: '' };
      holders.push(current);
    } else if (current && field === 'c') {
      current.command = value;
    } else if (current && field === 'L' && value) {
      current.user = value;
    }
  }
  return holders.map((h) => (h.command ? h : { ...h, command: `pid ${h.pid}` }));
}

const defaultExec: ExecFn = (cmd, args) =>
  new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 5000 }, (error, stdout) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ stdout: String(stdout), code: error ? Number(error.code) : 0 });
    });
  });
