/** App info, the user's settings and the API-key summaries (never a key itself). */
import type { AppInfo } from '../../../../src-shared/ipc/app';
import type { KeyStatus } from '../../../../src-shared/ipc/cloud';
import type { PublicSettings } from '../../../../src-shared/ipc/settings';
import type { AppErrorData, Result } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, running, thrownToError, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';

const API_KEY_SHAPE = /^[0-9a-fA-F]{40}$/;

/** What exactly is wrong with a pasted key, so the user knows what to fix. */
function keyShapeProblem(key: string): string {
  const bad = key.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return `Character ${bad + 1} ('${key.charAt(bad)}') is not 0-9 or a-f.`;
  return `The key has ${key.length} of 40 characters.`;
}

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

    addApiKey: async (apiKey) => {
      const trimmed = apiKey.trim();
      if (!API_KEY_SHAPE.test(trimmed)) {
        set({
          keyOp: {
            status: 'failed',
            error: { code: 'API_KEY_MALFORMED', message: keyShapeProblem(trimmed) },
          },
        });
        return false;
      }
      return keyCall(() => getApi().addApiKey({ apiKey: trimmed }));
    },

    setActiveKey: async (id) => {
      await keyCall(() => getApi().setActiveKey({ id }));
    },

    removeKey: async (id) => {
      await keyCall(() => getApi().removeKey({ id }));
    },
  };
};
