/** Shared test helpers for the cloud tests: synthetic tokens, temp folders, scripted fetch. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeAttestationToken, randomNonce } from '../../../../src-shared/token/encode';
import { AppError } from '../../../../src-shared/ipc/errors';

/** A fresh, well-formed token for a new (or the given) device. */
export function makeToken(
  deviceUuid: string = randomUUID(),
  deviceType = 4,
): { token: string; deviceUuid: string } {
  const token = encodeAttestationToken({
    deviceUuid,
    deviceType,
    modemFirmwareUuid: randomUUID(),
    nonce: randomNonce(),
  });
  return { token, deviceUuid };
}

/** A temp folder removed by the returned cleanup. */
export function makeTempDir(prefix = 'onboarder-cloud-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fetch that answers from a script of canned responses and records each request. */
export function scriptedFetch(
  script: Array<(url: string, init: RequestInit) => Response | Promise<Response>>,
) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    const step = script[Math.min(calls.length - 1, script.length - 1)];
    if (!step) throw new Error('empty script');
    return step(url, init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** The AppError a promise rejects with; fails the test if it resolves or throws something else. */
export async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, got success');
}
