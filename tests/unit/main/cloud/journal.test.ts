import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../src-shared/ipc/errors';
import { corruptionNotice, openJournal } from '../../../../src-main/cloud/journal';
import { JOURNAL_FILE_NAME } from '../../../../src-main/cloud/journalFile';
import { makeTempDir, makeToken } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('onboarder-journal-'));
});
afterEach(() => cleanup());

const fileOf = (d: string) => join(d, JOURNAL_FILE_NAME);
const newEntry = (source: 'device' | 'paste' | 'import' = 'device') => {
  const { token, deviceUuid } = makeToken();
  return { token, deviceUuid, source };
};

describe('token journal', () => {
  it('keeps an added token across reopen, with id, status and time filled in', () => {
    const journal = openJournal(dir, { now: () => new Date('2025-03-01T10:00:00Z') });
    const input = { ...newEntry(), imei: '351234567890123', model: 'nRF9161-LACA' };
    const entry = journal.add(input);
    expect(entry).toMatchObject({
      ...input,
      claimStatus: 'unclaimed',
      readAt: '2025-03-01T10:00:00.000Z',
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(openJournal(dir).list()).toEqual([entry]);
    expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
  });

  it('stores the same token string once', () => {
    const journal = openJournal(dir);
    const input = newEntry();
    const first = journal.add(input);
    expect(journal.add(input)).toEqual(first);
    expect(journal.list()).toHaveLength(1);
  });

  it('appends status updates; pending is unclaimed or failed; success clears the last error', () => {
    const journal = openJournal(dir);
    const a = journal.add(newEntry());
    const b = journal.add(newEntry());
    const c = journal.add(newEntry());
    journal.update(a.id, {
      claimStatus: 'failed',
      lastError: { code: 'NETWORK_TIMEOUT', message: 'slow' },
    });
    journal.update(b.id, {
      claimStatus: 'claimed',
      claimedAt: '2025-03-01T10:00:00Z',
      teamName: 'Demo Team',
    });
    journal.discard(c.id);
    expect(journal.pending().map((e) => e.id)).toEqual([a.id]);
    journal.update(a.id, { claimStatus: 'already-claimed' });
    const reopened = openJournal(dir);
    expect(reopened.pending()).toEqual([]);
    const byId = new Map(reopened.list().map((e) => [e.id, e]));
    expect(byId.get(a.id)?.lastError).toBeUndefined();
    expect(byId.get(a.id)?.claimStatus).toBe('already-claimed');
    expect(byId.get(b.id)).toMatchObject({ claimStatus: 'claimed', teamName: 'Demo Team' });
    expect(byId.get(c.id)?.claimStatus).toBe('discarded');
    // Three adds and four updates: nothing is rewritten in place.
    expect(readFileSync(fileOf(dir), 'utf8').trim().split('\n')).toHaveLength(7);
  });

  it('says NOT_FOUND when updating an unknown entry', () => {
    const journal = openJournal(dir);
    expect(() => journal.update('nope', { claimStatus: 'claimed' })).toThrow(AppError);
  });

  it('ignores a torn last line and reports the recovery', () => {
    const journal = openJournal(dir);
    const kept = journal.add(newEntry());
    const torn = `{"t":"add","entry":{"id":"x","token":"${makeToken().token.slice(0, 40)}`;
    appendFileSync(fileOf(dir), torn);
    const reopened = openJournal(dir);
    expect(reopened.list()).toEqual([kept]);
    expect(reopened.readReport()).toEqual({
      recoveredFromTornWrite: true,
      healedTornLines: [],
      corruptLines: [],
    });
    expect(corruptionNotice(reopened)).toBeUndefined();
  });

  it('starts the next record on a fresh line after a torn write, and later reads call that fragment healed', () => {
    writeFileSync(fileOf(dir), '{"t":"add","entr');
    const journal = openJournal(dir);
    const added = journal.add(newEntry());
    const later = openJournal(dir);
    expect(later.list()).toEqual([added]);
    expect(later.readReport()).toEqual({
      recoveredFromTornWrite: false,
      healedTornLines: [1],
      corruptLines: [],
    });
  });

  it('skips a corrupt line in the middle, keeps the rest and reports JOURNAL_CORRUPT with line numbers', () => {
    const journal = openJournal(dir);
    const a = journal.add(newEntry());
    appendFileSync(
      fileOf(dir),
      'this is not json\n{"t":"update","id":"ghost","patch":{},"at":"x"}\n{"t":"add"}\n',
    );
    const b = journal.add(newEntry());
    const reopened = openJournal(dir);
    expect(reopened.list()).toEqual([a, b]);
    const notice = corruptionNotice(reopened);
    expect(notice?.code).toBe('JOURNAL_CORRUPT');
    expect(notice?.detail).toMatch(/line 2: not valid JSON/);
    expect(notice?.detail).toMatch(/line 3: update for unknown entry ghost/);
    expect(notice?.detail).toMatch(/line 4: unexpected record/);
  });

  it('sees entries another process appended (the CLI beside the app)', () => {
    const app = openJournal(dir);
    const cli = openJournal(dir);
    const fromCli = cli.add(newEntry('paste'));
    expect(app.list()).toEqual([fromCli]);
    const fromApp = app.add(newEntry());
    cli.update(fromApp.id, { claimStatus: 'claimed' });
    expect(app.list().map((e) => e.claimStatus)).toEqual(['unclaimed', 'claimed']);
  });

  it('says JOURNAL_WRITE_FAILED when the folder cannot be used', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    try {
      openJournal(join(blocker, 'journal'));
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('JOURNAL_WRITE_FAILED');
    }
  });
});

describe('token journal validation', () => {
  it('refuses an entry the reader could not read back, writing nothing', () => {
    const journal = openJournal(dir);
    const bad = { ...newEntry(), deviceType: 1.5 };
    expect(() => journal.add(bad)).toThrow(/deviceType/);
    expect(() => journal.add({ ...newEntry(), token: '' })).toThrow(AppError);
    expect(readFileSync(fileOf(dir), 'utf8')).toBe('');
  });
});
