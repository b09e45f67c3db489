/** Handlers of the `settings` domain. */
import type { PublicSettings, settingsChannels } from '../../src-shared/ipc/settings';
import { requireCloudUrl, type CloudUrlRole } from '../cloud/urlPolicy';
import type { HandlerTable } from '../ipc/dispatch';
import type { SettingsStore } from '../persistence/settingsStore';

const urlRoles = {
  apiBaseUrl: 'api',
  provisioningBaseUrl: 'provisioning',
  portalBaseUrl: 'portal',
} as const satisfies Partial<Record<keyof PublicSettings, CloudUrlRole>>;

/**
 * The renderer may change the cloud URLs only to ones the URL policy allows: a refused URL is
 * CLOUD_URL_NOT_ALLOWED and nothing of the patch is stored. `allowedOrigins` is the developer
 * override from the environment, never from the renderer.
 */
export function createSettingsHandlers(
  store: SettingsStore,
  onChange?: (keys: string[]) => void,
  allowedOrigins: readonly string[] = [],
): HandlerTable<typeof settingsChannels> {
  return {
    getSettings: () => store.getPublicSettings(),
    updateSettings: (patch) => {
      for (const [field, role] of Object.entries(urlRoles)) {
        const url = patch[field as keyof typeof urlRoles];
        if (url !== undefined) requireCloudUrl(url, role, allowedOrigins);
      }
      const next = store.updatePublicSettings(patch);
      onChange?.(Object.keys(patch));
      return next;
    },
  };
}
