/** The contract between the simulator core and one firmware family's line discipline. */
import type { DeviceProvisioningLink } from '../provisioningLink';
import type { ModemReply, SimulatedModem } from './modem';
import type { ResolvedOptions } from './options';
import type { LibraryEvent, LogLevel, ProvisioningLibrary } from './provisioningClient';

/** What the core offers a firmware: output, the modem, the clock. */
export interface FirmwareContext {
  /** Queues text for the host (each char one byte, latin1). */
  emit(text: string): void;
  /** Runs an AT command on the modem; input processing pauses until `done` has run. */
  runModem(command: string, done: (reply: ModemReply) => void): void;
  /** Milliseconds since power-up. */
  uptimeMs(): number;
  options: ResolvedOptions;
  modem: SimulatedModem;
  /** Runs `callback` after `delayMs` (simulated ms); dropped when the device reboots or powers off. */
  later(delayMs: number, callback: () => void): void;
  /** Resolves after `realMs` of real-world time, scaled by provisioning.timeScale. */
  sleep(realMs: number): Promise<void>;
  /** Aborted when the device reboots or powers off. */
  signal: AbortSignal;
  link(): DeviceProvisioningLink | undefined;
  /** `kernel reboot`, the lib-old reboot: the device restarts (and its USB port may re-enumerate). */
  reboot(): void;
  /** Whether this power-up is a reboot of a running device (it then prints its boot output). */
  isReboot: boolean;
  /** The provisioning library, its log lines printed through `log`. */
  createLibrary(
    onEvent: (event: LibraryEvent) => void,
    log: (level: LogLevel, module: string, text: string) => void,
  ): ProvisioningLibrary;
}

/** One firmware family: how it boots, reads bytes and shows notifications. */
export interface Firmware {
  boot(): void;
  /** One received byte; only called while no modem command is in flight. */
  feed(byte: number): void;
  /** An unsolicited result code from the modem (text without line ending). */
  unsolicited(text: string): void;
  /** A log line from the application (shell only; others ignore it). */
  log(text: string): void;
}

/** Zephyr's `[hh:mm:ss.mmm,uuu]` log timestamp. */
export function logTimestamp(uptimeMs: number): string {
  const totalUs = Math.max(0, Math.floor(uptimeMs * 1000));
  const us = totalUs % 1000;
  const ms = Math.floor(totalUs / 1000) % 1000;
  const s = Math.floor(totalUs / 1_000_000);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `[${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}.${pad(ms, 3)},${pad(us, 3)}]`;
}

export const BOOT_BANNER = '*** Booting nRF Connect SDK v2.6.0 ***\r\n';

const LOG_COLORS: Partial<Record<LogLevel, string>> = { wrn: '\x1b[1;33m', err: '\x1b[1;31m' };

/**
 * One Zephyr log record after its timestamp: `<lvl> module: text`, coloured like log_output.c
 * when LOG_BACKEND_SHOW_COLOR is on (colour after the timestamp, reset before the line end).
 */
export function logRecord(
  level: LogLevel,
  module: string,
  text: string,
  hasColors: boolean,
): string {
  const record = `<${level}> ${module}: ${text}`;
  const color = hasColors ? LOG_COLORS[level] : undefined;
  return color === undefined ? record : `${color}${record}\x1b[0m`;
}
