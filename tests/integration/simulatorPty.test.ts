import { existsSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvisioningLink, ONBOARDING_COMMANDS } from '../support/sim/fakeProvisioningLink';
import type { PtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { startPtySimulator } from '../../src-main/sim/transports/ptySimulator';
import type { OpenedPort } from '../unit/main/sim/portHelpers';
import { endsWithText, openPort } from '../unit/main/sim/portHelpers';
import { PROMPT, tokenFields } from '../unit/main/sim/simHarness';

const UUID = '7e57da7a-0001-4abc-8def-0123456789ab';
let ptys: PtySimulator[] = [];
let ports: OpenedPort[] = [];

async function device(
  options: Parameters<typeof startPtySimulator>[0],
): Promise<{ pty: PtySimulator; port: OpenedPort }> {
  const pty = await startPtySimulator(options);
  ptys.push(pty);
  const port = await openPort(pty.path);
  ports.push(port);
  return { pty, port };
}

afterEach(async () => {
  await Promise.all(ports.map((p) => p.close()));
  await Promise.all(ptys.map((p) => p.close()));
  ports = [];
  ptys = [];
});

describe('simulated devices on a real pty, read through the real serialport binding', () => {
  it('AT host: token reply byte for byte', async () => {
    const { pty, port } = await device({ firmware: 'at', deviceUuid: UUID });
    await port.write('AT%ATTESTTOKEN\r\n');
    await port.waitFor(/OK\r\n$/);
    const [token = ''] = pty.simulator.issuedTokens;
    expect(port.text()).toBe(`%ATTESTTOKEN: "${token}"\r\nOK\r\n`);
    expect(tokenFields(token).deviceUuid).toBe(UUID);
  });

  it('SLM: Ready at power-up, then framed replies; rejects `at `', async () => {
    const { pty, port } = await device({ firmware: 'slm', bootOutput: true, powerOn: false });
    pty.simulator.start();
    await port.waitFor(/^Ready\r\n$/);
    await port.write('at AT%ATTESTTOKEN\r\n');
    await port.waitFor(/ERROR\r\n$/);
    await port.write('AT%ATTESTTOKEN\r\n');
    await port.waitFor(/\r\nOK\r\n$/);
    const [token = ''] = pty.simulator.issuedTokens;
    expect(port.text()).toBe(`Ready\r\n\r\nERROR\r\n\r\n%ATTESTTOKEN: "${token}"\r\n\r\nOK\r\n`);
  });

  it('Zephyr shell: command not found, then the `at` form', async () => {
    const { pty, port } = await device({ firmware: 'shell' });
    await port.write('AT%ATTESTTOKEN\r\n');
    await port.waitFor(endsWithText(`command not found\r\n\x1b[m${PROMPT}`));
    await port.write('at AT%ATTESTTOKEN\r\n');
    await port.waitFor(endsWithText(`OK\r\r\n\r\n${PROMPT}`));
    const [token = ''] = pty.simulator.issuedTokens;
    expect(port.text()).toBe(
      `AT%ATTESTTOKEN\r\n\x1b[1;31mAT%ATTESTTOKEN: command not found\r\n\x1b[m${PROMPT}` +
        `at AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${token}"\r\r\nOK\r\r\n\r\n${PROMPT}`,
    );
  });

  it('survives the host closing and reopening the port', async () => {
    const { pty, port } = await device({ firmware: 'at' });
    await port.close();
    const again = await openPort(pty.path);
    ports.push(again);
    await again.write('AT+CGMI\r\n');
    await again.waitFor(/^Nordic Semiconductor ASA\r\nOK\r\n$/);
  });

  it('disconnect() mid-reply closes the open port with a disconnect error and removes the pty', async () => {
    const { pty, port } = await device({
      firmware: 'at',
      chunking: { maxChunkBytes: 20, gapMs: 60_000 },
    });
    await port.write('AT%ATTESTTOKEN\r\n');
    await port.waitFor(/^%ATTESTTOKEN: "2dn3h$/);
    await pty.disconnect();
    const err = await port.closed;
    expect(err).toMatchObject({ disconnected: true });
    expect(port.text()).toBe('%ATTESTTOKEN: "2dn3h');
    expect(existsSync(pty.path)).toBe(false);
  });

  it('abrupt disconnect: the host learns at the latest when its next write fails', async () => {
    const { pty, port } = await device({ firmware: 'at' });
    await port.write('AT\r\n');
    await port.waitFor(/^OK\r\n$/);
    await pty.disconnect({ abrupt: true });
    // bindings-cpp may spin on 0-byte reads after a hang-up; a write to the hung-up tty fails with
    // EIO and closes the port. (Fire and forget: on an already closed port the write never calls back.)
    if (port.port.isOpen) port.port.write('AT\r\n');
    await port.closed;
    expect(port.port.isOpen).toBe(false);
  });

  it('a device that vanishes by itself (disappearAfterBytes) takes the pty with it', async () => {
    const { pty, port } = await device({ firmware: 'at', disappearAfterBytes: 25 });
    await port.write('AT%ATTESTTOKEN\r\n');
    const err = await port.closed;
    expect(err).toMatchObject({ disconnected: true });
    expect('%ATTESTTOKEN: "2dn3hQFQ'.startsWith(port.text().slice(0, 23))).toBe(true);
    expect(port.text().length).toBeLessThanOrEqual(25);
    await pty.exited;
    expect(existsSync(pty.path)).toBe(false);
  });

  it('paces output at the line speed (10 KB at 115200 baud is not faster than the wire)', async () => {
    const { pty, port } = await device({ firmware: 'at', pace: { baudRate: 115200 } });
    const commands = 50;
    const started = performance.now();
    await port.write('AT%ATTESTTOKEN\r\n'.repeat(commands));
    await port.waitFor(new RegExp(`^(%ATTESTTOKEN: "[^"]+"\\r\\nOK\\r\\n){${commands}}$`), 15_000);
    const elapsedMs = performance.now() - started;
    const bytes = port.text().length;
    expect(bytes).toBeGreaterThan(10_000);
    expect(pty.simulator.issuedTokens).toHaveLength(commands);
    // 10 bits per byte; allow 10 % for clock and timer granularity, no upper bound.
    expect(elapsedMs).toBeGreaterThanOrEqual(0.9 * ((bytes * 10) / 115200) * 1000);
  });

  it('ATT reboot: the pty behind the link path goes away and a new one comes back (re-enumeration)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onboarder-pty-'));
    try {
      const linkPath = join(dir, 'ttyACM0');
      const link = new FakeProvisioningLink({ commands: ONBOARDING_COMMANDS });
      const { pty, port } = await device({
        firmware: 'shell',
        shellApp: 'att',
        linkPath,
        // Slow enough that the host has reopened before the device talks to the cloud.
        provisioning: { link, timeScale: 0.1 },
      });
      expect(pty.path).toBe(linkPath);
      const before = lstatSync(linkPath).ino;
      await port.write('kernel reboot warm\r\n');
      const err = await port.closed;
      expect(err).toMatchObject({ disconnected: true });
      // The app's reopen: try the same path once it is back (a new link; the old pty's number may
      // already belong to someone else's pty on this machine).
      let again: OpenedPort | undefined;
      for (let i = 0; i < 500 && again === undefined; i++) {
        const isBack = existsSync(linkPath) && lstatSync(linkPath).ino !== before;
        if (isBack) again = await openPort(linkPath).catch(() => undefined);
        if (again === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (again === undefined) throw new Error('the port did not come back');
      ports.push(again);
      // Lines printed before the host reopened are lost (as on hardware), so follow the cloud side.
      const ops = () => link.calls.map((c) => c.op).join(',');
      for (let i = 0; i < 600 && !ops().includes('report,fetch,connect'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // After the boot: refused, provisioned, connected (docs/protocol.md §12.1).
      expect(ops()).toMatch(/connect,fetch,report,fetch,connect$/);
      await again.write('at AT\r\n');
      await again.waitFor(endsWithText(`OK\r\r\n\r\n${PROMPT}`), 10_000);
      await pty.close();
      expect(existsSync(linkPath)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
