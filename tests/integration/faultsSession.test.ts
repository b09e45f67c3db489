/**
 * Session faults over a REAL pseudo-terminal with serialport's native binding: each fault ends in
 * its own error code, and the session (or a new one, once the port is back) serves the next
 * command. session.test.ts covers the gentle unplug and a device vanishing by itself; the mock
 * binding tests in tests/unit/main/serial cover the state machine byte by byte.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { countingBinding } from '../../src-main/bench/countingBinding';
import { AtSession } from '../../src-main/serial/atSession';
import { readDeviceIdentity } from '../../src-main/serial/attest';
import type { SerialBinding } from '../../src-main/serial/bindingTypes';
import { nativeBinding } from '../../src-main/serial/portConnection';
import { PTY_RELAY_SCRIPT } from '../../src-main/sim/transports/ptyRelay';
import {
  startPtySimulator,
  type PtySimulator,
  type PtySimulatorOptions,
} from '../../src-main/sim/transports/ptySimulator';
import { DEFAULT_MAX_LINE_LENGTH } from '../../src-shared/at/lineFramer';
import { encodeAttestationToken, randomNonce } from '../../src-shared/token/encode';
import type { TranscriptEntry } from '../../src-shared/at/transcript';
import type { AppErrorData } from '../../src-shared/ipc/errors';

const UUID = '3f0c9a12-8d4e-4b7a-9c61-0e2d5f7a8b90';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

let binding: SerialBinding;
beforeAll(async () => {
  binding = await nativeBinding();
});

async function simulator(options: PtySimulatorOptions): Promise<PtySimulator> {
  const pty = await startPtySimulator(options);
  cleanups.push(() => pty.close());
  return pty;
}

async function open(
  path: string,
  extra: { binding?: SerialBinding; transcript?: TranscriptEntry[] } = {},
): Promise<AtSession> {
  const transcript = extra.transcript;
  const session = await AtSession.open({
    path,
    binding: extra.binding ?? binding,
    ...(transcript ? { transcript: (e: TranscriptEntry) => transcript.push(e) } : {}),
  });
  cleanups.push(() => session.close());
  return session;
}

/** Resolves with the reason the session reports when it ends. */
function closeReason(session: AtSession): Promise<AppErrorData | undefined> {
  return new Promise((resolve) => session.onClose(resolve));
}

/**
 * A device we script byte for byte: the pty relay without a simulator behind it. Every line the
 * host sends goes to `answer`, whose bytes go back as they are (so we can send what no firmware
 * would: noise, or a megabyte without a line end).
 */
interface ScriptedPty {
  path: string;
  lines: string[];
  /** Sends `next()` every `everyMs` until the returned stop function or the test's cleanup. */
  repeat(next: () => Uint8Array | string, everyMs: number): () => void;
}
async function scriptedPty(
  answer: (line: string) => Uint8Array | string | undefined,
): Promise<ScriptedPty> {
  const child: ChildProcessWithoutNullStreams = spawn('python3', ['-u', '-c', PTY_RELAY_SCRIPT]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin.on('error', () => undefined);
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const lines: string[] = [];
  let head = '';
  let pending = '';
  const path = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!head.includes('\n')) {
        head += chunk.toString('latin1');
        const newline = head.indexOf('\n');
        if (newline < 0) return;
        resolve(head.slice(0, newline).trim());
        pending += head.slice(newline + 1);
      } else {
        pending += chunk.toString('latin1');
      }
      const parts = pending.split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      for (const line of parts.filter((l) => l !== '')) {
        lines.push(line);
        const reply = answer(line);
        if (reply !== undefined) child.stdin.write(reply);
      }
    });
  });
  const repeat = (next: () => Uint8Array | string, everyMs: number): (() => void) => {
    const timer = setInterval(() => {
      if (child.exitCode === null) child.stdin.write(next());
    }, everyMs);
    const stop = (): void => clearInterval(timer);
    cleanups.push(async () => stop());
    return stop;
  };
  return { path, lines, repeat };
}

/** Seeded noise: what a UART at the wrong baud rate turns text into (bytes 0x80-0xFF). */
function noise(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = 0x80 | (((t ^ (t >>> 14)) >>> 0) & 0x7f);
  }
  return bytes;
}

const concat = (...parts: Array<Uint8Array | string>): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('session faults over a real pty', () => {
  it('device removed abruptly mid-reply: a specific error, the session reports PORT_GONE, and the replugged device answers', async () => {
    // 2400 baud pacing keeps the token reply on the wire for ~0.8 s: the relay dies inside it.
    const pty = await simulator({ firmware: 'at', deviceUuid: UUID, pace: { baudRate: 2400 } });
    let onFirstBytes = (): void => undefined;
    const counting = countingBinding(binding, (n) => {
      if (n > 0) onFirstBytes();
    });
    const session = await open(pty.path, { binding: counting.binding });
    const closed = closeReason(session);
    onFirstBytes = () => {
      onFirstBytes = () => undefined;
      void pty.disconnect({ abrupt: true });
    };

    const first = await session
      .send('AT%ATTESTTOKEN', { timeoutMs: 1500 })
      .catch((e: unknown) => e);
    // bindings-cpp either reports the hang-up (PORT_GONE) or, when it lands during a read, goes
    // quiet: the deadline then says the reply stopped (bytes came, the final result did not).
    expect(first).toMatchObject({ code: expect.stringMatching(/^(PORT_GONE|COMMAND_TIMEOUT)$/) });
    // At the latest the next write finds the device gone, and the session ends with that reason.
    await expect(session.send('AT+CGMM', { timeoutMs: 1500 })).rejects.toMatchObject({
      code: 'PORT_GONE',
    });
    const noClose = new Promise((resolve) => setTimeout(() => resolve('no close reported'), 3000));
    expect(await Promise.race([closed, noClose])).toMatchObject({ code: 'PORT_GONE' });
    await expect(session.send('AT+CGMM')).rejects.toMatchObject({ code: 'PORT_GONE' });

    // Plugged back in (a pty cannot come back under the same path, so a new one): a new session works.
    const replugged = await simulator({ firmware: 'at', deviceUuid: UUID });
    const again = await open(replugged.path);
    expect((await readDeviceIdentity(again)).token.deviceUuid).toBe(UUID);
  });

  it('when the driver never reports the unplug, the next write ends the session with PORT_GONE', async () => {
    // bindings-cpp can miss a hang-up that lands during a read and loop on 0-byte reads for good
    // (see ptyRelay.ts). This binding plays that part over the real pty: once `isStalled`, a read
    // that fails just hangs until close. The write that follows is real and fails on the dead pty.
    const pty = await simulator({ firmware: 'at', pace: { baudRate: 2400 } });
    let isStalled = false;
    const hung: Array<() => void> = [];
    const stalling: SerialBinding = {
      list: () => binding.list(),
      open: async (options) => {
        const port = await binding.open(options);
        return {
          get isOpen() {
            return port.isOpen;
          },
          read: async (buffer, offset, length) => {
            const result = await port.read(buffer, offset, length).catch((err: unknown) => {
              if (!isStalled) throw err;
              return new Promise<never>((_, reject) => hung.push(() => reject(err)));
            });
            if (result.bytesRead > 0 && !isStalled) {
              isStalled = true;
              void pty.disconnect({ abrupt: true });
            }
            return result;
          },
          write: (data) => port.write(data),
          set: (settings) => port.set(settings),
          close: async () => {
            for (const release of hung.splice(0)) release();
            await port.close();
          },
        };
      },
    };
    const session = await open(pty.path, { binding: stalling });
    const closed = closeReason(session);
    await expect(session.send('AT%ATTESTTOKEN', { timeoutMs: 800 })).rejects.toMatchObject({
      code: 'COMMAND_TIMEOUT',
    });
    await expect(session.send('AT+CGMM', { timeoutMs: 800 })).rejects.toMatchObject({
      code: 'PORT_GONE',
    });
    const noClose = new Promise((resolve) => setTimeout(() => resolve('no close reported'), 3000));
    expect(await Promise.race([closed, noClose])).toMatchObject({ code: 'PORT_GONE' });
  });

  it('a silent device is NO_ANSWER saying nothing came back; once it powers up the same session answers', async () => {
    const pty = await simulator({ firmware: 'shell', deviceUuid: UUID, powerOn: false });
    const session = await open(pty.path);
    const error = await session.send('AT+CGMM', { timeoutMs: 600 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NO_ANSWER', message: expect.stringMatching(/No reply/) });

    pty.simulator.start();
    const reading = await readDeviceIdentity(session);
    expect(reading.token.deviceUuid).toBe(UUID);
    expect(reading.mode).toBe('shell');
  });

  it('noise from a wrong baud rate is GARBLED_INPUT, and the next command is read cleanly', async () => {
    const device = await scriptedPty((line) => {
      if (line === 'AT+CGMM') return concat(noise(7, 64), '\r\n');
      if (line === 'AT+CGMR') return 'mfw_nrf91x1_2.0.2\r\nOK\r\n';
      return undefined;
    });
    const session = await open(device.path);
    await expect(session.send('AT+CGMM', { timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'GARBLED_INPUT',
    });
    const reply = await session.send('AT+CGMR', { timeoutMs: 2000 });
    expect(reply.lines).toEqual(['mfw_nrf91x1_2.0.2']);
    expect(device.lines).toEqual(['AT+CGMM', 'AT+CGMR']);
  });

  it('1 MiB without a line end is LINE_TOO_LONG, no line past the bound is kept, and the next command works', async () => {
    const MIB = 1024 * 1024;
    const device = await scriptedPty((line) => {
      if (line === 'AT+CGMM') return 'A'.repeat(MIB);
      if (line === 'AT+CGMR') return '\r\nmfw_nrf91x1_2.0.2\r\nOK\r\n';
      return undefined;
    });
    const counting = countingBinding(binding);
    const transcript: TranscriptEntry[] = [];
    const session = await open(device.path, { binding: counting.binding, transcript });
    await expect(session.send('AT+CGMM', { timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'LINE_TOO_LONG',
    });
    // Let the whole flood arrive before the next command, as a device that finished babbling.
    await vi.waitFor(() => expect(counting.counts.rx).toBeGreaterThanOrEqual(MIB), {
      timeout: 10_000,
      interval: 20,
    });
    const reply = await session.send('AT+CGMR', { timeoutMs: 2000 });
    expect(reply.lines).toEqual(['mfw_nrf91x1_2.0.2']);
    const longest = Math.max(...transcript.filter((e) => e.dir === 'rx').map((e) => e.text.length));
    expect(longest).toBeLessThanOrEqual(DEFAULT_MAX_LINE_LENGTH);
  });

  it('two commands issued at once both complete, in order, each with its own reply (shell)', async () => {
    const pty = await simulator({ firmware: 'shell', pace: { baudRate: 115200 } });
    const transcript: TranscriptEntry[] = [];
    const session = await open(pty.path, { transcript });
    const [model, imei] = await Promise.all([session.send('AT+CGMM'), session.send('AT+CGSN')]);
    expect(model.lines).toEqual(['nRF9151-LACA']);
    expect(imei.lines).toHaveLength(1);
    expect(imei.lines[0]).toMatch(/^\d{15}$/);
    const sent = transcript.filter((e) => e.dir === 'tx').map((e) => e.text);
    expect(sent.indexOf('at AT+CGSN')).toBeGreaterThan(sent.lastIndexOf('at AT+CGMM'));
  });

  it('the port closed by the user mid-command is PORT_CLOSED with a clean close, and a reopened session works', async () => {
    const pty = await simulator({ firmware: 'slm', deviceUuid: UUID, replyDelayMs: 400 });
    const transcript: TranscriptEntry[] = [];
    const session = await open(pty.path, { transcript });
    const closed = closeReason(session);
    const emitted = pty.simulator.bytesEmitted;
    const pending = session.send('AT%ATTESTTOKEN').catch((e: unknown) => e);
    // Mid-command: written to the device, which is still working on the answer.
    await vi.waitFor(() =>
      expect(transcript.some((e) => e.dir === 'tx' && e.text === 'AT%ATTESTTOKEN')).toBe(true),
    );
    await session.close();
    expect(await pending).toMatchObject({ code: 'PORT_CLOSED' });
    expect(await closed).toBeUndefined();
    await expect(session.send('AT+CGMM')).rejects.toMatchObject({ code: 'PORT_CLOSED' });

    // Reopen once the device has finished the abandoned reply (opening flushes what it left).
    await vi.waitFor(() => expect(pty.simulator.bytesEmitted).toBeGreaterThan(emitted), {
      timeout: 5000,
      interval: 20,
    });
    const again = await open(pty.path);
    const reading = await readDeviceIdentity(again);
    expect(reading.token.deviceUuid).toBe(UUID);
    expect(reading.mode).toBe('slm');
  });
});

/** A synthetic token of one device, as the modem would print it. */
const tokenOf = (deviceUuid: string): string =>
  encodeAttestationToken({
    deviceUuid,
    deviceType: 4,
    modemFirmwareUuid: '1aff3acb-f1a6-4764-a263-4c2646c1c654',
    nonce: randomNonce(),
  });

/** Answers the identification commands at once; the token reply is the test's business. */
function identityCommand(line: string): string | undefined {
  if (line === 'AT+CGMM') return 'nRF9151-LACA\r\nOK\r\n';
  if (line === 'AT+CGMR') return 'mfw_nrf91x1_2.0.2\r\nOK\r\n';
  if (line === 'AT+CGSN') return '351358811234567\r\nOK\r\n';
  if (line === 'AT+CMEE=1') return 'OK\r\n';
  return undefined;
}

describe('slow, noisy and two-faced devices over a real pty', () => {
  it('a device answering at 20 B/s is read with the default deadlines (talking resets the idle deadline)', async () => {
    // Every reply trickles out one byte per 50 ms; the modem first signs for 1.5 s in silence.
    // The token reply alone (~200 bytes) then takes over 10 s: the old total deadline of 10 s lost it.
    let queue = '';
    const device = await scriptedPty((line) => {
      if (line === 'AT%ATTESTTOKEN') {
        setTimeout(() => (queue += `%ATTESTTOKEN: "${tokenOf(UUID)}"\r\nOK\r\n`), 1500);
      } else {
        queue += identityCommand(line) ?? '';
      }
      return undefined;
    });
    device.repeat(() => {
      const next = queue.charAt(0);
      queue = queue.slice(1);
      return next;
    }, 50);
    const transcript: TranscriptEntry[] = [];
    const session = await open(device.path, { transcript });
    const reading = await readDeviceIdentity(session);
    expect(reading.token.deviceUuid).toBe(UUID);
    expect(reading.model).toBe('nRF9151-LACA');
    const asked = transcript.find((e) => e.dir === 'tx' && e.text === 'AT%ATTESTTOKEN')?.t ?? 0;
    const answered = transcript.findLast((e) => e.dir === 'rx' && e.text === 'OK')?.t ?? 0;
    // The point of the test: the token took longer than the 10 s idle deadline, and was read.
    expect(answered - asked).toBeGreaterThan(10_000);
  }, 40_000);

  it('high-byte noise without line ends is GARBLED_INPUT after a few dozen bytes, not a timeout', async () => {
    // 100 B/s: the line-length bound would take 80 s, the old 3 s deadline ended it as a timeout.
    let seed = 1;
    const device = await scriptedPty((line) => {
      if (line === 'AT+CGMM') device.repeat(() => noise(seed++, 1), 10);
      return undefined;
    });
    const counting = countingBinding(binding);
    const session = await open(device.path, { binding: counting.binding });
    const error = await readDeviceIdentity(session).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GARBLED_INPUT' });
    // Judged within 64 bytes of noise: well under a second at this rate.
    expect(counting.counts.rx).toBeLessThan(64);
    expect(device.lines).toEqual(['AT+CGMM']);
  });

  it('two tokens of different devices in one reply are MULTIPLE_TOKENS naming both; the same token twice is read', async () => {
    const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const first = tokenOf(UUID);
    let second = tokenOf(OTHER);
    const device = await scriptedPty(
      (line) =>
        identityCommand(line) ??
        (line === 'AT%ATTESTTOKEN'
          ? `%ATTESTTOKEN: "${first}"\r\n%ATTESTTOKEN: "${second}"\r\nOK\r\n`
          : undefined),
    );
    const session = await open(device.path);
    const error = await readDeviceIdentity(session).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MULTIPLE_TOKENS' });
    expect((error as Error).message).toContain(UUID);
    expect((error as Error).message).toContain(OTHER);

    second = first;
    const reading = await readDeviceIdentity(session);
    expect(reading.token.deviceUuid).toBe(UUID);
    expect(reading.tokenRaw).toBe(first);
  });
});

/**
 * Memory under a flooding device, measured where nothing else runs: a child process (the session
 * and the app's transcript store, bundled with vite, as Node 20 cannot run TypeScript) opens the
 * pty, sends one command, stays open another second of flood, and reports how the command ended
 * and the highest `process.memoryUsage().rss` it saw.
 */
describe('a flooding device costs bounded memory (measured in a child process)', () => {
  const MB = 1024 * 1024;
  let work: string;
  let script: string;
  let bindingsUrl: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'onboarder-flood-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      root: resolve(import.meta.dirname, '../..'),
      build: {
        ssr: 'tests/support/serial/floodChild.ts',
        outDir: work,
        emptyOutDir: true,
        minify: false,
        rollupOptions: {
          external: ['@serialport/bindings-cpp'],
          output: { format: 'es', entryFileNames: 'floodChild.mjs' },
        },
      },
      ssr: { noExternal: true },
    });
    script = join(work, 'floodChild.mjs');
    bindingsUrl = pathToFileURL(
      createRequire(import.meta.url).resolve('@serialport/bindings-cpp'),
    ).href;
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  interface ChildOutcome {
    ok: boolean;
    code?: string;
    detail?: string;
    elapsedMs: number;
    peakRss: number;
    transcriptChars: number;
  }

  async function runChild(path: string, command: string): Promise<ChildOutcome> {
    const child = spawn(process.execPath, [script, bindingsUrl, path, command, '1000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => void child.kill('SIGKILL'));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(err).toBe('');
    expect(code).toBe(0);
    return JSON.parse(out) as ChildOutcome;
  }

  // Each flood writes 64 KiB every 5 ms (13 MB/s) until the child has its answer.
  const block = (line: string): string => line.repeat(Math.ceil(65536 / line.length));
  const floods = [
    { name: 'lines of text', line: 'nRF9160-SICA\r\n', bound: /^1001 lines$/ },
    { name: 'its own echo', line: 'AT%ATTESTTOKEN\r\n', bound: /^1001 lines$/ },
    { name: 'long lines', line: `${'x'.repeat(8000)}\r\n`, bound: /^\d+ bytes$/ },
    {
      name: 'log lines',
      line: '[00:00:01.000,000] <inf> app: still running\r\n',
      bound: /^\d+ bytes$/,
    },
  ];

  it.each(floods)(
    'a device flooding $name ends the command with REPLY_TOO_LARGE, the process under 100 MB',
    async ({ line, bound }) => {
      const chunk = block(line);
      let stop = (): void => undefined;
      const device = await scriptedPty((received) => {
        if (received === 'AT%ATTESTTOKEN') stop = device.repeat(() => chunk, 5);
        return undefined;
      });
      const outcome = await runChild(device.path, 'AT%ATTESTTOKEN');
      stop();
      expect(outcome).toMatchObject({ ok: false, code: 'REPLY_TOO_LARGE' });
      expect(outcome.detail).toMatch(bound);
      expect(outcome.peakRss).toBeLessThan(100 * MB);
      expect(outcome.transcriptChars).toBeLessThanOrEqual(1_000_000);
      // Cut off at the bound, long before the 10 s deadline a silent device would cost.
      expect(outcome.elapsedMs).toBeLessThan(10_000);
      process.stdout.write(
        `flood of ${line.trim().slice(0, 20)}: ${outcome.code} (${outcome.detail}) after ${outcome.elapsedMs} ms, transcript ${outcome.transcriptChars} chars, peak rss ${(outcome.peakRss / MB).toFixed(1)} MB\n`,
      );
    },
  );
});
