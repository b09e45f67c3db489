/**
 * How every cloud command of `nrf-onboard` gets to nRF Cloud: the key only from the environment
 * (never the command line), base URLs by one precedence (flag, then env, then the app's settings)
 * and the URL policy with its developer override said out loud.
 */
import { AppError } from '../../src-shared/ipc/errors';
import type { PublicSettings } from '../../src-shared/ipc/settings';
import type { CloudAdapter } from '../cloud/adapter';
import { checkApiKeyShape, normalizeApiKeyPaste } from '../cloud/apiKeyShape';
import { createApiKeyAdapter, type ApiKeyAdapterOptions } from '../cloud/restClient';
import { allowedOriginsFromEnv } from '../cloud/urlPolicy';
import { UsageError, type CliIo, type Output } from './command';

/** A key passed as an option or as any option's value: refused before anything else happens. */
export function refuseKeyOnCommandLine(argv: readonly string[]): void {
  const keyOnArgv = argv.some(
    (a) => /^--(api-?key|key)\b/i.test(a) || checkApiKeyShape(a.replace(/^--?[\w-]+=/, '')).ok,
  );
  if (keyOnArgv) {
    throw new UsageError(
      'Do not pass the API key on the command line: it stays in shell history and other users can see it in the process list. ' +
        'Set it in the NRF_CLOUD_API_KEY environment variable instead.',
    );
  }
}

/**
 * The key from NRF_CLOUD_API_KEY, normalised as a paste in the window is (quotes, `Bearer `,
 * whitespace) and checked for shape; `alternative` is appended to the hint.
 */
export function apiKeyFromEnv(env: CliIo['env'], alternative = ''): string {
  const raw = env.NRF_CLOUD_API_KEY;
  if (raw === undefined || normalizeApiKeyPaste(raw) === '') {
    throw new AppError(
      'API_KEY_MISSING',
      `Set NRF_CLOUD_API_KEY to your nRF Cloud API key (portal: menu > User Account > Current Team Details > API key)${alternative}.`,
    );
  }
  const shape = checkApiKeyShape(raw);
  if (!shape.ok) throw new AppError('API_KEY_MALFORMED', `NRF_CLOUD_API_KEY: ${shape.message}`);
  return shape.key;
}

export type CloudSettings = Pick<
  PublicSettings,
  'apiBaseUrl' | 'provisioningBaseUrl' | 'portalBaseUrl'
>;

/** Test seams of the REST client a command may take. */
export type AdapterSeams = Partial<
  Pick<ApiKeyAdapterOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'retry'>
>;

/** The REST adapter for a command: URLs by flag > env > settings, the URL policy from env. */
export function commandAdapter(input: {
  apiKey: string;
  flags: { 'api-url'?: string | undefined; 'provisioning-url'?: string | undefined };
  io: CliIo;
  out: Output;
  settings: CloudSettings;
  seams: AdapterSeams;
  onRetry: NonNullable<ApiKeyAdapterOptions['onRetry']>;
}): CloudAdapter {
  const { flags, io, settings } = input;
  return createApiKeyAdapter({
    ...input.seams,
    apiKey: input.apiKey,
    apiBaseUrl: flags['api-url'] ?? io.env.NRF_CLOUD_API_URL ?? settings.apiBaseUrl,
    provisioningBaseUrl:
      flags['provisioning-url'] ??
      io.env.NRF_CLOUD_PROVISIONING_URL ??
      settings.provisioningBaseUrl,
    portalBaseUrl: settings.portalBaseUrl,
    // The key goes only where the URL policy allows; a developer override is said out loud.
    allowedOrigins: allowedOriginsFromEnv(io.env),
    onUrlOverride: (notice) => input.out.warn(notice),
    onRetry: input.onRetry,
  });
}

/** Refuses a role that cannot claim, with what to do about it. */
export function requireClaimRole(
  account: { canClaim: boolean; teamName: string; role: string },
  alternative: string,
): void {
  if (!account.canClaim) {
    throw new AppError(
      'ROLE_CANNOT_CLAIM',
      `Your role in team "${account.teamName}" (${account.role}) cannot claim devices. Claiming needs the Editor, Admin or Owner role: ${alternative}.`,
    );
  }
}
