/**
 * Station mode's hands-free part, driven by the hot-plug watcher: a kit that leaves ends its job
 * as unplugged; with Auto on, a newly plugged kit starts by itself and a replugged kit whose job
 * failed (or was unplugged or cancelled) starts again. A kit whose job ended claimed is left
 * alone; a kit claimed earlier today under a new job is caught by the job's journal check.
 */
import type { Device } from '../../src-shared/devices/groupPorts';
import { AppError } from '../../src-shared/ipc/errors';
import type { DeviceSnapshot } from '../../src-shared/ipc/serial';
import type { DeviceChange } from '../serial/deviceWatcher';
import type { JobTarget, OnboardingService, StartOptions } from './onboardingService';

const RESTARTABLE = new Set(['failed', 'unplugged', 'cancelled']);

/** The job target of a kit, or undefined when it has no AT port. */
export function targetOfDevice(device: Device): JobTarget | undefined {
  if (device.atPortPath === undefined) return undefined;
  return {
    path: device.atPortPath,
    serialNumber: device.id,
    ...(device.kit === undefined ? {} : { kit: device.kit }),
    kitName: device.name,
  };
}

/**
 * What start-job names, made a target: a serial number is looked up among the plugged kits; a
 * typed path that is a kit's AT port becomes that kit (keyed by serial), any other path stays a path.
 */
export function resolveTarget(
  snapshot: DeviceSnapshot,
  input: { serialNumber?: string | undefined; path?: string | undefined },
): JobTarget {
  if (input.serialNumber !== undefined) {
    const device = snapshot.devices.find((d) => d.id === input.serialNumber);
    if (device === undefined)
      throw new AppError(
        'NOT_FOUND',
        `No kit with serial number ${input.serialNumber} is plugged in.`,
      );
    const target = targetOfDevice(device);
    if (target === undefined)
      throw new AppError('PORT_NOT_FOUND', `${device.name} ${device.id} shows no AT port.`);
    return target;
  }
  const path = input.path ?? '';
  const device = snapshot.devices.find((d) => d.atPortPath === path);
  return (device && targetOfDevice(device)) ?? { path };
}

export class AutoStart {
  private isOnNow = false;

  constructor(
    private readonly deps: {
      service: OnboardingService;
      devices: () => Device[];
      options?: () => StartOptions;
    },
  ) {}

  get isOn(): boolean {
    return this.isOnNow;
  }

  /** Turning Auto on starts every plugged kit that has no job yet (or a failed one). */
  set(isOn: boolean): void {
    this.isOnNow = isOn;
    if (isOn) for (const device of this.deps.devices()) this.consider(device);
  }

  /** Feed of the device watcher. */
  onDevicesChanged(change: Pick<DeviceChange, 'arrived' | 'left'>): void {
    for (const device of change.left) this.deps.service.unplugged(device.id);
    if (!this.isOnNow) return;
    for (const device of change.arrived) this.consider(device);
  }

  private consider(device: Device): void {
    const target = targetOfDevice(device);
    if (target === undefined) return;
    const job = this.deps.service.get(device.id);
    if (job !== undefined && !RESTARTABLE.has(job.state)) return;
    this.deps.service.start(target, this.deps.options?.() ?? {});
  }
}
