/**
 * A simulated device behind a real pseudo-terminal, for integration tests, end-to-end runs, the
 * benchmark and `nrf-onboard simulate`: the host opens the printed path with the real serialport
 * binding. Linux and macOS only (python3's pty module).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { rename, rm, symlink } from 'node:fs/promises';
import { DeviceSimulator } from '../device/deviceSimulator';
import type { SimulatorOptions } from '../device/options';
import { LinePacer } from './pacer';
import { PTY_RELAY_SCRIPT } from './ptyRelay';

/**
 * Simulator options plus optional line-speed pacing; `powerOn: false` leaves the device off until
 * `simulator.start()`. `linkPath`: a symlink to the pty that survives a reboot's re-enumeration
 * (a new pty behind the same path); without it a reboot keeps the pty (the port stays).
 */
export type PtySimulatorOptions = SimulatorOptions & {
  pace?: { baudRate: number };
  powerOn?: boolean;
  linkPath?: string;
};

/** A running pty device. */
export interface PtySimulator {
  /** The path to open: `linkPath` when given, else the slave side, e.g. /dev/pts/7. */
  readonly path: string;
  simulator: DeviceSimulator;
  /**
   * The device is gone: the pty disappears under an open port. By default the host has read
   * what was already sent and is idle, so bindings-cpp reports the disconnect; `abrupt` kills the
   * relay at once, which can leave bindings-cpp looping on 0-byte reads until its next write fails
   * (what a real unplug can do too).
   */
  disconnect(options?: { abrupt?: boolean }): Promise<void>;
  /** Stops the device and removes the pty. */
  close(): Promise<void>;
  /** Settles when the relay has exited for good (not when a reboot replaces it). */
  readonly exited: Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;
// The relay's gentle exit takes at most ~1.1 s; past this it is killed.
const EXIT_TIMEOUT_MS = 3_000;

function waitForPath(
  child: ChildProcessWithoutNullStreams,
  stderr: () => string,
): Promise<{ path: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const fail = (why: string) => {
      cleanup();
      child.kill('SIGKILL');
      reject(
        new Error(`pty relay did not start: ${why}${stderr() ? ` (${stderr().trim()})` : ''}`),
      );
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const newline = head.indexOf(0x0a);
      if (newline < 0) return;
      cleanup();
      resolve({
        path: head.subarray(0, newline).toString('utf8').trim(),
        rest: head.subarray(newline + 1),
      });
    };
    const onError = (err: Error) => fail(err.message);
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    const timer = setTimeout(() => fail('no pty path within 10 s'), STARTUP_TIMEOUT_MS);
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('error', onError);
      child.off('exit', onExit);
    }
    child.stdout.on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

interface Relay {
  child: ChildProcessWithoutNullStreams;
  path: string;
  rest: Buffer;
  exited: Promise<void>;
}

async function startRelay(): Promise<Relay> {
  const child = spawn('python3', ['-u', '-c', PTY_RELAY_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderrText = '';
  child.stderr.on('data', (chunk: Buffer) => (stderrText += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  // EPIPE on a relay that is already gone is expected during shutdown.
  child.stdin.on('error', () => undefined);
  const { path, rest } = await waitForPath(child, () => stderrText);
  return { child, path, rest, exited };
}

async function stopRelay(relay: Relay, isAbrupt: boolean): Promise<void> {
  const { child } = relay;
  if (child.exitCode === null && child.signalCode === null) {
    if (isAbrupt) child.kill('SIGTERM');
    else child.stdin.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await relay.exited;
    clearTimeout(killer);
  }
}

/** Points `linkPath` at `target` in one step (a new link renamed over the old one). */
async function pointLink(linkPath: string, target: string): Promise<void> {
  const temporary = `${linkPath}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await symlink(target, temporary);
  await rename(temporary, linkPath);
}

/**
 * Starts a relay and a simulator, powered up at once unless `powerOn: false` (boot output sent
 * before the host opens the port is flushed by the open, as on real hardware).
 */
export async function startPtySimulator(options: PtySimulatorOptions): Promise<PtySimulator> {
  const { pace, powerOn = true, linkPath, ...simOptions } = options;
  const simulator = new DeviceSimulator(simOptions);
  let relay = await startRelay();
  if (linkPath !== undefined) await pointLink(linkPath, relay.path);

  const toHost = (bytes: Uint8Array) => {
    if (relay.child.stdin.writable) relay.child.stdin.write(bytes);
  };
  const pacer = pace === undefined ? undefined : new LinePacer(pace.baudRate, toHost);
  const offOutput = simulator.onOutput((bytes) =>
    pacer === undefined ? toHost(bytes) : pacer.push(bytes),
  );
  const onHostBytes = (chunk: Buffer) => simulator.receive(new Uint8Array(chunk));

  let resolveExited: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (resolveExited = resolve));
  let isReplacing = false;
  let stopping: Promise<void> | undefined;

  function attach(current: Relay): void {
    current.child.stdout.on('data', onHostBytes);
    if (current.rest.length > 0) onHostBytes(current.rest);
    // If the relay dies on its own (not replaced by a reboot), the device is gone too.
    void current.exited.then(() => {
      if (isReplacing || current !== relay) return;
      simulator.stop();
      pacer?.stop();
      resolveExited();
    });
  }

  const shutdown = (isAbrupt: boolean) => {
    stopping ??= (async () => {
      offOutput();
      offUsb();
      relay.child.stdout.off('data', onHostBytes);
      simulator.stop();
      pacer?.stop();
      await stopRelay(relay, isAbrupt);
      if (linkPath !== undefined) await rm(linkPath, { force: true });
      resolveExited();
    })();
    return stopping;
  };

  // A reboot that drops USB: the pty vanishes, and the device comes back once a new pty is
  // behind the same link.
  const offUsb =
    linkPath === undefined
      ? () => undefined
      : simulator.onUsb(async (event) => {
          if (event !== 'down' || stopping !== undefined) return;
          isReplacing = true;
          await pacer?.drained();
          relay.child.stdout.off('data', onHostBytes);
          await stopRelay(relay, false);
          const next = await startRelay();
          if (stopping !== undefined) {
            await stopRelay(next, true);
            return;
          }
          relay = next;
          await pointLink(linkPath, next.path);
          isReplacing = false;
          attach(next);
        });

  simulator.onDisappear(() => {
    void (async () => {
      // What the device sent before vanishing is already on the wire.
      await pacer?.drained();
      await shutdown(false);
    })();
  });
  if (powerOn) simulator.start();
  attach(relay);

  return {
    get path() {
      return linkPath ?? relay.path;
    },
    simulator,
    disconnect: (options) => shutdown(options?.abrupt === true),
    close: () => shutdown(false),
    exited,
  };
}
