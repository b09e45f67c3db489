/**
 * Demo mode for a newcomer with no hardware and no nRF Cloud account: "Try the demo" on the empty
 * device list switches to the built-in simulator and local nRF Cloud, and the whole flow works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_THINGY_UUID } from '../../src-main/sim/transports/demoPorts';
import {
  claimWhenClaimable,
  connected,
  deviceRadio,
  expectStep,
  readToken,
  startOnboarding,
  textOf,
  toClaimStep,
  toCopyStep,
  type Onboarding,
} from './flows';

let run: Onboarding | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

describe('demo mode', () => {
  it('starts from the empty device list and walks to a claimed Thingy:91 X', async () => {
    run = await startOnboarding('demo', []);
    const { page, ui } = run;
    await expectStep(page, 1, 'Select device', 'Select a device');
    await page.getByRole('button', { name: 'Try the demo' }).click();

    await page.getByTestId('demo-chip').waitFor();
    await deviceRadio(page, 'nRF9151 DK').waitFor();
    await run.shot('01-demo-devices');
    // Picking the card starts the board.
    await deviceRadio(page, 'Thingy:91 X').click();
    expect(await connected(page)).toContain('`at `');
    expect(await readToken(page)).toContain(DEMO_THINGY_UUID);
    await toCopyStep(page);
    await toClaimStep(page);
    // The demo's local nRF Cloud key is already in place: no key form, the team is shown.
    expect(await textOf(page.getByText('Demo Team', { exact: false }).first())).toContain(
      'Demo Team',
    );
    expect(await page.getByTestId('api-key-form').count()).toBe(0);
    expect(await claimWhenClaimable(page)).toContain(DEMO_THINGY_UUID);
    await run.shot('02-demo-claimed');
    expect(ui.pageErrors).toEqual([]);
  });
});
