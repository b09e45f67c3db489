/** Drives a real `SerialPort` (from 'serialport') over any binding and collects what it reads. */
import { SerialPort } from 'serialport';
import type { BindingInterface } from '@serialport/bindings-interface';

export interface OpenedPort {
  port: SerialPort;
  text(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  closed: Promise<Error | null>;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openPort(path: string, binding?: BindingInterface): Promise<OpenedPort> {
  // SerialPort's option type omits `binding`, but its constructor honours one (serialport/dist/serialport.js).
  const options =
    binding === undefined ? { path, baudRate: 115200 } : { path, baudRate: 115200, binding };
  return new Promise((resolve, reject) => {
    const port: SerialPort = new SerialPort(options, (err) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(wrap(port));
    });
  });
}

function wrap(port: SerialPort): OpenedPort {
  let received = '';
  const waiters = new Set<() => void>();
  port.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<Error | null>((resolve) =>
    port.once('close', (err: Error | null) => resolve(err ?? null)),
  );
  port.on('error', () => undefined);
  return {
    port,
    text: () => received,
    closed,
    waitFor(pattern, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(received);
          if (m !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    write: (text) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(text, 'latin1'), (err) => (err ? reject(err) : resolve()));
      }),
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
  };
}

/** A pattern matching `text` literally at the end of what was read (no control chars in regex literals). */
export function endsWithText(text: string): RegExp {
  return new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Lets pending nextTicks and I/O callbacks run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
