/** Options of the simulated nRF91 device and the defaults that fill them in. */

/** The three ways an nRF91 firmware talks on its serial port (docs/protocol.md §2). */
export type FirmwareFamily = 'at' | 'slm' | 'shell';

export const firmwareFamilies: readonly FirmwareFamily[] = ['at', 'slm', 'shell'];

/** How the Serial LTE Modem ends a command line (its Kconfig choice; CR+LF is the default). */
export type SlmTermination = 'crlf' | 'cr' | 'lf';

/** Everything a simulated device can be told to do. */
export interface SimulatorOptions {
  firmware: FirmwareFamily;
  deviceUuid?: string;
  deviceType?: number;
  modemFirmwareUuid?: string;
  /** AT+CGMM reply; derived from deviceType when absent. */
  model?: string;
  /** AT+CGMR reply; derived from deviceType when absent. */
  firmwareVersion?: string;
  /** AT+CGSN reply (15 digits, valid Luhn check digit by default). */
  imei?: string;
  /** The first AT command after power-up returns ERROR (Nordic quirk). */
  firstCommandError?: boolean;
  /** Replies leave in pieces of at most maxChunkBytes with gapMs between them. */
  chunking?: { maxChunkBytes: number; gapMs: number };
  /** Time the modem takes to answer each AT command. Default 0. */
  replyDelayMs?: number;
  /** A `+CEREG:` notification this often (at/slm; the shell prints it as a log line). */
  unsolicitedEveryMs?: number;
  /** Shell only: a log line this often, erasing and redrawing the prompt around it. */
  logLinesEveryMs?: number;
  /** false = old modem firmware: %ATTESTTOKEN is unknown (ERROR, or +CME ERROR: 0 with CMEE=1). */
  attestSupported?: boolean;
  /** Reads everything, answers nothing. */
  silent?: boolean;
  /** The device vanishes once it has emitted this many bytes since start() (mid-reply). */
  disappearAfterBytes?: number;
  /** Emit the boot output at start(): banner + prompt (shell), `Ready` (SLM), banner (AT host). */
  bootOutput?: boolean;
  /** SLM only: line termination. Default 'crlf'. */
  slmTermination?: SlmTermination;
}

export const DEMO_DEVICE_UUID = '5ac1d7e2-4b0f-4c6d-9e21-7a3b8c9d0e1f';
export const DEMO_MODEM_FIRMWARE_UUID = '9c2b6e41-3d7a-4f05-b8e6-0d1c2a3b4c5d';
export const DEFAULT_DEVICE_TYPE = 6;

interface DeviceTypeInfo {
  model: string;
  hwVersion: string;
  firmwareVersion: string;
}

// Device types as numbered in part 1 of the token (docs/protocol.md §1).
const DEVICE_TYPES: Record<number, DeviceTypeInfo> = {
  1: { model: 'nRF9160-SIAA', hwVersion: 'nRF9160 SIAA B1A', firmwareVersion: 'mfw_nrf9160_1.3.5' },
  2: { model: 'nRF9160-SIBA', hwVersion: 'nRF9160 SIBA B1A', firmwareVersion: 'mfw_nrf9160_1.3.5' },
  3: { model: 'nRF9160-SICA', hwVersion: 'nRF9160 SICA B1A', firmwareVersion: 'mfw_nrf9160_1.3.5' },
  4: { model: 'nRF9161-LACA', hwVersion: 'nRF9161 LACA A0A', firmwareVersion: 'mfw_nrf91x1_2.0.2' },
  5: { model: 'nRF9131-LACA', hwVersion: 'nRF9131 LACA A0A', firmwareVersion: 'mfw_nrf91x1_2.0.2' },
  6: { model: 'nRF9151-LACA', hwVersion: 'nRF9151 LACA A0A', firmwareVersion: 'mfw_nrf91x1_2.0.2' },
};

/** Options with every default filled in. */
export interface ResolvedOptions {
  firmware: FirmwareFamily;
  deviceUuid: string;
  deviceType: number;
  modemFirmwareUuid: string;
  model: string;
  hwVersion: string;
  firmwareVersion: string;
  imei: string;
  isFirstCommandError: boolean;
  chunking: { maxChunkBytes: number; gapMs: number } | undefined;
  replyDelayMs: number;
  unsolicitedEveryMs: number | undefined;
  logLinesEveryMs: number | undefined;
  isAttestSupported: boolean;
  isSilent: boolean;
  disappearAfterBytes: number | undefined;
  hasBootOutput: boolean;
  slmTermination: SlmTermination;
}

/** The Luhn check digit for the 14 leading digits of an IMEI. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 15-digit IMEI with a valid check digit, derived from a number so demo devices differ. */
export function makeImei(serial: number): string {
  const body = `35040429${String(serial % 1_000_000).padStart(6, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

function positive(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** Fills in defaults and checks the numbers. */
export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const deviceType = options.deviceType ?? DEFAULT_DEVICE_TYPE;
  const info = DEVICE_TYPES[deviceType] ?? {
    model: 'nRF91xx',
    hwVersion: 'nRF91xx A0A',
    firmwareVersion: 'mfw_nrf91x1_2.0.2',
  };
  const chunking = options.chunking;
  if (chunking !== undefined) {
    positive('chunking.maxChunkBytes', chunking.maxChunkBytes);
    if (!(chunking.gapMs >= 0))
      throw new RangeError(`chunking.gapMs must be >= 0, got ${chunking.gapMs}`);
  }
  const model = options.model ?? info.model;
  return {
    firmware: options.firmware,
    deviceUuid: (options.deviceUuid ?? DEMO_DEVICE_UUID).toLowerCase(),
    deviceType,
    modemFirmwareUuid: (options.modemFirmwareUuid ?? DEMO_MODEM_FIRMWARE_UUID).toLowerCase(),
    model,
    hwVersion: options.model === undefined ? info.hwVersion : `${model.replace('-', ' ')} A0A`,
    firmwareVersion: options.firmwareVersion ?? info.firmwareVersion,
    imei: options.imei ?? makeImei(123456),
    isFirstCommandError: options.firstCommandError ?? false,
    chunking,
    replyDelayMs: options.replyDelayMs ?? 0,
    unsolicitedEveryMs: positive('unsolicitedEveryMs', options.unsolicitedEveryMs),
    logLinesEveryMs: positive('logLinesEveryMs', options.logLinesEveryMs),
    isAttestSupported: options.attestSupported ?? true,
    isSilent: options.silent ?? false,
    disappearAfterBytes: options.disappearAfterBytes,
    hasBootOutput: options.bootOutput ?? false,
    slmTermination: options.slmTermination ?? 'crlf',
  };
}
