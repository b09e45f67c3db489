/** The whole renderer state: one zustand store made of feature slices (STYLE point 12). */
import type { StateCreator } from 'zustand';
import type { DevicesSlice } from '../features/devices/devicesSlice';
import type { OnboardingSlice } from '../features/onboarding/onboardingSlice';
import type { ClaimSlice } from '../features/claim/claimSlice';
import type { SettingsSlice } from '../features/settings/settingsSlice';
import type { DiagnosticsSlice } from '../features/diagnostics/diagnosticsSlice';
import type { TerminalSlice } from '../features/diagnostics/terminalSlice';
import type { JournalSlice } from '../features/journal/journalSlice';
import type { NoticesSlice } from '../features/notices/noticesSlice';
import type { JobsSlice } from '../features/jobs/jobsSlice';
import type { UiSlice } from './uiSlice';

export type AppState = DevicesSlice &
  OnboardingSlice &
  ClaimSlice &
  SettingsSlice &
  DiagnosticsSlice &
  TerminalSlice &
  JournalSlice &
  NoticesSlice &
  JobsSlice &
  UiSlice;

/** A slice sees the whole state, so its actions can read and write across features. */
export type SliceCreator<S> = StateCreator<AppState, [], [], S>;
