/** App info, the user's settings and the API-key summaries (never a key itself). */
import type { AppInfo } from '../../../../src-shared/ipc/app';
import type { KeyStatus } from '../../../../src-shared/ipc/cloud';
import type { PublicSettings } from '../../../../src-shared/ipc/settings';
import type { AppErrorData, Result } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, running, thrownToError, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';

export interface SettingsSlice {
  appInfo: AppInfo | undefined;
  settings: PublicSettings | undefined;
  keyStatus: KeyStatus | undefined;
  keyOp: Op<KeyStatus>;
  settingsError: AppErrorData | undefined;
  loadAppInfo: () => Promise<void>;
  loadSettings: () => Promise<void>;
  updateSettings: (patch: Partial<PublicSettings>) => Promise<boolean>;
  refreshKeyStatus: () => Promise<void>;
  addApiKey: (apiKey: string) => Promise<boolean>;
  setActiveKey: (id: string) => Promise<void>;
  removeKey: (id: string) => Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => {
  /** Runs a key-changing call and keeps the summary in step with main's answer. */
  const keyCall = async (call: () => Promise<Result<KeyStatus>>): Promise<boolean> => {
    set({ keyOp: running() });
    try {
      const result = await call();
      if (!result.ok) {
        set({ keyOp: { status: 'failed', error: result.error } });
        return false;
      }
      set({ keyOp: { status: 'done', value: result.value }, keyStatus: result.value });
      return true;
    } catch (error) {
      set({ keyOp: { status: 'failed', error: thrownToError(error) } });
      return false;
    }
  };

  return {
    appInfo: undefined,
    settings: undefined,
    keyStatus: undefined,
    keyOp: idle,
    settingsError: undefined,

    loadAppInfo: async () => {
      const result = await getApi().getInfo({});
      if (result.ok) set({ appInfo: result.value });
    },

    loadSettings: async () => {
      const result = await getApi().getSettings({});
      if (!result.ok) {
        set({ settingsError: result.error });
        return;
      }
      set({ settings: result.value });
      if (!get().hasEditedTags) set({ tags: [...result.value.claimTags] });
    },

    updateSettings: async (patch) => {
      const result = await getApi().updateSettings(patch);
      if (!result.ok) {
        set({ settingsError: result.error });
        return false;
      }
      set({ settings: result.value, settingsError: undefined });
      if (patch.claimTags) set({ tags: [...result.value.claimTags], hasEditedTags: false });
      return true;
    },

    refreshKeyStatus: async () => {
      const result = await getApi().getKeyStatus({});
      if (result.ok) set({ keyStatus: result.value });
    },

    // Main normalises the paste (quotes, `Bearer `, whitespace) and checks its shape before any
    // request, with a message naming the problem; one rule, in one place.
    addApiKey: async (apiKey) => keyCall(() => getApi().addApiKey({ apiKey })),

    setActiveKey: async (id) => {
      await keyCall(() => getApi().setActiveKey({ id }));
    },

    removeKey: async (id) => {
      await keyCall(() => getApi().removeKey({ id }));
    },
  };
};
