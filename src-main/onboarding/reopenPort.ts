/**
 * Opening a kit's AT port again after it went away during provisioning: an ATT reboot
 * re-enumerates the USB device, and the port may come back under another name. The kit is found
 * again by its USB serial number, as the hot-plug watcher lists it (autoStart.ts targetOfDevice).
 */
import { AppError } from '../../src-shared/ipc/errors';
import type { DeviceSnapshot } from '../../src-shared/ipc/serial';
import type { JobTarget, OpenedPort } from './onboardingService';

export interface ReopenInput {
  target: JobTarget;
  /** A fresh look at the plugged kits. */
  poll: () => Promise<DeviceSnapshot>;
  connect: (target: JobTarget) => Promise<OpenedPort>;
  signal: AbortSignal;
  intervalMs?: number;
}

/** Resolves with the kit's AT port open again; rejects CANCELLED once `signal` aborts. */
export async function reopenKitPort(input: ReopenInput): Promise<OpenedPort> {
  const { target, signal } = input;
  for (;;) {
    if (signal.aborted) throw new AppError('CANCELLED', `${target.path} did not come back.`);
    const path = await currentPath(input).catch(() => undefined);
    if (path !== undefined) {
      try {
        return await input.connect({ ...target, path });
      } catch {
        // Still booting, or the port is listed before it can be opened: look again.
      }
    }
    await sleep(input.intervalMs ?? 500, signal);
  }
}

async function currentPath(input: ReopenInput): Promise<string | undefined> {
  const { target } = input;
  if (target.serialNumber === undefined) return target.path;
  const snapshot = await input.poll();
  return snapshot.devices.find((d) => d.id === target.serialNumber)?.atPortPath;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
