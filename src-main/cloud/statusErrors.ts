/**
 * What an HTTP status means for each call. nRF Cloud does not publish its status codes for a bad
 * key, an already-claimed device or a malformed token (docs/protocol.md §4.7, [U]), so these match tolerantly
 * on status plus the words of the server's message.
 */
import { AppError } from '../../src-shared/ipc/errors';

export type Operation =
  | 'account'
  | 'claim'
  | 'dry run'
  | 'unclaim'
  | 'provisioning rules'
  | 'provisioning commands'
  | 'device record';

const KEY_WORDS = /api.?key|unauthori[sz]ed|not authenticated|authentication|credential/i;
const CLAIMED_WORDS =
  /already (been )?claimed|already (exists|owned|registered)|is (already )?claimed|ownership/i;
const YOURS_WORDS =
  /(by|to|in|for) (you|your|this|the same) ?(team|account|tenant)?\b|already (claimed|owned) by you|already in your/i;
const OTHER_WORDS = /another|other (team|account|tenant|user)|different (team|account|tenant)/i;

/** True when an answer says the device is claimed already (by anyone). */
export function isAlreadyClaimed(status: number, message: string | undefined): boolean {
  if (status === 409) return true;
  return (status === 400 || status === 403 || status === 422) && CLAIMED_WORDS.test(message ?? '');
}

/** For an already-claimed answer: does the message itself say who holds the device? */
export function claimedByFromMessage(message: string | undefined): 'you' | 'other' | 'unknown' {
  const text = message ?? '';
  if (OTHER_WORDS.test(text)) return 'other';
  if (YOURS_WORDS.test(text)) return 'you';
  return 'unknown';
}

const said = (message: string | undefined) => (message ? `: “${message}”` : '');

/** The API key was refused: say why that usually happens. */
export function keyRejected(status: number, message: string | undefined): AppError {
  return new AppError(
    'API_KEY_REJECTED',
    `nRF Cloud rejected the API key (HTTP ${status}${said(message)}). Keys are per user and per team: ` +
      'use the key of the team the device should join. After “Regenerate API key” the previous key ' +
      'stops working within 60 minutes; paste the new one.',
  );
}

/** The team role may not claim (Viewer). */
export function roleCannotClaim(
  status: number,
  message: string | undefined,
  role?: string,
): AppError {
  const who = role ? `Your role in this team (${role})` : 'Your role in this team';
  return new AppError(
    'ROLE_CANNOT_CLAIM',
    `${who} cannot claim devices (HTTP ${status}${said(message)}). Claiming needs the Editor, Admin or ` +
      'Owner role: ask a team Admin or Owner to change your role, or to claim the device.',
  );
}

/** The token was refused as malformed, expired or unverifiable. */
export function tokenInvalid(status: number, message: string | undefined): AppError {
  return new AppError(
    'CLAIM_TOKEN_INVALID',
    `nRF Cloud did not accept the attestation token (HTTP ${status}${said(message)}). Read a fresh ` +
      'token from the device (each read gives a new one) and try again. nRF Cloud documents claiming ' +
      'for nRF91x1 with modem firmware 2.0.0 or newer.',
  );
}

/** The device belongs to someone else. */
export function claimedByOther(
  deviceId: string | undefined,
  message: string | undefined,
): AppError {
  const device = deviceId ? `Device ${deviceId}` : 'This device';
  return new AppError(
    'CLAIMED_BY_OTHER',
    `${device} is already claimed by another team or account${said(message)}. Its current owner must ` +
      'unclaim it before you can claim it. If it should be in one of your other teams, use that team’s API key.',
  );
}

/** Creating the onboarding tag or rule was refused: a role or key that may not (§5.4). */
export function ruleCreateRefused(status: number, message: string | undefined): AppError {
  return new AppError(
    'RULE_CREATE_REFUSED',
    `nRF Cloud refused to create the “nRF Cloud Onboarding” provisioning rule (HTTP ${status}${said(message)}). ` +
      'nRF Cloud does not document which role may create rules; a Viewer may not change the team. Ask a ' +
      'team Admin or Owner to create the rule with their key, or to add it in the nRF Cloud portal ' +
      '(Provisioning rules: tag nrf-cloud-onboarding, active). Devices claimed before that get no credentials.',
  );
}

/**
 * Maps a non-success status that is neither retryable nor an already-claimed answer. Statuses
 * nobody documented for the call become UNEXPECTED_RESPONSE with the body kept in detail.
 */
export function errorForStatus(
  operation: Operation,
  status: number,
  message: string | undefined,
  host: string,
  detail: string,
): AppError {
  const isClaimCall = operation === 'claim' || operation === 'dry run' || operation === 'unclaim';
  if (status === 401) return keyRejected(status, message);
  if (status === 403) {
    if (!isClaimCall || KEY_WORDS.test(message ?? '')) return keyRejected(status, message);
    return roleCannotClaim(status, message);
  }
  if (isClaimCall && operation !== 'unclaim' && (status === 400 || status === 422))
    return tokenInvalid(status, message);
  if (operation === 'unclaim' && status === 404) {
    return new AppError(
      'NOT_FOUND',
      `nRF Cloud has no such device claimed by this team (HTTP 404${said(message)}).`,
    );
  }
  const hint =
    status === 404 || status === 405
      ? ` Check the ${operation === 'account' || operation === 'device record' ? 'API' : 'provisioning API'} URL (${host}) in Settings.`
      : '';
  return new AppError(
    'UNEXPECTED_RESPONSE',
    `nRF Cloud answered the ${operation} request with HTTP ${status}${said(message)}, which this app does not expect.${hint}`,
    detail,
  );
}
