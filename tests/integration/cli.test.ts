/**
 * `nrf-onboard` end to end without a build: main(argv, io) from src-main/cli/index.ts with
 * captured output, against simulated devices on real ptys (what `nrf-onboard simulate` starts)
 * and a temporary data folder for the token journal.
 */
import { existsSync } from 'node:fs';
import { main } from '../../src-main/cli/index';
import { openJournal } from '../../src-main/cloud/journal';
import { startPtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { runSimulateCommand } from '../../src-main/sim/transports/simulateCommand';
import { captureIo, makeTempDir } from '../unit/main/cloud/helpers';

const UUID = '0b7d3e55-91a2-4c8f-8e1d-6a5b4c3d2e1f';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Captured io with ONBOARDER_DATA_DIR pointing at a fresh temp folder. */
function cliIo() {
  const temp = makeTempDir('onboarder-cli-');
  cleanups.push(temp.cleanup);
  const fallback = makeTempDir('onboarder-cli-default-');
  cleanups.push(fallback.cleanup);
  return { ...captureIo({ ONBOARDER_DATA_DIR: temp.dir }, fallback.dir), dataDir: temp.dir };
}

describe('nrf-onboard', () => {
  it('attest --json reads a shell-firmware device: its UUID, mode shell, and the token journaled', async () => {
    const pty = await startPtySimulator({ firmware: 'shell', deviceUuid: UUID, bootOutput: true });
    cleanups.push(() => pty.close());
    const { io, stdout, dataDir } = cliIo();

    const code = await main(['attest', '--port', pty.path, '--json'], io);
    expect(code).toBe(0);
    const out = JSON.parse(stdout()) as Record<string, unknown>;
    expect(out).toMatchObject({ deviceUuid: UUID, mode: 'shell', model: 'nRF9151-LACA' });
    expect(out.token).toBe(pty.simulator.issuedTokens.at(-1));

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
    const { io, stdout, dataDir } = cliIo();

    const code = await main(['attest', '--port', pty.path, '--json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(stdout())).toMatchObject({ error: { code: 'NO_ANSWER' } });
    expect(openJournal(dataDir).list()).toEqual([]);
  });

  it('ports --json prints one JSON object with devices and other ports', async () => {
    const { io, stdout } = cliIo();
    expect(await main(['ports', '--json'], io)).toBe(0);
    const out = JSON.parse(stdout()) as { devices: unknown; otherPorts: unknown };
    expect(Array.isArray(out.devices)).toBe(true);
    expect(Array.isArray(out.otherPorts)).toBe(true);
  });

  it('simulate then attest: the path simulate prints is a device attest can read, until simulate stops', async () => {
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let simOut = '';
    const running = runSimulateCommand(['--firmware', 'shell', '--device-uuid', UUID, '--pace'], {
      stdout: (s) => (simOut += s),
      stderr: () => undefined,
      until,
    });
    cleanups.push(async () => {
      stop();
      await running;
    });
    await vi.waitFor(() => expect(simOut).toContain('\n'), { timeout: 10_000 });
    const path = simOut.split('\n')[0] ?? '';

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

    stop();
    expect(await running).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
