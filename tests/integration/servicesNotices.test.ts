/**
 * The assembled main process tells the window what it recovered from at start-up: a damaged
 * journal, a settings file from a newer version, a journal it cannot read at all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppNotice } from '../../src-shared/ipc/app';
import { JOURNAL_FILE_NAME } from '../../src-main/cloud/journalFile';
import { callChannel, createTestApp, type TestApp } from '../support/testServices';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

const call = (channel: string, input: unknown) => callChannel<unknown>(app!, channel, input);

describe('start-up notices', () => {
  it('lists a damaged journal and a newer settings file, and dismissing one says so', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, preferences: { theme: 'dark' } });
    app = await createTestApp({
      seedDataDir: (dir) => {
        writeFileSync(join(dir, JOURNAL_FILE_NAME), '{"t":"add","entry":{"id":"cut-off');
        writeFileSync(join(dir, 'settings.json'), newer);
      },
    });
    const pushed: unknown[] = [];
    app.services.events.attach((channel, payload) => {
      if (channel === 'app:notices-changed') pushed.push(payload);
    });

    const listed = await call('app:list-notices', {});
    expect(listed.ok).toBe(true);
    const notices = (listed as { value: AppNotice[] }).value;
    expect(notices.map((n) => n.code).sort()).toEqual([
      'JOURNAL_CORRUPT',
      'SETTINGS_FROM_NEWER_VERSION',
    ]);
    const journalNotice = notices.find((n) => n.code === 'JOURNAL_CORRUPT');
    expect(readFileSync(journalNotice?.copy ?? '', 'utf8')).toBe(
      '{"t":"add","entry":{"id":"cut-off',
    );
    // The newer file is untouched even though the test app changed the cloud URLs.
    expect(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).toBe(newer);

    expect((await call('app:dismiss-notice', { id: journalNotice?.id ?? '' })).ok).toBe(true);
    const after = (await call('app:list-notices', {})) as { value: AppNotice[] };
    expect(after.value.map((n) => n.code)).toEqual(['SETTINGS_FROM_NEWER_VERSION']);
    expect(pushed).toEqual([after.value]);
    expect(app.logger.recentText()).toMatch(/JOURNAL_CORRUPT/);
  });

  it('starts with a journal it cannot read: an error notice, and journal calls fail as data', async () => {
    app = await createTestApp({
      seedDataDir: (dir) => mkdirSync(join(dir, JOURNAL_FILE_NAME)),
    });
    const listed = (await call('app:list-notices', {})) as { value: AppNotice[] };
    expect(listed.value).toEqual([
      expect.objectContaining({ level: 'error', code: 'JOURNAL_UNREADABLE' }),
    ]);
    const journal = await call('journal:list-journal', {});
    expect(journal).toMatchObject({ ok: false, error: { code: 'JOURNAL_UNREADABLE' } });
  });
});
