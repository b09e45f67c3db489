/**
 * The local nRF Cloud's device-side endpoint: DeviceProvisioningLink over HTTP, so a simulator in
 * another process (`nrf-onboard simulate --cloud <url>`) fetches and runs its provisioning
 * commands like one in this process. A stand-in for the CoAP `p/cmd`, `p/rsp` exchange
 * (docs/protocol.md §8.2) and the later nRF Cloud connection; loopback only, no key.
 *   GET  {prefix}{uuid}/commands          -> FetchAnswer
 *   POST {prefix}{uuid}/results {results} -> 204
 *   POST {prefix}{uuid}/connect {clientId} -> {"result": "connected" | "unauthorized"}
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { DeviceProvisioningLink } from '../provisioningLink';
import { sendJson } from './reply';

export const DEVICE_LINK_PREFIX = '/device-link/v1/';

export const resultsBodySchema = z.object({
  results: z
    .array(z.object({ id: z.string().min(1), isOk: z.boolean(), error: z.string().optional() }))
    .max(100),
});
export const connectBodySchema = z.object({ clientId: z.string().min(1).max(128) });

export async function handleDeviceLink(
  url: URL,
  method: string,
  body: string,
  link: DeviceProvisioningLink,
  res: ServerResponse,
): Promise<void> {
  const match = /^([^/]+)\/(commands|results|connect)$/.exec(
    url.pathname.slice(DEVICE_LINK_PREFIX.length),
  );
  const uuid = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  const action = match?.[2];
  if (uuid === undefined) return sendJson(res, 404, { message: `No route for ${url.pathname}` });
  if (action === 'commands' && method === 'GET')
    return sendJson(res, 200, await link.fetchCommands(uuid));
  if (action === 'results' && method === 'POST') {
    const parsed = resultsBodySchema.safeParse(json(body));
    if (!parsed.success)
      return sendJson(res, 400, { message: 'results must be [{id, isOk, error?}]' });
    const results = parsed.data.results.map((r) =>
      r.error === undefined
        ? { id: r.id, isOk: r.isOk }
        : { id: r.id, isOk: r.isOk, error: r.error },
    );
    await link.reportResults(uuid, results);
    return sendJson(res, 204, undefined);
  }
  if (action === 'connect' && method === 'POST') {
    const parsed = connectBodySchema.safeParse(json(body));
    if (!parsed.success) return sendJson(res, 400, { message: 'clientId is required' });
    return sendJson(res, 200, { result: await link.connect(uuid, parsed.data.clientId) });
  }
  sendJson(res, 405, { message: `${method} not allowed on ${url.pathname}` });
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
