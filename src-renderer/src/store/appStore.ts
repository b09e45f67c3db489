/** The one renderer store, assembled from the feature slices. */
import { create } from 'zustand';
import { createDevicesSlice } from '../features/devices/devicesSlice';
import { createOnboardingSlice } from '../features/onboarding/onboardingSlice';
import { createClaimSlice } from '../features/claim/claimSlice';
import { createSettingsSlice } from '../features/settings/settingsSlice';
import { createDiagnosticsSlice } from '../features/diagnostics/diagnosticsSlice';
import { createTerminalSlice } from '../features/diagnostics/terminalSlice';
import { createJournalSlice } from '../features/journal/journalSlice';
import { createNoticesSlice } from '../features/notices/noticesSlice';
import { createJobsSlice } from '../features/jobs/jobsSlice';
import { createUiSlice } from './uiSlice';
import type { AppState } from './types';

export const useAppStore = create<AppState>()((...a) => ({
  ...createDevicesSlice(...a),
  ...createOnboardingSlice(...a),
  ...createClaimSlice(...a),
  ...createSettingsSlice(...a),
  ...createDiagnosticsSlice(...a),
  ...createTerminalSlice(...a),
  ...createJournalSlice(...a),
  ...createNoticesSlice(...a),
  ...createJobsSlice(...a),
  ...createUiSlice(...a),
}));

const initialState = useAppStore.getState();

/** Puts the store back to its first state; tests call it between cases. */
export function resetAppStore(): void {
  useAppStore.setState(initialState, true);
}
