/** The `app` domain: who we are, and the few OS services the renderer may ask main for. */
import { z } from 'zod';
import { event, invoke, returns } from './contract';
import type { ErrorCode } from './errors';

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

/**
 * Something main recovered from on the user's behalf (a damaged journal, a settings file moved
 * aside or left alone): shown in the window until dismissed, printed on stderr by the CLI.
 */
export interface AppNotice {
  /** Stable for the same finding, so a repeated report replaces the earlier one. */
  id: string;
  level: 'warning' | 'error';
  code: ErrorCode;
  /** What happened and what was kept, in one or two sentences. */
  message: string;
  /** The file concerned. */
  file: string;
  /** Where a copy of the damaged file was kept, if one was made. */
  copy?: string;
  /** Line-by-line findings, for support. */
  detail?: string;
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
  /**
   * Leaves demo mode: back to the real ports, key and journal. The demo's own journal is deleted
   * unless `keepJournal` (it never mixes with the real one).
   */
  disableDemo: invoke(
    'app:disable-demo',
    z.object({ keepJournal: z.boolean().optional() }).strict(),
    returns<AppInfo>(),
  ),
  notice: event('app:notice', returns<Notice>()),
  /** Recoveries made since start-up that the user has not dismissed yet. */
  listNotices: invoke('app:list-notices', z.object({}).strict(), returns<AppNotice[]>()),
  dismissNotice: invoke(
    'app:dismiss-notice',
    z.object({ id: z.string().min(1).max(500) }).strict(),
    returns<void>(),
  ),
  /** The whole undismissed list, whenever a notice is added or dismissed. */
  noticesChanged: event('app:notices-changed', returns<AppNotice[]>()),
} as const;
