/**
 * Schemas for the provisioning-rule, provisioning-command and device-record answers
 * (docs/protocol.md §5 to §7). Much of their shape is unverified, so only what the app cannot
 * do without is required (a command's id, a rule's tags being strings when present); every other
 * field is read when it has the expected type and ignored when it does not.
 */
import { z } from 'zod';
import type { CloudDeviceRecord, ProvisioningCommand, ProvisioningRule } from './adapter';

/** A field that is used when it has the type, and is undefined otherwise (never a parse error). */
const tolerant = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const text = tolerant(z.string());
const tagList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);
const requestObject = tolerant(z.record(z.string(), z.unknown()));

/** The one key of a `request` object (`{"request": {"serverCertificate": {...}}}`, §5.3, §6). */
function requestType(request: Record<string, unknown> | undefined, fallback?: string): string {
  const keys = request === undefined ? [] : Object.keys(request);
  return keys[0] ?? fallback ?? 'unknown';
}

/** `active` is unverified on list items (§5.1); a portal rule may say DRAFT/ACTIVE instead (§5.4). */
function activeOf(active: unknown, status: string | undefined): boolean | undefined {
  if (typeof active === 'boolean') return active;
  if (status === undefined) return undefined;
  if (/^active$/i.test(status)) return true;
  if (/^(draft|inactive|disabled)$/i.test(status)) return false;
  return undefined;
}

const ruleItemSchema = z
  .looseObject({
    id: text,
    name: text,
    description: text,
    active: z.unknown().optional(),
    status: text,
    tags: tagList,
    commands: tolerant(z.array(z.looseObject({ request: requestObject }).catch({}))),
  })
  .transform((rule): ProvisioningRule => ({
    ...(rule.id === undefined ? {} : { id: rule.id }),
    name: rule.name ?? '(unnamed rule)',
    ...(rule.description === undefined ? {} : { description: rule.description }),
    isActive: activeOf(rule.active, rule.status),
    tags: rule.tags,
    commandTypes: (rule.commands ?? []).map((c) => requestType(c.request)),
  }));

const errorTextOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'error', 'errorMessage', 'reason']) {
      const found = errorTextOf(record[key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
};

/** One command; `id` (or `commandId`) is the one field required. */
export const commandSchema = z
  .looseObject({
    id: text,
    commandId: text,
    type: text,
    status: text,
    createdAt: text,
    request: requestObject,
    response: z.unknown().optional(),
    error: z.unknown().optional(),
    errorMessage: z.unknown().optional(),
  })
  .refine((c) => (c.id ?? c.commandId) !== undefined, { message: 'a command without an id' })
  .transform((c): ProvisioningCommand => {
    const errorText = errorTextOf(c.errorMessage) ?? errorTextOf(c.error) ?? failedResponse(c);
    return {
      id: c.id ?? c.commandId ?? '',
      type: requestType(c.request, c.type),
      // A missing status is kept visible as such rather than guessed (§6: unknown ones as they are).
      status: c.status ?? 'UNKNOWN',
      ...(c.createdAt === undefined ? {} : { createdAt: c.createdAt }),
      ...(errorText === undefined ? {} : { errorText }),
    };
  });

/** A failed command's `response` may carry the device's words (`{"error": ...}`), or nothing. */
function failedResponse(c: {
  status?: string | undefined;
  response?: unknown;
}): string | undefined {
  if (!/fail|error/i.test(c.status ?? '')) return undefined;
  const response = c.response;
  if (response === null || typeof response !== 'object') return undefined;
  return errorTextOf(response);
}

/**
 * A list answer: `{"items": [...]}` (the rule list, §5.1) is expected, but the command list is
 * unverified (§6), so a bare array and `commands`/`rules`/`data`/`results` wrappers are read too.
 * Items that do not parse are dropped, not fatal: one odd command must not hide the others.
 */
const LIST_KEYS = ['items', 'commands', 'rules', 'data', 'results'] as const;

function listOf<T extends z.ZodType>(item: T) {
  const items = z.array(z.unknown());
  return z
    .union([items, ...LIST_KEYS.map((key) => z.looseObject({ [key]: items }))])
    .transform((body) => {
      const record = body as Record<string, unknown>;
      const key = LIST_KEYS.find((k) => Array.isArray(record[k]));
      const raw = Array.isArray(body) ? body : key === undefined ? [] : (record[key] as unknown[]);
      const parsed: Array<z.output<T>> = [];
      for (const entry of raw) {
        const result = item.safeParse(entry);
        if (result.success) parsed.push(result.data);
      }
      return parsed;
    });
}

export const ruleListSchema = listOf(ruleItemSchema);
export const ruleSchema = ruleItemSchema;
export const commandListSchema = listOf(commandSchema);

/** A 200 of GET /v1/devices/{id}; every field is optional (§7). */
export const deviceRecordSchema = z
  .looseObject({
    id: text,
    $meta: tolerant(z.looseObject({ updatedAt: text })),
    state: tolerant(
      z.looseObject({
        reported: tolerant(
          z.looseObject({ connection: tolerant(z.looseObject({ status: text })) }),
        ),
      }),
    ),
  })
  .transform((d): CloudDeviceRecord => {
    const connectionStatus = d.state?.reported?.connection?.status;
    const updatedAt = d.$meta?.updatedAt;
    return {
      isOnboarded: true,
      ...(connectionStatus === undefined ? {} : { connectionStatus }),
      ...(updatedAt === undefined ? {} : { updatedAt }),
    };
  });
