/** Schemas for what nRF Cloud sends back; anything else becomes UNEXPECTED_RESPONSE, never a crash. */
import { z } from 'zod';
import { AppError } from '../../src-shared/ipc/errors';
import { scrubText } from './http';

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** GET /v1/account. Only the fields the app uses are required. */
export const accountSchema = z.looseObject({
  team: z.looseObject({ tenantId: z.string().min(1), name: z.string() }),
  role: optionalText,
});

/** POST /v1/claimed-devices (201) and GET /v1/claimed-devices/{id}. */
export const claimedDeviceSchema = z.looseObject({
  id: z.string().min(1),
  deviceType: optionalText,
  firmwareId: optionalText,
  imei: optionalText,
  ownerId: optionalText,
  ownershipStatus: optionalText,
  status: optionalText,
  claimedAt: optionalText,
  tags: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});

export type ClaimedDeviceBody = z.infer<typeof claimedDeviceSchema>;

const errorBodySchema = z.looseObject({
  message: z.string().optional(),
  code: z.number().optional(),
});

/** Parses a JSON body against a schema, or throws UNEXPECTED_RESPONSE carrying the scrubbed raw text. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
  apiKey: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'UNEXPECTED_RESPONSE',
      `nRF Cloud's answer to ${what} was not valid JSON.`,
      scrubText(text, apiKey),
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const where = problem ? ` (${problem.path.join('.') || 'body'}: ${problem.message})` : '';
    throw new AppError(
      'UNEXPECTED_RESPONSE',
      `nRF Cloud's answer to ${what} did not have the expected shape${where}.`,
      scrubText(text, apiKey),
    );
  }
  return parsed.data;
}

/**
 * For answers whose status alone means success (dry run, unclaim): an empty body or JSON is
 * nRF Cloud; an HTML page or other text is someone else answering, so UNEXPECTED_RESPONSE.
 */
export function requireJsonOrEmpty(
  answer: { status: number; headers: Headers; text: string },
  what: string,
  apiKey: string,
): void {
  if (answer.text.trim() === '') return;
  const type = answer.headers.get('content-type') ?? 'no content type';
  let isJson = !/html/i.test(type);
  if (isJson) {
    try {
      JSON.parse(answer.text);
    } catch {
      isJson = false;
    }
  }
  if (isJson) return;
  throw new AppError(
    'UNEXPECTED_RESPONSE',
    `nRF Cloud's answer to ${what} (HTTP ${answer.status}, ${type.split(';')[0] ?? type}) was not JSON, so it is not taken as success. A proxy, captive portal or wrong URL may be answering instead of nRF Cloud.`,
    scrubText(answer.text, apiKey),
  );
}

/** The human message of an error body: JSON `message` if there is one, else the text itself. */
export function serverMessage(text: string, apiKey: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const body = errorBodySchema.safeParse(JSON.parse(trimmed));
    if (body.success && body.data.message)
      return scrubText(body.data.message, apiKey).slice(0, 500);
  } catch {
    // Not JSON: a proxy's HTML page or plain text; a short excerpt still helps.
  }
  const plain = scrubText(
    trimmed
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    apiKey,
  );
  return plain === '' ? undefined : plain.slice(0, 200);
}
