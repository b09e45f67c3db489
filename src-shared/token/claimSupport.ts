/**
 * Warnings (never blocks) about whether nRF Cloud's provisioning service is documented to accept
 * a claim from this device (docs/protocol.md §1.2: support by chip and modem firmware).
 */
import { compareVersions, parseFirmware } from '../at/info';
import { isNrf9160Type, isNrf91x1Type } from './deviceTypes';

/** What is known about the device; every field is optional. */
export interface ClaimSupportInput {
  /** From the decoded token (1-3 are nRF9160). */
  deviceType?: number;
  /** From AT+CGMM, e.g. `nRF9160-SICA`. */
  model?: string;
  /** From AT+CGMR, e.g. `mfw_nrf9160_1.3.2`, or a bare `1.3.2`. */
  firmware?: string;
}

type Chip = 'nrf9160' | 'nrf91x1' | 'unknown';

const CLAIM_MINIMUM: readonly number[] = [2, 0, 0];
const ATTEST_MINIMUM_9160: readonly number[] = [1, 3, 0];

/** Sentences a technician understands; empty when nothing speaks against claiming. */
export function claimSupportWarnings(input: ClaimSupportInput): string[] {
  const chip = chipOf(input);
  const version = versionOf(input.firmware);
  const shown = version?.join('.');
  const warnings: string[] = [];
  if (chip === 'nrf9160') {
    // nrfcloud-utils refuses nRF9160, yet the API's own example claims one: warn, do not block.
    warnings.push(
      'This is an nRF9160. nRF Cloud documents claiming through its provisioning service only for the nRF9161, nRF9151 and nRF9131 with modem firmware 2.0.0 or later, so the claim may be refused. You can still try.',
    );
    if (version !== undefined && compareVersions(version, ATTEST_MINIMUM_9160) < 0) {
      warnings.push(
        `Modem firmware ${shown} is older than 1.3.0 and cannot produce an attestation token (AT%ATTESTTOKEN). Update the modem firmware to 1.3.0 or later first.`,
      );
    }
    return warnings;
  }
  if (version !== undefined && compareVersions(version, CLAIM_MINIMUM) < 0) {
    warnings.push(
      chip === 'nrf91x1'
        ? `Modem firmware ${shown} is older than 2.0.0: it cannot produce an attestation token and nRF Cloud needs 2.0.0 or later to claim. Update the modem firmware first.`
        : `Modem firmware ${shown} is older than 2.0.0; nRF Cloud documents claiming only for modem firmware 2.0.0 or later, so the claim may be refused.`,
    );
  }
  return warnings;
}

// The token's device type is the most reliable; the model and the firmware family follow.
function chipOf(input: ClaimSupportInput): Chip {
  if (input.deviceType !== undefined && isNrf9160Type(input.deviceType)) return 'nrf9160';
  if (input.deviceType !== undefined && isNrf91x1Type(input.deviceType)) return 'nrf91x1';
  if (input.model !== undefined && /nrf91\d\d/i.test(input.model)) {
    return /nrf9160/i.test(input.model) ? 'nrf9160' : 'nrf91x1';
  }
  const family = input.firmware === undefined ? undefined : parseFirmware([input.firmware])?.family;
  if (family === 'nrf9160') return 'nrf9160';
  if (family === 'nrf91x1') return 'nrf91x1';
  return 'unknown';
}

function versionOf(firmware: string | undefined): [number, number, number] | undefined {
  if (firmware === undefined) return undefined;
  const parsed = parseFirmware([firmware]);
  if (parsed !== undefined) return parsed.version;
  const bare = /^\s*v?(\d+)\.(\d+)\.(\d+)/.exec(firmware);
  return bare === null ? undefined : [Number(bare[1]), Number(bare[2]), Number(bare[3])];
}
