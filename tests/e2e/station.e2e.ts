/**
 * Issue 11's station mode through the built renderer and the real main-process services: six
 * simulated kits on real ptys (the three firmware families, one port that does not answer, one
 * device already in the team) onboarded with Auto on and no click per kit, then Retry on the
 * failed tile once its port answers.
 */
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAdapter } from '../../src-main/cloud/restClient';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { encodeAttestationToken, randomNonce } from '../../src-shared/token/encode';
import { ALREADY_CLAIMED, SILENT, SIX_KIT_ENDS } from '../support/onboardingKits';
import { dkPort, startOnboarding, textOf, thingyPort, type Onboarding } from './flows';

const uuid = (i: number) => `5a7e0000-0000-4000-8000-00000000001${i}`;
const THINGY = 3;
// Serial numbers as the kits' USB bridges report them (an nRF9151 DK, a Thingy:91 X).
const serial = (i: number) => (i === THINGY ? `THINGY91X_0000000000${i}E` : `00105120010${i}`);

let run: Onboarding | undefined;
let silent: PtySimulator | undefined;
afterEach(async () => {
  await run?.close();
  await silent?.close();
  run = undefined;
  silent = undefined;
});

/** Claims a device in the local nRF Cloud beforehand, as if it had been done yesterday. */
async function preClaim(o: Onboarding, deviceUuid: string): Promise<void> {
  const adapter = createApiKeyAdapter({
    apiKey: FAKE_DEMO_KEY,
    apiBaseUrl: o.app.cloud.apiBaseUrl,
    provisioningBaseUrl: o.app.cloud.provisioningBaseUrl,
  });
  const token = encodeAttestationToken({
    deviceUuid,
    deviceType: 6,
    modemFirmwareUuid: '9c2b6e41-3d7a-4f05-b8e6-0d1c2a3b4c5d',
    nonce: randomNonce(),
  });
  await adapter.claim(token, ['nrf-cloud-onboarding']);
}

const tileOf = (o: Onboarding, i: number): Locator => o.page.getByTestId(`kit-tile-${serial(i)}`);
const stateOf = (o: Onboarding, i: number) => tileOf(o, i).getAttribute('data-state');
const countText = (o: Onboarding, phase: string) =>
  o.page.getByTestId(`count-${phase}`).textContent();

describe('station mode', () => {
  it('six kits with Auto on: 3 connected, 1 claimed (AT host), 1 already claimed, 1 NO_ANSWER; Retry claims it once it answers', async () => {
    // The port that does not answer: a kit powered off, so nothing ever comes back, until the
    // test switches it on.
    silent = await startPtySimulator({ firmware: 'at', deviceUuid: uuid(SILENT), powerOn: false });
    run = await startOnboarding('station', [
      dkPort(serial(0), 0, { firmware: 'shell', deviceUuid: uuid(0), deviceType: 6 }),
      dkPort(serial(1), 0, {
        firmware: 'slm',
        deviceUuid: uuid(1),
        deviceType: 6,
        provisioning: { client: true },
      }),
      dkPort(serial(2), 0, { firmware: 'at', deviceUuid: uuid(2), deviceType: 6 }),
      thingyPort(serial(THINGY), 0, { firmware: 'shell', deviceUuid: uuid(THINGY), deviceType: 6 }),
      { info: dkPort(serial(SILENT), 0, { firmware: 'at' }).info, path: silent.path },
      dkPort(serial(ALREADY_CLAIMED), 0, {
        firmware: 'at',
        deviceUuid: uuid(ALREADY_CLAIMED),
        deviceType: 6,
      }),
    ]);
    const o = run;
    const { page, app, ui } = o;
    await preClaim(o, uuid(ALREADY_CLAIMED));
    await app.services.table.addApiKey({ apiKey: FAKE_DEMO_KEY });

    await page.getByRole('tab', { name: 'Station' }).click();
    await page.getByRole('heading', { level: 2, name: 'Station' }).waitFor();
    const tiles = page.getByRole('list', { name: 'Kits', exact: true }).getByRole('listitem');
    await expect.poll(() => tiles.count()).toBe(6);
    expect(await textOf(tileOf(o, THINGY))).toContain('SN …00003E');
    expect(await countText(o, 'waiting')).toBe('Waiting 6');
    expect(await textOf(tileOf(o, THINGY).getByRole('heading'))).toBe('Thingy:91 X');

    // One switch for the whole tray; no kit is clicked.
    await page.getByRole('switch', { name: 'Auto' }).click();
    await expect
      .poll(() => Promise.all([0, 1, 2, 3, 4, 5].map((i) => stateOf(o, i))), { timeout: 60_000 })
      .toEqual(SIX_KIT_ENDS);
    expect(await countText(o, 'connected')).toBe('Connected 3');
    expect(await countText(o, 'claimed')).toBe('Claimed 1');
    expect(await countText(o, 'already-claimed')).toBe('Already claimed 1');
    expect(await countText(o, 'failed')).toBe('Failed 1');
    expect(await countText(o, 'working')).toBe('Working 0');

    // Each tile says what it knows: firmware mode in words, UUID tail, serial-number tail.
    const shell = await textOf(tileOf(o, 0));
    expect(shell).toContain('Zephyr shell');
    expect(shell).toContain('UUID …00000010');
    expect(shell).toContain('SN …200100');
    expect(await textOf(tileOf(o, 1))).toContain('Serial LTE Modem');
    expect(await textOf(tileOf(o, 2))).toContain('AT host firmware');
    expect(await textOf(tileOf(o, ALREADY_CLAIMED))).toContain('Already claimed by your team');

    // The failed tile: code, the port it names, cause and fix, and Retry.
    const failed = tileOf(o, SILENT);
    expect(await textOf(failed.getByTestId('error-code'))).toBe('NO_ANSWER');
    const error = await textOf(failed.getByTestId('kit-error'));
    expect(error).toContain(silent.path);
    expect(error).toMatch(/Cause: .+/);
    expect(error).toMatch(/Fix: .+/);
    await o.shot('tiles');

    // Five tokens read, all in the journal; nRF Cloud has the four new claims.
    const journal = await app.services.table.listJournal({});
    expect(journal.map((e) => e.deviceUuid).sort()).toEqual(
      [0, 1, 2, 3, ALREADY_CLAIMED].map(uuid).sort(),
    );
    for (const i of [0, 1, 2, 3]) expect(app.cloud.claimed().has(uuid(i))).toBe(true);

    // The port answers now; Retry on its tile claims it.
    silent.simulator.start();
    await failed
      .getByRole('button', { name: `Retry nRF9151 DK …${serial(SILENT).slice(-6)}` })
      .click();
    await expect.poll(() => stateOf(o, SILENT), { timeout: 30_000 }).toBe('claimed');
    expect(await textOf(failed)).toContain('Attempt 2');
    expect(await countText(o, 'claimed')).toBe('Claimed 2');
    expect(await countText(o, 'failed')).toBe('Failed 0');
    expect(app.cloud.claimed().has(uuid(SILENT))).toBe(true);
    await expect
      .poll(() => page.getByTestId('station-announcer').textContent())
      .toBe(`nRF9151 DK …${serial(SILENT).slice(-6)}: Claimed`);

    // The report: one row per kit, with its state.
    await page.getByRole('button', { name: 'Export report' }).click();
    const saved = await textOf(page.getByText(/^Report saved to /));
    const rows = readFileSync(saved.replace('Report saved to ', ''), 'utf8').trimEnd().split('\n');
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.includes(',connected,'))).toHaveLength(3);
    expect(rows.filter((row) => row.includes(',claimed,'))).toHaveLength(2);
    expect(rows.filter((row) => row.includes(',already-claimed,'))).toHaveLength(1);
    await o.shot('after-retry');

    // A fresh window shows the same tiles from list-jobs alone (main keeps the jobs), in dark.
    await app.services.table.updateSettings({ theme: 'dark' });
    await page.reload();
    await page.getByRole('tab', { name: 'Station' }).click();
    await expect.poll(() => countText(o, 'claimed')).toBe('Claimed 2');
    expect(await countText(o, 'connected')).toBe('Connected 3');
    expect(await stateOf(o, ALREADY_CLAIMED)).toBe('already-claimed');
    await o.shot('tiles-dark');

    expect(ui.pageErrors).toEqual([]);
  });
});
