/**
 * Shared pieces of the onboarding e2e tests: kit ports as the OS would list them, one helper per
 * step of the flow (each asserts what the user sees before it moves on), and a process that holds
 * a port open like another terminal program would.
 */
import type { FakeCloudOptions } from '../../src-main/sim/fakeCloud/server';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SimulatorOptions } from '../../src-main/sim/device/options';
import { launchApp, type LaunchedApp } from './harness';
import { createTestApp, type TestApp, type TestPort } from '../support/testServices';

/** One port of an nRF9151 DK (SEGGER probe); Linux names interfaces -if00, -if02 in by-id. */
export function dkPort(serial: string, iface: number, simulator: SimulatorOptions): TestPort {
  return {
    info: {
      serialNumber: serial,
      vendorId: '1366',
      productId: '1059',
      manufacturer: 'SEGGER',
      pnpId: `usb-SEGGER_J-Link_${serial}-if${String(iface).padStart(2, '0')}`,
    },
    simulator,
  };
}

/** One port of a Thingy:91 X (Nordic's own USB bridge). */
export function thingyPort(serial: string, iface: number, simulator: SimulatorOptions): TestPort {
  return {
    info: {
      serialNumber: serial,
      vendorId: '1915',
      productId: '910a',
      manufacturer: 'Nordic Semiconductor ASA',
      pnpId: `usb-Nordic_Semiconductor_Thingy_91_X_${serial}-if${String(iface).padStart(2, '0')}`,
    },
    simulator,
  };
}

/** The app with its simulated devices and the built renderer in Chromium. */
export interface Onboarding {
  app: TestApp;
  ui: LaunchedApp;
  page: Page;
  /** Saves test-results/screenshots/<prefix>-<name>.png. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startOnboarding(
  prefix: string,
  ports: TestPort[],
  /** Colour scheme and window size of the browser (launchApp's defaults otherwise). */
  display: Parameters<typeof launchApp>[1] = {},
  /** Options of the local nRF Cloud (e.g. a team without provisioning rules). */
  cloud?: Omit<FakeCloudOptions, 'port'>,
): Promise<Onboarding> {
  const app = await createTestApp({ ports, ...(cloud === undefined ? {} : { cloud }) });
  let ui: LaunchedApp;
  try {
    ui = await launchApp(app.services, display);
  } catch (error) {
    await app.dispose();
    throw error;
  }
  return {
    app,
    ui,
    page: ui.page,
    shot: (name) => ui.screenshot(`${prefix}-${name}`),
    async close() {
      await ui.close();
      await app.dispose();
    },
  };
}

/** Waits for a step's heading and checks the live region announced it. */
export async function expectStep(page: Page, n: number, name: string, heading: string) {
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
  await expect
    .poll(() => page.getByTestId('step-announcer').textContent())
    .toBe(`Step ${n} of 5: ${name}`);
}

/** The text of a locator once it is attached (auto-waits). */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}

/** The device card (a radio) whose name starts with the kit name. */
export function deviceRadio(page: Page, kitName: string): Locator {
  return page.getByRole('radio', {
    name: new RegExp(`^${kitName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  });
}

/**
 * Connect (one action): the board screen then connects, reads and dry-runs by itself. Waits until
 * it says it is connected; returns that line (path + mode).
 */
export async function connect(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  return connected(page);
}

/** The board screen's "Connected to <path>: <mode>" line, once it is there. */
export async function connected(page: Page): Promise<string> {
  const line = page.getByTestId('flow-progress').getByText(/^Connected to /);
  return textOf(line);
}

/** The token is read by itself: returns the result card's text once it shows. */
export async function readToken(page: Page): Promise<string> {
  return textOf(page.getByTestId('attest-result'));
}

/** Shows the token beside the decision (not a step); returns it as displayed. */
export async function toCopyStep(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Show the token' }).click();
  return textOf(page.getByTestId('token-text'));
}

/** Waits for the one decision (step 4 of 5, Claim). */
export async function toClaimStep(page: Page): Promise<void> {
  await expectStep(page, 4, 'Claim', 'Claim this board?');
}

/** Types a key into the inline form and submits it with the button. */
export async function submitKey(page: Page, key: string): Promise<void> {
  const form = page.getByTestId('api-key-form');
  await form.getByLabel('API key').fill(key);
  await form.getByRole('button', { name: 'Save key' }).click();
}

/** Claims after the automatic dry run said the device is claimable; returns the outcome text. */
export async function claimWhenClaimable(page: Page): Promise<string> {
  expect(await textOf(page.getByTestId('dry-run-result'))).toContain('The device can be claimed.');
  await page.getByRole('button', { name: 'Claim device' }).click();
  await page.getByTestId('result-pass').waitFor();
  return textOf(page.getByTestId('claim-outcome'));
}

/** The MUI severity of an Alert, read from its class (standardSuccess, standardInfo...). */
export async function severityOf(locator: Locator): Promise<string | undefined> {
  const className = (await locator.getAttribute('class')) ?? '';
  return /MuiAlert-color(Success|Info|Warning|Error)\b/.exec(className)?.[1];
}

/** The text of the focused element (for keyboard-only walks). */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

/** Another program holding a port open with an exclusive flock, as a terminal program would. */
export interface PortHolderProcess {
  pid: number;
  release(): Promise<void>;
}

export async function holdPort(path: string): Promise<PortHolderProcess> {
  const script =
    'import fcntl,os,sys,time\n' +
    'fd=os.open(sys.argv[1], os.O_RDWR|os.O_NOCTTY)\n' +
    'fcntl.flock(fd, fcntl.LOCK_EX|fcntl.LOCK_NB)\n' +
    "print('held', flush=True)\n" +
    'time.sleep(120)\n';
  const child: ChildProcess = spawn('python3', ['-c', script, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const release = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(
        () => reject(new Error('holder did not report within 10 s')),
        10_000,
      );
      lines.once('line', (line) => {
        clearTimeout(timer);
        if (line === 'held') resolve();
        else reject(new Error(`holder said ${line}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`holder exited with ${code}: ${stderr}`));
      });
    });
  } catch (error) {
    await release();
    throw error;
  }
  if (child.pid === undefined) throw new Error('holder has no pid');
  return { pid: child.pid, release };
}
