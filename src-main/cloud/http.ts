/**
 * One HTTP exchange with nRF Cloud: a deadline over the whole request (body included), the
 * caller's cancel signal, and transport failures turned into NETWORK_* errors that say what
 * went wrong in words. Redirects are never followed (the key and the token stay with the host
 * they were meant for) and the body is read only up to a bound, so a huge answer costs no
 * memory. Nothing here ever echoes the API key.
 */
import { AppError } from '../../src-shared/ipc/errors';
import { REDACTED_KEY, redactSecrets } from '../../src-shared/redact';

export type FetchLike = typeof globalThis.fetch;

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  fetch: FetchLike;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  apiKey: string;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Largest body read; more is RESPONSE_TOO_LARGE. Defaults to MAX_RESPONSE_BYTES. */
  maxBodyBytes?: number;
}

/** nRF Cloud's answers to the calls this app makes are a few KB; 256 KiB leaves ample room. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

const DETAIL_LIMIT = 4096;

/** Removes the key (even a mis-shaped one redactSecrets would not spot), masks tokens, caps length. */
export function scrubText(text: string, apiKey: string): string {
  const withoutKey = apiKey.length >= 8 ? text.split(apiKey).join(REDACTED_KEY) : text;
  const clean = redactSecrets(withoutKey);
  return clean.length > DETAIL_LIMIT
    ? `${clean.slice(0, DETAIL_LIMIT)}… [${clean.length - DETAIL_LIMIT} more characters]`
    : clean;
}

/** Sends one request and reads the whole body before the deadline. */
export async function sendOnce(options: SendOptions): Promise<HttpAnswer> {
  const { url, apiKey, timeoutMs, signal } = options;
  if (signal?.aborted) throw cancelled();
  const controller = new AbortController();
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  try {
    const init: RequestInit = {
      method: options.method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      signal: controller.signal,
      // A redirect would carry the token (and, same-origin, the key) to wherever it points.
      redirect: 'manual',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    };
    const response = await options.fetch(url, init);
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => undefined);
      throw redirectRefused(response, url);
    }
    const limit = options.maxBodyBytes ?? MAX_RESPONSE_BYTES;
    const text = await readBounded(response, limit, url, apiKey);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isTimedOut) {
      throw new AppError(
        'NETWORK_TIMEOUT',
        `${hostOf(url)} did not answer within ${formatSeconds(timeoutMs)}. The network may be slow or a proxy may be holding the request; try again.`,
      );
    }
    if (signal?.aborted) throw cancelled();
    throw transportError(error, url, apiKey);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}

const cancelled = () => new AppError('CANCELLED', 'The request to nRF Cloud was cancelled.');

// 'opaqueredirect' is what a browser-style fetch returns for a manual redirect; Node's gives the 3xx.
const isRedirect = (response: Response) =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);

function redirectRefused(response: Response, url: string): AppError {
  const location = response.headers.get('location');
  let target = 'an address it did not give';
  if (location !== null) {
    try {
      target = new URL(location, url).host;
    } catch {
      target = 'an address that is not a valid URL';
    }
  }
  const status = response.status === 0 ? '' : ` (HTTP ${response.status})`;
  return new AppError(
    'CLOUD_REDIRECT_REFUSED',
    `${hostOf(url)} redirected the request${status} to ${target}. Redirects are not followed, so the API key and the token are not sent there. Check the nRF Cloud URLs in Settings; a proxy or captive portal may be intercepting the connection.`,
    location === null ? undefined : `Location: ${redactSecrets(location).slice(0, 500)}`,
  );
}

/** Reads the body as UTF-8, stopping (and closing the connection) once it passes `limit` bytes. */
async function readBounded(
  response: Response,
  limit: number,
  url: string,
  apiKey: string,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, limit, `Content-Length: ${declared}`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, limit, scrubText(text, apiKey));
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

const tooLarge = (url: string, limit: number, detail: string) =>
  new AppError(
    'RESPONSE_TOO_LARGE',
    `${hostOf(url)} sent an answer larger than ${Math.round(limit / 1024)} KB, so the app stopped reading it. nRF Cloud's answers are a few KB: check the nRF Cloud URLs in Settings, or whether a proxy is answering instead.`,
    detail,
  );

/** Names the failure from the error code undici (Node's fetch) puts on `cause`. */
function transportError(error: unknown, url: string, apiKey: string): AppError {
  const codes = causeCodes(error);
  const host = hostOf(url);
  const detail = scrubText(describeChain(error), apiKey);
  const has = (...wanted: string[]) => wanted.some((c) => codes.includes(c));
  if (has('ECONNREFUSED')) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `${host} refused the connection. Check the URL, or that the server is running.`,
      detail,
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL')) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `${host} could not be found (DNS lookup failed). Check the internet connection, VPN or proxy.`,
      detail,
    );
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return new AppError(
      'NETWORK_TIMEOUT',
      `Connecting to ${host} timed out. Check the internet connection or firewall.`,
      detail,
    );
  }
  if (
    codes.some(
      (c) =>
        c.includes('CERT') || c.includes('SELF_SIGNED') || c === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    )
  ) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `The TLS certificate of ${host} could not be verified. A proxy that inspects TLS traffic is the usual cause.`,
      detail,
    );
  }
  if (
    has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED') ||
    /terminated|other side closed/i.test(detail)
  ) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `The connection to ${host} was cut off before the answer was complete. Try again; a firewall or proxy may be interfering.`,
      detail,
    );
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN')) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `No route to ${host}: this computer seems to be offline.`,
      detail,
    );
  }
  return new AppError('NETWORK_UNREACHABLE', `Could not reach ${host}.`, detail);
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e: unknown = error, depth = 0;
    e !== null && typeof e === 'object' && depth < 5;
    depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(`${e.name}: ${e.message}${typeof code === 'string' ? ` (${code})` : ''}`);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' <- ');
}

/** The host part of a URL, for messages (never the path or query). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

export const formatSeconds = (ms: number): string => {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
};
