/**
 * Parsers for the identification commands (docs/protocol.md §2.E, "Other replies useful for
 * identification"). Input lines are framed already; echo, blank lines, OK and log lines are skipped.
 */

/** A parsed `AT+CGMR` modem firmware version. */
export interface ModemFirmware {
  /** As the modem printed it, e.g. `mfw_nrf9160_1.3.2`. */
  raw: string;
  /** Lower-case, e.g. `nrf9160` or `nrf91x1`. */
  family: string;
  version: [number, number, number];
}

// `nRF9160-SICA`, `nRF9151-LACA`; some firmware prefixes `+CGMM: ` or quotes.
const MODEL = /^\s*(?:\+CGMM:\s*)?"?(nRF91\w*(?:-\w+)*)"?\s*$/i;
// `mfw_nrf9160_1.3.2`, `mfw_nrf91x1_2.0.2`, maybe with a suffix such as `-FOTA-TEST`.
const FIRMWARE = /\b(mfw_(nrf\w+?)_(\d+)\.(\d+)\.(\d+)(?:[-+][\w.-]*)?)(?![\w.])/i;
// `AT+CGSN` prints the bare IMEI, `AT+CGSN=1` prints `+CGSN: "<imei>"`.
const IMEI = /^\s*(?:\+CGSN:\s*)?"?(\d{15})"?\s*$/i;
const HW_VERSION = /^\s*%HWVERSION\s*:\s*"?([^"]*?)"?\s*$/i;

/** The model from `AT+CGMM`, e.g. `nRF9160-SICA`. */
export function parseModel(lines: readonly string[]): string | undefined {
  return firstMatch(lines, MODEL);
}

/** The modem firmware from `AT+CGMR`, e.g. family `nrf91x1`, version [2, 0, 2]. */
export function parseFirmware(lines: readonly string[]): ModemFirmware | undefined {
  for (const line of lines) {
    const match = FIRMWARE.exec(line);
    if (match === null) continue;
    const [, raw = '', family = '', major = '0', minor = '0', patch = '0'] = match;
    return {
      raw,
      family: family.toLowerCase(),
      version: [Number(major), Number(minor), Number(patch)],
    };
  }
  return undefined;
}

/** The IMEI from `AT+CGSN` or `AT+CGSN=1`, only when its Luhn check digit is right. */
export function parseImei(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const imei = IMEI.exec(line)?.[1];
    if (imei !== undefined && hasValidLuhn(imei)) return imei;
  }
  return undefined;
}

/** The hardware version from `AT%HWVERSION`, e.g. `nRF9161 LACA A0A`. */
export function parseHwVersion(lines: readonly string[]): string | undefined {
  const version = firstMatch(lines, HW_VERSION);
  return version === undefined || version.length === 0 ? undefined : version;
}

/** Luhn check (ISO/IEC 7812-1), which the 15th IMEI digit satisfies (3GPP TS 23.003 B.2). */
export function hasValidLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Compares two versions; negative when a is older than b. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function firstMatch(lines: readonly string[], pattern: RegExp): string | undefined {
  for (const line of lines) {
    const value = pattern.exec(line)?.[1];
    if (value !== undefined) return value.trim();
  }
  return undefined;
}
