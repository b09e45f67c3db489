/** The foundation e2e: the built renderer loads under its CSP, talks to real main handlers, shows step 1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type LaunchedApp } from './harness';
import { createTestApp, type TestApp } from '../support/testServices';

describe('first screen', () => {
  let app: TestApp;
  let ui: LaunchedApp;

  beforeAll(async () => {
    app = await createTestApp();
    ui = await launchApp(app.services);
  });
  afterAll(async () => {
    await ui?.close();
    await app?.dispose();
  });

  it('shows the Select device step with the empty-list advice, and no console errors', async () => {
    const { page } = ui;
    await page.getByRole('heading', { name: 'Select a device' }).waitFor();
    await page.getByText('No device found').waitFor();
    await expect(page.getByRole('button', { name: 'Try the demo' }).isVisible()).resolves.toBe(
      true,
    );
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    await ui.screenshot('00-first-screen');
    expect(ui.pageErrors).toEqual([]);
  });
});
