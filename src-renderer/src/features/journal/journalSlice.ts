/** The token journal: every token read, claimed in one go, exported, imported or discarded. */
import type {
  AddTokenResult,
  ClaimPendingSummary,
  ImportRowError,
  JournalEntryView,
} from '../../../../src-shared/ipc/journal';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import type { DecodedToken } from '../../../../src-shared/token/decode';
import { getApi } from '../../bridge';
import { idle, newRequestId, settle, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { t } from '../../i18n/t';

export interface JournalSlice {
  journal: JournalEntryView[] | undefined;
  journalError: AppErrorData | undefined;
  journalMessage: string | undefined;
  /** The rows the latest CSV import did not take, each with its line and code. */
  importErrors: ImportRowError[];
  pendingOp: Op<ClaimPendingSummary>;
  loadJournal: () => Promise<void>;
  setJournal: (entries: JournalEntryView[]) => void;
  claimPending: () => Promise<void>;
  exportJournal: () => Promise<void>;
  importJournal: (text: string) => Promise<void>;
  discardEntry: (id: string) => Promise<void>;
  cancelClaimPending: () => Promise<void>;
  /** Live check of the text in the "Add token" dialog; only the latest text's answer is kept. */
  pasteCheckOp: Op<DecodedToken>;
  addTokenOp: Op<AddTokenResult>;
  checkPastedToken: (text: string) => Promise<void>;
  /** Adds the pasted token; true when it is in the journal (the dialog then closes). */
  addPastedToken: (text: string) => Promise<boolean>;
  resetPaste: () => void;
}

export const createJournalSlice: SliceCreator<JournalSlice> = (set, get) => {
  /** Shows the outcome of a one-shot journal action as a message or an error. */
  const report = <T>(op: Op<T>, message: (value: T) => string | undefined) => {
    if (op.status === 'failed')
      set({ journalError: op.error, journalMessage: undefined, importErrors: [] });
    else if (op.status === 'done')
      set({ journalError: undefined, journalMessage: message(op.value), importErrors: [] });
  };

  return {
    journal: undefined,
    journalError: undefined,
    journalMessage: undefined,
    importErrors: [],
    pendingOp: idle,
    pasteCheckOp: idle,
    addTokenOp: idle,

    loadJournal: async () => {
      const op = await settle(() => getApi().listJournal({}));
      if (op.status === 'done') set({ journal: op.value });
      else if (op.status === 'failed') set({ journalError: op.error });
    },

    setJournal: (journal) => set({ journal }),

    claimPending: async () => {
      const requestId = newRequestId();
      const tags = get().tags;
      set({
        pendingOp: { status: 'running', requestId },
        journalMessage: undefined,
        journalError: undefined,
      });
      const op = await settle(() =>
        getApi().claimPending(tags.length ? { requestId, tags } : { requestId }),
      );
      set({ pendingOp: op });
      await get().loadJournal();
    },

    exportJournal: async () => {
      const op = await settle(() => getApi().exportCsv({}));
      report(op, (saved) => (saved ? t('journal.exported', { path: saved.path }) : undefined));
    },

    importJournal: async (text) => {
      const op = await settle(() => getApi().importCsv({ text }));
      report(op, (s) => t('journal.imported', { added: s.added, skipped: s.skipped }));
      if (op.status === 'done') set({ importErrors: op.value.errors });
      await get().loadJournal();
    },

    discardEntry: async (id) => {
      const op = await settle(() => getApi().discardEntry({ id }));
      report(op, () => undefined);
      await get().loadJournal();
    },

    cancelClaimPending: async () => {
      const op = get().pendingOp;
      if (op.status !== 'running') return;
      await getApi()
        .cancel({ requestId: op.requestId })
        .catch(() => undefined);
    },

    checkPastedToken: async (text) => {
      if (!text.trim()) {
        set({ pasteCheckOp: idle });
        return;
      }
      const requestId = newRequestId();
      set({ pasteCheckOp: { status: 'running', requestId } });
      const op = await settle(() => getApi().decodeToken({ text }));
      // A slower answer for older text must not overwrite the answer for what is in the field now.
      const current = get().pasteCheckOp;
      if (current.status === 'running' && current.requestId === requestId)
        set({ pasteCheckOp: op });
    },

    addPastedToken: async (text) => {
      set({ addTokenOp: { status: 'running', requestId: newRequestId() } });
      const op = await settle(() => getApi().addToken({ text }));
      set({ addTokenOp: op });
      if (op.status !== 'done') return false;
      const { entry, alreadySince } = op.value;
      set({
        journalError: undefined,
        journalMessage:
          alreadySince === undefined
            ? t('journal.added', { uuid: entry.deviceUuid })
            : t('journal.alreadyAdded', { uuid: entry.deviceUuid, since: alreadySince }),
      });
      await get().loadJournal();
      return true;
    },

    resetPaste: () => set({ pasteCheckOp: idle, addTokenOp: idle }),
  };
};
