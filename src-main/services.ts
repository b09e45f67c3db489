/**
 * Assembles every main-process service and the handler table from injected dependencies. The
 * Electron shell (main.ts), the CLI and the e2e harness all build the app through here.
 */
import { contract, type AppContract } from '../src-shared/ipc/index';
import type { AppInfo } from '../src-shared/ipc/app';
import type { HandlerTable } from './ipc/dispatch';
import { createEventBus, type EventBus } from './ipc/events';
import { createAppHandlers, type AppHandlerDeps } from './handlers/appHandlers';
import { createSettingsHandlers } from './handlers/settingsHandlers';
import type { Logger } from './logging/logger';
import type { SettingsStore } from './persistence/settingsStore';

export interface AppServiceDeps extends Omit<AppHandlerDeps, 'info'> {
  info: AppInfo;
  settings: SettingsStore;
  logger: Logger;
}

export interface AppServices {
  table: HandlerTable<AppContract>;
  events: EventBus<AppContract>;
  dispose(): Promise<void>;
}

export async function createAppServices(deps: AppServiceDeps): Promise<AppServices> {
  const events = createEventBus(contract);
  const table: HandlerTable<AppContract> = {
    ...createAppHandlers(deps),
    ...createSettingsHandlers(deps.settings, (keys) =>
      deps.logger.info('settings', `changed: ${keys.join(', ')}`),
    ),
  };
  return {
    table,
    events,
    dispose: async () => {},
  };
}
