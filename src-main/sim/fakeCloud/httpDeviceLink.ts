/**
 * DeviceProvisioningLink over HTTP to a local nRF Cloud in another process (deviceLinkRoutes.ts):
 * what `nrf-onboard simulate --cloud <url>` hands its simulated firmware. Answers are checked
 * with schemas; a transport failure or an unexpected answer throws, which the simulated device
 * treats like an unreachable provisioning server.
 */
import { z } from 'zod';
import type { DeviceProvisioningLink, FetchAnswer } from '../provisioningLink';
import { DEVICE_LINK_PREFIX } from './deviceLinkRoutes';

const fetchAnswerSchema: z.ZodType<FetchAnswer> = z.union([
  z.object({ kind: z.literal('not-claimed') }),
  z.object({ kind: z.literal('no-commands') }),
  z.object({ kind: z.literal('busy') }),
  z.object({ kind: z.literal('too-many-commands'), count: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal('commands'),
    commands: z.array(
      z
        .object({ id: z.string().min(1), type: z.string().min(1), failWith: z.string().optional() })
        .transform((c) =>
          c.failWith === undefined
            ? { id: c.id, type: c.type }
            : { id: c.id, type: c.type, failWith: c.failWith },
        ),
    ),
  }),
]);
const connectAnswerSchema = z.object({ result: z.enum(['connected', 'unauthorized']) });

export interface HttpProvisioningLinkOptions {
  fetch?: typeof globalThis.fetch;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

/**
 * `baseUrl` is the fake cloud's root (http://127.0.0.1:<port>) or its deviceLinkUrl; only
 * loopback addresses are accepted, as the endpoint has no authentication.
 */
export function createHttpProvisioningLink(
  baseUrl: string,
  options: HttpProvisioningLinkOptions = {},
): DeviceProvisioningLink {
  const root = new URL(baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(root.hostname))
    throw new Error(`The device link is for a local nRF Cloud on loopback, not ${root.host}.`);
  const base = root.pathname.includes(DEVICE_LINK_PREFIX)
    ? new URL(root.pathname.endsWith('/') ? root.href : `${root.href}/`)
    : new URL(DEVICE_LINK_PREFIX, root);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(
    method: 'GET' | 'POST',
    uuid: string,
    action: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; json: unknown }> {
    const url = new URL(`${encodeURIComponent(uuid)}/${action}`, base);
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetchImpl(url, {
      method,
      redirect: 'error',
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(
        `The local nRF Cloud answered ${action} with HTTP ${response.status}: ${text.slice(0, 200)}`,
      );
    return {
      status: response.status,
      json: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  return {
    async fetchCommands(uuid, signal) {
      const { json } = await call('GET', uuid, 'commands', undefined, signal);
      return fetchAnswerSchema.parse(json);
    },
    async reportResults(uuid, results, signal) {
      await call('POST', uuid, 'results', { results }, signal);
    },
    async connect(uuid, clientId, signal) {
      const { json } = await call('POST', uuid, 'connect', { clientId }, signal);
      return connectAnswerSchema.parse(json).result;
    },
  };
}
