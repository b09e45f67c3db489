/**
 * `nrf-onboard` end to end without a build: main(argv, io) from src-main/cli/index.ts with
 * captured output, against simulated devices on real ptys (what `nrf-onboard simulate` starts)
 * and a temporary data folder for the token journal.
 */
import { existsSync } from 'node:fs';
import { main } from '../../src-main/cli/index';
import { openJournal } from '../../src-main/cloud/journal';
import { startPtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { makeTempDir } from '../unit/main/cloud/helpers';
import { captureIo, stopSignal } from '../unit/main/cli/helpers';
import { openPort, type OpenedPort } from '../unit/main/sim/portHelpers';

const UUID = '0b7d3e55-91a2-4c8f-8e1d-6a5b4c3d2e1f';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Captured io with ONBOARDER_DATA_DIR pointing at a fresh temp folder. */
function cliIo(stop?: Promise<unknown>) {
  const temp = makeTempDir('onboarder-cli-');
  cleanups.push(temp.cleanup);
  return { ...captureIo({ ONBOARDER_DATA_DIR: temp.dir }, stop), dataDir: temp.dir };
}

/** Starts `nrf-onboard simulate` through main() and waits for the path it prints. */
async function simulate(argv: string[]) {
  const { stop, fire } = stopSignal();
  const sim = cliIo(stop);
  const running = main(['simulate', ...argv], sim.io);
  cleanups.push(async () => {
    fire();
    await running;
  });
  await vi.waitFor(() => expect(sim.stdout()).toContain('Ctrl-C'), { timeout: 10_000 });
  const [path = '', hint = ''] = sim.stdout().split('\n');
  return { path, hint, running, fire };
}

describe('nrf-onboard', () => {
  it('attest --json reads a shell-firmware device: its UUID, mode shell, and the token journaled', async () => {
    const pty = await startPtySimulator({ firmware: 'shell', deviceUuid: UUID, bootOutput: true });
    cleanups.push(() => pty.close());
    const { io, stdout, stderr, dataDir } = cliIo();

    const code = await main(['attest', '--port', pty.path, '--json'], io);
    expect(code).toBe(0);
    const out = JSON.parse(stdout()) as Record<string, unknown>;
    expect(out).toMatchObject({ deviceUuid: UUID, mode: 'shell', model: 'nRF9151-LACA' });
    expect(out.token).toBe(pty.simulator.issuedTokens.at(-1));
    // --json keeps stderr for warnings only: no progress lines.
    expect(stderr()).toBe('');

    const entries = openJournal(dataDir).list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      token: out.token,
      deviceUuid: UUID,
      source: 'device',
      claimStatus: 'unclaimed',
    });
  });

  it('attest on a silent port exits 1 with { error: { code: NO_ANSWER } } and journals nothing', async () => {
    const pty = await startPtySimulator({ firmware: 'at', silent: true });
    cleanups.push(() => pty.close());
    const json = cliIo();
    expect(await main(['attest', '--port', pty.path, '--json'], json.io)).toBe(1);
    expect(JSON.parse(json.stdout())).toEqual({
      error: { code: 'NO_ANSWER', message: expect.any(String) },
    });
    expect(openJournal(json.dataDir).list()).toEqual([]);
  });

  it('attest on a port that does not exist exits 1 with CODE: message on stderr', async () => {
    const { io, stdout, stderr } = cliIo();
    expect(await main(['attest', '--port', '/dev/onboarder-no-such-port'], io)).toBe(1);
    expect(stderr()).toMatch(/^PORT_[A-Z_]+: .+\n$/m);
    expect(stdout()).toBe('');
  });

  it('ports --json prints one JSON object with devices and other ports', async () => {
    const { io, stdout } = cliIo();
    expect(await main(['ports', '--json'], io)).toBe(0);
    const out = JSON.parse(stdout()) as { devices: unknown; otherPorts: unknown };
    expect(Array.isArray(out.devices)).toBe(true);
    expect(Array.isArray(out.otherPorts)).toBe(true);
  });

  it('--data-dir puts the journal where it says, over ONBOARDER_DATA_DIR', async () => {
    const pty = await startPtySimulator({ firmware: 'at', deviceUuid: UUID });
    cleanups.push(() => pty.close());
    const other = makeTempDir('onboarder-cli-flag-');
    cleanups.push(other.cleanup);
    const { io, dataDir } = cliIo();
    expect(await main(['attest', '--port', pty.path, '--data-dir', other.dir], io)).toBe(0);
    expect(openJournal(other.dir).list()).toHaveLength(1);
    expect(openJournal(dataDir).list()).toEqual([]);
  });
});

describe('nrf-onboard simulate', () => {
  it('rejects bad arguments with exit code 2, the reason and the usage', async () => {
    const cases = [
      [],
      ['--firmware', 'bogus'],
      ['--firmware', 'at', '--device-uuid', 'nope'],
      ['--firmware', 'at', '--baud', 'fast'],
      ['--firmware', 'shell', '--library', 'lib-future'],
      ['--firmware', 'att', '--time-scale', 'fast'],
      ['--firmware', 'slm', '--provisioning', '--no-provisioning'],
      ['--firmware', 'at', '--imei', '12'],
      ['--firmware', 'att', '--cloud', 'https://api.nrfcloud.com'],
      ['--firmware', 'att', '--cloud', 'not a url'],
      ['--what'],
    ];
    for (const argv of cases) {
      const { io, stderr } = captureIo({}, Promise.resolve());
      expect(await main(['simulate', ...argv], io)).toBe(2);
      expect(stderr()).toMatch(
        /^.+\n\nUsage: nrf-onboard simulate --firmware <at\|slm\|shell\|att>/,
      );
    }
  });

  it('prints the pty path first, serves it until told to stop, then removes it', async () => {
    const { path, hint, running, fire } = await simulate([
      '--firmware',
      'shell',
      '--device-uuid',
      UUID,
    ]);
    expect(path).toMatch(/^\/dev\/(pts\/\d+|tty\w+)$/);
    expect(hint).toContain(path);
    const port: OpenedPort = await openPort(path);
    cleanups.push(() => port.close());
    await port.write('at AT+CGMM\r\n');
    await port.waitFor(/nRF9151-LACA\r\r\nOK\r\r\n\r\n/);
    fire();
    await expect(running).resolves.toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('--lte-off-at-boot: a Serial Modem that boots with LTE off until the host sends AT+CFUN=1', async () => {
    const { path } = await simulate(['--firmware', 'slm', '--lte-off-at-boot']);
    const port: OpenedPort = await openPort(path);
    cleanups.push(() => port.close());
    await port.write('AT+CFUN?\r\n');
    await port.waitFor(/\+CFUN: 0\r\n\r\nOK\r\n/);
    await port.write('AT+CFUN=1\r\n');
    await port.write('AT+CFUN?\r\n');
    await port.waitFor(/\+CFUN: 1\r\n\r\nOK\r\n/);
  });

  it('then attest: the path simulate prints is a device attest can read, until simulate stops', async () => {
    const { path, running, fire } = await simulate([
      '--firmware',
      'shell',
      '--device-uuid',
      UUID,
      '--pace',
    ]);
    const { io, stdout, stderr, dataDir } = cliIo();
    const plain = await main(['attest', '--port', path], io);
    expect(plain).toBe(0);
    expect(stderr()).toContain(`Device UUID     ${UUID}`);
    expect(stderr()).toContain('Firmware mode   shell');
    const token = stdout().trim();
    expect(
      openJournal(dataDir)
        .list()
        .map((e) => e.token),
    ).toEqual([token]);

    fire();
    expect(await running).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
