/**
 * Issue 12 item 5, layout: in a 1024x640 window the Diagnostics table fits without sideways
 * scrolling (the holder and the row's actions in view), and Today's devices stays reachable on
 * the Onboard tab. Measured in the built renderer; screenshots under test-results/screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { dkPort, holdPort, startOnboarding, thingyPort, type Onboarding } from './flows';
import type { PortHolderProcess } from './flows';

const VIEWPORT = { width: 1024, height: 640 };

let run: Onboarding | undefined;
let holder: PortHolderProcess | undefined;
afterEach(async () => {
  await holder?.release();
  await run?.close();
  run = undefined;
  holder = undefined;
});

/** scrollWidth and clientWidth of an element: more of the first means a sideways scrollbar. */
async function widths(locator: Locator): Promise<{ scroll: number; client: number }> {
  return locator.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
}

/** The page itself never scrolls sideways. */
async function pageWidths(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
}

/** True when the element's box lies inside the window horizontally (left and right edge). */
async function isWithinWidth(page: Page, locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

describe('layout at 1024x640', () => {
  it('Diagnostics: the ports table fits, the holder and the actions are in view', async () => {
    run = await startOnboarding(
      'layout-1024',
      [
        dkPort('001051200031', 0, { firmware: 'at' }),
        dkPort('001051200031', 2, { firmware: 'at', silent: true }),
        thingyPort('THINGY91X_0000000000B1', 0, { firmware: 'shell' }),
        thingyPort('THINGY91X_0000000000B2', 0, { firmware: 'at' }),
      ],
      { viewport: VIEWPORT },
    );
    const { page, app } = run;
    const heldPath = app.ports[3]!.path;
    holder = await holdPort(heldPath);

    await page.getByRole('tab', { name: 'Diagnostics' }).click();
    const table = page.getByTestId('ports-table');
    await table.waitFor({ timeout: 20_000 });
    const row = page.getByTestId(`port-row-${heldPath}`);
    await expect.poll(() => row.textContent()).toContain('held by python3');

    const container = table.locator('xpath=..');
    const measured = await widths(container);
    expect(measured.scroll, JSON.stringify(measured)).toBeLessThanOrEqual(measured.client);
    expect(await pageWidths(page)).toSatisfy(({ scroll, client }) => scroll <= client);
    expect(await isWithinWidth(page, row.getByText(/held by python3 \(pid/))).toBe(true);
    for (const name of [`Retry ${heldPath}`, `Who holds ${heldPath}?`]) {
      expect(await isWithinWidth(page, row.getByRole('button', { name })), name).toBe(true);
    }
    await run.shot('diagnostics');
    expect(run.ui.pageErrors).toEqual([]);
  });

  it("Onboard: Today's devices is in view beside the step, the page never scrolls sideways", async () => {
    run = await startOnboarding('layout-1024', [dkPort('001051200032', 0, { firmware: 'at' })], {
      viewport: VIEWPORT,
    });
    const { page } = run;
    const today = page.getByRole('region', { name: "Today's devices" });
    await page.getByRole('heading', { level: 2, name: 'Select a device' }).waitFor();
    // In view as the tab opens, without scrolling: beside the step, not under it.
    const heading = today.getByRole('heading', { name: "Today's devices" });
    const box = await heading.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(await isWithinWidth(page, today)).toBe(true);
    expect(await pageWidths(page)).toSatisfy(({ scroll, client }) => scroll <= client);
    await run.shot('onboard');
    expect(run.ui.pageErrors).toEqual([]);
  });
});
