/**
 * Wraps a serialport binding so every byte the host writes and reads is counted where it crosses
 * the binding: exact wire traffic, unlike the session transcript (text made visible, line ends
 * dropped). The benchmark uses it for wire-time limits, the fault tests to wait for a flood to end.
 */
import type { BindingPort, SerialBinding } from '../serial/bindingTypes';

/** Running totals across every port opened through the wrapper. */
export interface ByteCounts {
  tx: number;
  rx: number;
}

/** A binding that counts, and the counts. */
export interface CountingBinding {
  binding: SerialBinding;
  counts: ByteCounts;
  /** Zeroes both counters. */
  reset(): void;
}

/** Counts bytes through `inner`; `onRead` sees each chunk as the host reads it. */
export function countingBinding(
  inner: SerialBinding,
  onRead?: (bytes: number) => void,
): CountingBinding {
  const counts: ByteCounts = { tx: 0, rx: 0 };
  const wrap = (port: BindingPort): BindingPort => ({
    get isOpen() {
      return port.isOpen;
    },
    async read(buffer, offset, length) {
      const result = await port.read(buffer, offset, length);
      counts.rx += result.bytesRead;
      onRead?.(result.bytesRead);
      return result;
    },
    async write(buffer) {
      await port.write(buffer);
      counts.tx += buffer.length;
    },
    set: (options) => port.set(options),
    close: () => port.close(),
  });
  return {
    binding: {
      list: () => inner.list(),
      open: async (options) => wrap(await inner.open(options)),
    },
    counts,
    reset() {
      counts.tx = 0;
      counts.rx = 0;
    },
  };
}
