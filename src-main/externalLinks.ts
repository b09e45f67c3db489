/**
 * Where the app may send the user's browser: https only, to an allowlist of Nordic hosts. The
 * window's link handler and the app:open-external handler both ask here.
 */

/** Hosts the app may open in the user's browser (nRF Cloud portal and Nordic documentation). */
export const externalHostAllowlist = [
  'nrfcloud.com',
  'www.nrfcloud.com',
  'docs.nordicsemi.com',
  'docs.nrfcloud.com',
  'www.nordicsemi.com',
  'devzone.nordicsemi.com',
  'github.com',
] as const;

/** True for https URLs whose host is on the allowlist. */
export function isAllowedExternalUrl(
  url: string,
  allowlist: readonly string[] = externalHostAllowlist,
): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowlist.includes(parsed.hostname) && !parsed.username;
  } catch {
    return false;
  }
}
