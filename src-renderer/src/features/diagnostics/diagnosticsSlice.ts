/** Diagnostics: probing every port, who holds a port, the permission doctor, USB events, support. */
import type {
  Finding,
  PortHolder,
  PortReport,
  TimelineEntry,
} from '../../../../src-shared/ipc/diagnostics';
import { getApi } from '../../bridge';
import { idle, running, settle, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';
import { t } from '../../i18n/t';

export interface UsbTimeline {
  entries: TimelineEntry[];
  flapping: Array<{ serialNumber: string; count: number }>;
}

export interface DiagnosticsSlice {
  portsOp: Op<PortReport[]>;
  holdersOps: Record<string, Op<PortHolder[]>>;
  doctorOp: Op<Finding[]>;
  timelineOp: Op<UsbTimeline>;
  supportOp: Op<string>;
  probePorts: () => Promise<void>;
  /** Starts whatever the tab shows and has not loaded yet (safe to call from effects). */
  ensureDiagnosticsLoaded: () => void;
  findHolders: (path: string) => Promise<void>;
  runDoctor: () => Promise<void>;
  loadTimeline: () => Promise<void>;
  saveSupportBundle: () => Promise<void>;
  copyTicketSummary: () => Promise<void>;
}

export const createDiagnosticsSlice: SliceCreator<DiagnosticsSlice> = (set, get) => ({
  portsOp: idle,
  holdersOps: {},
  doctorOp: idle,
  timelineOp: idle,
  supportOp: idle,

  probePorts: async () => {
    set({ portsOp: running(), holdersOps: {} });
    set({ portsOp: await settle(() => getApi().probePorts({})) });
  },

  ensureDiagnosticsLoaded: () => {
    const { portsOp, doctorOp, timelineOp } = get();
    if (portsOp.status === 'idle') void get().probePorts();
    if (doctorOp.status === 'idle') void get().runDoctor();
    if (timelineOp.status === 'idle') void get().loadTimeline();
  },

  findHolders: async (path) => {
    set((s) => ({ holdersOps: { ...s.holdersOps, [path]: running() } }));
    const op = await settle(() => getApi().findHolders({ path }));
    set((s) => ({ holdersOps: { ...s.holdersOps, [path]: op } }));
  },

  runDoctor: async () => {
    set({ doctorOp: running() });
    set({ doctorOp: await settle(() => getApi().runPermissionDoctor({})) });
  },

  loadTimeline: async () => {
    set({ timelineOp: running() });
    set({ timelineOp: await settle(() => getApi().getUsbTimeline({})) });
  },

  saveSupportBundle: async () => {
    set({ supportOp: running() });
    const op = await settle(() => getApi().saveSupportBundle({}));
    if (op.status === 'done') {
      // null means the user closed the save dialog: nothing to report.
      set({
        supportOp: op.value
          ? { status: 'done', value: t('diagnostics.bundleSaved', { path: op.value.path }) }
          : idle,
      });
    } else if (op.status === 'failed') set({ supportOp: op });
  },

  copyTicketSummary: async () => {
    set({ supportOp: running() });
    const op = await settle(() => getApi().copyTicketSummary({}));
    if (op.status === 'done')
      set({ supportOp: { status: 'done', value: t('diagnostics.ticketCopied') } });
    else if (op.status === 'failed') set({ supportOp: op });
  },
});
