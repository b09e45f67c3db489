/**
 * A serialport binding whose ports are simulated devices, for the demo mode and for tests of the
 * serial services. It behaves like @serialport/bindings-cpp on Linux where it matters: error
 * texts on open, exclusive lock, reads that resolve when bytes arrive, cancelled reads on close
 * and an I/O error when the device is unplugged.
 */
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface';
import type { DeviceSimulator } from '../device/deviceSimulator';

/** One port the binding lists; no simulator = a port that never answers (e.g. a trace port). */
export interface SimulatedPortSpec {
  path: string;
  info: {
    manufacturer?: string;
    serialNumber?: string;
    pnpId?: string;
    vendorId?: string;
    productId?: string;
    locationId?: string;
  };
  simulator?: DeviceSimulator;
}

/** The binding plus the hot-plug controls a test or the demo uses. */
export type SimulatedBinding = BindingInterface & {
  unplug(path: string): void;
  plug(spec: SimulatedPortSpec): void;
  /** The control lines last set on an open port (DTR/RTS), for tests. */
  controlLines(path: string): SetOptions | undefined;
};

interface PortEntry {
  spec: SimulatedPortSpec;
  handle: SimulatedPort | undefined;
  detach: () => void;
}

interface PendingRead {
  buffer: Buffer;
  offset: number;
  length: number;
  resolve: (result: { buffer: Buffer; bytesRead: number }) => void;
  reject: (error: Error) => void;
}

const OPEN_DEFAULTS = {
  dataBits: 8,
  lock: true,
  stopBits: 1,
  parity: 'none',
  rtscts: false,
  xon: false,
  xoff: false,
  xany: false,
  hupcl: true,
} as const;

function nextTick(): Promise<void> {
  // process.nextTick is not replaced by fake timers, so tests with fake clocks still progress.
  return new Promise((resolve) => process.nextTick(resolve));
}

function canceled(message: string): Error {
  return Object.assign(new Error(message), { canceled: true });
}

/** What Node's fs gives bindings-cpp when the tty is hung up under an open port. */
function deviceRemoved(syscall: 'read' | 'write'): Error {
  return Object.assign(new Error(`EIO: i/o error, ${syscall}`), {
    code: 'EIO',
    errno: -5,
    syscall,
  });
}

class SimulatedPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  isOpen = true;
  lines: SetOptions = { dtr: true, rts: true };
  private data = Buffer.alloc(0);
  private pendingRead: PendingRead | undefined;
  private isRemoved = false;
  private writing: Promise<void> | undefined;

  constructor(
    openOptions: Required<OpenOptions>,
    private readonly toDevice: (bytes: Uint8Array) => void,
    private readonly onClose: () => void,
  ) {
    this.openOptions = openOptions;
  }

  /** Device output arriving at the host. */
  push(bytes: Uint8Array): void {
    if (!this.isOpen || this.isRemoved) return;
    this.data = Buffer.concat([this.data, bytes]);
    this.fulfil();
  }

  /** The device went away under the open port. */
  remove(): void {
    this.isRemoved = true;
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.reject(deviceRemoved('read'));
  }

  private fulfil(): void {
    const pending = this.pendingRead;
    if (pending === undefined || this.data.length === 0) return;
    this.pendingRead = undefined;
    const bytesRead = this.data.copy(pending.buffer, pending.offset, 0, pending.length);
    this.data = this.data.subarray(bytesRead);
    pending.resolve({ buffer: pending.buffer, bytesRead });
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new Error('Port is not open');
  }

  async close(): Promise<void> {
    this.assertOpen();
    this.isOpen = false;
    this.data = Buffer.alloc(0);
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.reject(canceled('Port is not open'));
    this.onClose();
  }

  async read(
    buffer: Buffer,
    offset: number,
    length: number,
  ): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (!Buffer.isBuffer(buffer)) throw new TypeError('"buffer" is not a Buffer');
    if (buffer.length < offset + length) throw new Error('buffer is too small');
    if (!this.isOpen) throw canceled('Port is not open');
    await nextTick();
    if (!this.isOpen) throw canceled('Port is not open');
    // Bytes that reached the host before the unplug are still read; then the I/O error.
    if (this.isRemoved && this.data.length === 0) throw deviceRemoved('read');
    if (this.pendingRead !== undefined) throw new Error('A read is already pending');
    return new Promise((resolve, reject) => {
      this.pendingRead = { buffer, offset, length, resolve, reject };
      this.fulfil();
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (!Buffer.isBuffer(buffer)) throw new TypeError('"buffer" is not a Buffer');
    this.assertOpen();
    if (this.writing !== undefined) {
      throw new Error(
        'Overlapping writes are not supported and should be queued by the serialport object',
      );
    }
    const bytes = new Uint8Array(buffer); // copy: the caller may reuse its buffer
    this.writing = (async () => {
      await nextTick();
      this.writing = undefined;
      if (!this.isOpen) throw canceled('Port is not open');
      if (this.isRemoved) throw deviceRemoved('write');
      this.toDevice(bytes);
    })();
    return this.writing;
  }

  async update(options: UpdateOptions): Promise<void> {
    if (typeof options?.baudRate !== 'number')
      throw new TypeError('"options.baudRate" is not a number');
    this.assertOpen();
    await nextTick();
    this.openOptions.baudRate = options.baudRate;
  }

  async set(options: SetOptions): Promise<void> {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('"options" is not an object');
    this.assertOpen();
    await nextTick();
    if (this.isRemoved) throw new Error('Error: Input/output error, cannot set');
    this.lines = { ...options };
  }

  async get(): Promise<PortStatus> {
    this.assertOpen();
    await nextTick();
    return { cts: true, dsr: true, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    this.assertOpen();
    await nextTick();
    return { baudRate: this.openOptions.baudRate };
  }

  async flush(): Promise<void> {
    this.assertOpen();
    await nextTick();
    this.data = Buffer.alloc(0);
  }

  async drain(): Promise<void> {
    this.assertOpen();
    await this.writing?.catch(() => undefined);
    await nextTick();
  }
}

function portInfo(spec: SimulatedPortSpec): PortInfo {
  const i = spec.info;
  return {
    path: spec.path,
    manufacturer: i.manufacturer,
    serialNumber: i.serialNumber,
    pnpId: i.pnpId,
    locationId: i.locationId,
    productId: i.productId,
    vendorId: i.vendorId,
  };
}

/** Creates a binding over simulated devices; each device is powered up when plugged in. */
export function createSimulatedBinding(ports: SimulatedPortSpec[]): SimulatedBinding {
  const entries = new Map<string, PortEntry>();
  // Ports whose device is rebooting: gone from the list until the device is back (re-enumeration).
  const rebooting = new Map<string, { spec: SimulatedPortSpec; off: () => void }>();

  function unplug(path: string): void {
    const away = rebooting.get(path);
    if (away !== undefined) {
      rebooting.delete(path);
      away.off();
      away.spec.simulator?.stop();
    }
    const entry = entries.get(path);
    if (entry === undefined) return;
    entries.delete(path);
    entry.detach();
    entry.handle?.remove();
    entry.spec.simulator?.stop();
  }

  function plug(spec: SimulatedPortSpec): void {
    unplug(spec.path);
    const sim = spec.simulator;
    const entry: PortEntry = { spec, handle: undefined, detach: () => undefined };
    if (sim !== undefined) {
      const offOutput = sim.onOutput((bytes) => entry.handle?.push(bytes));
      const offGone = sim.onDisappear(() => {
        if (entries.get(spec.path) === entry) unplug(spec.path);
      });
      // A reboot that drops USB: the port vanishes under any open handle, then the same path and
      // serial number come back (docs/protocol.md §12.3).
      const offUsb = sim.onUsb((event) => {
        if (event === 'down' && entries.get(spec.path) === entry) {
          entries.delete(spec.path);
          offOutput();
          offGone();
          entry.handle?.remove();
          entry.handle = undefined;
          rebooting.set(spec.path, { spec, off: offUsb });
        } else if (event === 'up' && rebooting.get(spec.path)?.spec === spec) {
          rebooting.delete(spec.path);
          offUsb();
          plug(spec);
        }
      });
      entry.detach = () => {
        offOutput();
        offGone();
        offUsb();
      };
      if (sim.state !== 'on') sim.start();
    }
    entries.set(spec.path, entry);
  }

  for (const spec of ports) plug(spec);

  return {
    plug,
    unplug,
    controlLines: (path) => entries.get(path)?.handle?.lines,
    async list() {
      await nextTick();
      return [...entries.values()].map((e) => portInfo(e.spec));
    },
    async open(options: OpenOptions) {
      if (typeof options !== 'object' || options === null)
        throw new TypeError('"options" is not an object');
      if (!options.path) throw new TypeError('"path" is not a valid port');
      if (!options.baudRate) throw new TypeError('"baudRate" is not a valid baudRate');
      await nextTick();
      const entry = entries.get(options.path);
      if (entry === undefined) {
        throw new Error(`Error: No such file or directory, cannot open ${options.path}`);
      }
      if (entry.handle !== undefined) {
        // bindings-cpp's flock() failure text on Linux (serialport_unix.cpp).
        throw new Error('Error Resource temporarily unavailable Cannot lock port');
      }
      const openOptions = { ...OPEN_DEFAULTS, ...options } as Required<OpenOptions>;
      const sim = entry.spec.simulator;
      const handle: SimulatedPort = new SimulatedPort(
        openOptions,
        (bytes) => sim?.receive(bytes),
        () => {
          if (entry.handle === handle) entry.handle = undefined;
        },
      );
      entry.handle = handle;
      return handle;
    },
  };
}
