import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BindingPort, SerialBinding } from '../../../../src-main/serial/bindingTypes';
import { openPortConnection } from '../../../../src-main/serial/portConnection';

const busy = () => new Error('Error Resource temporarily unavailable Cannot lock port');

/** A binding whose opens fail as busy a given number of times, then succeed. */
function flakyLockBinding(failuresAfterClose: number) {
  let failuresLeft = 0;
  let opens = 0;
  const binding: SerialBinding = {
    list: async () => [],
    open: async () => {
      opens++;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw busy();
      }
      let isOpen = true;
      let release: (() => void) | undefined;
      const port: BindingPort = {
        get isOpen() {
          return isOpen;
        },
        read: () =>
          new Promise((_resolve, reject) => {
            release = () => reject(new Error('Canceled'));
          }),
        write: async () => undefined,
        set: async () => undefined,
        close: async () => {
          isOpen = false;
          release?.();
          failuresLeft = failuresAfterClose;
        },
      };
      return port;
    },
  };
  return { binding, opens: () => opens };
}

const options = (binding: SerialBinding) => ({
  path: '/dev/ttyACM0',
  baudRate: 115200,
  rtscts: false,
  binding,
  onData: () => undefined,
  onGone: () => undefined,
});

describe('openPortConnection', () => {
  it('waits out the lock of a port this process has just closed instead of calling it busy', async () => {
    const { binding, opens } = flakyLockBinding(3);
    const first = await openPortConnection(options(binding));
    await first.close();
    const second = await openPortConnection(options(binding));
    expect(opens()).toBe(5);
    await second.close();
  });

  it('reports busy at once when another program holds the port', async () => {
    const binding: SerialBinding = {
      list: async () => [],
      open: async () => {
        throw busy();
      },
    };
    await expect(openPortConnection(options(binding))).rejects.toMatchObject({ code: 'PORT_BUSY' });
  });

  it('reports busy at once when our own open connection holds the port', async () => {
    const { binding } = flakyLockBinding(0);
    const held = await openPortConnection(options(binding));
    await held.close();
    const again = await openPortConnection(options(binding));
    // A second open of a port we hold right now is refused by the OS lock: no grace for that.
    binding.open = async () => {
      throw busy();
    };
    await expect(openPortConnection(options(binding))).rejects.toMatchObject({ code: 'PORT_BUSY' });
    await again.close();
  });
});

describe('PortConnection.close', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not hang on a driver that never settles its read: it gives up after a bound', async () => {
    vi.useFakeTimers();
    let isOpen = true;
    const binding: SerialBinding = {
      list: async () => [],
      open: async () => ({
        get isOpen() {
          return isOpen;
        },
        read: () => new Promise(() => undefined),
        write: async () => undefined,
        set: async () => undefined,
        close: async () => {
          isOpen = false;
        },
      }),
    };
    const connection = await openPortConnection(options(binding));
    let isClosed = false;
    const closing = connection.close().then(() => (isClosed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(isClosed).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    await vi.runAllTimersAsync();
    await closing;
    expect(isClosed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its bound as soon as the read ends, so no timer outlives the close', async () => {
    vi.useFakeTimers();
    const { binding } = flakyLockBinding(0);
    const connection = await openPortConnection(options(binding));
    await connection.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
