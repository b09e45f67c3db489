/**
 * The part of a serialport binding (@serialport/bindings-interface) the session uses, declared
 * structurally: that package's "exports" map has no "types" condition, so bundler resolution cannot
 * see its declarations. The native binding, @serialport/binding-mock and the simulator all fit.
 */

/** Options passed to a binding's open(), as in @serialport/bindings-interface OpenOptions. */
export interface BindingOpenOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: string;
  rtscts?: boolean;
}

/** An open port of a binding. */
export interface BindingPort {
  readonly isOpen: boolean;
  read(
    buffer: Buffer,
    offset: number,
    length: number,
  ): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  set(options: {
    dtr?: boolean;
    rts?: boolean;
    brk?: boolean;
    cts?: boolean;
    dsr?: boolean;
  }): Promise<void>;
  close(): Promise<void>;
}

/** A serialport binding: lists and opens ports. */
export interface SerialBinding {
  list(): Promise<
    Array<{
      path: string;
      manufacturer?: string | undefined;
      serialNumber?: string | undefined;
      pnpId?: string | undefined;
      locationId?: string | undefined;
      productId?: string | undefined;
      vendorId?: string | undefined;
    }>
  >;
  open(options: BindingOpenOptions): Promise<BindingPort>;
}
