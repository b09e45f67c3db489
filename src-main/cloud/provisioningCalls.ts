/**
 * The API-key adapter's provisioning calls (docs/protocol.md §5 to §7): the team's provisioning
 * rules and tags, a claimed device's provisioning commands, and the main API's device record.
 * They share the adapter's one request path (URL policy, retries of 429/5xx, bounded bodies,
 * no redirects), handed in as `exchange`.
 */
import { AppError } from '../../src-shared/ipc/errors';
import type { CloudAdapter, NewProvisioningRule, ProvisioningRule } from './adapter';
import type { HttpAnswer } from './http';
import {
  commandListSchema,
  commandSchema,
  deviceRecordSchema,
  ruleListSchema,
  ruleSchema,
} from './provisioningResponses';
import { parseBody, serverMessage } from './responses';
import { ruleCreateRefused, type Operation } from './statusErrors';

export type Exchange = (
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
) => Promise<HttpAnswer>;

export interface ProvisioningCallsDeps {
  exchange: Exchange;
  failure: (operation: Operation, answer: HttpAnswer, url: string) => AppError;
  apiKey: string;
  /** Main API base (…/v1/), for the device record. */
  apiBase: string;
  /** Provisioning host base (…/v1/), for rules, tags and commands. */
  provisioningBase: string;
}

type ProvisioningCalls = Pick<
  CloudAdapter,
  'listRules' | 'createTag' | 'createRule' | 'listCommands' | 'getCommand' | 'getDevice'
>;

const TAG_EXISTS_WORDS = /already exists|exists already|duplicate|conflict/i;

/** Builds the six calls on top of the adapter's request path. */
export function createProvisioningCalls(deps: ProvisioningCallsDeps): ProvisioningCalls {
  const { exchange, failure, apiKey, apiBase, provisioningBase } = deps;
  const commandsUrl = (deviceId: string) =>
    `${provisioningBase}claimed-devices/${encodeURIComponent(deviceId)}/provisioning`;
  const notFound = (what: string, answer: HttpAnswer) =>
    new AppError(
      'NOT_FOUND',
      `nRF Cloud has no ${what} in this team (HTTP 404${quoted(serverMessage(answer.text, apiKey))}).`,
    );

  return {
    async listRules(signal) {
      const url = `${provisioningBase}provisioning-rules`;
      const answer = await exchange('GET', url, undefined, signal);
      if (answer.status !== 200) throw failure('provisioning rules', answer, url);
      return parseBody(ruleListSchema, answer.text, 'the provisioning rule list', apiKey);
    },

    async createTag(tag, description, signal) {
      const url = `${provisioningBase}provisioning/tags`;
      const answer = await exchange('POST', url, { tag, description }, signal);
      if (answer.status >= 200 && answer.status < 300) return;
      // utils posts the tag every time and ignores the answer (§5.2): an existing tag is fine.
      const message = serverMessage(answer.text, apiKey);
      if (answer.status === 409 || (answer.status === 400 && TAG_EXISTS_WORDS.test(message ?? '')))
        return;
      if (answer.status === 401 || answer.status === 403)
        throw ruleCreateRefused(answer.status, message);
      throw failure('provisioning rules', answer, url);
    },

    async createRule(rule, signal) {
      const url = `${provisioningBase}provisioning-rules`;
      const answer = await exchange('POST', url, rule, signal);
      if (answer.status === 200 || answer.status === 201) {
        // The 201 body is unverified; what was sent is what exists when it says nothing useful.
        if (answer.text.trim() === '') return ruleFromRequest(rule);
        const parsed = ruleSchema.safeParse(safeJson(answer.text));
        if (!parsed.success) return ruleFromRequest(rule);
        const created = parsed.data;
        return {
          ...ruleFromRequest(rule),
          ...(created.id === undefined ? {} : { id: created.id }),
          ...(created.tags.length > 0 ? { tags: created.tags } : {}),
          isActive: created.isActive ?? rule.active,
        };
      }
      if (answer.status === 401 || answer.status === 403)
        throw ruleCreateRefused(answer.status, serverMessage(answer.text, apiKey));
      throw failure('provisioning rules', answer, url);
    },

    async listCommands(deviceId, signal) {
      const url = commandsUrl(deviceId);
      const answer = await exchange('GET', url, undefined, signal);
      if (answer.status === 200)
        return parseBody(commandListSchema, answer.text, 'the provisioning command list', apiKey);
      if (answer.status === 404) throw notFound(`claimed device ${deviceId}`, answer);
      throw failure('provisioning commands', answer, url);
    },

    async getCommand(deviceId, commandId, signal) {
      const url = `${commandsUrl(deviceId)}/${encodeURIComponent(commandId)}`;
      const answer = await exchange('GET', url, undefined, signal);
      if (answer.status === 200) {
        const command = parseBody(commandSchema, answer.text, 'the provisioning command', apiKey);
        return command.id === '' ? { ...command, id: commandId } : command;
      }
      if (answer.status === 404) throw notFound(`provisioning command ${commandId}`, answer);
      throw failure('provisioning commands', answer, url);
    },

    async getDevice(deviceId, signal) {
      const url = `${apiBase}devices/${encodeURIComponent(deviceId)}`;
      const answer = await exchange('GET', url, undefined, signal);
      // 404 is "not onboarded yet" (§7), the expected answer until the device first connects.
      if (answer.status === 404) return { isOnboarded: false };
      if (answer.status === 200)
        return parseBody(deviceRecordSchema, answer.text, 'the device record', apiKey);
      throw failure('device record', answer, url);
    },
  };
}

function ruleFromRequest(rule: NewProvisioningRule): ProvisioningRule {
  return {
    name: rule.name,
    description: rule.description,
    isActive: rule.active,
    tags: [...rule.tags],
    commandTypes: rule.commands.map((c) => Object.keys(c.request)[0] ?? 'unknown'),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const quoted = (message: string | undefined) => (message ? `: “${message}”` : '');
