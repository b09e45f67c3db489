/**
 * Issue 13 in the window: a team with no provisioning rule for the claim tags. The dry run says
 * the device would never receive its credentials and offers to create the nRF Cloud Onboarding
 * rule; once created, the claim goes through and the shell board fetches its credentials from the
 * local cloud until the flow shows "Connected to nRF Cloud" with the provisioning timeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFakeCloudKeys, FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { dkPort, focusedText, startOnboarding, textOf, type Onboarding } from './flows';

let run: Onboarding | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

const tenant = defaultFakeCloudKeys.find((k) => k.key === FAKE_DEMO_KEY)!.tenantId;
const SERIAL = '001051200970';
const UUID = 'b0a2d000-0000-4000-8000-000000000070';

async function enterOn(o: Onboarding, name: string): Promise<void> {
  await expect.poll(() => focusedText(o.page), { timeout: 15_000 }).toBe(name);
  await o.page.keyboard.press('Enter');
}

describe('from claimed to connected in the one-device flow', () => {
  it('a missing rule is created from the dialog, then the board is claimed and connects', async () => {
    const board = dkPort(SERIAL, 0, { firmware: 'shell', deviceUuid: UUID, deviceType: 6 });
    run = await startOnboarding('rule-missing', [board], {}, { teamRules: { [tenant]: [] } });
    const o = run;
    const { page, app, ui } = o;
    await app.services.table.addApiKey({ apiKey: FAKE_DEMO_KEY });

    await enterOn(o, 'Connect');
    // The dry run finds no rule: Create is the focused action, nothing is claimed yet.
    const verdict = page.getByTestId('dry-run-result');
    await expect
      .poll(() => textOf(verdict), { timeout: 15_000 })
      .toContain('never receive its credentials');
    expect(await textOf(verdict)).toContain('ONBOARDING_RULE_MISSING');
    expect(await page.getByRole('button', { name: 'Claim device' }).count()).toBe(0);
    expect(app.cloud.claimed().has(UUID)).toBe(false);
    await o.shot('01-rule-missing');

    await enterOn(o, 'Create the nRF Cloud Onboarding rule');
    await enterOn(o, 'Claim device');
    expect(app.cloud.rules(tenant).map((r) => r.name)).toEqual(['nRF Cloud Onboarding']);

    const pass = page.getByTestId('result-pass');
    await pass.waitFor({ timeout: 30_000 });
    expect(await textOf(pass.getByRole('heading').first())).toBe('Connected to nRF Cloud');
    const timeline = await textOf(page.getByTestId('provisioning-timeline'));
    for (const stage of ['Commands received', 'Provisioning finished', 'Connected to nRF Cloud'])
      expect(timeline).toContain(stage);
    expect(app.cloud.claimed().has(UUID)).toBe(true);
    const [entry] = await app.services.table.listJournal({});
    expect(entry?.provisioning?.outcome).toBe('connected');
    await o.shot('02-connected');
    expect(ui.pageErrors).toEqual([]);
  });
});
