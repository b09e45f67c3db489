/** The notices the settings file raises when it is damaged, unreadable or from a newer version. */
import type { AppNotice } from '../../src-shared/ipc/app';

/** SETTINGS_CORRUPT: the file was not JSON; it was moved aside and defaults are in use. */
export const settingsCorruptNotice = (path: string, movedAside: string): AppNotice => ({
  id: `settings:SETTINGS_CORRUPT:${movedAside}`,
  level: 'warning',
  code: 'SETTINGS_CORRUPT',
  message: `The settings file was not valid JSON. It was moved to ${movedAside} (nothing deleted) and the defaults are in use; preferences and API keys saved in it must be set again.`,
  file: path,
  copy: movedAside,
});

/** SETTINGS_UNREADABLE: running on defaults (or what was read) in memory, the file untouched. */
export const settingsUnreadableNotice = (path: string, why: string): AppNotice => ({
  id: `settings:SETTINGS_UNREADABLE:${path}`,
  level: 'error',
  code: 'SETTINGS_UNREADABLE',
  message: `The settings file ${path} cannot be used (${why}). The app runs on settings kept in memory and leaves the file as it is; changes made now are lost on quit.`,
  file: path,
});

/** SETTINGS_FROM_NEWER_VERSION: read as far as understood, never rewritten. */
export const settingsNewerNotice = (path: string, version: number, current: number): AppNotice => ({
  id: `settings:SETTINGS_FROM_NEWER_VERSION:${path}`,
  level: 'warning',
  code: 'SETTINGS_FROM_NEWER_VERSION',
  message: `The settings file was written by a newer version of Onboarder (settings version ${version}; this one knows ${current}). It is left exactly as it is and read only as far as this version understands it; changes made now are not saved.`,
  file: path,
});

/** SETTINGS_FIELDS_RESET: fields with values this version cannot use went back to defaults. */
export const settingsResetNotice = (
  path: string,
  fields: readonly string[],
  copy: string | undefined,
): AppNotice => ({
  id: `settings:SETTINGS_FIELDS_RESET:${path}:${fields.join(',')}`,
  level: 'warning',
  code: 'SETTINGS_FIELDS_RESET',
  message: `${fields.length === 1 ? 'A setting held a value' : `${fields.length} settings held values`} this version cannot use and ${fields.length === 1 ? 'was' : 'were'} reset to the default: ${fields.join(', ')}.${copy ? ` The file as it was is kept at ${copy}.` : ''}`,
  file: path,
  ...(copy ? { copy } : {}),
});
