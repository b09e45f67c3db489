/** The contract between the simulator core and one firmware family's line discipline. */
import type { ModemReply } from './modem';

/** What the core offers a firmware: output, the modem, the clock. */
export interface FirmwareContext {
  /** Queues text for the host (each char one byte, latin1). */
  emit(text: string): void;
  /** Runs an AT command on the modem; input processing pauses until `done` has run. */
  runModem(command: string, done: (reply: ModemReply) => void): void;
  /** Milliseconds since power-up. */
  uptimeMs(): number;
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
