import { run as runFakeCloud } from '../../../../src-main/cli/commands/fakeCloud';
import { FAKE_DEMO_KEY, FAKE_VIEWER_KEY } from '../../../../src-main/sim/fakeCloud/teams';
import { captureIo, stopSignal } from './helpers';

describe('nrf-onboard fake-cloud', () => {
  it('prints the URL, the demo key and the env vars, serves until stopped, then closes', async () => {
    const { stop, fire } = stopSignal();
    const run = captureIo({}, stop);
    const running = runFakeCloud(['--port', '0'], run.io);
    await vi.waitFor(() => expect(run.stdout()).toContain('Press Ctrl+C'));
    const text = run.stdout();
    const apiUrl = /NRF_CLOUD_API_URL=(\S+)/.exec(text)?.[1];
    expect(text).toContain(`NRF_CLOUD_API_KEY=${FAKE_DEMO_KEY}`);
    expect(text).toMatch(
      /NRF_CLOUD_PROVISIONING_URL=http:\/\/127\.0\.0\.1:\d+\/provisioning\/v1\//,
    );
    expect(text).toContain(FAKE_VIEWER_KEY);
    const response = await fetch(`${apiUrl}account`, {
      headers: { Authorization: `Bearer ${FAKE_DEMO_KEY}` },
    });
    expect(response.status).toBe(200);
    fire();
    expect(await running).toBe(0);
    expect(run.stdout()).toMatch(/Local nRF Cloud stopped\.\n$/);
    await expect(fetch(`${apiUrl}account`)).rejects.toThrow();
  });

  it('rejects a bad port', async () => {
    for (const port of ['abc', '70000', '1.5']) {
      const run = captureIo({}, Promise.resolve());
      expect(await runFakeCloud(['--port', port], run.io)).toBe(2);
      expect(run.stderr()).toMatch(
        /--port must be a number from 0 to 65535.*\n\nUsage: nrf-onboard fake-cloud/,
      );
    }
  });
});
