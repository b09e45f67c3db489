/** Options of the simulated nRF91 device and the defaults that fill them in. */
import { modemTooOldReason } from '../../../src-shared/provisioning/modemSupport';
import type { DeviceProvisioningLink } from '../provisioningLink';

/** The three ways an nRF91 firmware talks on its serial port (docs/protocol.md §2). */
export type FirmwareFamily = 'at' | 'slm' | 'shell';

export const firmwareFamilies: readonly FirmwareFamily[] = ['at', 'slm', 'shell'];

/** How the Serial LTE Modem ends a command line (its Kconfig choice; CR+LF is the default). */
export type SlmTermination = 'crlf' | 'cr' | 'lf';

/**
 * The application behind a Zephyr shell: 'sample' is the shell with `at` (and, with a provisioning
 * client, the `nrf_provisioning` shell and the sample's log lines, docs/protocol.md §10); 'att' is
 * the Asset Tracker Template (`att_cloud`, no `nrf_provisioning`, provisions at boot, §12).
 */
export type ShellApp = 'sample' | 'att';

/** Which `nrf_provisioning` library a firmware was built with (docs/protocol.md §8.1). */
export type ProvisioningLibrary = 'lib-old' | 'lib-mid' | 'lib-new';

export const provisioningLibraries: readonly ProvisioningLibrary[] = [
  'lib-old',
  'lib-mid',
  'lib-new',
];

/** How the provisioning client of a simulated firmware behaves (docs/protocol.md §8–§14). */
export interface SimProvisioningOptions {
  /** Where the device fetches its commands; without one an attempt fails as unreachable. */
  link?: DeviceProvisioningLink | undefined;
  /**
   * The firmware has a provisioning client: shell 'sample' = the `nrf_provisioning` shell (default
   * true); slm = the provisioning overlay with `AT#XNRFPROV` (default false); ATT always; AT host never.
   */
  client?: boolean;
  /** Shell 'sample' only (ATT and Serial Modem are lib-new). Default 'lib-mid' (the sample README's output). */
  library?: ProvisioningLibrary;
  /** Real-world durations are multiplied by this (default 0.02; the demo uses 0.2). */
  timeScale?: number;
  /** The root CA sec tag holds a wrong certificate (§14.3). */
  wrongRootCa?: boolean;
  /** The modem never gets network time (§14.4). */
  noNetworkTime?: boolean;
  /** JWT generation fails (§14.5); default true on an nRF9160 or modem firmware older than 2.0.0. */
  modemTooOld?: boolean;
  /** Connects to nRF Cloud as `nrf-<IMEI>` instead of its UUID (§14.6). */
  deviceIdMismatch?: boolean;
  /** The client id used to connect; overrides deviceIdMismatch. */
  clientId?: string;
  /** How the server answers an unclaimed device: CoAP 4.01 (default) or 4.03 (generic failure, §9.2). */
  unclaimedAs?: 'not-authorized' | 'wrong-credentials';
  /** Commands of this type fail on the device (`AT cmd failed`) and are reported as failed. */
  failCommand?: string;
  /** Command records the device can hold (CONFIG_NRF_PROVISIONING_CBOR_RECORDS); more = too many. */
  maxCommands?: number;
  /**
   * Serial Modem: the modem boots at CFUN=0, unregistered, as a real SM does unless the host
   * switches LTE on (docs/protocol.md §11); `AT+CFUN=1` registers it. Other firmwares switch LTE
   * on themselves, so there it is ignored. Default false.
   */
  lteOffAtBoot?: boolean;
  /** Serial Modem: print the `sm_provisioning` log lines on the AT UART (default false). */
  modemLogs?: boolean;
  /** Also print the library's `<dbg>` lines. */
  debugLogs?: boolean;
}

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
  /** Shell only: which application runs behind the shell. Default 'sample'. */
  shellApp?: ShellApp;
  /** The provisioning client (issue 13). */
  provisioning?: SimProvisioningOptions;
  /** ANSI colour around `<wrn>` and `<err>` log lines (LOG_BACKEND_SHOW_COLOR). Default false. */
  logColors?: boolean;
  /** A reboot drops the USB port, which then re-enumerates under the same path. Default true. */
  rebootDropsUsb?: boolean;
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
  shellApp: ShellApp;
  provisioning: ResolvedProvisioning;
  hasLogColors: boolean;
  isRebootDroppingUsb: boolean;
}

/** Provisioning options with every default filled in. */
export interface ResolvedProvisioning {
  hasClient: boolean;
  library: ProvisioningLibrary;
  timeScale: number;
  isWrongRootCa: boolean;
  isNoNetworkTime: boolean;
  isModemTooOld: boolean;
  clientId: string;
  unclaimedAs: 'not-authorized' | 'wrong-credentials';
  failCommand: string | undefined;
  maxCommands: number;
  hasModemLogs: boolean;
  hasDebugLogs: boolean;
  /** The modem powers up at CFUN=0, unregistered (Serial Modem only). */
  isLteOffAtBoot: boolean;
  /** Sec tag of the provisioning server's root CA (docs/protocol.md §8.2). */
  rootCaSecTag: number;
}

export const DEFAULT_TIME_SCALE = 0.02;

function resolveProvisioning(
  options: SimulatorOptions,
  shellApp: ShellApp,
  deviceUuid: string,
  imei: string,
  model: string,
  firmwareVersion: string,
): ResolvedProvisioning {
  const p = options.provisioning ?? {};
  const isAtt = options.firmware === 'shell' && shellApp === 'att';
  const hasClient =
    options.firmware === 'at' ? false : isAtt ? true : (p.client ?? options.firmware === 'shell');
  const timeScale = positive('provisioning.timeScale', p.timeScale) ?? DEFAULT_TIME_SCALE;
  const maxCommands = positive('provisioning.maxCommands', p.maxCommands) ?? (isAtt ? 5 : 10);
  return {
    hasClient,
    library: options.firmware === 'shell' && !isAtt ? (p.library ?? 'lib-mid') : 'lib-new',
    timeScale,
    isWrongRootCa: p.wrongRootCa ?? false,
    isNoNetworkTime: p.noNetworkTime ?? false,
    isModemTooOld: p.modemTooOld ?? modemTooOldReason(model, firmwareVersion) !== undefined,
    clientId: p.clientId ?? (p.deviceIdMismatch === true ? `nrf-${imei}` : deviceUuid),
    unclaimedAs: p.unclaimedAs ?? 'not-authorized',
    failCommand: p.failCommand,
    maxCommands,
    hasModemLogs: p.modemLogs ?? false,
    hasDebugLogs: p.debugLogs ?? false,
    isLteOffAtBoot: options.firmware === 'slm' && (p.lteOffAtBoot ?? false),
    rootCaSecTag: options.firmware === 'slm' ? 42384 : 189298,
  };
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
  const deviceUuid = (options.deviceUuid ?? DEMO_DEVICE_UUID).toLowerCase();
  const imei = options.imei ?? makeImei(123456);
  const firmwareVersion = options.firmwareVersion ?? info.firmwareVersion;
  const shellApp = options.shellApp ?? 'sample';
  return {
    firmware: options.firmware,
    deviceUuid,
    deviceType,
    modemFirmwareUuid: (options.modemFirmwareUuid ?? DEMO_MODEM_FIRMWARE_UUID).toLowerCase(),
    model,
    hwVersion: options.model === undefined ? info.hwVersion : `${model.replace('-', ' ')} A0A`,
    firmwareVersion,
    imei,
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
    shellApp,
    provisioning: resolveProvisioning(options, shellApp, deviceUuid, imei, model, firmwareVersion),
    hasLogColors: options.logColors ?? false,
    isRebootDroppingUsb: options.rebootDropsUsb ?? true,
  };
}
