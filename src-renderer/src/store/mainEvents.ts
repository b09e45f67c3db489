/** Wires main's events into the store and loads the first state; App calls it once on mount. */
import { getApi } from '../bridge';
import { useAppStore } from './appStore';

/** Subscribes every event; returns one function that unsubscribes them all. */
export function subscribeToMain(): () => void {
  const api = getApi();
  const store = useAppStore.getState;
  const unsubscribers = [
    api.onDevicesChanged((snapshot) => store().applySnapshot(snapshot)),
    api.onJournalChanged((entries) => store().setJournal(entries)),
    api.onSessionClosed((event) => store().handleTerminalClosed(event)),
    api.onNotice((notice) => store().pushToast(notice.level, notice.message)),
    api.onNoticesChanged((notices) => store().setNotices(notices)),
    api.onJobChanged((change) => {
      store().handleJobChanged(change);
      store().followJob(change.job);
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

/** Loads what the first screen needs, all at once. */
export async function loadInitialState(): Promise<void> {
  const s = useAppStore.getState();
  await Promise.all([
    s.loadAppInfo(),
    s.loadSettings(),
    s.loadDevices(),
    s.refreshKeyStatus(),
    s.loadJournal(),
    s.loadNotices(),
    s.loadJobs(),
  ]);
}
