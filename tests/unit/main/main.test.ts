/**
 * The Electron shell (src-main/main.ts) started with Electron mocked: which page the window loads
 * and which senders its IPC handlers trust, packaged and unpackaged, with ELECTRON_RENDERER_URL set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
type IpcHandler = (event: unknown, input: unknown) => unknown;

const WEB_CONTENTS_ID = 41;

function fakeElectron(isPackaged: boolean, userData: string) {
  const handlers = new Map<string, IpcHandler>();
  const appListeners = new Map<string, Listener>();
  const windows: Array<{ loaded: { file: string } | { url: string } }> = [];
  class FakeBrowserWindow {
    loaded: { file: string } | { url: string } = { url: '' };
    webContents = {
      id: WEB_CONTENTS_ID,
      on: () => undefined,
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
      session: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} },
    };
    constructor() {
      windows.push(this);
    }
    on() {}
    once() {}
    isDestroyed = () => false;
    loadFile(file: string) {
      this.loaded = { file };
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged,
    getName: () => 'Onboarder',
    getVersion: () => '0.0.0-test',
    getPath: () => userData,
    setPath: () => undefined,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    exit: () => undefined,
    on: (name: string, listener: Listener) => appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
  };
  const ipcMain = {
    handle: (channel: string, handler: IpcHandler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: () => undefined,
  };
  const shell = { openExternal: async () => undefined, openPath: async () => '' };
  const named = {
    app,
    ipcMain,
    shell,
    BrowserWindow: FakeBrowserWindow,
    clipboard: { writeText: async () => undefined },
    dialog: { showSaveDialog: async () => ({ canceled: true }) },
    nativeTheme: { shouldUseDarkColors: false },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  };
  return { module: { ...named, default: named }, handlers, appListeners, windows };
}

// Removed after all tests: disposing the services on before-quit finishes asynchronously.
const userDataDirs: string[] = [];

async function startMain(options: { isPackaged: boolean; rendererUrl: string }) {
  const userData = mkdtempSync(join(tmpdir(), 'onboarder-main-'));
  userDataDirs.push(userData);
  const electron = fakeElectron(options.isPackaged, userData);
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  vi.stubEnv('ELECTRON_RENDERER_URL', options.rendererUrl);
  vi.stubEnv('ONBOARDER_DATA_DIR', userData);
  await import('../../../src-main/main');
  await vi.waitFor(() => {
    if (electron.windows.length === 0 || !electron.handlers.has('app:get-info')) {
      throw new Error('main has not opened its window yet');
    }
  });
  // A refusal is returned synchronously, an answer from a handler as a promise.
  const call = async (frameUrl: string) =>
    (await electron.handlers.get('app:get-info')?.(
      { sender: { id: WEB_CONTENTS_ID }, senderFrame: { url: frameUrl, parent: null } },
      {},
    )) as { ok: boolean; error?: { code: string } };
  return { electron, loaded: electron.windows[0]!.loaded, call };
}

afterEach(() => {
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
});
afterAll(() => {
  for (const dir of userDataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('main.ts with Electron mocked', () => {
  it('a packaged app started with ELECTRON_RENDERER_URL loads and trusts only its own file', async () => {
    const { electron, loaded, call } = await startMain({
      isPackaged: true,
      rendererUrl: 'https://evil.example/',
    });
    try {
      expect(loaded).toEqual({ file: expect.stringMatching(/[/\\]renderer[/\\]index\.html$/) });
      const ownUrl = pathToFileURL('file' in loaded ? loaded.file : '').href;
      await expect(call(ownUrl)).resolves.toMatchObject({ ok: true });
      await expect(call('https://evil.example/')).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      });
    } finally {
      electron.appListeners.get('before-quit')?.();
    }
  });

  it('an unpackaged dev run loads and trusts the dev server instead', async () => {
    const { electron, loaded, call } = await startMain({
      isPackaged: false,
      rendererUrl: 'http://localhost:5173',
    });
    try {
      // vitest runs with import.meta.env.DEV true, like electron-vite dev.
      expect(loaded).toEqual({ url: 'http://localhost:5173' });
      await expect(call('http://localhost:5173/')).resolves.toMatchObject({ ok: true });
      await expect(call('http://localhost:5174/')).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      });
    } finally {
      electron.appListeners.get('before-quit')?.();
    }
  });
});
