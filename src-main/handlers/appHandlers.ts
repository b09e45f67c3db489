/** Handlers of the `app` domain. */
import type { appChannels, AppInfo, SavedFile } from '../../src-shared/ipc/app';
import { AppError } from '../../src-shared/ipc/errors';
import type { HandlerTable } from '../ipc/dispatch';
import type { NoticeBoard } from '../notices';
import { isAllowedExternalUrl } from '../externalLinks';

export interface AppHandlerDeps {
  info: () => AppInfo;
  enableDemo: () => Promise<AppInfo>;
  disableDemo: (options: { keepJournal: boolean }) => Promise<AppInfo>;
  openExternal: (url: string) => Promise<void>;
  copyText: (text: string) => void | Promise<void>;
  /** Shows a save dialog (app) or writes to a test folder (harness); null when the user cancels. */
  saveTextFile: (suggestedName: string, content: string) => Promise<SavedFile | null>;
  notices: NoticeBoard;
}

export function createAppHandlers(deps: AppHandlerDeps): HandlerTable<typeof appChannels> {
  return {
    getInfo: () => deps.info(),
    enableDemo: () => deps.enableDemo(),
    disableDemo: ({ keepJournal }) => deps.disableDemo({ keepJournal: keepJournal === true }),
    listNotices: () => deps.notices.list(),
    dismissNotice: ({ id }) => deps.notices.dismiss(id),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Only https links to nRF Cloud and Nordic sites can be opened.',
          url,
        );
      }
      await deps.openExternal(url);
    },
    copyText: async ({ text }) => {
      await deps.copyText(text);
    },
    saveTextFile: async ({ suggestedName, content }) => {
      try {
        return await deps.saveTextFile(suggestedName, content);
      } catch (error) {
        throw new AppError(
          'FILE_IO_FAILED',
          `Could not save ${suggestedName}.`,
          error instanceof Error ? error.message : String(error),
        );
      }
    },
  };
}
