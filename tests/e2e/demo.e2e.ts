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
  it('starts from the empty device list and walks a Thingy:91 X to connected on nRF Cloud', async () => {
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
    // The demo's shell fetches its credentials from the local cloud: the demo ends connected.
    const pass = page.getByTestId('result-pass');
    expect(await textOf(pass.getByRole('heading').first())).toBe('Connected to nRF Cloud');
    const timeline = await textOf(page.getByTestId('provisioning-timeline'));
    expect(timeline).toContain('Zephyr shell with nrf_provisioning');
    await run.shot('02-demo-connected');
    expect(ui.pageErrors).toEqual([]);
  });
});
