/** `nrf-onboard fake-cloud [--port <n>] [--host <h>]`: runs the local nRF Cloud until Ctrl+C. */
import type { CliIo } from '../../cloud/cliIo';
import { startFakeCloud } from './server';
import { defaultFakeCloudKeys } from './teams';

export interface FakeCloudCommandIo extends Pick<CliIo, 'stdout' | 'stderr'> {
  /** Resolves when the server should stop; defaults to SIGINT or SIGTERM. */
  waitForStop?: () => Promise<void>;
}

const USAGE = 'Usage: nrf-onboard fake-cloud [--port <n>] [--host <address>]\n';

/** Starts the server, prints how to point the app and the CLI at it, and waits. */
export async function runFakeCloudCommand(argv: string[], io: FakeCloudCommandIo): Promise<number> {
  let port = 0;
  let host = '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      io.stdout.write(USAGE);
      return 0;
    }
    if ((arg === '--port' || arg === '--host') && value === undefined) {
      io.stderr.write(`${arg} needs a value.\n${USAGE}`);
      return 2;
    }
    if (arg === '--port') {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.stderr.write(`--port must be a number from 0 to 65535, got "${value}".\n`);
        return 2;
      }
      i++;
    } else if (arg === '--host' && value !== undefined) {
      host = value;
      i++;
    } else {
      io.stderr.write(`Unknown option "${arg}".\n${USAGE}`);
      return 2;
    }
  }

  let cloud;
  try {
    cloud = await startFakeCloud({ port, host });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${port} is already in use`
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr.write(`Could not start the local nRF Cloud: ${why}.\n`);
    return 1;
  }
  const others = defaultFakeCloudKeys
    .filter((k) => k.key !== cloud.demoKey)
    .map((k) => `  ${k.key}  team "${k.teamName}", ${k.role}\n`)
    .join('');
  io.stdout.write(
    `Local nRF Cloud listening on ${cloud.url}\n` +
      `Demo API key (team "Demo Team", owner): ${cloud.demoKey}\n` +
      `Other keys, to try roles:\n${others}\n` +
      'Point the app or the CLI at it:\n' +
      `  export NRF_CLOUD_API_URL=${cloud.apiBaseUrl}\n` +
      `  export NRF_CLOUD_PROVISIONING_URL=${cloud.provisioningBaseUrl}\n` +
      `  export NRF_CLOUD_API_KEY=${cloud.demoKey}\n` +
      'Press Ctrl+C to stop.\n',
  );
  await (io.waitForStop ?? waitForSignal)();
  await cloud.close();
  io.stdout.write('Local nRF Cloud stopped.\n');
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
