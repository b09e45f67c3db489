/**
 * The one window factory. Every window is hardened the same way: isolated, sandboxed, no Node,
 * no navigation away from our page, no new windows, external links only to an https allowlist.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Shell } from 'electron';
import { isAllowedExternalUrl } from './externalLinks';
import type { WindowBounds } from './persistence/settingsStore';
import { rendererPageMatcher, type RendererPage } from './rendererPage';

export interface WindowFactoryDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
  preloadPath: string;
  /** The page to load: a dev-server URL or the built index.html. */
  load: RendererPage;
  bounds: WindowBounds;
  onBoundsChanged?: (bounds: WindowBounds) => void;
  backgroundColor?: string;
}

/** Web preferences no window may be created without. */
export const hardenedWebPreferences = (preloadPath: string) =>
  ({
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  }) satisfies BrowserWindowConstructorOptions['webPreferences'];

export function createMainWindow(deps: WindowFactoryDeps): BrowserWindow {
  const { bounds } = deps;
  const window = new deps.BrowserWindow({
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x === undefined ? {} : { x: bounds.x }),
    ...(bounds.y === undefined ? {} : { y: bounds.y }),
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Onboarder',
    backgroundColor: deps.backgroundColor ?? '#1e1e1e',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(deps.preloadPath),
  });
  const contents = window.webContents;
  const isOwnPageUrl = rendererPageMatcher(deps.load);

  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void deps.shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPageUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);

  window.once('ready-to-show', () => {
    if (bounds.isMaximized) window.maximize();
    window.show();
  });
  const saveBounds = () => {
    const current = window.getNormalBounds();
    deps.onBoundsChanged?.({ ...current, isMaximized: window.isMaximized() });
  };
  window.on('close', saveBounds);

  if ('url' in deps.load) void window.loadURL(deps.load.url);
  else void window.loadFile(deps.load.file);
  return window;
}
