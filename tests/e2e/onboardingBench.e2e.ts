/**
 * Issue 12's bench: boards swapped one after another on a simulated hub (mixed firmware), every
 * click and key press counted. One decision per board: at most 2 actions from plugged to claimed,
 * a board already done is never preselected, the empty moment of a swap never leads into the demo,
 * and a board unplugged mid-read resumes by itself when it comes back.
 */
import type { Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareFamily } from '../../src-main/sim/device/options';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';
import type { FakeCloud } from '../../src-main/sim/fakeCloud/server';
import { withCloudLink, type TestPort } from '../support/testServices';
import {
  deviceRadio,
  dkPort,
  expectStep,
  focusedText,
  startOnboarding,
  textOf,
  thingyPort,
  type Onboarding,
} from './flows';

let run: Onboarding | undefined;
const spares: PtySimulator[] = [];
afterEach(async () => {
  await run?.close();
  run = undefined;
  await Promise.all(spares.splice(0).map((s) => s.close()));
});

/**
 * The next board's simulator, started before the old board is pulled (a relay started right
 * after another one closed can stall on this machine); listing it is the plug-in.
 */
async function spare(port: TestPort, cloud: FakeCloud): Promise<TestPort> {
  // Like a plugged board, it reaches the local cloud's provisioning service.
  const sim = await startPtySimulator(withCloudLink(port.simulator!, cloud));
  spares.push(sim);
  return { info: port.info, path: sim.path };
}

const families: FirmwareFamily[] = ['at', 'shell', 'slm'];
const uuidOf = (i: number) => `b0a2d000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
/** Board i: every third is a Thingy:91 X, the others nRF9151 DKs; firmware cycles AT/shell/SLM. */
function board(i: number): { serial: string; port: TestPort; kit: string } {
  const simulator = { firmware: families[i % 3]!, deviceUuid: uuidOf(i), deviceType: 6 };
  if (i % 3 === 2) {
    const serial = `THINGY91X_00000000B0${String(i).padStart(2, '0')}`;
    return { serial, port: thingyPort(serial, 0, simulator), kit: 'Thingy:91 X' };
  }
  const serial = `0010512009${String(i).padStart(2, '0')}`;
  return { serial, port: dkPort(serial, 0, simulator), kit: 'nRF9151 DK' };
}

/** Every click and key press the technician makes goes through here, so it is counted. */
function actions(o: Onboarding) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    /** Presses Enter once the named button has the focus (the keyboard walk of a technician). */
    async enterOn(name: string) {
      await expect.poll(() => focusedText(o.page), { timeout: 15_000 }).toBe(name);
      count += 1;
      await o.page.keyboard.press('Enter');
    },
    async click(target: Locator) {
      count += 1;
      await target.click();
    },
  };
}

/** Waits for the pass screen of the board and returns its text. */
async function passOf(o: Onboarding, serial: string): Promise<string> {
  const pass = o.page.getByTestId('result-pass');
  await expect.poll(() => textOf(pass), { timeout: 15_000 }).toContain(serial);
  return textOf(pass);
}

describe('twenty boards in a row, one decision each', () => {
  it('ten boards on a hub with mixed firmware: at most 2 actions per board, done boards never offered, no demo', async () => {
    const first = board(1);
    run = await startOnboarding('ten-boards', [first.port]);
    const o = run;
    const { page, app, ui } = o;
    await app.services.table.addApiKey({ apiKey: FAKE_DEMO_KEY });
    const act = actions(o);
    const perBoard: number[] = [];

    // Board 1: plugged before the app looked, so it is preselected with Connect focused.
    await expectStep(page, 1, 'Select device', 'Select a device');
    await act.enterOn('Connect');
    await act.enterOn('Claim device');
    // A shell board fetches its credentials after the claim and ends connected (issue 13).
    expect(await passOf(o, first.serial)).toContain('Connected to nRF Cloud');
    perBoard.push(act.count);
    await o.shot('01-pass');

    let previous = first;
    let previousPath = app.ports[0]!.path;
    for (let i = 2; i <= 10; i += 1) {
      act.reset();
      const next = board(i);
      const nextPort = await spare(next.port, app.cloud);
      if (i === 5) {
        // The technician goes back to the list with the claimed board still plugged in: it is
        // marked, not preselected, and nothing offers it again.
        await act.enterOn('Onboard next device');
        await expectStep(page, 1, 'Select device', 'Select a device');
        const card = deviceRadio(page, previous.kit);
        expect(await textOf(card.getByTestId('claimed-mark'))).toMatch(/^Claimed \d/);
        expect(await card.getAttribute('aria-checked')).toBe('false');
        expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
        await o.shot('05-done-board-not-offered');
      }
      // The swap: the old board out, an empty moment, the new board in.
      await app.unplug(previousPath);
      if (i === 5) {
        // The empty list after real boards: "Try the demo" is neither primary nor focused.
        const demo = page.getByRole('button', { name: 'Try the demo' });
        await demo.waitFor();
        expect(await demo.getAttribute('class')).not.toContain('MuiButton-contained');
        expect(await focusedText(page)).not.toBe('Try the demo');
        // Enter in the empty moment (the trap of issue 12) must not switch to the demo.
        await page.keyboard.press('Enter');
        expect(await page.getByTestId('demo-chip').count()).toBe(0);
        await o.shot('05-empty-moment');
      }
      const path = await app.plug(nextPort);
      // The new board starts by itself: connect, read and dry run; Claim is focused.
      await act.enterOn('Claim device');
      const pass = await passOf(o, next.serial);
      // Large on the pass screen: serial number, IMEI and the UUID's tail.
      expect(pass).toMatch(/IMEI\d{15}/);
      expect(pass).toContain(`…${uuidOf(i).slice(-6)}`);
      perBoard.push(act.count);
      previous = next;
      previousPath = path;
    }

    // Every board claimed once, none twice; nothing of the demo.
    expect(perBoard).toHaveLength(10);
    expect(Math.max(...perBoard)).toBeLessThanOrEqual(2);
    console.log(`actions per board: ${perBoard.join(', ')}`);
    expect([...app.cloud.claimed().keys()].sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => uuidOf(k + 1)).sort(),
    );
    expect(await page.getByTestId('demo-chip').count()).toBe(0);
    const journal = await app.services.table.listJournal({});
    expect(journal).toHaveLength(10);
    for (let i = 1; i <= 10; i += 1) {
      const entry = journal.find((e) => e.deviceUuid === uuidOf(i));
      expect(entry?.serialNumber).toBe(board(i).serial);
      expect(entry?.imei).toMatch(/^\d{15}$/);
      expect(entry?.claimStatus).toBe('claimed');
    }
    const session = page.getByTestId('session-list');
    expect(await session.getByRole('listitem').count()).toBe(10);
    expect(await textOf(session)).toContain(`SN ${board(10).serial}`);
    expect(await textOf(session)).toMatch(/IMEI \d{15}/);
    await o.shot('10-pass');
    expect(ui.pageErrors).toEqual([]);
  });

  it('with "Claim without asking" on, each plugged board is claimed with no action at all', async () => {
    run = await startOnboarding('auto-claim', []);
    const o = run;
    const { page, app, ui } = o;
    await app.services.table.addApiKey({ apiKey: FAKE_DEMO_KEY });
    // The setting, through the Settings dialog as a technician turns it on once.
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('switch', { name: 'Claim without asking' }).check();
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const act = actions(o);
    for (const i of [30, 33]) {
      const next = board(i);
      await app.plug(await spare(next.port, app.cloud));
      expect(await passOf(o, next.serial)).toContain(next.serial);
      expect(app.cloud.claimed().has(uuidOf(i))).toBe(true);
    }
    expect(act.count).toBe(0);
    await o.shot('auto-claim-pass');
    expect(ui.pageErrors).toEqual([]);
  });

  it('a board unplugged mid-read says "Connection lost" and resumes by itself when it comes back', async () => {
    const serial = '001051200950';
    const uuid = uuidOf(50);
    // A slow bridge, so the read is still going when the cable is pulled.
    const slow = dkPort(serial, 0, {
      firmware: 'at',
      deviceUuid: uuid,
      deviceType: 6,
      chunking: { maxChunkBytes: 8, gapMs: 120 },
    });
    run = await startOnboarding('replug', [slow]);
    const o = run;
    const { page, app, ui } = o;
    await app.services.table.addApiKey({ apiKey: FAKE_DEMO_KEY });
    const act = actions(o);

    const back = await spare(
      dkPort(serial, 0, { firmware: 'at', deviceUuid: uuid, deviceType: 6 }),
      app.cloud,
    );
    await act.enterOn('Connect');
    await page
      .getByTestId('flow-progress')
      .getByText(/^Connected to /)
      .waitFor();
    await app.unplug(app.ports[0]!.path);
    const lost = page.getByTestId('result-lost');
    expect(await textOf(lost.getByRole('heading'))).toBe('Connection lost');
    expect(await textOf(lost)).toContain(
      `the flow resumes by itself when serial number ${serial} comes back`,
    );
    expect(await page.getByText(/Could not connect/).count()).toBe(0);
    await o.shot('01-connection-lost');

    // The same board back (a new port path, the same serial number): no action needed.
    await app.plug(back);
    await act.enterOn('Claim device');
    expect(await passOf(o, serial)).toContain('Claimed');
    expect(act.count).toBe(2);
    expect(app.cloud.claimed().has(uuid)).toBe(true);
    expect(ui.pageErrors).toEqual([]);
  });

  it('a failing board ends on a fail screen with the cause and the fix', async () => {
    const serial = '001051200960';
    run = await startOnboarding('fail', [
      dkPort(serial, 0, { firmware: 'at', deviceUuid: uuidOf(60), attestSupported: false }),
    ]);
    const o = run;
    await expectStep(o.page, 1, 'Select device', 'Select a device');
    await o.page.getByRole('button', { name: 'Connect', exact: true }).click();
    const fail = o.page.getByTestId('result-fail');
    await expect.poll(() => textOf(fail), { timeout: 15_000 }).toContain(serial);
    expect(await textOf(fail.getByTestId('error-code'))).toBe('ATTEST_UNSUPPORTED');
    const explanation = await textOf(fail.getByTestId('result-explanation'));
    expect(explanation).toMatch(/Cause: .+Fix: .+/);
    await o.shot('01-fail');
    expect(o.ui.pageErrors).toEqual([]);
  });
});
