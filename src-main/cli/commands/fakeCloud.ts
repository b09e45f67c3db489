/** `nrf-onboard fake-cloud [--port <n>] [--host <h>]`: runs the local nRF Cloud until Ctrl+C. */
import { AppError } from '../../../src-shared/ipc/errors';
import { startFakeCloud, type FakeCloud } from '../../sim/fakeCloud/server';
import { defaultFakeCloudKeys } from '../../sim/fakeCloud/teams';
import { defineCommand, EXIT_OK, UsageError, untilStopped } from '../command';

export const usage = `Usage: nrf-onboard fake-cloud [--port <n>] [--host <address>]

Starts a local nRF Cloud (account, claim, dry run, lookup, unclaim) for the demo and tests,
prints its URL and demo keys, and runs until Ctrl+C.

  --port <n>        TCP port (default 0: any free port)
  --host <address>  address to listen on (default 127.0.0.1)
  -h, --help        this text
`;

export const { run } = defineCommand({
  usage,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  deps: () => ({}),
  async run({ values, io, out }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!/^\d+$/.test(values.port ?? '0') || port > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    const stopped = untilStopped(io);
    let cloud: FakeCloud;
    try {
      cloud = await startFakeCloud({ port, host: values.host ?? '127.0.0.1' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why =
        code === 'EADDRINUSE'
          ? `port ${port} is already in use`
          : error instanceof Error
            ? error.message
            : String(error);
      throw new AppError('INTERNAL', `Could not start the local nRF Cloud: ${why}.`);
    }
    const others = defaultFakeCloudKeys
      .filter((k) => k.key !== cloud.demoKey)
      .map((k) => `  ${k.key}  team "${k.teamName}", ${k.role}\n`)
      .join('');
    out.text(
      `Local nRF Cloud listening on ${cloud.url}\n` +
        `Demo API key (team "Demo Team", owner): ${cloud.demoKey}\n` +
        `Other keys, to try roles:\n${others}\n` +
        'Point the app or the CLI at it:\n' +
        `  export NRF_CLOUD_API_URL=${cloud.apiBaseUrl}\n` +
        `  export NRF_CLOUD_PROVISIONING_URL=${cloud.provisioningBaseUrl}\n` +
        `  export NRF_CLOUD_API_KEY=${cloud.demoKey}\n` +
        `Simulated devices fetch their credentials from ${cloud.deviceLinkUrl}\n` +
        'Press Ctrl+C to stop.',
    );
    await stopped;
    await cloud.close();
    out.text('Local nRF Cloud stopped.');
    return EXIT_OK;
  },
});
