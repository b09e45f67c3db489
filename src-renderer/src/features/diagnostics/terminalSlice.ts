/** The raw terminal: one port, mode-aware commands through the AT session, and its transcript. */
import type { AtReplyView, ConnectResult } from '../../../../src-shared/ipc/serial';
import type { TranscriptEntry } from '../../../../src-shared/at/transcript';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, running, settle, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { transcriptToText } from '../../lib/format';

const HISTORY_LIMIT = 50;

export interface TerminalSlice {
  terminalPath: string;
  terminalConnectOp: Op<ConnectResult>;
  terminalSendOp: Op<AtReplyView>;
  terminalHistory: string[];
  terminalTranscript: TranscriptEntry[];
  setTerminalPath: (path: string) => void;
  terminalConnect: () => Promise<void>;
  terminalDisconnect: () => Promise<void>;
  /** After PORT_HELD_BY_FLOW: main cancels the onboarding job holding the port, then this connects. */
  terminalReleaseAndConnect: () => Promise<void>;
  terminalSend: (command: string) => Promise<void>;
  refreshTerminalTranscript: () => Promise<void>;
  saveTerminalTranscript: () => Promise<void>;
  handleTerminalClosed: (event: { sessionId: string; path: string; reason?: AppErrorData }) => void;
}

export const createTerminalSlice: SliceCreator<TerminalSlice> = (set, get) => ({
  terminalPath: '',
  terminalConnectOp: idle,
  terminalSendOp: idle,
  terminalHistory: [],
  terminalTranscript: [],

  setTerminalPath: (terminalPath) => set({ terminalPath }),

  terminalConnect: async () => {
    const path = get().terminalPath.trim();
    if (!path) return;
    await get().terminalDisconnect();
    set({ terminalConnectOp: running(), terminalSendOp: idle });
    const baud = get().settings?.baudRate;
    const op = await settle(() =>
      getApi().connect(baud === undefined ? { path } : { path, baudRate: baud }),
    );
    set({ terminalConnectOp: op });
    await get().refreshTerminalTranscript();
  },

  terminalReleaseAndConnect: async () => {
    const path = get().terminalPath.trim();
    if (!path) return;
    set({ terminalConnectOp: running() });
    const released = await settle(() => getApi().releasePort({ path }));
    if (released.status === 'failed') {
      set({ terminalConnectOp: released });
      return;
    }
    await get().terminalConnect();
  },

  terminalDisconnect: async () => {
    const op = get().terminalConnectOp;
    if (op.status !== 'done') return;
    set({ terminalConnectOp: idle });
    await getApi()
      .disconnect({ sessionId: op.value.sessionId })
      .catch(() => undefined);
  },

  terminalSend: async (command) => {
    const op = get().terminalConnectOp;
    const trimmed = command.trim();
    if (op.status !== 'done' || !trimmed) return;
    set((s) => ({
      terminalSendOp: running(),
      terminalHistory: [...s.terminalHistory.filter((c) => c !== trimmed), trimmed].slice(
        -HISTORY_LIMIT,
      ),
    }));
    set({
      terminalSendOp: await settle(() =>
        getApi().sendCommand({ sessionId: op.value.sessionId, command: trimmed }),
      ),
    });
    await get().refreshTerminalTranscript();
  },

  refreshTerminalTranscript: async () => {
    const path = get().terminalPath.trim();
    const op = await settle(() => getApi().getTranscript(path ? { path } : {}));
    if (op.status === 'done') set({ terminalTranscript: op.value });
  },

  saveTerminalTranscript: async () => {
    const { terminalTranscript, terminalPath } = get();
    const name = terminalPath.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'port';
    const op = await settle(() =>
      getApi().saveTextFile({
        suggestedName: `transcript-${name}.txt`,
        content: `${transcriptToText(terminalTranscript)}\n`,
      }),
    );
    if (op.status === 'failed') get().pushToast('error', op.error.message);
  },

  handleTerminalClosed: ({ sessionId, path, reason }) => {
    const op = get().terminalConnectOp;
    if (op.status !== 'done' || op.value.sessionId !== sessionId) return;
    const error = reason ?? {
      code: 'PORT_CLOSED' as const,
      message: `The connection to ${path} closed.`,
    };
    set({ terminalConnectOp: { status: 'failed', error } });
  },
});
