/** The onboarding flow: which step, which port, the connection, the token and today's session list. */
import type { AttestResult, ConnectResult } from '../../../../src-shared/ipc/serial';
import type { Explanation } from '../../../../src-shared/ipc/diagnostics';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, newRequestId, thrownToError, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { autoSelect, selectionFor, type Selection } from '../devices/selection';

export const stepIds = ['select', 'connect', 'attest', 'copy', 'claim'] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

export type SessionStatus = 'read' | 'claimed' | 'already-claimed' | 'failed';

/** One device handled today, shown beside the flow. */
export interface SessionEntry {
  journalId: string;
  deviceUuid: string;
  model?: string;
  status: SessionStatus;
  at: number;
}

export interface OnboardingSlice {
  step: StepIndex;
  selection: Selection | undefined;
  connectOp: Op<ConnectResult>;
  connectExplanation: Explanation | undefined;
  attestOp: Op<AttestResult>;
  copiedSuffix: string | undefined;
  savedPath: string | undefined;
  copyError: AppErrorData | undefined;
  session: SessionEntry[];
  goToStep: (step: StepIndex) => void;
  selectDevice: (deviceId: string) => void;
  selectPath: (path: string) => void;
  connect: (path?: string) => Promise<void>;
  handleSessionClosed: (event: { sessionId: string; path: string; reason?: AppErrorData }) => void;
  attest: () => Promise<void>;
  cancelAttest: () => Promise<void>;
  handleProgress: (event: { requestId: string; step: string }) => void;
  copyToken: () => Promise<void>;
  saveToken: () => Promise<void>;
  upsertSession: (entry: SessionEntry) => void;
  onboardNext: () => void;
}

const sessionIdOf = (op: Op<ConnectResult>): string | undefined =>
  op.status === 'done' ? op.value.sessionId : undefined;

/** The per-device state: what a new device starts from, and what "Onboard next device" resets. */
const freshDevice = {
  step: 0,
  connectOp: idle,
  connectExplanation: undefined,
  attestOp: idle,
  copiedSuffix: undefined,
  savedPath: undefined,
  copyError: undefined,
} as const;

export const createOnboardingSlice: SliceCreator<OnboardingSlice> = (set, get) => ({
  ...freshDevice,
  selection: undefined,
  session: [],

  goToStep: (step) => set({ step }),

  selectDevice: (deviceId) => {
    const device = get().snapshot?.devices.find((d) => d.id === deviceId);
    const selection = device ? selectionFor(device, true) : undefined;
    if (selection) set({ selection });
  },

  selectPath: (path) => {
    const trimmed = path.trim();
    if (trimmed) set({ selection: { path: trimmed, isUserChoice: true } });
  },

  connect: async (path) => {
    const { selection, connectOp, settings } = get();
    const target: Selection | undefined =
      path && selection ? { ...selection, path, isUserChoice: true } : selection;
    if (!target) return;
    const requestId = newRequestId();
    set({
      step: 1,
      selection: target,
      connectOp: { status: 'running', requestId },
      connectExplanation: undefined,
    });
    const api = getApi();
    const previous = sessionIdOf(connectOp);
    if (previous) await api.disconnect({ sessionId: previous }).catch(() => undefined);
    const input: { path: string; baudRate?: number; deviceSerial?: string } = { path: target.path };
    if (settings) input.baudRate = settings.baudRate;
    if (target.deviceSerial !== undefined) input.deviceSerial = target.deviceSerial;
    let error: AppErrorData;
    try {
      const result = await api.connect(input);
      if (result.ok) {
        set({ connectOp: { status: 'done', value: result.value } });
        return;
      }
      error = result.error;
    } catch (thrown) {
      error = thrownToError(thrown);
    }
    set({ connectOp: { status: 'failed', error } });
    const explained = await api.explainError({ error, path: target.path }).catch(() => undefined);
    if (explained?.ok) set({ connectExplanation: explained.value });
  },

  handleSessionClosed: ({ sessionId, path, reason }) => {
    const { connectOp, step } = get();
    if (sessionIdOf(connectOp) !== sessionId) return;
    // After the token is read the device is no longer needed: unplugging it then is normal.
    if (step >= 3) {
      set({ connectOp: idle });
      return;
    }
    const error = reason ?? {
      code: 'PORT_CLOSED' as const,
      message: `The connection to ${path} closed.`,
    };
    set({ connectOp: { status: 'failed', error }, step: step === 2 ? 1 : step });
  },

  attest: async () => {
    const sessionId = sessionIdOf(get().connectOp);
    if (!sessionId) return;
    const requestId = newRequestId();
    set({
      attestOp: { status: 'running', requestId },
      copiedSuffix: undefined,
      savedPath: undefined,
    });
    try {
      const result = await getApi().attest({ sessionId, requestId });
      if (!result.ok) {
        set({ attestOp: { status: 'failed', error: result.error } });
        return;
      }
      const value = result.value;
      set({ attestOp: { status: 'done', value } });
      get().resetClaim();
      const entry: SessionEntry = {
        journalId: value.journalId,
        deviceUuid: value.decoded.deviceUuid,
        status: 'read',
        at: Date.now(),
      };
      const model = value.model ?? value.decoded.deviceTypeName;
      if (model) entry.model = model;
      get().upsertSession(entry);
    } catch (error) {
      set({ attestOp: { status: 'failed', error: thrownToError(error) } });
    }
  },

  cancelAttest: async () => {
    const op = get().attestOp;
    if (op.status !== 'running') return;
    await getApi()
      .cancel({ requestId: op.requestId })
      .catch(() => undefined);
  },

  handleProgress: ({ requestId, step }) => {
    const op = get().attestOp;
    if (op.status === 'running' && op.requestId === requestId) {
      set({ attestOp: { ...op, progress: step } });
    }
  },

  copyToken: async () => {
    const op = get().attestOp;
    if (op.status !== 'done') return;
    const token = op.value.token;
    const result = await getApi().copyText({ text: token });
    if (result.ok) set({ copiedSuffix: token.slice(-6), copyError: undefined });
    else set({ copyError: result.error });
  },

  saveToken: async () => {
    const op = get().attestOp;
    if (op.status !== 'done') return;
    const result = await getApi().saveTextFile({
      suggestedName: `attestation-token-${op.value.decoded.deviceUuid}.txt`,
      content: `${op.value.token}\n`,
    });
    if (!result.ok) set({ copyError: result.error });
    else if (result.value) set({ savedPath: result.value.path, copyError: undefined });
  },

  upsertSession: (entry) =>
    set((s) => {
      const rest = s.session.filter((e) => e.journalId !== entry.journalId);
      return { session: [entry, ...rest] };
    }),

  onboardNext: () => {
    const { connectOp, snapshot } = get();
    const sessionId = sessionIdOf(connectOp);
    if (sessionId)
      void getApi()
        .disconnect({ sessionId })
        .catch(() => undefined);
    get().resetClaim();
    set({ ...freshDevice, selection: snapshot ? autoSelect(snapshot, undefined) : undefined });
    void get().loadDevices();
  },
});
