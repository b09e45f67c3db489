/**
 * The Electron shell: app lifecycle and one hardened window. Everything it wires is built by
 * createAppServices, which the tests exercise without Electron.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, clipboard, dialog, ipcMain, nativeTheme, shell } from 'electron';
import { contract } from '../src-shared/ipc/index';
import { createLogger } from './logging/logger';
import { registerHandlers } from './ipc/register';
import { createSenderCheck } from './ipc/senderCheck';
import { openElectronStoreBackend } from './persistence/electronBackend';
import { createSettingsStore } from './persistence/settingsStore';
import { createAppServices } from './services';
import { createMainWindow } from './window';

const isDemo = process.argv.includes('--demo') || process.env.ONBOARDER_DEMO === '1';
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

// One instance at a time: two windows fighting over one serial port helps nobody.
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = createLogger({ dir: join(dataDir, 'logs') });
  const { backend, movedAside } = openElectronStoreBackend(dataDir);
  const settings = createSettingsStore(backend);
  if (movedAside) logger.warn('settings', `corrupt settings file moved to ${movedAside}`);
  logger.info('app', `starting ${app.getVersion()} on ${process.platform}${isDemo ? ' (demo)' : ''}`);

  const services = await createAppServices({
    info: { name: app.getName(), version: app.getVersion(), platform: process.platform, isDemo, dataDir },
    settings,
    logger,
    openExternal: (url) => shell.openExternal(url),
    copyText: (text) => clipboard.writeText(text),
    saveTextFile: async (suggestedName, content) => {
      const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFile(result.filePath, content, 'utf8');
      return { path: result.filePath };
    },
  });

  const rendererFile = join(import.meta.dirname, '../renderer/index.html');
  const load = devServerUrl ? { url: devServerUrl } : { file: rendererFile };
  registerHandlers(
    ipcMain,
    contract,
    services.table,
    createSenderCheck({
      windowWebContentsId: () => mainWindow?.webContents.id,
      allowedUrlPrefixes: devServerUrl ? [devServerUrl] : [`file://${rendererFile}`],
    }),
    {
      onUnexpected: (channel, error) => logger.error('ipc', `handler ${channel} failed`, error),
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
