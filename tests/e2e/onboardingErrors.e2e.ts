/**
 * Issue 5's verification, the failures a user meets most: the kit's AT port that does not answer,
 * a port another program holds, and API keys that are malformed or unknown to nRF Cloud.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  connected,
  dkPort,
  expectStep,
  holdPort,
  readToken,
  severityOf,
  startOnboarding,
  submitKey,
  textOf,
  toClaimStep,
  toCopyStep,
  type Onboarding,
  type PortHolderProcess,
} from './flows';

let run: Onboarding | undefined;
let holder: PortHolderProcess | undefined;
afterEach(async () => {
  await holder?.release();
  holder = undefined;
  await run?.close();
  run = undefined;
});

describe('onboarding, recoveries', () => {
  it('wrong port: the silent AT port fails with NO_ANSWER and "Try <other port>" connects in one click', async () => {
    const serial = '001051200011';
    run = await startOnboarding('wrong-port', [
      dkPort(serial, 0, { firmware: 'at', silent: true }),
      dkPort(serial, 2, { firmware: 'at', deviceUuid: '1a2b3c4d-0011-4abc-8def-000000000011' }),
    ]);
    const { page, app, ui } = run;
    const [silent, answering] = [app.ports[0]!.path, app.ports[1]!.path];

    await expectStep(page, 1, 'Select device', 'Select a device');
    expect(await textOf(page.getByTestId('chosen-port'))).toBe(`Chosen port: ${silent}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expectStep(page, 2, 'Connect', 'Connect to the device');
    const notice = page.getByRole('alert').filter({ hasText: `Could not connect to ${silent}` });
    expect(await textOf(notice.getByTestId('error-code'))).toBe('NO_ANSWER');
    expect(await severityOf(notice)).toBe('Error');
    expect(await textOf(notice)).toContain('The AT port may be another one of this board');
    await run.shot('01-no-answer');

    await notice.getByRole('button', { name: `Try ${answering}` }).click();
    const line = await connected(page);
    expect(line).toContain(`Connected to ${answering}`);
    expect(line).toContain('AT host firmware');
    await run.shot('02-other-port');
    expect(await textOf(await readTokenCard(page))).toContain(
      '1a2b3c4d-0011-4abc-8def-000000000011',
    );
    expect(ui.pageErrors).toEqual([]);
  });

  it('busy port: PORT_BUSY names the holder with cause and fix; Retry connects once it is gone', async () => {
    run = await startOnboarding('busy-port', [
      dkPort('001051200012', 0, {
        firmware: 'at',
        deviceUuid: '1a2b3c4d-0012-4abc-8def-000000000012',
      }),
    ]);
    const { page, app, ui } = run;
    const path = app.ports[0]!.path;
    holder = await holdPort(path);

    await expectStep(page, 1, 'Select device', 'Select a device');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: `Could not connect to ${path}` });
    expect(await textOf(notice.getByTestId('error-code'))).toBe('PORT_BUSY');
    // The cause names the process once main has looked it up.
    await notice.getByText(`python3 (pid ${holder.pid}`).waitFor();
    const text = await textOf(notice);
    expect(text).toMatch(/Cause:.*held by .*python3 \(pid \d+/);
    expect(text).toContain('Fix: Close every other program that may have the port open');
    await run.shot('01-busy');

    await holder.release();
    holder = undefined;
    await notice.getByRole('button', { name: 'Retry' }).click();
    expect(await connected(page)).toContain(`Connected to ${path}`);
    expect(await page.getByTestId('error-code').count()).toBe(0);
    await run.shot('02-retried');
    expect(ui.pageErrors).toEqual([]);
  });

  it('API keys: a 39-character key gets the shape message, an unknown key API_KEY_REJECTED with the why', async () => {
    run = await startOnboarding('api-key', [
      dkPort('001051200013', 0, {
        firmware: 'at',
        deviceUuid: '1a2b3c4d-0013-4abc-8def-000000000013',
      }),
    ]);
    const { page, app, ui } = run;
    await expectStep(page, 1, 'Select device', 'Select a device');
    await connect(page);
    await readToken(page);
    await toCopyStep(page);
    await toClaimStep(page);
    const form = page.getByTestId('api-key-form');
    const requestsBefore = app.cloud.requests().length;

    await submitKey(page, '0123456789abcdef0123456789abcdef0123456');
    const shape = form.getByRole('alert');
    expect(await textOf(shape.getByTestId('error-code'))).toBe('API_KEY_MALFORMED');
    const shapeText = await textOf(shape);
    expect(shapeText).toContain('The API key is too short: 39 of 40 characters.');
    // A malformed key never leaves the computer.
    expect(app.cloud.requests().length).toBe(requestsBefore);
    await run.shot('01-malformed');

    await submitKey(page, 'feedfacefeedfacefeedfacefeedfacefeedface');
    await expect.poll(() => textOf(form.getByTestId('error-code'))).toBe('API_KEY_REJECTED');
    const rejected = await textOf(form.getByRole('alert'));
    expect(rejected).toContain('nRF Cloud rejected the API key (HTTP 401');
    // Said once: no second "rejected" sentence of the form's own beside main's.
    expect(rejected.match(/rejected/g)).toHaveLength(1);
    expect(rejected).toContain('Keys are per user and per team');
    expect(rejected).toContain('within 60 minutes');
    expect(app.cloud.requests().some((r) => r.path.endsWith('/account'))).toBe(true);
    expect((await app.services.table.getKeyStatus({})).hasApiKey).toBe(false);
    await run.shot('02-rejected');
    expect(ui.pageErrors).toEqual([]);
  });
});

/** The board screen once the token is read by itself: its result card. */
async function readTokenCard(page: Onboarding['page']) {
  await readToken(page);
  return page.getByTestId('attest-result');
}
