/**
 * One HTTP exchange with nRF Cloud: a deadline over the whole request (body included), the
 * caller's cancel signal, and transport failures turned into NETWORK_* errors that say what
 * went wrong in words. Nothing here ever echoes the API key.
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
}

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
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    };
    const response = await options.fetch(url, init);
    const text = await response.text();
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
