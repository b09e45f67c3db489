/**
 * Issue 12 item 5: axe-core on every screen of the app (the one-device flow's pass and fail
 * screens and the demo banner among them), in light and dark, at the default window
 * and at 1024x640, through the built renderer on the real main-process services. Any serious or
 * critical violation fails, and the report names the screen, the rule, the nodes and the help URL.
 * Screens are reached by roles and labels a user sees, not by the flow's internals.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { axeViolations, formatFindings, type AxeFinding } from './axe';
import {
  connected,
  deviceRadio,
  dkPort,
  readToken,
  startOnboarding,
  submitKey,
  textOf,
  thingyPort,
  toClaimStep,
  toCopyStep,
  type Onboarding,
} from './flows';

const DK_SERIAL = '001051200077';
const DK_UUID = '4f7b2c1e-8a3d-4e6f-9b2a-5c8d1e0f3a77';
const SLOW_SERIAL = 'THINGY91X_00000000A1';
const SILENT_SERIAL = 'THINGY91X_00000000A2';
/** A board whose modem cannot make a token: the flow's fail screen, with cause, fix and code. */
const FAIL_SERIAL = 'THINGY91X_00000000A3';

interface Display {
  name: string;
  colorScheme: 'light' | 'dark';
  viewport: { width: number; height: number };
}
const displays: Display[] = [
  { name: 'light', colorScheme: 'light', viewport: { width: 1200, height: 860 } },
  { name: 'dark', colorScheme: 'dark', viewport: { width: 1200, height: 860 } },
  { name: 'light-1024', colorScheme: 'light', viewport: { width: 1024, height: 640 } },
];

let run: Onboarding | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

/** Checks screens one after another; every finding is kept, so one run reports them all. */
class Audit {
  readonly findings: AxeFinding[] = [];
  readonly screens: string[] = [];
  constructor(
    private readonly o: Onboarding,
    private readonly display: string,
  ) {}

  async check(screen: string): Promise<void> {
    const { page } = this.o;
    // Transitions (dialogs fading in, ripples) finish first: axe judges colours as painted.
    await page.evaluate(() =>
      Promise.race([
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => undefined)),
        ),
        new Promise((done) => setTimeout(done, 2000)),
      ]),
    );
    this.screens.push(screen);
    this.findings.push(...(await axeViolations(page, `${this.display} ${screen}`)));
    await this.o.shot(`${String(this.screens.length).padStart(2, '0')}-${screen}`);
  }

  expectClean(): void {
    const report = formatFindings(this.findings);
    if (report) console.log(report);
    expect(this.findings, `axe found serious or critical violations:\n${report}`).toEqual([]);
    expect(this.o.ui.pageErrors).toEqual([]);
  }
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();
/** A device card by its serial number (two kits of one model are told apart by it). */
const cardOf = (page: Page, serial: string) =>
  page.getByRole('radio', { name: new RegExp(serial) });

async function closeDialog(page: Page, name: RegExp | string, button = 'Close'): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

for (const display of displays) {
  describe(`axe on every screen, ${display.name}`, () => {
    it('the first screen and demo mode', async () => {
      run = await startOnboarding(`a11y-${display.name}-demo`, [], display);
      const audit = new Audit(run, display.name);
      const { page } = run;
      await page.getByText('No device found').waitFor();
      await audit.check('first-screen');

      await page.getByRole('button', { name: 'Try the demo' }).click();
      await page.getByTestId('demo-chip').waitFor();
      await page.getByTestId('demo-banner').waitFor();
      await deviceRadio(page, 'Thingy:91 X').waitFor();
      await audit.check('demo-devices');
      audit.expectClean();
    });

    it('onboarding, station, diagnostics, journal and settings', async () => {
      run = await startOnboarding(
        `a11y-${display.name}`,
        [
          dkPort(DK_SERIAL, 0, { firmware: 'at', deviceUuid: DK_UUID, deviceType: 6 }),
          dkPort(DK_SERIAL, 2, { firmware: 'at', silent: true }),
          // Slow enough to look at the Connecting and Reading screens while they last.
          thingyPort(SLOW_SERIAL, 0, { firmware: 'shell', replyDelayMs: 700 }),
          thingyPort(SILENT_SERIAL, 0, { firmware: 'at', silent: true }),
          thingyPort(FAIL_SERIAL, 0, { firmware: 'at', attestSupported: false }),
        ],
        display,
      );
      const audit = new Audit(run, display.name);
      const { page } = run;

      // The one-device flow, from the device list to the claimed end; picking the card starts it.
      await deviceRadio(page, 'nRF9151 DK').waitFor();
      await audit.check('select-device');
      await deviceRadio(page, 'nRF9151 DK').click();
      await connected(page);
      await audit.check('connected');
      await readToken(page);
      await audit.check('token-read');
      await page.getByRole('button', { name: 'Show AT transcript' }).click();
      await page
        .getByRole('dialog', { name: /^AT transcript/ })
        .getByTestId('transcript')
        .waitFor();
      await audit.check('transcript-dialog');
      await closeDialog(page, /^AT transcript/);
      await toCopyStep(page);
      await audit.check('copy-token');
      await toClaimStep(page);
      await page.getByTestId('api-key-form').waitFor();
      await audit.check('claim-no-key');
      await submitKey(page, FAKE_DEMO_KEY);
      await page.getByTestId('dry-run-result').waitFor();
      await audit.check('ready-to-claim');
      await page.getByRole('button', { name: 'Claim device' }).click();
      await page.getByTestId('claim-outcome').waitFor();
      // The pass screen: large serial number, IMEI and UUID tail.
      await page.getByTestId('result-pass').waitFor();
      await audit.check('claimed');
      await page.getByRole('button', { name: 'Unclaim…' }).click();
      await page.getByRole('dialog', { name: 'Unclaim this device?' }).waitFor();
      await audit.check('unclaim-dialog');
      await closeDialog(page, 'Unclaim this device?', 'Cancel');

      // A slow board: the screens while connecting and reading, and a cancelled read.
      await page.getByRole('button', { name: 'Onboard next device' }).click();
      await cardOf(page, SLOW_SERIAL).click();
      await page.getByText(/^Connecting to /).waitFor();
      await audit.check('connecting');
      await page
        .getByTestId('flow-progress')
        .getByText(/^Connected to /)
        .waitFor({ timeout: 30_000 });
      await audit.check('reading');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('heading', { name: 'Stopped' }).waitFor();
      await audit.check('read-cancelled');
      await page.getByRole('button', { name: 'Onboard next device' }).click();

      // A board that cannot make a token: the fail screen with its cause, fix and code chip.
      await cardOf(page, FAIL_SERIAL).click();
      await page.getByTestId('result-fail').getByTestId('error-code').waitFor({ timeout: 30_000 });
      await page.getByTestId('result-explanation').waitFor();
      await audit.check('read-failed');
      await page.getByRole('button', { name: 'Onboard next device' }).click();

      // A board that does not answer: the failure end of the flow.
      await cardOf(page, SILENT_SERIAL).click();
      await page.getByText(/^Could not connect/).waitFor({ timeout: 30_000 });
      await audit.check('connect-failed');

      await tab(page, 'Station');
      await page.getByRole('heading', { level: 2, name: 'Station' }).waitFor();
      await audit.check('station');

      await tab(page, 'Diagnostics');
      await page.getByTestId('ports-table').waitFor();
      // Every port probed (a kit's second UART stays 'Not probed' on purpose: it is not an AT port).
      await expect.poll(() => page.getByText('Waiting to probe').count()).toBe(0);
      await audit.check('diagnostics');
      await page.getByRole('combobox', { name: 'Port' }).fill(run.app.ports[0]!.path);
      await page.getByRole('button', { name: 'Connect terminal' }).click();
      const command = page.getByRole('textbox', { name: 'AT command' });
      await command.fill('AT+CGSN=1');
      await command.press('Enter');
      await page.getByText('+CGSN:').first().waitFor();
      await audit.check('terminal');
      await page.getByRole('button', { name: 'Disconnect' }).click();

      await tab(page, 'Journal');
      await page.getByTestId('journal-table').waitFor();
      await audit.check('journal');
      await page.getByRole('button', { name: 'Add token' }).click();
      const add = page.getByRole('dialog', { name: 'Add a token' });
      await add.getByRole('textbox').fill('not a token');
      await add.getByText('Not a valid token').waitFor();
      await audit.check('add-token-dialog');
      await closeDialog(page, 'Add a token', 'Cancel');
      await page.getByRole('button', { name: `Discard token of ${DK_UUID}` }).click();
      await page.getByRole('dialog', { name: 'Discard this token?' }).waitFor();
      await audit.check('discard-dialog');
      await closeDialog(page, 'Discard this token?', 'Cancel');

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).getByTestId('api-keys').waitFor();
      await audit.check('settings-dialog');
      await closeDialog(page, 'Settings');

      expect(audit.screens).toHaveLength(21);
      expect(await textOf(page.getByRole('tab', { selected: true }))).toBe('Journal');
      audit.expectClean();
    });
  });
}
