/** Recoveries main made on the user's behalf (damaged journal, settings moved aside), until dismissed. */
import type { AppNotice } from '../../../../src-shared/ipc/app';
import { getApi } from '../../bridge';
import { settle } from '../../store/op';
import type { SliceCreator } from '../../store/types';

export interface NoticesSlice {
  notices: AppNotice[];
  loadNotices: () => Promise<void>;
  setNotices: (notices: AppNotice[]) => void;
  dismissNotice: (id: string) => Promise<void>;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get) => ({
  notices: [],
  loadNotices: async () => {
    const op = await settle(() => getApi().listNotices({}));
    if (op.status === 'done') set({ notices: op.value });
  },
  setNotices: (notices) => set({ notices }),
  dismissNotice: async (id) => {
    // Gone at once; main's list follows (its notices-changed event agrees).
    set({ notices: get().notices.filter((n) => n.id !== id) });
    await settle(() => getApi().dismissNotice({ id }));
  },
});
