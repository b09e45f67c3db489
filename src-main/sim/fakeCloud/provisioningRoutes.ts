/**
 * The local nRF Cloud's provisioning routes (docs/protocol.md §5 to §7): rules and tags, a
 * claimed device's commands, and the main API's device record, over FakeProvisioningService.
 */
import type { ServerResponse } from 'node:http';
import type { FakeProvisioningService, FakeRule } from './provisioningState';
import type { FakeCloudKey } from './teams';

export interface ProvisioningRoutesDeps {
  provisioningService: FakeProvisioningService;
  /** The claimed devices: team and tags. */
  devices: ReadonlyMap<string, { teamTenantId: string; tags: string[] }>;
  now: () => Date;
  hasConnectionStatus: boolean;
  send: (res: ServerResponse, status: number, body: unknown) => void;
}

export function createProvisioningRoutes(deps: ProvisioningRoutesDeps) {
  const { provisioningService, devices, now, hasConnectionStatus, send } = deps;

  /** §5.1 to §5.3; only a viewer is refused (which roles may create is unverified, §5.4). */
  function rulesAndTags(
    path: string,
    method: string,
    body: string,
    account: FakeCloudKey,
    res: ServerResponse,
  ) {
    const mayCreate = account.role !== 'viewer';
    const refused = () =>
      send(res, 403, { message: `Role ${account.role} is not allowed to change provisioning` });
    if (path === 'provisioning-rules' && method === 'GET') {
      const items = provisioningService.rules(account.tenantId).map(describeRule);
      return send(res, 200, { items, total: items.length });
    }
    if (path === 'provisioning-rules' && method === 'POST') {
      if (!mayCreate) return refused();
      const rule = provisioningService.addRule(account.tenantId, parseJson(body));
      if (typeof rule === 'string') return send(res, 400, { message: rule });
      return send(res, 201, describeRule(rule));
    }
    if (path === 'provisioning/tags' && method === 'GET') {
      const items = provisioningService.tags(account.tenantId);
      return send(res, 200, { items, total: items.length });
    }
    if (path === 'provisioning/tags' && method === 'POST') {
      if (!mayCreate) return refused();
      const { tag, description } = (parseJson(body) ?? {}) as Record<string, unknown>;
      if (typeof tag !== 'string' || tag === '')
        return send(res, 400, { message: 'tag is required' });
      const isNew = provisioningService.addTag(
        account.tenantId,
        tag,
        typeof description === 'string' ? description : '',
      );
      return isNew
        ? send(res, 201, { tag, description })
        : send(res, 409, { message: `Tag ${tag} already exists` });
    }
    send(res, 404, { message: `No route for ${method} ${path}` });
  }

  /** §6: a claimed device's commands, listed, read one by one, or added by hand. */
  function commands(
    deviceId: string,
    commandId: string | undefined,
    method: string,
    body: string,
    account: FakeCloudKey,
    res: ServerResponse,
  ) {
    const device = devices.get(deviceId);
    if (device === undefined || device.teamTenantId !== account.tenantId)
      return send(res, 404, { message: `Device ${deviceId} not found` });
    if (commandId === undefined && method === 'GET') {
      const items = provisioningService.commands(deviceId).map(describeCommand);
      return send(res, 200, { items, total: items.length });
    }
    if (commandId === undefined && method === 'POST') {
      if (account.role === 'viewer')
        return send(res, 403, { message: 'Viewers may not add commands' });
      const command = provisioningService.addCommand(deviceId, parseJson(body));
      if (typeof command === 'string') return send(res, 400, { message: command });
      return send(res, 201, describeCommand(command));
    }
    const command = provisioningService.commands(deviceId).find((c) => c.id === commandId);
    if (command !== undefined && method === 'GET') return send(res, 200, describeCommand(command));
    send(res, 404, { message: `Command ${commandId ?? ''} not found` });
  }

  /** §7: 404 until the device connected with its credentials, then 200. */
  function deviceRecord(deviceId: string, account: FakeCloudKey, res: ServerResponse) {
    const device = devices.get(deviceId);
    const connectedAt = provisioningService.connectedAt(deviceId);
    if (
      device === undefined ||
      device.teamTenantId !== account.tenantId ||
      connectedAt === undefined
    )
      return send(res, 404, { message: `Device ${deviceId} not found`, code: 40410 });
    const connection = { status: 'connected', keepalive: 1200 };
    return send(res, 200, {
      id: deviceId,
      name: deviceId,
      tags: device.tags,
      tenantId: device.teamTenantId,
      type: 'Generic',
      $meta: { createdAt: connectedAt, updatedAt: now().toISOString() },
      state: hasConnectionStatus
        ? {
            reported: { connection },
            metadata: {
              reported: {
                connection: { status: { timestamp: Math.floor(Date.parse(connectedAt) / 1000) } },
              },
            },
          }
        : { reported: {} },
    });
  }

  return { rulesAndTags, commands, deviceRecord };
}

function describeRule(rule: FakeRule) {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    ...(rule.active === undefined ? {} : { active: rule.active }),
    tags: rule.tags,
    commands: rule.commands,
    createdAt: rule.createdAt,
  };
}

function describeCommand(command: ReturnType<FakeProvisioningService['commands']>[number]) {
  return {
    id: command.id,
    description: command.description,
    request: command.request,
    status: command.status,
    createdAt: command.createdAt,
    updatedAt: command.updatedAt,
    ...(command.error === undefined ? {} : { response: { error: { message: command.error } } }),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
