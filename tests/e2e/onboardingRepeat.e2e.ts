/**
 * Issue 5's verification, working through more than one device: a device already in the team is
 * information, not a failure; "Onboard next device" keeps the key and lists today's devices.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import {
  claimWhenClaimable,
  connect,
  connected,
  deviceRadio,
  dkPort,
  expectStep,
  readToken,
  severityOf,
  startOnboarding,
  submitKey,
  textOf,
  thingyPort,
  toClaimStep,
  toCopyStep,
  type Onboarding,
} from './flows';

let run: Onboarding | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

describe('onboarding, several devices', () => {
  it('a device already claimed by your team is shown as information, not as a failure', async () => {
    const uuid = '1a2b3c4d-0021-4abc-8def-000000000021';
    run = await startOnboarding('already-claimed', [
      dkPort('001051200021', 0, { firmware: 'at', deviceUuid: uuid }),
    ]);
    const { page, app, ui } = run;
    const { table } = app.services;

    // An earlier session claimed it: same services, no window (what the CLI would do).
    const session = await table.connect({ path: app.ports[0]!.path });
    const first = await table.attest({ sessionId: session.sessionId, requestId: randomUUID() });
    await table.disconnect({ sessionId: session.sessionId });
    await table.addApiKey({ apiKey: FAKE_DEMO_KEY });
    const claimed = await table.claim({
      journalId: first.journalId,
      tags: ['nrf-cloud-onboarding'],
      requestId: randomUUID(),
    });
    expect(claimed.alreadyClaimedByYou).toBe(false);
    expect(app.cloud.claimed().has(uuid)).toBe(true);

    await expectStep(page, 1, 'Select device', 'Select a device');
    // Nothing waits for the user here, so the board may reach its end screen before the
    // "Connected to" line could be seen: wait for the identity instead.
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await readToken(page)).toContain(uuid);
    const token = await toCopyStep(page);
    expect(token).not.toBe(first.token);
    // Nothing to decide: the end screen says so, with the board's serial number.
    const pass = page.getByTestId('result-pass');
    expect(await textOf(pass.getByRole('heading'))).toBe('Already in your team');
    expect(await textOf(pass)).toContain('001051200021');

    const verdict = page.getByTestId('dry-run-result');
    expect(await textOf(verdict)).toBe(
      'Already claimed by your team. Nothing to do: this device is already in your team.',
    );
    expect(await severityOf(verdict)).toBe('Info');
    expect(await page.getByTestId('error-code').count()).toBe(0);
    // (MUI gives every Alert role="alert"; what matters is that none is an error or a warning.)
    expect(await page.locator('.MuiAlert-colorError, .MuiAlert-colorWarning').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Claim device' }).count()).toBe(0);
    await expect
      .poll(() => textOf(page.getByTestId('session-list')))
      .toContain('Already claimed by your team');
    expect(app.cloud.claimed().size).toBe(1);
    await run.shot('01-already-claimed');

    // The way on is the next device; this one is marked and never preselected.
    await page.getByRole('button', { name: 'Onboard next device' }).click();
    await expectStep(page, 1, 'Select device', 'Select a device');
    const card = deviceRadio(page, 'nRF9151 DK');
    expect(await textOf(card.getByTestId('claimed-mark'))).toMatch(/^Claimed \d/);
    expect(await card.getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    expect(ui.pageErrors).toEqual([]);
  });

  it('"Onboard next device" returns to step 1, keeps the key and lists both devices', async () => {
    const first = '1a2b3c4d-0022-4abc-8def-000000000022';
    const second = '1a2b3c4d-0023-4abc-8def-000000000023';
    const dkSerial = '001051200022';
    run = await startOnboarding('next-device', [
      dkPort(dkSerial, 0, { firmware: 'at', deviceUuid: first }),
      thingyPort('THINGY91X_00000000002F', 0, { firmware: 'at', deviceUuid: second }),
    ]);
    const { page, app, ui } = run;

    // Two boards and no history: nothing is chosen for the user.
    await expectStep(page, 1, 'Select device', 'Select a device');
    const dk = deviceRadio(page, 'nRF9151 DK');
    const thingy = deviceRadio(page, 'Thingy:91 X');
    await thingy.waitFor();
    expect(await dk.getAttribute('aria-checked')).toBe('false');
    expect(await thingy.getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    await run.shot('01-two-devices');

    // Picking the card starts the board: no Connect to press after it.
    await dk.click();
    expect(await connected(page)).toContain('AT host firmware');
    expect(await readToken(page)).toContain(first);
    await toCopyStep(page);
    await toClaimStep(page);
    await submitKey(page, FAKE_DEMO_KEY);
    await page.getByText('Team Demo Team (owner)').waitFor();
    expect(await claimWhenClaimable(page)).toContain(`Device id: ${first}`);

    await page.getByRole('button', { name: 'Onboard next device' }).click();
    await expectStep(page, 1, 'Select device', 'Select a device');
    const list = page.getByTestId('session-list');
    const firstRow = list.getByRole('listitem').filter({ hasText: first });
    expect(await textOf(firstRow)).toContain('Claimed');
    expect(await textOf(firstRow)).toContain('SN 001051200022');
    // The board just claimed is marked and never offered again: the other one is preselected.
    expect(await textOf(dk.getByTestId('claimed-mark'))).toMatch(/^Claimed \d/);
    expect(await textOf(dk)).not.toContain('Last used');
    expect(await dk.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => thingy.getAttribute('aria-checked')).toBe('true');
    await run.shot('02-next-device');

    await connect(page);
    expect(await readToken(page)).toContain(second);
    await toCopyStep(page);
    await toClaimStep(page);
    // The key is still stored: no form, the team straight away.
    await page.getByText('Team Demo Team (owner)').waitFor();
    expect(await page.getByTestId('api-key-form').count()).toBe(0);
    expect(await claimWhenClaimable(page)).toContain(`Device id: ${second}`);

    expect(await list.getByRole('listitem').count()).toBe(2);
    const secondRow = list.getByRole('listitem').filter({ hasText: second });
    expect(await textOf(secondRow)).toContain('Claimed');
    expect(await textOf(list.getByRole('listitem').first())).toContain(second);
    expect([...app.cloud.claimed().keys()].sort()).toEqual([first, second].sort());
    await run.shot('03-both-claimed');
    expect(ui.pageErrors).toEqual([]);
  });
});
