/**
 * A serial port opened straight through a serialport binding (native, mock or simulated): a read
 * loop that hands bytes to one listener, serialised writes, and one report when the port vanishes.
 * Using the binding rather than the stream class keeps the error paths explicit and testable.
 */
import type { BindingPort, SerialBinding } from './bindingTypes';
import { AppError, type AppErrorData } from '../../src-shared/ipc/errors';
import { classifySerialError } from './classifyError';

export interface PortConnectionOptions {
  path: string;
  baudRate: number;
  rtscts: boolean;
  binding: SerialBinding;
  onData: (bytes: Uint8Array) => void;
  /** Called once if the port fails or disappears while open (not after close()). */
  onGone: (reason: AppErrorData) => void;
}

/** An open port. */
export interface PortConnection {
  write(data: string | Uint8Array): Promise<void>;
  /** Sets DTR and RTS; false when the port refused (a pty, some adapters). */
  assertDtrRts(): Promise<boolean>;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

const READ_SIZE = 4096;

/** Loads the platform's native binding only when a real port is opened (tests never need it). */
export async function nativeBinding(): Promise<SerialBinding> {
  // On Linux, the Linux binding alone (what autoDetect returns there): the package index also
  // loads the macOS and Windows bindings, a cost every CLI command that opens a port would pay.
  if (process.platform === 'linux') {
    const { LinuxBinding } = await import('@serialport/bindings-cpp/dist/linux.js');
    return LinuxBinding as unknown as SerialBinding;
  }
  const { autoDetect } = await import('@serialport/bindings-cpp');
  return autoDetect() as unknown as SerialBinding;
}

/** Opens a port 8N1; open failures are thrown as AppError with a classified code. */
export async function openPortConnection(options: PortConnectionOptions): Promise<PortConnection> {
  const open = () =>
    options.binding.open({
      path: options.path,
      baudRate: options.baudRate,
      dataBits: 8,
      stopBits: 1,
      parity: 'none',
      rtscts: options.rtscts,
    });
  for (let attempt = 0; ; attempt++) {
    try {
      const connection = new BindingConnection(await open(), options);
      openPorts(options.binding).add(options.path);
      return connection;
    } catch (err) {
      const data = classifySerialError(err, options.path);
      // bindings-cpp can release the lock of a port we just closed a moment late; that port is
      // not busy with another program, so give our own close a little time before saying so.
      const closedAt = closedPorts(options.binding).get(options.path);
      const isOurOwnLock =
        closedAt !== undefined &&
        Date.now() - closedAt < SELF_LOCK_GRACE_MS &&
        !openPorts(options.binding).has(options.path);
      if (data.code === 'PORT_BUSY' && isOurOwnLock && attempt < SELF_LOCK_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, SELF_LOCK_GRACE_MS / SELF_LOCK_RETRIES));
        continue;
      }
      throw new AppError(data.code, data.message, data.detail);
    }
  }
}

/** Per binding: paths this process closed, and when, and paths it has open now. */
const closedByBinding = new WeakMap<SerialBinding, Map<string, number>>();
const openByBinding = new WeakMap<SerialBinding, Set<string>>();
const closedPorts = (binding: SerialBinding): Map<string, number> => {
  const map = closedByBinding.get(binding) ?? new Map<string, number>();
  closedByBinding.set(binding, map);
  return map;
};
const openPorts = (binding: SerialBinding): Set<string> => {
  const set = openByBinding.get(binding) ?? new Set<string>();
  openByBinding.set(binding, set);
  return set;
};
const SELF_LOCK_GRACE_MS = 1000;
const SELF_LOCK_RETRIES = 20;
const READ_SETTLE_BOUND_MS = 250;

/** Resolves when `promise` settles or after `ms`, whichever comes first, leaving no timer behind. */
export function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

class BindingConnection implements PortConnection {
  private isClosing = false;
  private isGone = false;
  private goneReason: AppErrorData | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly port: BindingPort,
    private readonly options: PortConnectionOptions,
  ) {
    this.reading = this.readLoop();
  }

  private readonly reading: Promise<void>;

  get isOpen(): boolean {
    return !this.isClosing && !this.isGone && this.port.isOpen;
  }

  write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    const next = this.writes.then(async () => {
      const gone = this.goneReason;
      if (gone !== undefined) throw new AppError(gone.code, gone.message, gone.detail);
      if (!this.isOpen) throw new AppError('PORT_CLOSED', `${this.options.path} is closed.`);
      try {
        await this.port.write(bytes);
      } catch (err) {
        const data = classifySerialError(err, this.options.path);
        throw new AppError(data.code, data.message, data.detail);
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  async assertDtrRts(): Promise<boolean> {
    try {
      await this.port.set({ dtr: true, rts: true });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.isClosing || this.isGone) return;
    this.isClosing = true;
    try {
      await this.port.close();
    } catch {
      // Closing a port that is already gone fails; either way it is closed for us.
    }
    // bindings-cpp (unix) reads in two phases: fs.read on the non-blocking fd in libuv's thread
    // pool, then, on EAGAIN, a wait in its poller. close() cancels only the poller wait (it emits
    // "Canceled" at once); a read caught in the thread-pool phase ends only when that job comes
    // back, sees the port closed and throws. Wait for that, so the fd is really let go before the
    // next open. The bound is for a driver that never settles a read; its timer is cleared as
    // soon as the read ends, so it can never keep the process alive.
    await settledWithin(this.reading, READ_SETTLE_BOUND_MS);
    openPorts(this.options.binding).delete(this.options.path);
    closedPorts(this.options.binding).set(this.options.path, Date.now());
  }

  private async readLoop(): Promise<void> {
    const buffer = Buffer.alloc(READ_SIZE);
    while (!this.isClosing && !this.isGone) {
      try {
        const { bytesRead } = await this.port.read(buffer, 0, READ_SIZE);
        if (this.isClosing) return;
        if (bytesRead > 0) this.options.onData(Uint8Array.from(buffer.subarray(0, bytesRead)));
      } catch (err) {
        if (this.isClosing) return;
        const data = classifySerialError(err, this.options.path);
        // A read that fails on an open port means the device went away, whatever errno said.
        const reason: AppErrorData =
          data.code === 'PORT_GONE'
            ? data
            : {
                ...data,
                code: 'PORT_GONE',
                message: `${this.options.path} went away: the device was unplugged or reset.`,
              };
        this.isGone = true;
        openPorts(this.options.binding).delete(this.options.path);
        this.goneReason = reason;
        this.options.onGone(reason);
        try {
          await this.port.close();
        } catch {
          // already gone
        }
        return;
      }
    }
  }
}
