import {
  ALLOW_CLOUD_URL_ENV,
  allowedOriginsFromEnv,
  checkCloudUrl,
  isLoopbackHost,
  requireCloudUrl,
  type CloudUrlRole,
} from '../../../../src-main/cloud/urlPolicy';
import { AppError } from '../../../../src-shared/ipc/errors';

describe('cloud URL policy', () => {
  it.each([
    ['https://api.nrfcloud.com/v1/', 'api'],
    ['https://api.provisioning.nrfcloud.com/v1/', 'provisioning'],
    ['https://API.nrfcloud.com:443/v1', 'api'],
    ['https://api.dev.nrfcloud.com/v1/', 'api'],
    ['https://api.provisioning.beta.nrfcloud.com/v1/', 'provisioning'],
    ['https://api.provisioning.feature.nrfcloud.com/v1/', 'provisioning'],
    ['https://nrfcloud.com/', 'portal'],
    ['http://127.0.0.1:4000/v1/', 'api'],
    ['http://127.8.9.10/v1/', 'provisioning'],
    ['http://localhost:8080/provisioning/v1/', 'provisioning'],
    ['http://[::1]:9000/v1/', 'api'],
    ['https://localhost/v1/', 'api'],
  ] as const)('allows %s as the %s URL', (url, role) => {
    const verdict = checkCloudUrl(url, role);
    expect(verdict).toMatchObject({ isAllowed: true, isOverride: false });
  });

  it.each([
    ['http://api.nrfcloud.com/v1/', 'api', /https/],
    ['https://evil.example/v1/', 'api', /evil\.example is not nRF Cloud/],
    ['https://api.nrfcloud.com.evil.example/v1/', 'api', /not nRF Cloud/],
    ['https://evilnrfcloud.com/v1/', 'provisioning', /not nRF Cloud/],
    ['https://api.nrfcloud.com:8443/v1/', 'api', /not nRF Cloud/],
    ['https://user:pw@api.nrfcloud.com/v1/', 'api', /user name or password/],
    ['ftp://api.nrfcloud.com/v1/', 'api', /https/],
    ['not a url', 'api', /not a valid URL/],
    ['http://10.0.0.5:4000/v1/', 'api', /https/],
    ['http://[::ffff:127.0.0.1]/v1/', 'api', /https/],
    // The portal links go to the portal only; an API host is not a portal and vice versa.
    ['https://portal.example/', 'portal', /not the nRF Cloud portal/],
    ['https://nrfcloud.com/v1/', 'api', /not nRF Cloud/],
  ] as const)('refuses %s as the %s URL', (url, role: CloudUrlRole, reason) => {
    const verdict = checkCloudUrl(url, role);
    expect(verdict.isAllowed).toBe(false);
    if (!verdict.isAllowed) expect(verdict.reason).toMatch(reason);
  });

  it('names the override variable and the exact origin to put in it', () => {
    const verdict = checkCloudUrl('https://staging.example.com:8443/v1/', 'api');
    expect(verdict.isAllowed ? '' : verdict.reason).toContain(
      `${ALLOW_CLOUD_URL_ENV}=https://staging.example.com:8443`,
    );
  });

  it('allows an origin the developer named, and marks it as an override', () => {
    const allowed = ['https://staging.example.com:8443', 'http://10.0.0.5:4000'];
    expect(checkCloudUrl('https://staging.example.com:8443/v1/', 'api', allowed)).toEqual({
      isAllowed: true,
      origin: 'https://staging.example.com:8443',
      isOverride: true,
    });
    expect(
      checkCloudUrl('http://10.0.0.5:4000/provisioning/v1/', 'provisioning', allowed),
    ).toMatchObject({
      isAllowed: true,
      isOverride: true,
    });
    // Same host, other scheme or port: a different origin, still refused.
    expect(checkCloudUrl('https://staging.example.com/v1/', 'api', allowed).isAllowed).toBe(false);
    expect(checkCloudUrl('http://staging.example.com:8443/v1/', 'api', allowed).isAllowed).toBe(
      false,
    );
  });

  it('reads the override as comma-separated origins, ignoring what is not a URL', () => {
    expect(allowedOriginsFromEnv({})).toEqual([]);
    expect(
      allowedOriginsFromEnv({
        [ALLOW_CLOUD_URL_ENV]:
          ' https://a.example/v1/ ,nonsense,,http://10.0.0.5:4000/x,https://a.example',
      }),
    ).toEqual(['https://a.example', 'http://10.0.0.5:4000']);
  });

  it('throws CLOUD_URL_NOT_ALLOWED from requireCloudUrl', () => {
    expect(() => requireCloudUrl('https://evil.example/', 'api')).toThrow(AppError);
    try {
      requireCloudUrl('https://evil.example/', 'api');
    } catch (error) {
      expect((error as AppError).code).toBe('CLOUD_URL_NOT_ALLOWED');
    }
    expect(requireCloudUrl('https://api.nrfcloud.com/v1/', 'api').origin).toBe(
      'https://api.nrfcloud.com',
    );
  });

  it('knows loopback as the URL parser spells it', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of [
      'localhost.evil.example',
      '128.0.0.1',
      '::1',
      '0.0.0.0',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(host)).toBe(false);
    // The parser normalises the short and hex forms of 127.0.0.1 before the check.
    expect(new URL('http://0x7f.1/').hostname).toBe('127.0.0.1');
  });
});
