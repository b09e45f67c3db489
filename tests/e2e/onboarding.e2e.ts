/**
 * Issue 5's verification, happy paths: the whole onboarding flow through the built renderer, real
 * main-process services, simulated devices on real ptys and the local nRF Cloud.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import {
  claimWhenClaimable,
  connected,
  connect,
  deviceRadio,
  dkPort,
  expectStep,
  focusedText,
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

const DK_SERIAL = '001051200001';
const THINGY_SERIAL = 'THINGY91X_A1B2C3D4E5F6';

// Control bytes (line endings, the shell's Ctrl-U line clear) are not part of a command.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\x00-\x1f]/g;
const commandOf = (sent: string) => sent.replace(CONTROL, '').trim();

let run: Onboarding | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

/** Claim POSTs (not dry runs) the local nRF Cloud has received. */
const claimPosts = (o: Onboarding) =>
  o.app.cloud.requests().filter((r) => r.method === 'POST' && /claimed-devices$/.test(r.path));

describe('onboarding, happy paths', () => {
  it('AT-host nRF9151 DK: select, connect, attest, copy, claim with an inline key', async () => {
    const uuid = '4f7b2c1e-8a3d-4e6f-9b2a-5c8d1e0f3a7b';
    run = await startOnboarding('happy-at', [
      dkPort(DK_SERIAL, 0, { firmware: 'at', deviceUuid: uuid, deviceType: 6 }),
      dkPort(DK_SERIAL, 2, { firmware: 'at', silent: true }),
    ]);
    const { page, app, ui } = run;
    const atPath = app.ports[0]!.path;

    // Step 1: the only device is preselected, with its AT port (interface 0) chosen.
    await expectStep(page, 1, 'Select device', 'Select a device');
    const card = deviceRadio(page, 'nRF9151 DK');
    await expect.poll(() => card.getAttribute('aria-checked')).toBe('true');
    expect(await textOf(card)).toContain(`Serial number: ${DK_SERIAL}`);
    expect(await textOf(card)).toContain('2 ports');
    expect(await textOf(page.getByTestId('chosen-port'))).toBe(`Chosen port: ${atPath}`);
    await run.shot('01-select');

    // Step 2: the mode in words.
    const connected = await connect(page);
    expect(connected).toContain(`Connected to ${atPath}`);
    expect(connected).toContain('AT host firmware: commands are sent as they are.');
    await run.shot('02-connect');

    // Step 3: what the token says.
    const result = await readToken(page);
    expect(result).toContain(uuid);
    expect(result).toContain('nRF9151 DK (nRF9151 LACA)');
    expect(result).toContain('mfw_nrf91x1_2.0.2');
    await run.shot('03-attest');

    // Step 4: the token, copied whole, and journaled before any claim.
    const token = await toCopyStep(page);
    expect(token).toMatch(/^2dn3hQFQ[\w-]+\.0oRDoQEmoQRBIfZYQ[\w-]+$/);
    await page.getByRole('button', { name: 'Copy token' }).click();
    expect(await textOf(page.getByTestId('copied'))).toBe(`Copied - ends in ${token.slice(-6)}`);
    expect(app.copied).toEqual([token]);
    // Copying is beside the decision, not a step: Claim is still the step being worked on.
    await toClaimStep(page);
    const journal = await app.services.table.listJournal({});
    expect(journal.map((e) => [e.token, e.deviceUuid, e.claimStatus, e.serialNumber])).toEqual([
      [token, uuid, 'unclaimed', DK_SERIAL],
    ]);
    expect(readFileSync(join(app.dataDir, 'token-journal.jsonl'), 'utf8')).toContain(token);
    expect(claimPosts(run)).toEqual([]);
    await run.shot('04-copy');
    // The README picture (assets/screenshot-onboarding.png): the same screen without the focus ripple.
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('.MuiTouchRipple-child').first().waitFor({ state: 'detached' });
    await run.shot('04-copy-readme');

    // No key yet, so the form is inline; the key names its team, the dry run runs itself.
    await page.getByRole('heading', { name: 'Add your nRF Cloud API key' }).waitFor();
    await run.shot('05-claim-key');
    await submitKey(page, FAKE_DEMO_KEY);
    await page.getByText('Team Demo Team (owner)').waitFor();
    expect(await page.getByTestId('api-key-form').count()).toBe(0);
    const outcome = await claimWhenClaimable(page);
    expect(outcome).toContain('Device claimed');
    expect(outcome).toContain(`Device id: ${uuid}`);
    expect(await severityOf(page.getByTestId('claim-outcome'))).toBe('Success');
    const claimed = app.cloud.claimed().get(uuid);
    expect(claimed?.teamName).toBe('Demo Team');
    expect(claimed?.tags).toContain('nrf-cloud-onboarding');
    const entry = (await app.services.table.listJournal({})).find((e) => e.token === token);
    expect(entry?.claimStatus).toBe('claimed');

    await page.getByRole('button', { name: 'Open in nRF Cloud' }).click();
    await expect.poll(() => app.opened).toHaveLength(1);
    expect(app.opened[0]).toMatch(/^https:\/\/nrfcloud\.com\//);
    expect(app.opened[0]).toContain(uuid);
    expect(await textOf(page.getByTestId('session-list'))).toContain(uuid);
    await run.shot('06-claimed');
    expect(ui.pageErrors).toEqual([]);
  });

  it('Zephyr-shell Thingy:91 X: the plain AT attempt, `command not found`, then the `at ` resend', async () => {
    const uuid = '1a2b3c4d-0002-4abc-8def-000000000002';
    // A slow bridge (12-byte pieces, 80 ms apart) hides the prompt while the port is drained after
    // opening, so the app cannot tell the shell in advance and must learn it from the reply.
    run = await startOnboarding('happy-shell', [
      thingyPort(THINGY_SERIAL, 0, {
        firmware: 'shell',
        deviceUuid: uuid,
        chunking: { maxChunkBytes: 12, gapMs: 80 },
      }),
    ]);
    const { page, app, ui } = run;
    const path = app.ports[0]!.path;

    await expectStep(page, 1, 'Select device', 'Select a device');
    await expect
      .poll(() => deviceRadio(page, 'Thingy:91 X').getAttribute('aria-checked'))
      .toBe('true');
    await run.shot('01-select');
    const connected = await connect(page);
    expect(connected).toContain('Zephyr shell: commands are sent with the `at ` prefix.');
    await run.shot('02-connect');

    const result = await readToken(page);
    expect(result).toContain(uuid);
    expect(result).toContain('Thingy:91 X (nRF9151 LACA)');
    await run.shot('03-attest');

    // Main's transcript of the port: the plain attempt, the shell's refusal, then the prefixed commands.
    const transcript = await app.services.table.getTranscript({ path });
    const sent = transcript.filter((e) => e.dir === 'tx').map((e) => commandOf(e.text));
    const received = transcript.filter((e) => e.dir === 'rx').map((e) => e.text);
    expect(sent.slice(0, 3)).toEqual(['', 'AT', 'at AT']);
    expect(received.some((text) => /AT: command not found/.test(text))).toBe(true);
    expect(sent).toContain('at AT%ATTESTTOKEN');
    expect(sent).not.toContain('AT%ATTESTTOKEN');
    const notes = transcript.filter((e) => e.dir === 'note').map((e) => e.text);
    expect(notes.join('\n')).toMatch(/command not found.*Zephyr shell/);

    // The same story in the transcript dialog the user can open.
    await page.getByRole('button', { name: 'Show AT transcript' }).click();
    const dialog = page.getByRole('dialog', { name: /^AT transcript/ });
    const shown = await textOf(dialog.getByTestId('transcript'));
    expect(shown).toContain('AT: command not found');
    expect(shown).toContain('at AT%ATTESTTOKEN');
    await run.shot('04-transcript');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const token = await toCopyStep(page);
    expect(token.startsWith('2dn3hQFQ')).toBe(true);
    expect(ui.pageErrors).toEqual([]);
  });

  it('walks the whole flow with the keyboard alone (a shell whose prompt shows at once)', async () => {
    const uuid = '1a2b3c4d-0003-4abc-8def-000000000003';
    run = await startOnboarding('keyboard', [
      thingyPort('THINGY91X_0000000000C3', 0, { firmware: 'shell', deviceUuid: uuid }),
    ]);
    const { page, app, ui } = run;
    const { keyboard } = page;
    /** Waits until the named button has focus, then presses Enter on it. */
    const enterOn = async (name: string) => {
      await expect.poll(() => focusedText(page)).toBe(name);
      await keyboard.press('Enter');
    };

    await expectStep(page, 1, 'Select device', 'Select a device');
    await enterOn('Connect');
    expect(await connected(page)).toContain('`at ` prefix');
    // Read and dry run run by themselves: the next thing asked for is the decision (here the key).
    expect(await readToken(page)).toContain(uuid);
    await toClaimStep(page);

    // The key field takes focus; Tab reaches Save key, Enter submits.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('password');
    await keyboard.type(FAKE_DEMO_KEY);
    await keyboard.press('Tab');
    await enterOn('Save key');
    await page.getByText('Team Demo Team (owner)').waitFor();
    await page.getByTestId('dry-run-result').waitFor();
    await enterOn('Claim device');
    expect(await textOf(page.getByTestId('claim-outcome'))).toContain(`Device id: ${uuid}`);
    expect(await textOf(page.getByTestId('result-pass'))).toContain('THINGY91X_0000000000C3');
    expect(app.cloud.claimed().has(uuid)).toBe(true);
    await run.shot('claimed');
    await enterOn('Onboard next device');
    await expectStep(page, 1, 'Select device', 'Select a device');
    // The board just claimed is marked and not offered again.
    const card = deviceRadio(page, 'Thingy:91 X');
    expect(await textOf(card.getByTestId('claimed-mark'))).toMatch(/^Claimed \d/);
    expect(await card.getAttribute('aria-checked')).toBe('false');
    expect(ui.pageErrors).toEqual([]);
  });
});
