/**
 * `nrf-onboard`: the app's services without Electron, for scripting and support over a remote
 * shell. This file is the command table and nothing else: each command is loaded only when it
 * runs, so `--help` starts as fast as Node does.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CliCommand, CliIo } from './command';

export type { CliIo } from './command';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand<never>>;
}

/** Every command, in the order usage lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'ports',
    summary: 'list devices, their ports and the AT port',
    load: () => import('./commands/ports'),
  },
  {
    name: 'attest',
    summary: "read and decode a device's attestation token (journaled)",
    load: () => import('./commands/attest'),
  },
  {
    name: 'claim',
    summary: 'dry-run and claim a token on nRF Cloud (key from NRF_CLOUD_API_KEY)',
    load: () => import('./commands/claim'),
  },
  {
    name: 'onboard',
    summary: 'onboard many kits at once: read, journal, dry-run and claim (--port ... | --all)',
    load: () => import('./commands/onboard'),
  },
  {
    name: 'journal',
    summary: "list the token journal (--csv for nrfcloud-utils' format)",
    load: () => import('./commands/journal'),
  },
  {
    name: 'doctor',
    summary: 'port table, probe results and permission findings, for support',
    load: () => import('./commands/doctor'),
  },
  {
    name: 'simulate',
    summary: 'start a simulated nRF91 on a pseudo-terminal and print its path',
    load: () => import('./commands/simulate'),
  },
  {
    name: 'fake-cloud',
    summary: 'start a local nRF Cloud and print its URL and a demo key',
    load: () => import('./commands/fakeCloud'),
  },
];

/** The top-level help, generated from the table. */
export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 3;
  return `Usage: nrf-onboard <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run \`nrf-onboard <command> --help\` for a command's options.

Output and exit codes (every command):
  0  success; the result on stdout (one JSON object with --json)
  1  the device, nRF Cloud or the system said no: "CODE: message" on stderr, or
     {"error":{"code":"CODE","message":"..."}} on stdout with --json
  2  usage error: what was wrong and the command's usage on stderr
Progress and warnings go to stderr. The data folder (token journal, settings) is the app's:
--data-dir <path>, else ONBOARDER_DATA_DIR, else the app's per-user folder.
`;
}

/** Runs one command line; resolves with the exit code and never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    // The commands report their own errors; this is the last guard (a module that failed to load).
    const message = error instanceof Error ? error.message : String(error);
    if (rest.includes('--json'))
      io.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
    else io.stderr.write(`INTERNAL: ${message}\n`);
    return 1;
  }
}

// Run only as the entry point (npm's bin link resolves to this file), so tests can import main().
const entryPath = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (entryPath && import.meta.url === pathToFileURL(entryPath).href) {
  void main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
