/**
 * Runs the BUILT renderer (out/renderer) in Debian's Chromium through playwright-core, with
 * `window.api` bridged to the same main-process handler table and event bus the preload uses.
 * Every e2e test therefore exercises real main-process code; only Electron itself is absent.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiMethods } from '../../src-shared/ipc/contract';
import { contract } from '../../src-shared/ipc/index';
import { dispatch } from '../../src-main/ipc/dispatch';
import type { AppServices } from '../../src-main/services';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_INDEX = resolve('out/renderer/index.html');
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Serves out/renderer on 127.0.0.1: Chromium refuses module scripts from file:// pages (their
 * origin is null), which Electron allows. The page still runs under the CSP of its index.html.
 */
async function serveRenderer(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, urlPath === '/' ? 'index.html' : urlPath));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export interface LaunchedApp {
  page: Page;
  browser: Browser;
  /** Console errors and uncaught exceptions seen in the page (CSP violations land here too). */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchApp(
  services: AppServices,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<LaunchedApp> {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(
      `${RENDERER_INDEX} is missing: run \`npm run build\` first (npm run test:e2e does).`,
    );
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: run tests/setup/ensure-system-deps.sh (npm test does).`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1200, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });

  await page.exposeBinding('__onboarderInvoke', (_source, channel: string, input: unknown) =>
    dispatch(contract, services.table, channel, input, services.dispatchOptions),
  );
  const detach = services.events.attach((channel, payload) => {
    void page
      .evaluate(
        ([c, p]) =>
          (
            window as unknown as { __onboarderDeliver(c: string, p: unknown): void }
          ).__onboarderDeliver(c, p),
        [channel, payload] as const,
      )
      .catch(() => undefined);
  });
  // The same method table the preload builds, created in the page from the contract's channel list.
  await page.addInitScript((methods) => {
    type Listener = (payload: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    const w = window as unknown as Record<string, unknown> & {
      __onboarderInvoke(channel: string, input: unknown): Promise<unknown>;
    };
    w.__onboarderDeliver = (channel: string, payload: unknown) => {
      listeners.get(channel)?.forEach((listener) => listener(payload));
    };
    const api: Record<string, unknown> = {};
    for (const { method, kind, channel } of methods) {
      api[method] =
        kind === 'invoke'
          ? (input: unknown) => w.__onboarderInvoke(channel, input)
          : (listener: Listener) => {
              const set = listeners.get(channel) ?? new Set<Listener>();
              set.add(listener);
              listeners.set(channel, set);
              return () => set.delete(listener);
            };
    }
    w.api = Object.freeze(api);
  }, apiMethods(contract));

  const { url, server } = await serveRenderer(resolve('out/renderer'));
  await page.goto(url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    page,
    browser,
    pageErrors,
    async screenshot(name) {
      const path = resolve(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      detach();
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
