/**
 * `nrf-onboard`: the app's services without Electron, for scripting and support over a remote
 * shell. Each subcommand lives in its own module; this file only dispatches.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runClaimCommand, runJournalCommand } from '../cloud/cliCommands';
import type { CliIo } from '../cloud/cliIo';
import { runDoctorCommand } from '../diagnostics/doctorCommand';
import { probePorts, toErrorData } from '../diagnostics/probe';
import { runPermissionDoctor } from '../diagnostics/permissionDoctor';
import { findPortHolders } from '../diagnostics/portHolders';
import { runFakeCloudCommand } from '../sim/fakeCloud/command';
import { runSimulateCommand } from '../sim/transports/simulateCommand';
import { AtSession } from '../serial/atSession';
import { enumerateDevices } from '../serial/enumerate';
import { nativeBinding } from '../serial/portConnection';
import { runAttestCommand } from './attestCommand';
import { defaultDataDir } from './dataDir';
import { runPortsCommand } from './portsCommand';

const usage = `Usage: nrf-onboard <command> [options]

Commands:
  ports        list devices, their ports and the AT port
  attest       read and decode a device's attestation token (journaled)
  claim        dry-run and claim a token on nRF Cloud (key from NRF_CLOUD_API_KEY)
  journal      list the token journal (--csv for nrfcloud-utils' format)
  doctor       port table, probe results and permission findings, for support
  simulate     start a simulated nRF91 on a pseudo-terminal and print its path
  fake-cloud   start a local nRF Cloud and print its URL and a demo key

Run \`nrf-onboard <command> --help\` for a command's options.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const list = async () => (await nativeBinding()).list();
  switch (command) {
    case 'ports':
      return runPortsCommand(rest, io, list);
    case 'attest':
      return runAttestCommand(rest, io, nativeBinding);
    case 'claim':
      return runClaimCommand(rest, io);
    case 'journal':
      return runJournalCommand(rest, io);
    case 'doctor':
      return runDoctorCommand(rest, io, {
        enumerate: () => enumerateDevices({ list }),
        probe: async (paths) => {
          const binding = await nativeBinding();
          return probePorts(paths, {
            openSession: (path) => AtSession.open({ path, binding }),
            findHolders: (path) => findPortHolders(path),
            classify: toErrorData,
          });
        },
        doctor: (devicePaths) => runPermissionDoctor({ devicePaths }),
      });
    case 'simulate':
      return runSimulateCommand(rest, {
        stdout: (s) => io.stdout.write(s),
        stderr: (s) => io.stderr.write(s),
      });
    case 'fake-cloud':
      return runFakeCloudCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(usage);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

// Run only as the entry point (npm's bin link resolves to this file), so tests can import main().
const entry = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    defaultDataDir: defaultDataDir(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `nrf-onboard failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 3;
    },
  );
}
