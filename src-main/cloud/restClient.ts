/**
 * The nRF Cloud API-key adapter: account check, dry-run and real claims, unclaim, and the
 * provisioning calls of provisioningCalls.ts (rules, tags, commands, device record). Retries 429 and
 * 5xx with back-off (honouring Retry-After) and reports each wait through onRetry so the UI can
 * count down.
 *
 * Already-claimed answers: the status and wording are unpublished, so after any "already claimed"
 * answer the client asks GET claimed-devices/{uuid} with the same key. 200 means the device is in
 * this team (alreadyClaimedByYou, with nRF Cloud's own details); otherwise the server's words
 * decide, and when they do not say "yours" the device is treated as claimed by someone else.
 *
 * The key goes only to base URLs the URL policy allows (urlPolicy.ts); this is checked here, at
 * the one place every caller (window, CLI, station) builds its adapter, so a settings file or a
 * flag holding another URL can never send the key there.
 */
import { AppError, fail, ok, type ErrorCode, type Result } from '../../src-shared/ipc/errors';
import { decodeAttestationToken } from '../../src-shared/token/decode';
import type { AccountInfo, ClaimResult, CloudAdapter, DryRunResult } from './adapter';
import { hostOf, scrubText, sendOnce, type FetchLike, type HttpAnswer } from './http';
import { createProvisioningCalls } from './provisioningCalls';
import {
  accountSchema,
  claimedDeviceSchema,
  parseBody,
  requireJsonOrEmpty,
  serverMessage,
  type ClaimedDeviceBody,
} from './responses';
import {
  abortableSleep,
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
} from './retry';
import {
  claimedByFromMessage,
  claimedByOther,
  errorForStatus,
  isAlreadyClaimed,
  type Operation,
} from './statusErrors';
import { allowedOriginsFromEnv, checkCloudUrl, overrideNotice } from './urlPolicy';

export const DEFAULT_API_BASE_URL = 'https://api.nrfcloud.com/v1/';
export const DEFAULT_PROVISIONING_BASE_URL = 'https://api.provisioning.nrfcloud.com/v1/';
export const DEFAULT_PORTAL_BASE_URL = 'https://nrfcloud.com/';

/** One wait before a retry: enough for a visible countdown. `attempt` is the try that failed. */
export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
  code: Extract<ErrorCode, 'RATE_LIMITED' | 'SERVER_ERROR'>;
}

export interface ApiKeyAdapterOptions {
  apiKey: string;
  apiBaseUrl?: string;
  provisioningBaseUrl?: string;
  portalBaseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (info: RetryInfo) => void;
  random?: () => number;
  now?: () => number;
  /** Origins a developer allowed beyond nRF Cloud and loopback; default: ONBOARDER_ALLOW_CLOUD_URL. */
  allowedOrigins?: readonly string[];
  /** Told when a base URL is reachable only through that override; default: a line on stderr. */
  onUrlOverride?: (notice: string) => void;
}

const ROLES_THAT_CLAIM = ['owner', 'admin', 'editor'];

/** The device's page in the nRF Cloud portal. */
export function portalUrlFor(portalBaseUrl: string, deviceId: string): string {
  return `${withSlash(portalBaseUrl)}#/devices/${encodeURIComponent(deviceId)}`;
}

/** Checks that nRF Cloud claimed the device the token names; anything else is DEVICE_ID_MISMATCH. */
export function verifyClaimedId(tokenUuid: string, result: ClaimResult): Result<ClaimResult> {
  if (result.deviceId.toLowerCase() === tokenUuid.toLowerCase()) return ok(result);
  return fail(
    'DEVICE_ID_MISMATCH',
    `nRF Cloud reports device ${result.deviceId}, but the token belongs to ${tokenUuid}. Check the device in the portal before going on.`,
  );
}

/** Builds the adapter for the API-key REST API (the only backend today). */
export function createApiKeyAdapter(options: ApiKeyAdapterOptions): CloudAdapter {
  const { apiKey } = options;
  const apiBase = withSlash(options.apiBaseUrl ?? DEFAULT_API_BASE_URL);
  const provisioningBase = withSlash(options.provisioningBaseUrl ?? DEFAULT_PROVISIONING_BASE_URL);
  const portalBase = options.portalBaseUrl ?? DEFAULT_PORTAL_BASE_URL;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const keyOrigins = checkKeyOrigins(
    apiBase,
    provisioningBase,
    options.allowedOrigins ?? allowedOriginsFromEnv(process.env),
    options.onUrlOverride ?? ((notice) => process.stderr.write(`warning: ${notice}\n`)),
  );

  /** One logical request: retries 429/5xx, returns the first other answer. */
  async function exchange(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<HttpAnswer> {
    if (keyOrigins instanceof AppError) throw keyOrigins;
    if (!keyOrigins.has(originOf(url))) {
      throw new AppError('CLOUD_URL_NOT_ALLOWED', `${hostOf(url)} is not a checked nRF Cloud URL.`);
    }
    for (let attempt = 1; ; attempt++) {
      const answer = await sendOnce({
        fetch: fetchImpl,
        method,
        url,
        apiKey,
        body,
        timeoutMs,
        signal,
      });
      const code =
        answer.status === 429 ? 'RATE_LIMITED' : answer.status >= 500 ? 'SERVER_ERROR' : undefined;
      if (code === undefined) return answer;
      const message = serverMessage(answer.text, apiKey);
      const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), now());
      const isTooLong = retryAfter !== undefined && retryAfter > policy.maxDelayMs;
      if (attempt >= policy.attempts || isTooLong)
        throw giveUp(code, answer, message, attempt, retryAfter, url);
      const delayMs = retryAfter ?? backoffDelay(attempt, policy, random);
      const reason =
        code === 'RATE_LIMITED'
          ? 'nRF Cloud is limiting requests (HTTP 429)'
          : `nRF Cloud had a server error (HTTP ${answer.status}${message ? `: ${message}` : ''})`;
      options.onRetry?.({ attempt, delayMs, reason, code });
      try {
        await sleep(delayMs, signal);
      } catch {
        throw new AppError(
          'CANCELLED',
          'The request to nRF Cloud was cancelled while waiting to retry.',
        );
      }
    }
  }

  function giveUp(
    code: 'RATE_LIMITED' | 'SERVER_ERROR',
    answer: HttpAnswer,
    message: string | undefined,
    attempts: number,
    retryAfter: number | undefined,
    url: string,
  ): AppError {
    const tries = attempts === 1 ? 'once' : `${attempts} times`;
    const detail = scrubText(`HTTP ${answer.status} from ${hostOf(url)}\n${answer.text}`, apiKey);
    if (code === 'RATE_LIMITED') {
      // One wait, the server's own when it gave one (Retry-After), never a second figure beside it.
      const advice =
        retryAfter !== undefined
          ? `It asks to wait ${waitText(retryAfter)}: try again after that.`
          : 'It did not say for how long: wait a minute and try again.';
      return new AppError(
        'RATE_LIMITED',
        `nRF Cloud is limiting requests (HTTP 429, tried ${tries}). ${advice}`,
        detail,
      );
    }
    const said = message ? `: “${message}”` : '';
    return new AppError(
      'SERVER_ERROR',
      `nRF Cloud had a server error (HTTP ${answer.status}${said}), tried ${tries}. This is on nRF Cloud's side: try again in a few minutes.`,
      detail,
    );
  }

  const failure = (operation: Operation, answer: HttpAnswer, url: string): AppError =>
    errorForStatus(
      operation,
      answer.status,
      serverMessage(answer.text, apiKey),
      hostOf(url),
      scrubText(`HTTP ${answer.status}\n${answer.text}`, apiKey),
    );

  const toClaimResult = (body: ClaimedDeviceBody, alreadyClaimedByYou: boolean): ClaimResult => ({
    deviceId: body.id,
    ...definedOnly({
      deviceType: body.deviceType,
      firmwareId: body.firmwareId,
      imei: body.imei,
      status: body.status,
      ownershipStatus: body.ownershipStatus,
      claimedAt: body.claimedAt,
    }),
    tags: body.tags,
    alreadyClaimedByYou,
    portalUrl: portalUrlFor(portalBase, body.id),
  });

  /** After an already-claimed answer: is the device in this team? */
  async function whoHolds(
    token: string,
    message: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<
    | { holder: 'you'; device?: ClaimedDeviceBody; deviceId?: string }
    | { holder: 'other'; deviceId?: string }
  > {
    const decoded = decodeAttestationToken(token);
    const deviceId = decoded.ok ? decoded.value.deviceUuid : undefined;
    if (deviceId !== undefined) {
      try {
        const url = `${provisioningBase}claimed-devices/${encodeURIComponent(deviceId)}`;
        const answer = await exchange('GET', url, undefined, signal);
        if (answer.status === 200) {
          const device = parseBody(claimedDeviceSchema, answer.text, 'the device lookup', apiKey);
          if (device.id.toLowerCase() === deviceId.toLowerCase())
            return { holder: 'you', device, deviceId };
        }
      } catch (error) {
        if (error instanceof AppError && error.code === 'CANCELLED') throw error;
        // The lookup is a second opinion; without it the server's words decide.
      }
    }
    const verdict = claimedByFromMessage(message);
    return verdict === 'you'
      ? { holder: 'you', ...definedOnly({ deviceId }) }
      : { holder: 'other', ...definedOnly({ deviceId }) };
  }

  const claimUrl = (isDryRun: boolean) =>
    `${provisioningBase}claimed-devices${isDryRun ? '?dryrun=true' : ''}`;
  const claimBody = (token: string, tags: string[]) =>
    tags.length > 0 ? { claimToken: token, tags } : { claimToken: token };

  return {
    ...createProvisioningCalls({ exchange, failure, apiKey, apiBase, provisioningBase }),

    async getAccount(signal) {
      const url = `${apiBase}account`;
      const answer = await exchange('GET', url, undefined, signal);
      if (answer.status !== 200) throw failure('account', answer, url);
      const body = parseBody(accountSchema, answer.text, 'the account request', apiKey);
      const role = body.role ?? 'unknown';
      return {
        teamName: body.team.name,
        tenantId: body.team.tenantId,
        role,
        // A missing role is not a reason to block: the claim itself will say no if it must.
        canClaim: body.role === undefined || ROLES_THAT_CLAIM.includes(role.toLowerCase()),
      } satisfies AccountInfo;
    },

    async dryRun(token, tags, signal): Promise<DryRunResult> {
      const url = claimUrl(true);
      const answer = await exchange('POST', url, claimBody(token, tags), signal);
      if (answer.status >= 200 && answer.status < 300) {
        // A proxy's or captive portal's HTML page with 200 is not nRF Cloud saying yes.
        requireJsonOrEmpty(answer, 'the dry run', apiKey);
        return { claimable: true, alreadyClaimedByYou: false };
      }
      const message = serverMessage(answer.text, apiKey);
      if (isAlreadyClaimed(answer.status, message)) {
        const holder = await whoHolds(token, message, signal);
        if (holder.holder === 'you') {
          return {
            claimable: false,
            alreadyClaimedByYou: true,
            reason: 'The device is already claimed by your team: nothing to do.',
          };
        }
        const error = claimedByOther(holder.deviceId, message);
        return {
          claimable: false,
          alreadyClaimedByYou: false,
          reason: error.message,
          code: error.code,
        };
      }
      const error = failure('dry run', answer, url);
      // Verdicts about this claim are answers; failures to reach or use the service are thrown.
      if (error.code === 'CLAIM_TOKEN_INVALID' || error.code === 'ROLE_CANNOT_CLAIM') {
        return {
          claimable: false,
          alreadyClaimedByYou: false,
          reason: error.message,
          code: error.code,
        };
      }
      throw error;
    },

    async claim(token, tags, signal) {
      const url = claimUrl(false);
      const answer = await exchange('POST', url, claimBody(token, tags), signal);
      if (answer.status === 200 || answer.status === 201) {
        const body = parseBody(claimedDeviceSchema, answer.text, 'the claim request', apiKey);
        const result = toClaimResult(body, false);
        const decoded = decodeAttestationToken(token);
        if (!decoded.ok) return result;
        const verified = verifyClaimedId(decoded.value.deviceUuid, result);
        if (!verified.ok) throw new AppError(verified.error.code, verified.error.message);
        return verified.value;
      }
      const message = serverMessage(answer.text, apiKey);
      if (isAlreadyClaimed(answer.status, message)) {
        const holder = await whoHolds(token, message, signal);
        if (holder.holder === 'other') throw claimedByOther(holder.deviceId, message);
        if (holder.device) return toClaimResult(holder.device, true);
        const deviceId = holder.deviceId ?? 'unknown';
        return {
          deviceId,
          tags: [],
          alreadyClaimedByYou: true,
          portalUrl: portalUrlFor(portalBase, deviceId),
        };
      }
      throw failure('claim', answer, url);
    },

    async unclaim(deviceId, signal) {
      const url = `${provisioningBase}claimed-devices/${encodeURIComponent(deviceId)}`;
      const answer = await exchange('DELETE', url, undefined, signal);
      if (answer.status === 204 || answer.status === 200) {
        requireJsonOrEmpty(answer, 'the unclaim request', apiKey);
        return;
      }
      throw failure('unclaim', answer, url);
    },
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
};

/**
 * The origins the key may go to, or the refusal to throw on every call (thrown lazily, so every
 * caller meets it where it already handles cloud errors). Overrides are announced once here.
 */
function checkKeyOrigins(
  apiBase: string,
  provisioningBase: string,
  allowedOrigins: readonly string[],
  onUrlOverride: (notice: string) => void,
): Set<string> | AppError {
  const verdicts = [
    checkCloudUrl(apiBase, 'api', allowedOrigins),
    checkCloudUrl(provisioningBase, 'provisioning', allowedOrigins),
  ];
  const origins = new Set<string>();
  const overridden = new Set<string>();
  for (const verdict of verdicts) {
    if (!verdict.isAllowed) return new AppError('CLOUD_URL_NOT_ALLOWED', verdict.reason);
    origins.add(verdict.origin);
    if (verdict.isOverride) overridden.add(verdict.origin);
  }
  if (overridden.size > 0) onUrlOverride(overrideNotice([...overridden]));
  return origins;
}

/** Drops undefined values so optional properties stay absent (exactOptionalPropertyTypes). */
function definedOnly<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A Retry-After wait in words: seconds, with minutes beside them once it is long. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120
    ? `${seconds} s (about ${minutes} min)`
    : `${seconds} s (about ${Math.round(minutes / 60)} h)`;
}
