import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/externalLinks';
import { createMainWindow } from '../../../src-main/window';
import { chooseRendererPage, type RendererPage } from '../../../src-main/rendererPage';
import { injectCsp, productionCsp } from '../../../src-main/csp';

type Listener = (...args: unknown[]) => void;

function fakeBrowserWindow() {
  const created: Array<{ options: Record<string, unknown>; instance: FakeWindow }> = [];
  class FakeWindow {
    listeners = new Map<string, Listener>();
    contentsListeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    permissionRequest: Listener | undefined;
    permissionCheck: (() => boolean) | undefined;
    loaded: string | undefined;
    webContents = {
      setWindowOpenHandler: (h: (details: { url: string }) => { action: string }) =>
        (this.openHandler = h),
      on: (name: string, l: Listener) => this.contentsListeners.set(name, l),
      session: {
        setPermissionRequestHandler: (h: Listener) => (this.permissionRequest = h),
        setPermissionCheckHandler: (h: () => boolean) => (this.permissionCheck = h),
      },
    };
    constructor(options: Record<string, unknown>) {
      created.push({ options, instance: this });
    }
    once(name: string, l: Listener) {
      this.listeners.set(name, l);
    }
    on(name: string, l: Listener) {
      this.listeners.set(name, l);
    }
    loadFile(file: string) {
      this.loaded = `file://${file}`;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {}
    maximize() {}
  }
  return { FakeWindow, created };
}

describe('createMainWindow', () => {
  const make = (load: RendererPage = { file: '/app/out/renderer/index.html' }) => {
    const { FakeWindow, created } = fakeBrowserWindow();
    const shell = { openExternal: vi.fn(async () => undefined) };
    createMainWindow({
      BrowserWindow: FakeWindow as never,
      shell,
      preloadPath: '/app/out/preload/index.cjs',
      load,
      bounds: { width: 1000, height: 700, isMaximized: false },
    });
    const { options, instance } = created[0]!;
    return { options, instance, shell };
  };

  it('hardens the web preferences', () => {
    const { options } = make();
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('denies every new window and opens only allowlisted https links outside', () => {
    const { instance, shell } = make();
    expect(instance.openHandler?.({ url: 'https://nrfcloud.com/#/devices/x' })).toEqual({
      action: 'deny',
    });
    expect(shell.openExternal).toHaveBeenCalledWith('https://nrfcloud.com/#/devices/x');
    expect(instance.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(instance.openHandler?.({ url: 'http://nrfcloud.com/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks navigation away from our page, webviews and every permission request', () => {
    const { instance } = make();
    const preventDefault = vi.fn();
    instance.contentsListeners.get('will-navigate')?.({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledOnce();
    const keep = vi.fn();
    instance.contentsListeners.get('will-navigate')?.(
      { preventDefault: keep },
      'file:///app/out/renderer/index.html',
    );
    expect(keep).not.toHaveBeenCalled();
    const webview = vi.fn();
    instance.contentsListeners.get('will-attach-webview')?.({ preventDefault: webview });
    expect(webview).toHaveBeenCalledOnce();
    const callback = vi.fn();
    instance.permissionRequest?.({}, 'serial', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(instance.permissionCheck?.()).toBe(false);
    expect(instance.loaded).toBe('file:///app/out/renderer/index.html');
  });

  it('recognises its own page in the percent-encoded form Chromium reports', () => {
    const { instance } = make({ file: '/home/jörg/Önboarder apps/out/renderer/index.html' });
    const navigate = (url: string) => {
      const preventDefault = vi.fn();
      instance.contentsListeners.get('will-navigate')?.({ preventDefault }, url);
      return preventDefault.mock.calls.length === 0;
    };
    const own = 'file:///home/j%C3%B6rg/%C3%96nboarder%20apps/out/renderer/index.html';
    expect(navigate(own)).toBe(true);
    expect(navigate(`${own}?next=1`)).toBe(false);
    expect(navigate('file:///home/j%C3%B6rg/%C3%96nboarder%20apps/out/renderer/other.html')).toBe(
      false,
    );
  });

  it('in a packaged app started with ELECTRON_RENDERER_URL, loads its file and stays there', () => {
    const load = chooseRendererPage({
      isPackaged: true,
      isDevBuild: false,
      devServerUrl: 'https://evil.example/',
      rendererFile: '/app/out/renderer/index.html',
    });
    const { instance } = make(load);
    expect(instance.loaded).toBe('file:///app/out/renderer/index.html');
    const preventDefault = vi.fn();
    instance.contentsListeners.get('will-navigate')?.({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://nrfcloud.com/#/devices/abc', true],
    ['https://docs.nordicsemi.com/bundle/x', true],
    ['http://nrfcloud.com/', false],
    ['https://nrfcloud.com.evil.example/', false],
    ['https://user@nrfcloud.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});

describe('the Content-Security-Policy', () => {
  it('allows no remote or inline scripts, no eval, and no connections beyond self', () => {
    const directives = Object.fromEntries(
      productionCsp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['style-src']).toContain("'unsafe-inline'");
    expect(productionCsp).not.toContain('unsafe-eval');
  });

  it('is injected as the first element of head', () => {
    const html = injectCsp('<html><head><title>x</title></head></html>', productionCsp);
    expect(html).toMatch(
      /<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    );
  });
});
