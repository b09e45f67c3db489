/**
 * Assembles every main-process service and the handler table from injected dependencies. The
 * Electron shell (main.ts), the e2e harness and the tests build the app through here; nothing in
 * this file imports Electron.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PortInfo } from '../src-shared/devices/kits';
import type { AppInfo, AppNotice, SavedFile } from '../src-shared/ipc/app';
import { contract, type AppContract } from '../src-shared/ipc/index';
import { CloudService } from './cloud/cloudService';
import { ALLOW_CLOUD_URL_ENV, allowedOriginsFromEnv } from './cloud/urlPolicy';
import type { FetchLike } from './cloud/http';
import { openJournal, openJournalOrUnavailable, type TokenJournal } from './cloud/journal';
import {
  createKeyVault,
  type KeyEncryption,
  type KeyStorage,
  type KeyVault,
} from './cloud/keyVault';
import type { DemoEnvironment } from './demo';
import { DiagnosticsService } from './diagnostics/diagnosticsService';
import { createAppHandlers } from './handlers/appHandlers';
import { createCloudHandlers } from './handlers/cloudHandlers';
import { createDiagnosticsHandlers } from './handlers/diagnosticsHandlers';
import { createJournalHandlers } from './handlers/journalHandlers';
import { createOnboardingHandlers } from './handlers/onboardingHandlers';
import { createSerialHandlers } from './handlers/serialHandlers';
import { createSettingsHandlers } from './handlers/settingsHandlers';
import { createTokenHandlers } from './handlers/tokenHandlers';
import type { DispatchOptions, HandlerTable } from './ipc/dispatch';
import { createEventBus, type EventBus } from './ipc/events';
import type { Logger } from './logging/logger';
import { createNoticeBoard } from './notices';
import { explainError } from './diagnostics/explain';
import { AutoStart } from './onboarding/autoStart';
import { CloudQueue } from './onboarding/cloudQueue';
import { OnboardingService, type JobTarget, type OpenedPort } from './onboarding/onboardingService';
import { provisioningParts } from './onboarding/provisioningParts';
import { reopenKitPort } from './onboarding/reopenPort';
import type { SettingsStore } from './persistence/settingsStore';
import { createRequestRegistry } from './requests';
import type { SerialBinding } from './serial/bindingTypes';
import { SerialService } from './serial/serialService';

export interface AppServiceDeps {
  info: Omit<AppInfo, 'isDemo'>;
  dataDir: string;
  settings: SettingsStore;
  logger: Logger;
  serial: { binding: SerialBinding; list?: () => Promise<PortInfo[]>; pollIntervalMs?: number };
  /** safeStorage in the app; an injected fake in tests. */
  encryption: KeyEncryption;
  fetch?: FetchLike;
  /** Environment overrides of the nRF Cloud base URLs (training servers, tests). */
  cloudUrlOverrides?: { apiBaseUrl?: string; provisioningBaseUrl?: string };
  /** Origins beyond nRF Cloud and loopback the key may go to; default ONBOARDER_ALLOW_CLOUD_URL. */
  allowedCloudOrigins?: readonly string[];
  /** Starts the simulator + local nRF Cloud; called by "Try the demo" or --demo. */
  startDemo: () => Promise<DemoEnvironment>;
  openExternal: (url: string) => Promise<void>;
  copyText: (text: string) => void | Promise<void>;
  saveTextFile: (suggestedName: string, content: string) => Promise<SavedFile | null>;
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  platform?: NodeJS.Platform;
}

export interface AppServices {
  table: HandlerTable<AppContract>;
  /** Logging hooks for whichever transport dispatches calls (ipcMain or the e2e harness). */
  dispatchOptions: DispatchOptions;
  events: EventBus<AppContract>;
  serial: SerialService;
  onboarding: OnboardingService;
  enableDemo(): Promise<AppInfo>;
  dispose(): Promise<void>;
}

/** A vault whose "encryption" is the identity: only for the demo's fake key, never a real one. */
const demoVault = (): KeyVault => {
  let stored: ReturnType<KeyStorage['read']>;
  return createKeyVault({
    storage: { read: () => stored, write: (v) => (stored = v) },
    encryption: {
      isAvailable: () => true,
      backend: () => 'demo (in memory)',
      encrypt: (plain) => new TextEncoder().encode(plain),
      decrypt: (cipher) => new TextDecoder().decode(cipher),
    },
  });
};

export async function createAppServices(deps: AppServiceDeps): Promise<AppServices> {
  const { settings, logger } = deps;
  const events = createEventBus(contract);
  const requests = createRequestRegistry();
  const notices = createNoticeBoard((list) => events.emit('noticesChanged', list));
  const notify = (notice: AppNotice | undefined) => {
    if (!notice) return;
    logger.warn(
      'notice',
      `${notice.code}: ${notice.message}${notice.detail ? `\n${notice.detail}` : ''}`,
    );
    notices.add(notice);
  };
  settings.notices.forEach(notify);
  let demo: DemoEnvironment | undefined;

  const realVault = createKeyVault({
    storage: {
      read: () => settings.getApiKeysBlob() as ReturnType<KeyStorage['read']>,
      write: (value) => settings.setApiKeysBlob(value),
    },
    encryption: deps.encryption,
  });
  mkdirSync(deps.dataDir, { recursive: true });
  const opened = openJournalOrUnavailable(deps.dataDir);
  const realJournal = opened.journal;
  let vault: KeyVault = realVault;
  let journal: TokenJournal = realJournal;
  notify(opened.notice);

  const binding = () => demo?.binding ?? deps.serial.binding;
  const journalChanged = () => events.emit('journalChanged', journal.list());

  const serial = new SerialService({
    binding,
    // A real list (with ptys added in tests) until demo mode swaps in the simulated ports.
    list: () =>
      demo ? demo.binding.list() : (deps.serial.list ?? (() => deps.serial.binding.list()))(),
    ...(deps.serial.pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: deps.serial.pollIntervalMs }),
    lineSettings: () => {
      const { baudRate, rtscts } = settings.getPublicSettings();
      return { baudRate, rtscts };
    },
    lastUsed: {
      get: () => settings.getLastUsedDeviceSerial(),
      set: (serialNumber) => settings.setLastUsedDeviceSerial(serialNumber),
    },
    requests,
    onDevicesChanged: (change) => events.emit('devicesChanged', change.snapshot),
    onProgress: (requestId, step) => events.emit('progress', { requestId, step }),
    onSessionClosed: (info) => {
      if (info.reason)
        logger.warn('serial', `${info.path} closed: ${info.reason.code} ${info.reason.message}`);
      events.emit('sessionClosed', info);
    },
  });

  // From the environment only: nothing the renderer sends can widen where the key goes.
  const allowedOrigins = deps.allowedCloudOrigins ?? allowedOriginsFromEnv(process.env);
  if (allowedOrigins.length > 0) {
    logger.warn(
      'cloud',
      `${ALLOW_CLOUD_URL_ENV} allows the API key to go to ${allowedOrigins.join(', ')} (developer override)`,
    );
  }
  // One queue for every nRF Cloud call of the app: jobs, the one-device flow and claim pending.
  const queue = new CloudQueue({ onChange: () => onboarding.queueChanged() });

  const cloud = new CloudService({
    vault: () => vault,
    journal: () => journal,
    urls: () => {
      const prefs = settings.getPublicSettings();
      return {
        apiBaseUrl: demo?.apiBaseUrl ?? deps.cloudUrlOverrides?.apiBaseUrl ?? prefs.apiBaseUrl,
        provisioningBaseUrl:
          demo?.provisioningBaseUrl ??
          deps.cloudUrlOverrides?.provisioningBaseUrl ??
          prefs.provisioningBaseUrl,
        portalBaseUrl: prefs.portalBaseUrl,
      };
    },
    defaultTags: () => settings.getPublicSettings().claimTags,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    onRetry: (notice) => events.emit('retryScheduled', notice),
    onRateLimited: (delayMs, reason) => queue.backOff(delayMs, reason),
    queueAdapter: (adapter) => queue.wrap(adapter),
    onJournalChanged: journalChanged,
    allowedOrigins,
    onUrlOverride: (notice) => logger.warn('cloud', notice),
  });

  const platform = deps.platform ?? process.platform;
  const connectKit = async (target: JobTarget): Promise<OpenedPort> => {
    const { sessionId } = await serial.connect({
      path: target.path,
      deviceSerial: target.serialNumber,
      heldBy: 'onboarding',
    });
    return { session: serial.sessionOf(sessionId), release: () => serial.disconnect(sessionId) };
  };
  const onboarding: OnboardingService = new OnboardingService({
    connect: connectKit,
    reopen: (target, signal) =>
      reopenKitPort({ target, poll: () => serial.watcher.poll(), connect: connectKit, signal }),
    provisioning: provisioningParts(),
    provisioningSettings: () => {
      const prefs = settings.getPublicSettings();
      return { isOn: prefs.isProvisioningOn, timeoutMs: prefs.provisioningTimeoutS * 1000 };
    },
    journal: () => journal,
    cloud: () => cloud.unqueuedAccess('onboarding'),
    queue,
    defaultTags: () => settings.getPublicSettings().claimTags,
    explain: (error, path) => explainError(error, { platform, path }),
    onChange: (change) => events.emit('jobChanged', change),
    onJournalChanged: journalChanged,
  });
  const auto = new AutoStart({
    service: onboarding,
    devices: () => serial.watcher.snapshot?.devices ?? [],
  });
  serial.watcher.onChange((change) => auto.onDevicesChanged(change));

  const diagnostics = new DiagnosticsService({
    serial,
    binding,
    appVersion: deps.info.version,
    ...(deps.platform ? { platform: deps.platform } : {}),
    logText: () => logger.recentText(),
    chooseBundlePath: deps.chooseSavePath,
    copyText: deps.copyText,
    extra: () => ({
      isDemo: demo !== undefined,
      settings: settings.getPublicSettings(),
      keys: vault.status(),
    }),
  });

  const info = (): AppInfo => ({ ...deps.info, isDemo: demo !== undefined });

  const enableDemo = async (): Promise<AppInfo> => {
    if (demo) return info();
    const environment = await deps.startDemo();
    const demoDir = join(deps.dataDir, 'demo');
    mkdirSync(demoDir, { recursive: true });
    demo = environment;
    vault = demoVault();
    journal = openJournal(demoDir);
    notify(journal.damage);
    await cloud.addApiKey(environment.demoKey);
    logger.info('app', 'demo mode: simulated devices and local nRF Cloud');
    await serial.watcher.poll();
    journalChanged();
    return info();
  };

  /** Back to the real ports, key and journal; the demo's jobs stop, its journal goes unless kept. */
  const disableDemo = async ({ keepJournal }: { keepJournal: boolean }): Promise<AppInfo> => {
    const environment = demo;
    if (environment === undefined) return info();
    for (const job of onboarding.list()) onboarding.cancel(job.id);
    demo = undefined;
    vault = realVault;
    journal = realJournal;
    await environment.dispose();
    if (!keepJournal) rmSync(join(deps.dataDir, 'demo'), { recursive: true, force: true });
    logger.info('app', `left demo mode${keepJournal ? ' (demo journal kept)' : ''}`);
    await serial.watcher.poll();
    journalChanged();
    return info();
  };

  const table: HandlerTable<AppContract> = {
    ...createAppHandlers({ ...deps, info, enableDemo, disableDemo, notices }),
    ...createSettingsHandlers(
      settings,
      (keys) => logger.info('settings', `changed: ${keys.join(', ')}`),
      allowedOrigins,
    ),
    ...createSerialHandlers({
      serial,
      journal: () => journal,
      requests,
      onJournalChanged: journalChanged,
    }),
    ...createTokenHandlers(),
    ...createCloudHandlers({ cloud: () => cloud, requests }),
    ...createJournalHandlers({
      journal: () => journal,
      cloud: () => cloud,
      requests,
      saveTextFile: deps.saveTextFile,
      onJournalChanged: journalChanged,
    }),
    ...createDiagnosticsHandlers(diagnostics),
    ...createOnboardingHandlers({
      onboarding,
      auto,
      queue,
      snapshot: () => serial.snapshot(),
      saveTextFile: deps.saveTextFile,
    }),
  };

  // Polled calls would drown the log; everything else is one line with its outcome.
  const quietChannels = new Set([
    'serial:list-devices',
    'journal:list-journal',
    'cloud:get-key-status',
    'app:get-info',
    'serial:get-transcript',
    'onboarding:list-jobs',
  ]);
  const dispatchOptions: DispatchOptions = {
    onUnexpected: (channel, error) => logger.error('ipc', `handler ${channel} failed`, error),
    onResult: (channel, result, ms) => {
      if (result.ok && quietChannels.has(channel)) return;
      if (result.ok) logger.info('ipc', `${channel} ok (${ms} ms)`);
      else
        logger.warn('ipc', `${channel} ${result.error.code}: ${result.error.message} (${ms} ms)`);
    },
  };

  serial.start();
  return {
    table,
    dispatchOptions,
    events,
    serial,
    onboarding,
    enableDemo,
    dispose: async () => {
      requests.cancelAll();
      await onboarding.dispose();
      queue.dispose();
      await serial.dispose();
      await demo?.dispose();
    },
  };
}
