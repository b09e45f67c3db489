/**
 * Reads who a device is: model, modem firmware and IMEI when the modem tells (optional), then the
 * attestation token (required), decoded. docs/protocol.md §1 and §2.
 */
import { parseFirmware, parseImei, parseModel } from '../../src-shared/at/info';
import { AppError, type ErrorCode } from '../../src-shared/ipc/errors';
import type { FirmwareMode } from '../../src-shared/ipc/serial';
import { claimSupportWarnings, type ClaimSupportInput } from '../../src-shared/token/claimSupport';
import { decodeAttestationToken, type DecodedToken } from '../../src-shared/token/decode';
import { extractTokensFromReply } from '../../src-shared/token/extract';
import { AtCommandError, type AtSession } from './atSession';

/** What readDeviceIdentity learnt; optional fields are absent when the modem would not say. */
export interface DeviceIdentityReading {
  token: DecodedToken;
  tokenRaw: string;
  mode: FirmwareMode;
  model?: string;
  firmware?: string;
  imei?: string;
  warnings: string[];
}

export interface ReadIdentityOptions {
  signal?: AbortSignal;
  onProgress?: (step: string) => void;
}

// Failures of one identification command that say nothing about the next: carry on without it.
const TOLERATED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AT_ERROR',
  'AT_CME_ERROR',
  'AT_CMS_ERROR',
  'COMMAND_TIMEOUT',
  'SHELL_COMMAND_FAILED',
]);

type Session = Pick<AtSession, 'send' | 'mode'>;

/** Model, firmware, IMEI (best effort), then the attestation token, decoded and checked. */
export async function readDeviceIdentity(
  session: Session,
  options: ReadIdentityOptions = {},
): Promise<DeviceIdentityReading> {
  const { onProgress } = options;
  const sendOptions = options.signal === undefined ? {} : { signal: options.signal };
  const optional = async <T>(
    command: string,
    step: string,
    parse: (lines: readonly string[]) => T | undefined,
  ): Promise<T | undefined> => {
    onProgress?.(step);
    try {
      return parse((await session.send(command, sendOptions)).lines);
    } catch (err) {
      if (err instanceof AppError && TOLERATED.has(err.code)) return undefined;
      throw err;
    }
  };

  const model = await optional('AT+CGMM', 'Reading the model (AT+CGMM)', parseModel);
  const firmware = (
    await optional('AT+CGMR', 'Reading the modem firmware (AT+CGMR)', parseFirmware)
  )?.raw;
  const imei = await optional('AT+CGSN', 'Reading the IMEI (AT+CGSN)', parseImei);

  onProgress?.('Requesting the attestation token (AT%ATTESTTOKEN)');
  let lines: string[];
  try {
    lines = (await session.send('AT%ATTESTTOKEN', sendOptions)).lines;
  } catch (err) {
    throw unsupportedOr(err, firmware);
  }

  onProgress?.('Decoding the token');
  const { tokenRaw, token, warnings } = theToken(lines);

  const support: ClaimSupportInput = { deviceType: token.deviceType };
  if (model !== undefined) support.model = model;
  if (firmware !== undefined) support.firmware = firmware;
  const reading: DeviceIdentityReading = {
    token,
    tokenRaw,
    mode: session.mode,
    warnings: [...warnings, ...claimSupportWarnings(support)],
  };
  if (model !== undefined) reading.model = model;
  if (firmware !== undefined) reading.firmware = firmware;
  if (imei !== undefined) reading.imei = imei;
  return reading;
}

/**
 * The one token of the reply, decoded. Two tokens of different devices in one reply (two devices
 * on one port, or a replayed log) must not be resolved by taking either: the error names both.
 */
function theToken(lines: readonly string[]): {
  tokenRaw: string;
  token: DecodedToken;
  warnings: string[];
} {
  const raws = extractTokensFromReply(lines);
  const [first] = raws;
  if (first === undefined) {
    throw new AppError(
      'TOKEN_NOT_FOUND',
      'The modem answered AT%ATTESTTOKEN with OK but without a token.',
      lines.join('\n'),
    );
  }
  if (raws.length > 1) {
    const uuids = raws.map((raw) => {
      const decoded = decodeAttestationToken(raw);
      return decoded.ok ? decoded.value.deviceUuid : undefined;
    });
    if (new Set(uuids).size > 1 || uuids.includes(undefined)) {
      const names = uuids.map((uuid) => uuid ?? 'an unreadable token');
      throw new AppError(
        'MULTIPLE_TOKENS',
        `The reply to AT%ATTESTTOKEN carries ${raws.length} different tokens: ${names.join(', ')}. One port answers for one device, so none of them was taken. Make sure only one device is on this port and read the token again.`,
        raws.join('\n'),
      );
    }
  }
  const decoded = decodeAttestationToken(first);
  if (!decoded.ok)
    throw new AppError(decoded.error.code, decoded.error.message, decoded.error.detail);
  const warnings =
    raws.length > 1
      ? [`The modem sent ${raws.length} tokens for the same device; the first one is used.`]
      : [];
  return { tokenRaw: first, token: decoded.value, warnings };
}

// A bare ERROR, or +CME ERROR: 0 after CMEE=1, is how a modem without the command answers.
function unsupportedOr(err: unknown, firmware: string | undefined): unknown {
  if (!(err instanceof AtCommandError)) return err;
  const final = err.reply.final;
  const isUnsupported =
    final === 'ERROR' || (typeof final === 'object' && 'cme' in final && final.cme === 0);
  if (!isUnsupported) return err;
  const current = firmware === undefined ? '' : ` This modem runs ${firmware}.`;
  return new AppError(
    'ATTEST_UNSUPPORTED',
    `The modem does not support AT%ATTESTTOKEN. It needs modem firmware 1.3.0 or later on the nRF9160, 2.0.0 or later on the nRF9161, nRF9151 and nRF9131.${current} Update the modem firmware and try again.`,
    err.detail,
  );
}
