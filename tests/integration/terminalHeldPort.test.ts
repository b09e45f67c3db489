/**
 * The terminal and the onboarding flow over one real pty: a port a job holds is refused to the
 * terminal (not silently taken from the job), and "release it" cancels the job and hands it over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobView } from '../../src-shared/ipc/onboarding';
import { callChannel, callValue, createTestApp, type TestApp } from '../support/testServices';

const SERIAL = '001051277777';
let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

describe('the terminal and a port the onboarding flow holds', () => {
  it('refuses with "in use by the onboarding flow, release it?", then releases it on request', async () => {
    app = await createTestApp({
      ports: [
        {
          info: {
            serialNumber: SERIAL,
            vendorId: '1366',
            productId: '1059',
            manufacturer: 'SEGGER',
            pnpId: `usb-SEGGER_J-Link_${SERIAL}-if00`,
          },
          // Slow answers keep the job on the port while the terminal asks for it.
          simulator: { firmware: 'at', replyDelayMs: 400 },
        },
      ],
    });
    await app.services.serial.watcher.poll();
    const path = app.ports[0]!.path;
    const job = await callValue<JobView>(app, 'onboarding:start-job', {
      serialNumber: SERIAL,
      claim: false,
    });
    await expect.poll(() => app!.services.onboarding.get(job.id)?.state).toBe('reading');

    const refused = await callChannel(app, 'serial:open-session', { path });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'PORT_HELD_BY_FLOW',
        message: expect.stringContaining(`${path} is in use by the onboarding flow, release it?`),
      },
    });
    // The job kept its port and is still reading.
    expect(app.services.onboarding.get(job.id)?.state).toBe('reading');

    await callValue(app, 'onboarding:release-port', { path });
    expect(app.services.onboarding.get(job.id)?.state).toBe('cancelled');
    const opened = await callValue<{ sessionId: string; mode: string }>(
      app,
      'serial:open-session',
      { path },
    );
    expect(opened.mode).toBe('at-host');
  });
});
