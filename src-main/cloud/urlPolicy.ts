/**
 * Where the API key may be sent: https to nRF Cloud's own hosts (production and the stages
 * Nordic's nRF Cloud utilities name), or this computer (loopback, http allowed) for tests and the
 * local nRF Cloud. Any other origin only when a developer names it in ONBOARDER_ALLOW_CLOUD_URL,
 * an environment variable, so nothing the renderer sends can widen the list; every use of that
 * override is announced. Hosts and stages: docs/protocol.md §4.1.
 */
import { AppError } from '../../src-shared/ipc/errors';

/** Comma-separated origins a developer allows beyond nRF Cloud and loopback. */
export const ALLOW_CLOUD_URL_ENV = 'ONBOARDER_ALLOW_CLOUD_URL';

/** Which base URL is checked: the two API bases receive the key, the portal base only builds links. */
export type CloudUrlRole = 'api' | 'provisioning' | 'portal';

// Production has no stage label; dev, beta and feature are the stages Nordic's tools address.
const STAGES = ['', 'dev.', 'beta.', 'feature.'];

/** Hosts that may receive the API key (either API base may name either host). */
export const nrfCloudApiHosts: readonly string[] = STAGES.flatMap((stage) => [
  `api.${stage}nrfcloud.com`,
  `api.provisioning.${stage}nrfcloud.com`,
]);

/** Hosts of the nRF Cloud portal, for device links. */
export const nrfCloudPortalHosts: readonly string[] = ['nrfcloud.com', 'www.nrfcloud.com'];

export type UrlVerdict =
  { isAllowed: true; origin: string; isOverride: boolean } | { isAllowed: false; reason: string };

const roleName: Record<CloudUrlRole, string> = {
  api: 'nRF Cloud API URL',
  provisioning: 'provisioning API URL',
  portal: 'portal URL',
};

/** True for this computer: localhost, 127.0.0.0/8 and ::1 (as the WHATWG URL parser spells them). */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** The developer-allowed origins named in the environment; entries that are not URLs are ignored. */
export function allowedOriginsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const raw = env[ALLOW_CLOUD_URL_ENV] ?? '';
  const origins = new Set<string>();
  for (const entry of raw.split(',')) {
    const origin = originOf(entry.trim());
    if (origin !== undefined) origins.add(origin);
  }
  return [...origins];
}

/** Decides whether one base URL may be used for the given role. */
export function checkCloudUrl(
  url: string,
  role: CloudUrlRole,
  allowedOrigins: readonly string[] = [],
): UrlVerdict {
  const what = roleName[role];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { isAllowed: false, reason: `The ${what} is not a valid URL.` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { isAllowed: false, reason: `The ${what} must start with https://.` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { isAllowed: false, reason: `The ${what} must not carry a user name or password.` };
  }
  if (allowedOrigins.includes(parsed.origin)) {
    return { isAllowed: true, origin: parsed.origin, isOverride: true };
  }
  if (isLoopbackHost(parsed.hostname)) {
    return { isAllowed: true, origin: parsed.origin, isOverride: false };
  }
  const hosts = role === 'portal' ? nrfCloudPortalHosts : nrfCloudApiHosts;
  const overrideHint = ` Developers can allow it by starting the app or nrf-onboard with ${ALLOW_CLOUD_URL_ENV}=${parsed.origin}.`;
  if (parsed.protocol !== 'https:') {
    return {
      isAllowed: false,
      reason: `The ${what} must use https (${parsed.origin} is unencrypted); http is allowed only for this computer (localhost, 127.0.0.1, ::1).${overrideHint}`,
    };
  }
  if (!hosts.includes(parsed.hostname) || parsed.port !== '') {
    const known = role === 'portal' ? 'the nRF Cloud portal' : 'nRF Cloud';
    return {
      isAllowed: false,
      reason: `${parsed.host} is not ${known} (${hosts.slice(0, 2).join(', ')} or a Nordic stage host), so the ${what} cannot point there: the API key goes only to nRF Cloud or to this computer.${overrideHint}`,
    };
  }
  return { isAllowed: true, origin: parsed.origin, isOverride: false };
}

/** Like checkCloudUrl, but a refusal is thrown as CLOUD_URL_NOT_ALLOWED. */
export function requireCloudUrl(
  url: string,
  role: CloudUrlRole,
  allowedOrigins: readonly string[] = [],
): { origin: string; isOverride: boolean } {
  const verdict = checkCloudUrl(url, role, allowedOrigins);
  if (!verdict.isAllowed) throw new AppError('CLOUD_URL_NOT_ALLOWED', verdict.reason);
  return verdict;
}

/** The visible warning for origins reached only through the developer override. */
export function overrideNotice(origins: readonly string[]): string {
  return `${ALLOW_CLOUD_URL_ENV} is set: the nRF Cloud API key is sent to ${origins.join(', ')}, which ${origins.length === 1 ? 'is' : 'are'} not nRF Cloud.`;
}

function originOf(text: string): string | undefined {
  if (text === '') return undefined;
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
