/**
 * PortConnection.close over a REAL pseudo-terminal with serialport's native binding: close resolves
 * only after the read in flight has ended, and leaves no timer behind (a leftover timer keeps a CLI
 * process alive after its work is done). Order of events and handles are asserted, never times.
 */
import { spawn } from 'node:child_process';
import type { BindingPort, SerialBinding } from '../../src-main/serial/bindingTypes';
import { nativeBinding, openPortConnection } from '../../src-main/serial/portConnection';
import { PTY_RELAY_SCRIPT } from '../../src-main/sim/transports/ptyRelay';
import { watchResources } from '../support/liveResources';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A bare pty: bytes written to `send` reach the host's port. */
async function relay(): Promise<{ path: string; send: (text: string) => void }> {
  const child = spawn('python3', ['-u', '-c', PTY_RELAY_SCRIPT]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const path = await new Promise<string>((resolve, reject) => {
    let head = '';
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const newline = head.indexOf('\n');
      if (newline >= 0) resolve(head.slice(0, newline).trim());
    });
  });
  return { path, send: (text) => child.stdin.write(text) };
}

/** Records, in order, when each read starts and settles and when each close resolves. */
function recordingBinding(inner: SerialBinding, events: string[]): SerialBinding {
  const wrap = (port: BindingPort): BindingPort => ({
    get isOpen() {
      return port.isOpen;
    },
    read(buffer, offset, length) {
      events.push('read started');
      return port.read(buffer, offset, length).then(
        (result) => {
          events.push(result.bytesRead > 0 ? 'read data' : 'read empty');
          return result;
        },
        (error: unknown) => {
          events.push('read ended');
          throw error;
        },
      );
    },
    write: (buffer) => port.write(buffer),
    set: (options) => port.set(options),
    close: () => port.close(),
  });
  return { list: () => inner.list(), open: async (options) => wrap(await inner.open(options)) };
}

describe('PortConnection.close over a real pty', () => {
  it('resolves after the read in flight has ended and leaves no timer behind', async () => {
    const pty = await relay();
    const events: string[] = [];
    const binding = recordingBinding(await nativeBinding(), events);
    const watch = watchResources();
    cleanups.push(async () => watch.stop());
    let onData = (): void => undefined;
    const connection = await openPortConnection({
      path: pty.path,
      baudRate: 115200,
      rtscts: false,
      binding,
      onData: () => onData(),
      onGone: () => events.push('gone'),
    });
    // Close right after a chunk arrives: the read loop has just started its next read, which is
    // then in bindings-cpp's thread-pool phase, the one its close() does not cancel.
    const closed = new Promise<void>((resolve) => {
      onData = () => {
        onData = () => undefined;
        void Promise.resolve()
          .then(() => connection.close())
          .then(() => {
            events.push('close resolved');
            resolve();
          });
      };
    });
    pty.send('OK\r\n');
    await closed;

    expect(events.filter((e) => e === 'read started').length).toBe(
      events.filter((e) => e !== 'read started' && e !== 'close resolved').length,
    );
    expect(events.at(-2)).toBe('read ended');
    expect(events.at(-1)).toBe('close resolved');
    expect(events).not.toContain('gone');
    expect(connection.isOpen).toBe(false);
    expect((await watch.alive()).filter((kind) => kind === 'Timeout')).toEqual([]);
  });
});
