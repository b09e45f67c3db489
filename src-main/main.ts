/**
 * The Electron shell: app lifecycle and one hardened window. Everything it wires is built by
 * createAppServices, which the tests exercise without Electron.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, clipboard, dialog, nativeTheme, safeStorage, shell } from 'electron';
import { startDemoEnvironment } from './demo';
import { nativeBinding } from './serial/portConnection';
import { contract } from '../src-shared/ipc/index';
import { createLogger } from './logging/logger';
import { registerWithElectron } from './ipc/electronIpc';
import { createSenderCheck } from './ipc/senderCheck';
import { resolveDataDir } from './persistence/dataDir';
import { openElectronSettings } from './persistence/electronBackend';
import { chooseRendererPage, rendererPageMatcher } from './rendererPage';
import { createAppServices } from './services';
import { createMainWindow } from './window';

const isDemo = process.argv.includes('--demo') || process.env.ONBOARDER_DEMO === '1';

// The same data folder as `nrf-onboard` (ONBOARDER_DATA_DIR moves both, for tests and portable setups).
app.setPath('userData', resolveDataDir());

// One instance at a time: two windows fighting over one serial port helps nobody.
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = createLogger({ dir: join(dataDir, 'logs') });
  // Never throws: a damaged or unreadable file becomes a notice (see settings.notices).
  const settings = openElectronSettings(dataDir);
  logger.info(
    'app',
    `starting ${app.getVersion()} on ${process.platform}${isDemo ? ' (demo)' : ''}`,
  );

  const chooseSavePath = async (suggestedName: string): Promise<string | null> => {
    const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  const env = process.env;
  const services = await createAppServices({
    info: { name: app.getName(), version: app.getVersion(), platform: process.platform, dataDir },
    dataDir,
    settings,
    logger,
    serial: { binding: await nativeBinding() },
    encryption: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      // getSelectedStorageBackend exists on Linux only; elsewhere the OS key store is always real.
      backend: () =>
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform,
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher)),
    },
    cloudUrlOverrides: {
      ...(env.NRF_CLOUD_API_URL ? { apiBaseUrl: env.NRF_CLOUD_API_URL } : {}),
      ...(env.NRF_CLOUD_PROVISIONING_URL
        ? { provisioningBaseUrl: env.NRF_CLOUD_PROVISIONING_URL }
        : {}),
    },
    startDemo: startDemoEnvironment,
    openExternal: (url) => shell.openExternal(url),
    copyText: (text) => clipboard.writeText(text),
    chooseSavePath,
    saveTextFile: async (suggestedName, content) => {
      const path = await chooseSavePath(suggestedName);
      if (path === null) return null;
      // Exports hold tokens: the owner's alone.
      await writeFile(path, content, { encoding: 'utf8', mode: 0o600 });
      return { path };
    },
  });
  if (isDemo) await services.enableDemo();

  // import.meta.env.DEV is false in every `electron-vite build`, so only `npm run dev` may load
  // (and trust) the dev server named by ELECTRON_RENDERER_URL.
  const load = chooseRendererPage({
    isPackaged: app.isPackaged,
    isDevBuild: import.meta.env.DEV,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    rendererFile: join(import.meta.dirname, '../renderer/index.html'),
  });
  registerWithElectron(
    contract,
    services.table,
    createSenderCheck({
      windowWebContentsId: () => mainWindow?.webContents.id,
      isOwnPageUrl: rendererPageMatcher(load),
    }),
    {
      ...services.dispatchOptions,
      onRefused: (channel) => logger.warn('ipc', `refused ${channel} from an untrusted sender`),
    },
  );

  mainWindow = createMainWindow({
    BrowserWindow,
    shell,
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    load,
    bounds: settings.getWindowBounds(),
    onBoundsChanged: (bounds) => settings.setWindowBounds(bounds),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
  });
  const detach = services.events.attach((channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });
  mainWindow.on('closed', () => {
    detach();
    mainWindow = undefined;
  });
  app.on('before-quit', () => void services.dispose());
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});
app.on('window-all-closed', () => app.quit());
app.whenReady().then(start, (error: unknown) => {
  console.error(error);
  app.exit(1);
});
