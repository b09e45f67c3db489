/**
 * The Diagnostics tab end to end (issue 6): real ptys behind the real main-process services. One
 * simulated AT host, one pty another process holds with an exclusive flock, one silent pty. The
 * probes must tell the three apart, name the holder, and the support exports must leak no secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AttestResult, ConnectResult } from '../../src-shared/ipc/serial';
import type { KeyStatus } from '../../src-shared/ipc/cloud';
import type { Result } from '../../src-shared/ipc/errors';
import { maskToken } from '../../src-shared/redact';
import { FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import { launchApp, type LaunchedApp } from './harness';
import { createTestApp, type TestApp, type TestPort } from '../support/testServices';

const isLinux = process.platform === 'linux';
// These read /proc and hold ptys through a Linux flock; elsewhere they are skipped, and say so.
if (!isLinux)
  console.log(
    `[${import.meta.url.split('/').pop()}] SKIPPED: needs Linux (/proc, ptys), not ${process.platform}`,
  );

// How the OS would list them: an nRF9151 DK AT port, a Thingy:91 X port, and an unknown adapter.
const ports: TestPort[] = [
  {
    info: {
      serialNumber: '001051200001',
      vendorId: '1366',
      productId: '1059',
      manufacturer: 'SEGGER',
      pnpId: 'usb-SEGGER_J-Link_001051200001-if00',
    },
    simulator: { firmware: 'at' },
  },
  {
    info: {
      serialNumber: 'THINGY91X_0A1B2C3D4E',
      vendorId: '1915',
      productId: '910a',
      manufacturer: 'Nordic Semiconductor ASA',
      pnpId: 'usb-Nordic_Semiconductor_Thingy_91_X_THINGY91X_0A1B2C3D4E-if00',
    },
    simulator: { firmware: 'at', silent: true },
  },
  {
    info: { vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
    simulator: { firmware: 'at', silent: true },
  },
];

/** python3 holding the pty with an exclusive flock, as minicom or a serial monitor would. */
async function holdPort(path: string): Promise<ChildProcess> {
  const script = [
    'import fcntl,os,sys,time',
    'fd=os.open(sys.argv[1], os.O_RDWR|os.O_NOCTTY)',
    'fcntl.flock(fd, fcntl.LOCK_EX|fcntl.LOCK_NB)',
    "print('held', flush=True)",
    'time.sleep(120)',
  ].join('\n');
  const child = spawn('python3', ['-c', script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    if (line !== 'held') throw new Error(`holder said ${line}`);
  } finally {
    clearTimeout(timer);
  }
  return child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Calls window.api in the page, as the renderer would, and unwraps the Result. */
async function callApi<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ([m, i]) =>
      (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api[
        m as string
      ]!(i),
    [method, input] as const,
  );
  const typed = result as Result<T>;
  if (!typed.ok) throw new Error(`${method} failed: ${typed.error.code} ${typed.error.message}`);
  return typed.value;
}

describe.runIf(isLinux)('Diagnostics tab', () => {
  let app: TestApp;
  let ui: LaunchedApp;
  let holder: ChildProcess | undefined;
  let simPath: string;
  let heldPath: string;
  let silentPath: string;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp({ ports });
    [simPath, heldPath, silentPath] = app.ports.map((p) => p.path) as [string, string, string];
    try {
      holder = await holdPort(heldPath);
      ui = await launchApp(app.services);
    } catch (error) {
      await kill(holder);
      await app.dispose();
      throw error;
    }
    // Secrets for the bundle to leave out: a stored API key and a token in the AT transcript.
    const keys = await callApi<KeyStatus>(ui.page, 'addApiKey', { apiKey: FAKE_DEMO_KEY });
    expect(keys.hasApiKey).toBe(true);
    const session = await callApi<ConnectResult>(ui.page, 'connect', { path: simPath });
    const read = await callApi<AttestResult>(ui.page, 'attest', {
      sessionId: session.sessionId,
      requestId: 'diag-read',
    });
    token = read.token;
    expect(token).toMatch(/^2dn3/);
    await callApi(ui.page, 'disconnect', { sessionId: session.sessionId });
  });

  afterAll(async () => {
    await ui?.close();
    await kill(holder);
    await app?.dispose();
  });

  it('probes every port: the AT host answers, the held port names its holder, the silent one does not answer', async () => {
    const { page } = ui;
    await page.getByRole('tab', { name: 'Diagnostics' }).click();
    await page.getByRole('heading', { name: 'Diagnostics', level: 2 }).waitFor();
    await page.getByTestId('ports-table').waitFor({ timeout: 20_000 });

    const row = (path: string) => page.getByTestId(`port-row-${path}`);
    await expect.poll(() => row(simPath).textContent()).toContain('AT host, answers');
    expect(await row(simPath).textContent()).toContain('nRF9151 DK');
    const held = (await row(heldPath).textContent()) ?? '';
    // The simulator's pty relay has the port open too, but only the process holding the lock is named.
    expect(held).toContain(`Busy (held by python3, pid ${holder?.pid})`);
    expect(held).toContain(`held by python3 (pid ${holder?.pid})`);
    expect(held).toContain('PORT_BUSY');
    await expect
      .poll(() =>
        row(heldPath)
          .getByRole('button', { name: `Who holds ${heldPath}?` })
          .count(),
      )
      .toBe(1);
    const silent = (await row(silentPath).textContent()) ?? '';
    expect(silent.toLowerCase()).toContain('no answer');
    expect(silent).not.toContain('busy');

    const doctor = page.getByTestId('permission-doctor');
    await doctor.locator('[data-testid^="finding-"], .MuiAlert-root').first().waitFor();
    expect(await doctor.locator('.MuiAlert-root').count()).toBeGreaterThan(0);
    await ui.screenshot('diag-ports');
  });

  it('saves a support bundle that holds no API key and only masked tokens, and copies a ticket summary', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Save support bundle' }).click();
    await page.getByText(/^Support bundle saved to /).waitFor();
    const zips = readdirSync(app.savedDir).filter((name) => name.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    const files = unzipSync(readFileSync(join(app.savedDir, zips[0]!)));
    const texts = Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]),
    );
    expect(Object.keys(texts)).toEqual(
      expect.arrayContaining(['summary.txt', 'probes.json', 'transcripts.txt', 'app.log']),
    );
    const everything = Object.values(texts).join('\n');
    const [part1 = '', part2 = ''] = token.split('.');
    expect(everything.toLowerCase()).not.toContain(FAKE_DEMO_KEY.toLowerCase());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(part1);
    expect(everything).not.toContain(part2);
    // The token was read, so the transcript must show it, masked, rather than drop it.
    expect(texts['transcripts.txt']).toContain(maskToken(token));
    expect(texts['probes.json']).toContain(heldPath);
    await ui.screenshot('diag-bundle');

    const copiedBefore = app.copied.length;
    await page.getByRole('button', { name: 'Copy summary for a ticket' }).click();
    await page.getByText('Summary copied.').waitFor();
    expect(app.copied).toHaveLength(copiedBefore + 1);
    const summary = app.copied.at(-1) ?? '';
    expect(summary).toContain('Onboarder 0.0.0-test');
    expect(summary).toContain(
      `${heldPath}: busy (held by python3, pid ${holder?.pid}) [PORT_BUSY]`,
    );
    expect(summary).toContain(`${simPath}: AT host, answers`);
    expect(summary).not.toContain(token);
    expect(summary.toLowerCase()).not.toContain(FAKE_DEMO_KEY.toLowerCase());
    await ui.screenshot('diag-ticket');
    expect(ui.pageErrors).toEqual([]);
  });
});
