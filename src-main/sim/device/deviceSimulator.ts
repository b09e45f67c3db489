/**
 * A simulated nRF91 device: bytes in, bytes out, byte for byte like the real firmware families
 * (docs/protocol.md §2). Transport-independent: the serialport binding, the pty relay and unit
 * tests all drive it through receive/onOutput. Timing goes through an injectable Scheduler.
 */
import type { DeviceProvisioningLink } from '../provisioningLink';
import { createAtHostFirmware } from './atHost';
import type { Firmware, FirmwareContext } from './firmware';
import type { ModemReply, RegistrationStatus } from './modem';
import { SIM_CEREG_LOCATION, SimulatedModem } from './modem';
import type { ResolvedOptions, SimulatorOptions } from './options';
import { resolveOptions } from './options';
import type { LibraryHost } from './provisioningClient';
import { ProvisioningLibrary } from './provisioningClient';
import type { Scheduler, TimerHandle } from './scheduler';
import { createRealScheduler } from './scheduler';
import { createSlmFirmware } from './slm';
import { createZephyrShellFirmware, nextShellLogLine } from './zephyrShell';

export type { FirmwareFamily, SimulatorOptions } from './options';
export type { Scheduler } from './scheduler';

/**
 * Power state: off before start() and after stop(), gone once the device has vanished, rebooting
 * while a reboot has dropped its USB port.
 */
export type SimulatorState = 'off' | 'on' | 'gone' | 'rebooting';

/** A reboot's effect on the USB port: 'down' = the port vanished, 'up' = it is back. */
export type UsbEvent = 'down' | 'up';

/** Real-world durations of the device around the library, in ms before timeScale. */
export const DEVICE_TIMING = {
  /** USB gone during a reboot until the port re-enumerates. */
  usbDown: 1500,
  /** From AT+CFUN=1 to a registered LTE cell. */
  lteAttach: 6000,
} as const;

function toBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** One simulated device. */
export class DeviceSimulator {
  readonly options: Readonly<SimulatorOptions>;
  private readonly resolved: ResolvedOptions;
  private readonly scheduler: Scheduler;
  private readonly modem: SimulatedModem;
  private firmware: Firmware | undefined;
  private readonly outputListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly disappearListeners = new Set<() => void>();
  private readonly usbListeners = new Set<(event: UsbEvent) => void | Promise<void>>();
  private rebootCount = 0;
  private readonly networkListeners = new Set<() => void>();
  private link: DeviceProvisioningLink | undefined;
  private abort = new AbortController();
  private offModem: () => void = () => undefined;
  private isRebooting = false;
  private readonly timers = new Set<TimerHandle>();
  private input: number[] = [];
  private output: string[] = [];
  private currentState: SimulatorState = 'off';
  private isBusy = false;
  private isDraining = false;
  private gapTimer: TimerHandle | undefined;
  private emittedBytes = 0;
  private startedAt = 0;
  private logIndex = 0;

  constructor(options: SimulatorOptions, scheduler: Scheduler = createRealScheduler()) {
    this.options = Object.freeze({ ...options });
    this.resolved = resolveOptions(options);
    this.scheduler = scheduler;
    this.modem = new SimulatedModem(this.resolved);
    this.link = options.provisioning?.link;
  }

  /** Where this device's provisioning client fetches its commands (docs/protocol.md §8.2). */
  attachProvisioningLink(link: DeviceProvisioningLink | undefined): void {
    this.link = link;
  }

  /** The modem's state, for tests: functional mode, registration, stored credentials. */
  get modemState(): SimulatedModem {
    return this.modem;
  }

  /**
   * Fires when a reboot drops the USB port ('down') and when it is back ('up'). A 'down' listener
   * may return a promise: the port comes back once it has settled (a transport re-creating itself).
   */
  onUsb(listener: (event: UsbEvent) => void | Promise<void>): () => void {
    this.usbListeners.add(listener);
    return () => this.usbListeners.delete(listener);
  }

  /**
   * `kernel reboot`: the firmware restarts and prints its boot output; with rebootDropsUsb the
   * port vanishes first and comes back after a moment (docs/protocol.md §12.3).
   */
  reboot(): void {
    if (this.currentState !== 'on') return;
    if (!this.resolved.isRebootDroppingUsb) {
      this.powerUp(true);
      return;
    }
    this.clearActivity();
    this.currentState = 'rebooting';
    const reboot = ++this.rebootCount;
    const ready = [...this.usbListeners].map((listener) => listener('down'));
    const isCurrent = () => this.currentState === 'rebooting' && this.rebootCount === reboot;
    const downFor = new Promise<void>((resolve) =>
      this.later(this.scaled(DEVICE_TIMING.usbDown), resolve),
    );
    void Promise.all([downFor, ...ready]).then(() => {
      if (!isCurrent()) return;
      this.powerUp(true);
      for (const listener of [...this.usbListeners]) void listener('up');
    });
  }
  /** Every token handed out so far (a fresh nonce per call), oldest first. */
  get issuedTokens(): readonly string[] {
    return this.modem.issuedTokens;
  }

  get state(): SimulatorState {
    return this.currentState;
  }

  /** Bytes emitted since the last start(). */
  get bytesEmitted(): number {
    return this.emittedBytes;
  }

  /** Power-up (or power cycle when already on): fresh line state, CMEE=0, quirk re-armed, boot output if asked. */
  start(): void {
    this.powerUp(false);
  }

  private powerUp(isReboot: boolean): void {
    this.clearActivity();
    this.currentState = 'on';
    this.emittedBytes = 0;
    this.startedAt = this.scheduler.now();
    this.modem.powerCycle();
    this.offModem = this.modem.onFunctionalModeChange((mode) => this.onFunctionalMode(mode));
    this.isRebooting = isReboot;
    this.firmware = this.createFirmware();
    this.isRebooting = false;
    if (this.resolved.hasBootOutput || isReboot) this.firmware.boot();
    this.schedulePeriodic(this.resolved.unsolicitedEveryMs, () =>
      this.firmware?.unsolicited(this.modem.unsolicitedCereg()),
    );
    if (this.resolved.firmware === 'shell') {
      this.schedulePeriodic(this.resolved.logLinesEveryMs, () =>
        this.firmware?.log(nextShellLogLine(this.logIndex++)),
      );
    }
  }

  /** Host to device. Ignored while the device is off or gone. */
  receive(bytes: Uint8Array): void {
    if (this.currentState !== 'on') return;
    for (const b of bytes) this.input.push(b);
    this.drainInput();
  }

  /** Device to host; returns an unsubscribe function. */
  onOutput(listener: (bytes: Uint8Array) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** Fires once when the device vanishes (disappearAfterBytes reached). */
  onDisappear(listener: () => void): () => void {
    this.disappearListeners.add(listener);
    return () => this.disappearListeners.delete(listener);
  }

  /** Powers off: clears every timer and pending byte. */
  stop(): void {
    this.clearActivity();
    if (this.currentState === 'on' || this.currentState === 'rebooting') this.currentState = 'off';
  }

  private scaled(realMs: number): number {
    return realMs * this.resolved.provisioning.timeScale;
  }

  // LTE follows the functional mode: offline at once, registered a moment after CFUN=1.
  // The notifications follow the command's reply, as they come from another thread.
  private onFunctionalMode(mode: number): void {
    this.later(0, () => {
      if (mode !== this.modem.functionalMode) return;
      if (mode !== 1) {
        this.setRegistration(0);
        return;
      }
      this.setRegistration(2);
      this.later(this.scaled(DEVICE_TIMING.lteAttach), () => {
        if (this.modem.functionalMode === 1) this.setRegistration(1);
      });
    });
  }

  private setRegistration(status: RegistrationStatus): void {
    this.modem.setRegistration(status);
    const text = status === 0 ? '+CEREG: 0' : `+CEREG: ${status},${SIM_CEREG_LOCATION}`;
    if (this.resolved.firmware === 'shell') {
      // lte_lc subscribes to +CEREG itself; the shell logs what it hears.
      this.firmware?.unsolicited(text);
    } else {
      const level = this.modem.ceregSubscription;
      if (level === 1) this.firmware?.unsolicited(`+CEREG: ${status}`);
      else if (level >= 2) this.firmware?.unsolicited(text);
    }
    for (const listener of [...this.networkListeners]) listener();
  }

  private sleep(realMs: number): Promise<void> {
    return new Promise((resolve) => this.later(this.scaled(realMs), resolve));
  }

  private waitForNetwork(isReady: () => boolean, realMs: number): Promise<boolean> {
    if (isReady()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const off = () => {
        this.networkListeners.delete(check);
        if (timer !== undefined) this.scheduler.clearTimer(timer);
      };
      const check = () => {
        if (!isReady()) return;
        off();
        resolve(true);
      };
      const timer: TimerHandle | undefined = this.later(this.scaled(realMs), () => {
        off();
        resolve(false);
      });
      this.networkListeners.add(check);
    });
  }

  private createFirmware(): Firmware {
    const signal = this.abort.signal;
    const host: Omit<LibraryHost, 'log'> = {
      options: this.resolved.provisioning,
      deviceUuid: this.resolved.deviceUuid,
      modem: this.modem,
      link: () => this.link,
      sleep: (ms) => this.sleep(ms),
      waitForNetwork: (isReady, ms) => this.waitForNetwork(isReady, ms),
      onNetworkChange: (listener) => {
        this.networkListeners.add(listener);
        return () => this.networkListeners.delete(listener);
      },
      signal,
    };
    const ctx: FirmwareContext = {
      emit: (text) => this.emit(text),
      runModem: (command, done) => this.runModem(command, done),
      uptimeMs: () => this.scheduler.now() - this.startedAt,
      options: this.resolved,
      modem: this.modem,
      later: (ms, callback) => {
        this.later(ms, callback);
      },
      sleep: (ms) => this.sleep(ms),
      signal,
      link: () => this.link,
      reboot: () => this.reboot(),
      isReboot: this.isRebooting,
      createLibrary: (onEvent, log) => new ProvisioningLibrary({ ...host, log }, onEvent),
    };
    switch (this.resolved.firmware) {
      case 'at':
        return createAtHostFirmware(ctx);
      case 'slm':
        return createSlmFirmware(ctx, this.resolved.slmTermination);
      case 'shell':
        return createZephyrShellFirmware(ctx);
    }
  }

  private clearActivity(): void {
    // Pending link calls and library steps of the old power-up end here.
    this.abort.abort();
    this.abort = new AbortController();
    this.offModem();
    this.offModem = () => undefined;
    this.networkListeners.clear();
    for (const timer of this.timers) this.scheduler.clearTimer(timer);
    this.timers.clear();
    this.gapTimer = undefined;
    this.input = [];
    this.output = [];
    this.isBusy = false;
  }

  private later(delayMs: number, callback: () => void): TimerHandle {
    const handle = this.scheduler.setTimer(() => {
      this.timers.delete(handle);
      callback();
    }, delayMs);
    this.timers.add(handle);
    return handle;
  }

  private schedulePeriodic(everyMs: number | undefined, tick: () => void): void {
    if (everyMs === undefined) return;
    const run = () => {
      if (this.currentState !== 'on') return;
      tick();
      this.later(everyMs, run);
    };
    this.later(everyMs, run);
  }

  private drainInput(): void {
    if (this.isDraining) return;
    this.isDraining = true;
    try {
      while (!this.isBusy && this.currentState === 'on' && this.input.length > 0) {
        const byte = this.input.shift();
        if (byte !== undefined) this.firmware?.feed(byte);
      }
    } finally {
      this.isDraining = false;
    }
  }

  // One command at a time: input waits while the modem works, as on the real UART.
  private runModem(command: string, done: (reply: ModemReply) => void): void {
    this.isBusy = true;
    const execute = () => {
      if (this.currentState !== 'on') return;
      const reply = this.modem.execute(command);
      this.isBusy = false;
      done(reply);
      this.drainInput();
    };
    if (this.resolved.replyDelayMs > 0) this.later(this.resolved.replyDelayMs, execute);
    else execute();
  }

  private emit(text: string): void {
    if (this.currentState !== 'on' || this.resolved.isSilent || text.length === 0) return;
    this.output.push(text);
    this.pump();
  }

  private pump(): void {
    if (this.gapTimer !== undefined) return;
    const chunking = this.resolved.chunking;
    while (this.output.length > 0 && this.currentState === 'on') {
      const pending = this.output.join('');
      if (chunking === undefined) {
        this.output = [];
        this.deliver(pending);
        continue;
      }
      const chunk = pending.slice(0, chunking.maxChunkBytes);
      const rest = pending.slice(chunking.maxChunkBytes);
      this.output = rest.length > 0 ? [rest] : [];
      this.deliver(chunk);
      if (this.output.length > 0 && this.currentState === 'on') {
        this.gapTimer = this.later(chunking.gapMs, () => {
          this.gapTimer = undefined;
          this.pump();
        });
        return;
      }
    }
  }

  private deliver(text: string): void {
    const limit = this.resolved.disappearAfterBytes;
    let bytes = toBytes(text);
    const isVanishing = limit !== undefined && this.emittedBytes + bytes.length >= limit;
    if (isVanishing) bytes = bytes.slice(0, Math.max(0, limit - this.emittedBytes));
    this.emittedBytes += bytes.length;
    if (bytes.length > 0) {
      for (const listener of [...this.outputListeners]) listener(bytes);
    }
    if (isVanishing) this.vanish();
  }

  private vanish(): void {
    this.clearActivity();
    this.currentState = 'gone';
    for (const listener of [...this.disappearListeners]) listener();
  }
}
