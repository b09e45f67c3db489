/** Which tab is open, the settings dialog, and short messages shown in a snackbar. */
import type { Notice } from '../../../src-shared/ipc/app';
import type { TranscriptEntry } from '../../../src-shared/at/transcript';
import { getApi } from '../bridge';
import { idle, running, settle, type Op } from './op';
import { t } from '../i18n/t';
import type { SliceCreator } from './types';

export type TabId = 'onboard' | 'station' | 'diagnostics' | 'journal';

export interface ToastMessage {
  id: number;
  level: Notice['level'] | 'success';
  message: string;
}

export interface UiSlice {
  tab: TabId;
  isSettingsOpen: boolean;
  toasts: ToastMessage[];
  setTab: (tab: TabId) => void;
  setSettingsOpen: (isOpen: boolean) => void;
  pushToast: (level: ToastMessage['level'], message: string) => void;
  dismissToast: (id: number) => void;
  /** Copies any text through main (the clipboard is not the renderer's) and says so. */
  copyToClipboard: (text: string) => Promise<boolean>;
  openExternal: (url: string) => Promise<void>;
  transcriptOp: Op<TranscriptEntry[]>;
  loadTranscript: (path?: string) => Promise<void>;
}

let nextToastId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  tab: 'onboard',
  isSettingsOpen: false,
  toasts: [],
  transcriptOp: idle,
  setTab: (tab) => set({ tab }),
  setSettingsOpen: (isSettingsOpen) => set({ isSettingsOpen }),
  pushToast: (level, message) =>
    set((s) => ({ toasts: [...s.toasts, { id: nextToastId++, level, message }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((toast) => toast.id !== id) })),
  copyToClipboard: async (text) => {
    const result = await getApi()
      .copyText({ text })
      .catch(() => undefined);
    if (result?.ok) get().pushToast('success', t('common.copied'));
    else get().pushToast('error', result ? result.error.message : t('status.error'));
    return result?.ok ?? false;
  },
  openExternal: async (url) => {
    const op = await settle(() => getApi().openExternal({ url }));
    if (op.status === 'failed') get().pushToast('error', op.error.message);
  },
  loadTranscript: async (path) => {
    set({ transcriptOp: running() });
    set({ transcriptOp: await settle(() => getApi().getTranscript(path ? { path } : {})) });
  },
});
