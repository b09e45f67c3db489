/** The `app` domain: who we are, and the few OS services the renderer may ask main for. */
import { z } from 'zod';
import { event, invoke, returns } from './contract';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  isDemo: boolean;
  /** Where the journal, settings and logs live, so support can find them. */
  dataDir: string;
}

export interface SavedFile {
  path: string;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export const appChannels = {
  getInfo: invoke('app:get-info', z.object({}).strict(), returns<AppInfo>()),
  openExternal: invoke(
    'app:open-external',
    z.object({ url: z.string().url() }).strict(),
    returns<void>(),
  ),
  copyText: invoke(
    'app:copy-text',
    z.object({ text: z.string().max(100_000) }).strict(),
    returns<void>(),
  ),
  saveTextFile: invoke(
    'app:save-text-file',
    z
      .object({
        suggestedName: z.string().min(1).max(200),
        content: z.string().max(50_000_000),
      })
      .strict(),
    returns<SavedFile | null>(),
  ),
  /** Switches to the built-in device simulator and local nRF Cloud (the empty device list offers it). */
  enableDemo: invoke('app:enable-demo', z.object({}).strict(), returns<AppInfo>()),
  notice: event('app:notice', returns<Notice>()),
} as const;
