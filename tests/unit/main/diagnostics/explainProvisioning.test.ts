import { errorCodes } from '../../../../src-shared/ipc/errors';
import { explainError } from '../../../../src-main/diagnostics/explain';
import { provisioningErrorCodes } from '../../../../src-main/diagnostics/explainProvisioning';

describe('explanations of the provisioning errors', () => {
  it('covers every provisioning and rule code in the contract', () => {
    const contract = errorCodes.filter((c) => /^PROVISIONING_|RULE/.test(c));
    expect([...provisioningErrorCodes].sort()).toEqual([...contract].sort());
  });

  it.each(provisioningErrorCodes)('%s has its own title, cause and fix', (code) => {
    const message = `/dev/ttyACM0: something specific to ${code}`;
    const text = explainError({ code, message }, { platform: 'linux', path: '/dev/ttyACM0' });
    // The generic fallback repeats the message as the title; these never do.
    expect(text.title).not.toBe(message);
    expect(text.cause.length).toBeGreaterThan(40);
    expect(text.fix.length).toBeGreaterThan(30);
  });

  it('titles are all different', () => {
    const titles = provisioningErrorCodes.map(
      (code) => explainError({ code, message: 'm' }, { platform: 'linux' }).title,
    );
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the timeout, failure and trigger texts carry the error message', () => {
    for (const code of [
      'PROVISIONING_TIMEOUT',
      'PROVISIONING_FAILED',
      // What the app saw (a client id, or only a refusal after new credentials) is the cause.
      'PROVISIONING_DEVICE_ID_MISMATCH',
      'PROVISIONING_NOT_CLAIMED',
    ] as const) {
      expect(explainError({ code, message: 'error: -22' }, { platform: 'linux' }).cause).toContain(
        'error: -22',
      );
    }
  });
});
