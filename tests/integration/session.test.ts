/** The AT session over a REAL pseudo-terminal with the native serialport binding. */
import { AtSession } from '../../src-main/serial/atSession';
import { readDeviceIdentity } from '../../src-main/serial/attest';
import type { FirmwareFamily } from '../../src-main/sim/device/deviceSimulator';
import {
  startPtySimulator,
  type PtySimulator,
  type PtySimulatorOptions,
} from '../../src-main/sim/transports/ptySimulator';
import type { TranscriptEntry } from '../../src-shared/at/transcript';

const UUID = '7c1e55a0-2b3d-4e8f-9a10-b2c3d4e5f607';
const MODES: Record<FirmwareFamily, string> = { at: 'at-host', slm: 'slm', shell: 'shell' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  options: PtySimulatorOptions,
): Promise<{ pty: PtySimulator; session: AtSession; transcript: TranscriptEntry[] }> {
  const pty = await startPtySimulator(options);
  cleanups.push(() => pty.close());
  const transcript: TranscriptEntry[] = [];
  const session = await AtSession.open({ path: pty.path, transcript: (e) => transcript.push(e) });
  cleanups.push(() => session.close());
  return { pty, session, transcript };
}

describe('AtSession over a real pty', () => {
  it.each(['at', 'slm', 'shell'] as FirmwareFamily[])(
    '%s: readDeviceIdentity returns the simulated UUID',
    async (firmware) => {
      const { pty, session } = await start({ firmware, deviceUuid: UUID, firstCommandError: true });
      const reading = await readDeviceIdentity(session);
      expect(reading.token.deviceUuid).toBe(UUID);
      expect(reading.tokenRaw).toBe(pty.simulator.issuedTokens.at(-1));
      expect(reading.mode).toBe(MODES[firmware]);
      expect(reading.model).toBe('nRF9151-LACA');
    },
  );

  it('shell with line-speed pacing and log lines still answers', async () => {
    const { session } = await start({
      firmware: 'shell',
      deviceUuid: UUID,
      logLinesEveryMs: 20,
      pace: { baudRate: 115200 },
    });
    const logs: string[] = [];
    session.onUnsolicited((line) => logs.push(line));
    const reading = await readDeviceIdentity(session);
    expect(reading.token.deviceUuid).toBe(UUID);
    // The log lines flow on their own stream (never as a reply); the reading may beat the first.
    await vi.waitFor(() => expect(logs.length).toBeGreaterThan(0), { timeout: 3000 });
    expect(logs.every((line) => !line.includes('%ATTESTTOKEN'))).toBe(true);
  });

  it('device removed mid-reply -> PORT_GONE and the session reports its close', async () => {
    const { pty, session } = await start({ firmware: 'at', replyDelayMs: 300 });
    await session.send('AT+CGMM');
    const closed = new Promise((resolve) => session.onClose(resolve));
    const outcome = session.send('AT%ATTESTTOKEN').catch((err: unknown) => err);
    await pty.disconnect();
    expect(await outcome).toMatchObject({ code: 'PORT_GONE' });
    expect(await closed).toMatchObject({ code: 'PORT_GONE' });
  });

  it('a device that vanishes by itself mid-reply -> PORT_GONE', async () => {
    const { session } = await start({ firmware: 'shell', disappearAfterBytes: 120 });
    await expect(readDeviceIdentity(session)).rejects.toMatchObject({ code: 'PORT_GONE' });
  });

  it('opening a missing path is PORT_NOT_FOUND', async () => {
    await expect(AtSession.open({ path: '/dev/pts/does-not-exist' })).rejects.toMatchObject({
      code: 'PORT_NOT_FOUND',
    });
  });
});
