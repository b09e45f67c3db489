/** The live device list: loaded once, then replaced by every `devicesChanged` event. */
import type { DeviceSnapshot } from '../../../../src-shared/ipc/serial';
import type { AppErrorData } from '../../../../src-shared/ipc/errors';
import { getApi } from '../../bridge';
import { idle, running, settle, thrownToError, type Op } from '../../store/op';
import type { SliceCreator } from '../../store/types';

export interface DevicesSlice {
  snapshot: DeviceSnapshot | undefined;
  isLoadingDevices: boolean;
  devicesError: AppErrorData | undefined;
  demoOp: Op<void>;
  loadDevices: () => Promise<void>;
  applySnapshot: (snapshot: DeviceSnapshot) => void;
  startDemo: () => Promise<void>;
  /** Back to the real ports; the demo's boards leave the flow and today's list. */
  leaveDemo: (keepJournal: boolean) => Promise<void>;
}

export const createDevicesSlice: SliceCreator<DevicesSlice> = (set, get) => ({
  snapshot: undefined,
  isLoadingDevices: false,
  devicesError: undefined,
  demoOp: idle,
  loadDevices: async () => {
    set({ isLoadingDevices: true, devicesError: undefined });
    try {
      const result = await getApi().listDevices({});
      if (result.ok) get().applySnapshot(result.value);
      else set({ devicesError: result.error });
    } catch (error) {
      set({ devicesError: thrownToError(error) });
    } finally {
      set({ isLoadingDevices: false });
    }
  },
  applySnapshot: (snapshot) => {
    const previous = get().snapshot;
    set({ snapshot });
    // Arrivals, replugs and the selection on the select screen (mid-flow it is pinned).
    get().devicesChanged(snapshot, previous);
  },
  leaveDemo: async (keepJournal) => {
    set({ demoOp: running() });
    const demoSerials = new Set(get().snapshot?.devices.map((d) => d.id) ?? []);
    const op = await settle(() => getApi().disableDemo({ keepJournal }));
    if (op.status !== 'done') {
      set({ demoOp: op.status === 'failed' ? op : idle });
      return;
    }
    const jobs = Object.fromEntries(
      Object.entries(get().jobs).filter(([, e]) => !demoSerials.has(e.view.serialNumber ?? '')),
    );
    set({ demoOp: idle, appInfo: op.value, jobs, flowJobId: undefined, selection: undefined });
    await Promise.all([get().loadDevices(), get().loadJournal(), get().refreshKeyStatus()]);
  },
  startDemo: async () => {
    set({ demoOp: running() });
    try {
      const result = await getApi().enableDemo({});
      if (!result.ok) {
        set({ demoOp: { status: 'failed', error: result.error } });
        return;
      }
      set({ demoOp: { status: 'done', value: undefined }, appInfo: result.value });
      await get().loadDevices();
    } catch (error) {
      set({ demoOp: { status: 'failed', error: thrownToError(error) } });
    }
  },
});
