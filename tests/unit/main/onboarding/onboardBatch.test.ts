import type { JobView } from '../../../../src-shared/ipc/onboarding';
import { allKitTargets, outcomeOf } from '../../../../src-main/onboarding/onboardBatch';
import { notAskedView } from '../../../../src-main/onboarding/provisioningSkip';

const view = (extra: Partial<JobView>): JobView => ({
  id: '/dev/ttyACM0',
  port: '/dev/ttyACM0',
  state: 'claimed',
  phase: 'claimed',
  stepText: 'Claimed on nRF Cloud',
  tags: [],
  isClaimRequested: true,
  isConfirmRequired: false,
  attempt: 1,
  warnings: [],
  steps: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs: 1234,
  ...extra,
});

describe('onboardBatch helpers', () => {
  it('--all takes the AT port of every recognised kit and skips other ports', async () => {
    const targets = await allKitTargets(async () => [
      {
        path: '/dev/ttyACM0',
        serialNumber: '001051234567',
        vendorId: '1366',
        productId: '1059',
        manufacturer: 'SEGGER',
        pnpId: 'usb-SEGGER_J-Link_001051234567-if00',
      },
      { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'FTDI1' },
    ]);
    expect(targets).toEqual([
      {
        path: '/dev/ttyACM0',
        serialNumber: '001051234567',
        kit: expect.any(String),
        kitName: 'nRF9151 DK',
      },
    ]);
  });

  it('maps job ends to the CLI states; a cancel is a failure with CANCELLED', () => {
    expect(outcomeOf(view({ serialNumber: 'S', deviceUuid: 'U' }))).toEqual({
      port: '/dev/ttyACM0',
      serialNumber: 'S',
      deviceUuid: 'U',
      state: 'claimed',
      ms: 1234,
    });
    expect(outcomeOf(view({ state: 'cancelled', phase: 'failed' }))).toMatchObject({
      state: 'failed',
      error: { code: 'CANCELLED' },
    });
    expect(
      outcomeOf(
        view({
          state: 'unplugged',
          phase: 'failed',
          error: { code: 'PORT_GONE', message: 'gone', detail: 'x' },
        }),
      ),
    ).toEqual({
      port: '/dev/ttyACM0',
      state: 'unplugged',
      error: { code: 'PORT_GONE', message: 'gone' },
      ms: 1234,
    });
  });

  it('a claim without provisioning carries the skip reason as a code beside its note', () => {
    // Turned off in the service: its view says so, and there is no family to report.
    const off = outcomeOf(view({ provisioning: notAskedView(300_000) }), true);
    expect(off).toMatchObject({ state: 'claimed', skipReason: 'turned-off' });
    expect(off.note).toMatch(/turned off/);
    expect(off.provisioning).toBeUndefined();
    // --no-provision without provisioning parts: no view at all, still named.
    expect(outcomeOf(view({}), true)).toMatchObject({ skipReason: 'turned-off' });
    const atHost = outcomeOf(
      view({
        provisioning: {
          ...notAskedView(300_000),
          family: 'at-host',
          skipReason: 'unsupported',
          note: 'This AT-host firmware has no provisioning client.',
        },
      }),
    );
    expect(atHost).toMatchObject({
      skipReason: 'unsupported',
      note: 'This AT-host firmware has no provisioning client.',
      provisioning: { family: 'at-host', lteDrops: 0 },
    });
    // Connected or failed: no reason to skip.
    expect(outcomeOf(view({ state: 'connected', phase: 'connected' }), true).skipReason).toBe(
      undefined,
    );
  });
});
