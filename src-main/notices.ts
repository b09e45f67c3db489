/**
 * The recoveries main made on the user's behalf (damaged journal, settings moved aside or left
 * alone), kept until dismissed so a window that opens later still shows them. The services add
 * to it; the window reads it over `app:list-notices`; the CLI prints each one on stderr.
 */
import type { AppNotice } from '../src-shared/ipc/app';

export interface NoticeBoard {
  /** Adds a notice; one with the same id replaces the earlier one. */
  add(notice: AppNotice): void;
  list(): AppNotice[];
  dismiss(id: string): void;
}

export function createNoticeBoard(
  onChange: (notices: AppNotice[]) => void = () => {},
): NoticeBoard {
  const notices = new Map<string, AppNotice>();
  const changed = () => onChange([...notices.values()]);
  return {
    add(notice) {
      notices.set(notice.id, notice);
      changed();
    },
    list: () => [...notices.values()],
    dismiss(id) {
      if (notices.delete(id)) changed();
    },
  };
}

/** The one stderr line (plus detail lines) the CLI prints for a notice. */
export function formatNoticeForCli(notice: AppNotice): string {
  const detail = notice.detail ? `\n${notice.detail.replace(/^/gm, '  ')}` : '';
  return `${notice.level === 'error' ? 'Error' : 'Warning'}: ${notice.code}: ${notice.message}${detail}\n`;
}
