/** The whole IPC contract: every domain file merged into one runtime value. */
import { appChannels } from './app';
import { cloudChannels } from './cloud';
import { diagnosticsChannels } from './diagnostics';
import { journalChannels } from './journal';
import { onboardingChannels } from './onboarding';
import { serialChannels } from './serial';
import { settingsChannels } from './settings';
import { tokenChannels } from './token';
import type { ApiOf } from './contract';

/** Each domain on its own, so a test can prove no key or channel is declared twice. */
export const domains = {
  app: appChannels,
  settings: settingsChannels,
  serial: serialChannels,
  token: tokenChannels,
  cloud: cloudChannels,
  journal: journalChannels,
  onboarding: onboardingChannels,
  diagnostics: diagnosticsChannels,
} as const;

export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...serialChannels,
  ...tokenChannels,
  ...cloudChannels,
  ...journalChannels,
  ...onboardingChannels,
  ...diagnosticsChannels,
} as const;

export type AppContract = typeof contract;
/** The shape of `window.api`, derived from the contract. */
export type Api = ApiOf<AppContract>;
