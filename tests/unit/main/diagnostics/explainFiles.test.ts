import { explainError } from '../../../../src-main/diagnostics/explain';
import type { ErrorCode } from '../../../../src-shared/ipc/errors';

const fileCodes: Array<[ErrorCode, RegExp]> = [
  ['JOURNAL_CORRUPT', /token journal could not be read/],
  ['JOURNAL_UNREADABLE', /token journal cannot be read/],
  ['SETTINGS_CORRUPT', /settings file was damaged/],
  ['SETTINGS_UNREADABLE', /settings file cannot be used/],
  ['SETTINGS_FROM_NEWER_VERSION', /newer version/],
  ['SETTINGS_FIELDS_RESET', /reset to their defaults/],
];

describe('explanations of damaged and unreadable files', () => {
  it.each(fileCodes)(
    '%s has its own title, cause and fix (not the generic fallback)',
    (code, title) => {
      const explained = explainError(
        { code, message: 'the message', detail: 'EACCES: permission denied' },
        { platform: 'linux' },
      );
      expect(explained.title).toMatch(title);
      expect(explained.cause).not.toBe('EACCES: permission denied');
      expect(explained.fix).not.toMatch(/^Try again; if it persists/);
    },
  );
});
