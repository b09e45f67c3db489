/** Handlers of the `settings` domain. */
import type { settingsChannels } from '../../src-shared/ipc/settings';
import type { HandlerTable } from '../ipc/dispatch';
import type { SettingsStore } from '../persistence/settingsStore';

export function createSettingsHandlers(
  store: SettingsStore,
  onChange?: (keys: string[]) => void,
): HandlerTable<typeof settingsChannels> {
  return {
    getSettings: () => store.getPublicSettings(),
    updateSettings: (patch) => {
      const next = store.updatePublicSettings(patch);
      onChange?.(Object.keys(patch));
      return next;
    },
  };
}
