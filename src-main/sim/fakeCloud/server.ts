/**
 * A local nRF Cloud for tests, the demo mode and training: the API-key account call, the
 * provisioning service's claim, dry run, lookup and unclaim, its rules, tags and provisioning
 * commands, and the main API's device record, on one node:http server. Bodies and status codes
 * follow docs/protocol.md §4 to §7; where nRF Cloud's are unpublished (bad key, already claimed,
 * malformed token, a refused rule) it answers 401, 409, 400 and 403 with a JSON `message`.
 * failNext() injects the failures a real network produces. Simulated devices reach the
 * provisioning service through deviceLink() in-process, or over HTTP under /device-link/v1/
 * (httpDeviceLink.ts), which failNext() leaves alone.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { decodeAttestationToken, type DecodedToken } from '../../../src-shared/token/decode';
import type { DeviceProvisioningLink } from '../provisioningLink';
import { handleDeviceLink, DEVICE_LINK_PREFIX } from './deviceLinkRoutes';
import { createProvisioningRoutes } from './provisioningRoutes';
import { sendJson } from './reply';
import {
  FakeProvisioningService,
  type FakeDeviceProvisioning,
  type FakeRule,
  type FakeRuleInit,
  type ProvisioningFault,
} from './provisioningState';
import { defaultFakeCloudKeys, FAKE_DEMO_KEY, type FakeCloudKey } from './teams';

export {
  FAKE_ONBOARDING_RULE,
  type FakeRuleInit,
  type ProvisioningFault,
} from './provisioningState';

export type FakeFailure =
  'unauthorized' | 'rate-limit' | 'server-error' | 'slow' | 'reset' | 'invalid-json';

/** A device as the fake provisioning service stores it. */
export interface FakeClaimedDevice {
  teamTenantId: string;
  teamName: string;
  deviceType: string;
  firmwareId: string;
  imei: string;
  tags: string[];
  claimedAt: string;
}

export interface FakeCloudOptions {
  port?: number;
  host?: string;
  keys?: readonly FakeCloudKey[];
  /** How long a 'slow' failure stalls before answering. */
  slowDelayMs?: number;
  now?: () => Date;
  /** Each team's provisioning rules at start, by tenant id; a team not listed has the onboarding rule. */
  teamRules?: Readonly<Record<string, readonly FakeRuleInit[]>>;
  /** False: device records carry no connection status (unverified for CoAP devices, §7). */
  hasConnectionStatus?: boolean;
}

export interface FakeCloud {
  url: string;
  apiBaseUrl: string;
  provisioningBaseUrl: string;
  demoKey: string;
  /** The next `count` requests (any path) fail this way, after `afterRequests` answered normally. */
  failNext(mode: FakeFailure, count?: number, options?: { afterRequests?: number }): void;
  claimed(): Map<string, FakeClaimedDevice>;
  /** Method and path of every request so far, for tests that must prove a call did (not) happen. */
  requests(): Array<{ method: string; path: string }>;
  /** A team's provisioning rules as they are now. */
  rules(tenantId: string): FakeRule[];
  /** One device's provisioning: commands with statuses, whether it is provisioned and connected. */
  provisioning(deviceId: string): FakeDeviceProvisioning;
  /** Injects a failure of the provisioning service (busy, too many commands, a failing command). */
  failProvisioning(fault: ProvisioningFault): void;
  /** The provisioning service as a simulated device in this process reaches it. */
  deviceLink(): DeviceProvisioningLink;
  /** Base URL of the device-side endpoint, for createHttpProvisioningLink in another process. */
  deviceLinkUrl: string;
  close(): Promise<void>;
}

const PROVISIONING_PREFIX = '/provisioning/v1/';
const MAX_BODY = 64 * 1024;

/** Starts the server; port 0 picks a free one. */
export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const host = options.host ?? '127.0.0.1';
  const keys = options.keys ?? defaultFakeCloudKeys;
  const slowDelayMs = options.slowDelayMs ?? 3000;
  const now = options.now ?? (() => new Date());
  const devices = new Map<string, FakeClaimedDevice>();
  const hasConnectionStatus = options.hasConnectionStatus ?? true;
  const provisioningService = new FakeProvisioningService({
    now,
    claimedDevice: (id) => {
      const device = devices.get(id);
      return device && { tenantId: device.teamTenantId, tags: device.tags };
    },
    ...(options.teamRules === undefined ? {} : { teamRules: options.teamRules }),
  });
  const { rulesAndTags, commands, deviceRecord } = createProvisioningRoutes({
    provisioningService,
    devices,
    now,
    hasConnectionStatus,
    send: sendJson,
  });
  // undefined: a request that passes untouched before the queued failures.
  const failures: Array<FakeFailure | undefined> = [];
  const log: Array<{ method: string; path: string }> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith(DEVICE_LINK_PREFIX)) {
      // The device's own channel: not the app's REST calls, so neither logged nor failed by failNext.
      return handleDeviceLink(
        url,
        req.method ?? 'GET',
        await readBody(req),
        provisioningService.link,
        res,
      );
    }
    log.push({ method: req.method ?? 'GET', path: url.pathname + url.search });
    const body = await readBody(req);
    const failure = failures.shift();
    if (failure === 'slow') await wait(slowDelayMs);
    else if (failure !== undefined) return injectFailure(failure, req, res);
    if (res.destroyed) return;

    const account = authenticate(req);
    if (!account) return sendJson(res, 401, { message: 'Unauthorized', code: 40100 });

    if (url.pathname === '/v1/account' && req.method === 'GET') {
      return sendJson(res, 200, {
        mqttEndpoint: 'mqtt.fake-nrfcloud.local',
        mqttTopicPrefix: `prod/${account.tenantId}/`,
        team: { tenantId: account.tenantId, name: account.teamName },
        role: account.role,
      });
    }
    const record = /^\/v1\/devices\/([^/]+)$/.exec(url.pathname);
    if (record?.[1] !== undefined && req.method === 'GET') {
      return deviceRecord(decodeURIComponent(record[1]).toLowerCase(), account, res);
    }
    if (url.pathname.startsWith(PROVISIONING_PREFIX)) {
      return provisioning(url, req.method ?? 'GET', body, account, res);
    }
    sendJson(res, 404, { message: `No route for ${req.method} ${url.pathname}`, code: 40400 });
  }

  function provisioning(
    url: URL,
    method: string,
    body: string,
    account: FakeCloudKey,
    res: ServerResponse,
  ) {
    const path = url.pathname.slice(PROVISIONING_PREFIX.length);
    const mayClaim = account.role !== 'viewer';
    if (path === 'provisioning-rules' || path === 'provisioning/tags') {
      return rulesAndTags(path, method, body, account, res);
    }
    const commandPath = /^claimed-devices\/([^/]+)\/provisioning(?:\/([^/]+))?$/.exec(path);
    if (commandPath?.[1] !== undefined) {
      const deviceId = decodeURIComponent(commandPath[1]).toLowerCase();
      const commandId =
        commandPath[2] === undefined ? undefined : decodeURIComponent(commandPath[2]);
      return commands(deviceId, commandId, method, body, account, res);
    }
    if (path === 'claimed-devices' && method === 'POST') {
      if (!mayClaim)
        return sendJson(res, 403, {
          message: `Role ${account.role} is not allowed to claim devices`,
        });
      const request = parseClaimRequest(body);
      if (typeof request === 'string') return sendJson(res, 400, { message: request });
      const { decoded, tags } = request;
      const id = decoded.deviceUuid;
      const holder = devices.get(id);
      if (holder) {
        return holder.teamTenantId === account.tenantId
          ? sendJson(res, 409, { message: `Device ${id} is already claimed by your team` })
          : sendJson(res, 409, { message: 'Device is already claimed by another account' });
      }
      if (url.searchParams.get('dryrun') === 'true') return sendJson(res, 202, undefined);
      const device: FakeClaimedDevice = {
        teamTenantId: account.tenantId,
        teamName: account.teamName,
        deviceType: cloudDeviceType(decoded),
        firmwareId: decoded.modemFirmwareUuid,
        imei: fakeImei(id),
        tags,
        claimedAt: now().toISOString(),
      };
      devices.set(id, device);
      return sendJson(res, 201, describe(id, device));
    }
    const match = /^claimed-devices\/([^/]+)$/.exec(path);
    const id = match?.[1] ? decodeURIComponent(match[1]).toLowerCase() : undefined;
    const device = id === undefined ? undefined : devices.get(id);
    const isOwn = device !== undefined && device.teamTenantId === account.tenantId;
    if (id !== undefined && method === 'GET') {
      return isOwn
        ? sendJson(res, 200, describe(id, device))
        : sendJson(res, 404, { message: `Device ${id} not found` });
    }
    if (id !== undefined && method === 'DELETE') {
      if (!mayClaim)
        return sendJson(res, 403, {
          message: `Role ${account.role} is not allowed to unclaim devices`,
        });
      if (!isOwn) return sendJson(res, 404, { message: `Device ${id} not found` });
      devices.delete(id);
      provisioningService.forget(id);
      return sendJson(res, 204, undefined);
    }
    sendJson(res, 404, { message: `No route for ${method} ${url.pathname}` });
  }

  function injectFailure(
    failure: Exclude<FakeFailure, 'slow'>,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    switch (failure) {
      case 'unauthorized':
        return sendJson(res, 401, { message: 'Unauthorized', code: 40100 });
      case 'rate-limit':
        res.setHeader('Retry-After', '1');
        return sendJson(res, 429, { message: 'Too Many Requests' });
      case 'server-error':
        return sendJson(res, 500, { message: 'Internal Server Error' });
      case 'invalid-json':
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
        res.end('{"team": {"tenantId": "x", "name": ');
        return;
      case 'reset':
        // Promise a long body, send part of it, then cut the connection.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
        res.write('{"team": {"tenantId": ', () => setImmediate(() => req.socket.destroy()));
        return;
    }
  }

  const authenticate = (req: IncomingMessage) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return match ? keys.find((k) => k.key === match[1]) : undefined;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    apiBaseUrl: `${url}/v1/`,
    provisioningBaseUrl: `${url}${PROVISIONING_PREFIX}`,
    demoKey: keys.find((k) => k.role === 'owner')?.key ?? FAKE_DEMO_KEY,
    failNext: (mode, count = 1, { afterRequests = 0 } = {}) => {
      for (let i = 0; i < afterRequests; i++) failures.push(undefined);
      for (let i = 0; i < count; i++) failures.push(mode);
    },
    claimed: () => new Map(devices),
    requests: () => [...log],
    rules: (tenantId) => provisioningService.rules(tenantId).map((r) => ({ ...r })),
    provisioning: (deviceId) => provisioningService.view(deviceId.toLowerCase()),
    failProvisioning: (fault) => provisioningService.fail(fault),
    deviceLink: () => provisioningService.link,
    deviceLinkUrl: `${url}${DEVICE_LINK_PREFIX}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseClaimRequest(body: string): { decoded: DecodedToken; tags: string[] } | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'Request body is not valid JSON';
  }
  const { claimToken, tags } = (json ?? {}) as { claimToken?: unknown; tags?: unknown };
  if (typeof claimToken !== 'string' || claimToken === '') return 'claimToken is required';
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    return 'tags must be an array of strings';
  }
  const decoded = decodeAttestationToken(claimToken);
  if (!decoded.ok) return `Invalid claim token: ${decoded.error.message}`;
  return { decoded: decoded.value, tags: (tags as string[] | undefined) ?? [] };
}

function describe(id: string, device: FakeClaimedDevice) {
  return {
    id,
    deviceType: device.deviceType,
    firmwareId: device.firmwareId,
    imei: device.imei,
    ownerId: device.teamTenantId,
    ownershipStatus: 'IDENTIFIED',
    tags: device.tags,
    status: 'READY',
    claimedAt: device.claimedAt,
  };
}

/** 'nRF9160 SICA' -> 'nrf9160_SICA', the spelling of the claim answer in docs/protocol.md §4.3. */
function cloudDeviceType(decoded: DecodedToken): string {
  const match = /^nRF(\d+) (\w+)$/.exec(decoded.deviceTypeName);
  return match ? `nrf${match[1]}_${match[2]}` : `unknown_${decoded.deviceType}`;
}

/** A stable, Luhn-valid 15-digit IMEI derived from the device UUID. */
export function fakeImei(uuid: string): string {
  const digits = `35${BigInt(`0x${uuid.replace(/-/g, '')}`)
    .toString()
    .slice(-12)
    .padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.destroy();
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
