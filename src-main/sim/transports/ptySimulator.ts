/**
 * A simulated device behind a real pseudo-terminal, for integration tests, end-to-end runs, the
 * benchmark and `nrf-onboard simulate`: the host opens the printed path with the real serialport
 * binding. Linux and macOS only (python3's pty module).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { DeviceSimulator } from '../device/deviceSimulator';
import type { SimulatorOptions } from '../device/options';
import { LinePacer } from './pacer';
import { PTY_RELAY_SCRIPT } from './ptyRelay';

/** Simulator options plus optional line-speed pacing; `powerOn: false` leaves the device off until `simulator.start()`. */
export type PtySimulatorOptions = SimulatorOptions & {
  pace?: { baudRate: number };
  powerOn?: boolean;
};

/** A running pty device. */
export interface PtySimulator {
  /** The slave side to open, e.g. /dev/pts/7. */
  path: string;
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
  /** Settles when the relay has exited, for whatever reason. */
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

/**
 * Starts a relay and a simulator, powered up at once unless `powerOn: false` (boot output sent
 * before the host opens the port is flushed by the open, as on real hardware).
 */
export async function startPtySimulator(options: PtySimulatorOptions): Promise<PtySimulator> {
  const { pace, powerOn = true, ...simOptions } = options;
  const simulator = new DeviceSimulator(simOptions);
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

  const toHost = (bytes: Uint8Array) => {
    if (child.stdin.writable) child.stdin.write(bytes);
  };
  const pacer = pace === undefined ? undefined : new LinePacer(pace.baudRate, toHost);
  const offOutput = simulator.onOutput((bytes) =>
    pacer === undefined ? toHost(bytes) : pacer.push(bytes),
  );
  const onHostBytes = (chunk: Buffer) => simulator.receive(new Uint8Array(chunk));
  child.stdout.on('data', onHostBytes);

  let stopping: Promise<void> | undefined;
  const shutdown = (isAbrupt: boolean) => {
    stopping ??= (async () => {
      offOutput();
      child.stdout.off('data', onHostBytes);
      simulator.stop();
      pacer?.stop();
      if (child.exitCode === null && child.signalCode === null) {
        if (isAbrupt) child.kill('SIGTERM');
        else child.stdin.end();
        const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
      }
    })();
    return stopping;
  };

  simulator.onDisappear(() => {
    void (async () => {
      // What the device sent before vanishing is already on the wire.
      await pacer?.drained();
      await shutdown(false);
    })();
  });
  // If the relay dies on its own, the device is gone too.
  void exited.then(() => {
    simulator.stop();
    pacer?.stop();
  });

  if (powerOn) simulator.start();
  if (rest.length > 0) onHostBytes(rest);

  return {
    path,
    simulator,
    disconnect: (options) => shutdown(options?.abrupt === true),
    close: () => shutdown(false),
    exited,
  };
}
