/**
 * `nrf-onboard` exits as soon as its work is done: after main() resolves, nothing it started is
 * left behind (no timer, no open file or port request) to keep the process alive. Checked by
 * watching what a real attest over a pty starts (async_hooks), not by timing an exit.
 */
import { main } from '../../src-main/cli/index';
import { startPtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { watchResources } from '../support/liveResources';
import { makeTempDir } from '../unit/main/cloud/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An io that discards output; the journal goes to `dir`. */
function quietIo(dir: string) {
  const sink = { write: () => true };
  const io = { stdout: sink, stderr: sink, env: { ONBOARDER_DATA_DIR: dir }, defaultDataDir: dir };
  return io;
}

describe('nrf-onboard leaves nothing running', () => {
  for (const firmware of ['at', 'slm', 'shell'] as const) {
    it(`attest (${firmware}) leaves no timer or request behind once it has answered`, async () => {
      const pty = await startPtySimulator({ firmware });
      cleanups.push(() => pty.close());
      const temp = makeTempDir('onboarder-cli-exit-');
      cleanups.push(temp.cleanup);
      const io = quietIo(temp.dir);
      const watch = watchResources();
      cleanups.push(() => watch.stop());

      const code = await main(['attest', '--port', pty.path, '--json'], io);

      expect(code).toBe(0);
      expect(await watch.alive()).toEqual([]);
    });
  }

  it('a failed attest (no such port) leaves nothing behind either', async () => {
    const temp = makeTempDir('onboarder-cli-exit-');
    cleanups.push(temp.cleanup);
    const io = quietIo(temp.dir);
    const watch = watchResources();
    cleanups.push(() => watch.stop());

    const code = await main(['attest', '--port', '/dev/onboarder-no-such-port', '--json'], io);

    expect(code).toBe(1);
    expect(await watch.alive()).toEqual([]);
  });
});
