import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

  it('ignores a torn last line and reports the recovery, with a copy of the damaged file', () => {
    const journal = openJournal(dir);
    const kept = journal.add(newEntry());
    const torn = `{"t":"add","entry":{"id":"x","token":"${makeToken().token.slice(0, 40)}`;
    appendFileSync(fileOf(dir), torn);
    const before = readFileSync(fileOf(dir));
    const reopened = openJournal(dir);
    expect(reopened.list()).toEqual([kept]);
    expect(reopened.readReport()).toMatchObject({
      recoveredFromTornWrite: true,
      tornTail: { line: 2, bytes: torn.length, reason: expect.stringMatching(/incomplete record/) },
      healedTornLines: [],
      corruptLines: [],
      skippedBytes: torn.length,
    });
    expect(reopened.damage).toMatchObject({
      code: 'JOURNAL_CORRUPT',
      level: 'warning',
      file: fileOf(dir),
      copy: expect.stringMatching(/token-journal\.jsonl\.damaged-[0-9a-f]{12}$/),
    });
    expect(reopened.damage?.message).toMatch(
      /1 entry read and kept, 1 unreadable line \(\d+ bytes\)/,
    );
    expect(readFileSync(reopened.damage?.copy ?? '')).toEqual(before);
    expect(statSync(reopened.damage?.copy ?? '').mode & 0o777).toBe(0o600);
    expect(corruptionNotice(reopened)?.code).toBe('JOURNAL_CORRUPT');
  });

  it('reports a journal cut in the middle of a line, before and after the next append heals it, copying once', () => {
    const journal = openJournal(dir);
    const [a, b, c] = [journal.add(newEntry()), journal.add(newEntry()), journal.add(newEntry())];
    const whole = readFileSync(fileOf(dir));
    const lineEnds = [...whole.entries()].filter(([, byte]) => byte === 0x0a).map(([i]) => i);
    const cutAt = (lineEnds[0] ?? 0) + 30;
    writeFileSync(fileOf(dir), whole.subarray(0, cutAt));

    const cut = openJournal(dir);
    expect(cut.list()).toEqual([a]);
    expect(cut.damage?.message).toMatch(/1 entry read and kept, 1 unreadable line \(29 bytes\)/);
    expect(cut.damage?.detail).toMatch(
      /line 2 \(last, 29 bytes, no line end\): an incomplete record/,
    );
    const copy = cut.damage?.copy;
    expect(copy).toBeDefined();

    const d = cut.add(newEntry());
    const healed = openJournal(dir);
    expect(healed.list()).toEqual([a, d]);
    expect(healed.list().map((e) => e.id)).not.toContain(b.id);
    expect(healed.list().map((e) => e.id)).not.toContain(c.id);
    expect(healed.damage?.detail).toMatch(/line 2: an interrupted write/);
    expect(healed.damage?.copy).toBe(copy);
    expect(readdirSync(dir).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
  });

  it('reports a NUL-filled end (as a power loss leaves) instead of ignoring it', () => {
    const journal = openJournal(dir);
    const kept = journal.add(newEntry());
    appendFileSync(fileOf(dir), Buffer.alloc(4096));
    const reopened = openJournal(dir);
    expect(reopened.list()).toEqual([kept]);
    expect(reopened.damage?.message).toMatch(/1 unreadable line \(4096 bytes\)/);
    expect(reopened.damage?.detail).toMatch(/4096 NUL bytes/);
  });

  it('reports garbage lines and a garbage end, and lines that are not UTF-8', () => {
    const journal = openJournal(dir);
    const kept = journal.add(newEntry());
    appendFileSync(fileOf(dir), Buffer.from([0xff, 0xfe, 0x7b, 0x7d, 0x0a, 0x00, 0x00, 0x0a]));
    appendFileSync(fileOf(dir), 'zzzz garbage');
    const reopened = openJournal(dir);
    expect(reopened.list()).toEqual([kept]);
    expect(reopened.damage?.detail?.split('\n')).toEqual([
      'line 2: not valid UTF-8',
      'line 3: 2 NUL bytes',
      'line 4 (last, 12 bytes, no line end): unreadable bytes',
    ]);
    expect(reopened.damage?.message).toMatch(/3 unreadable lines \(18 bytes\)/);
  });

  it('has no damage notice for a clean journal, and makes no copy', () => {
    openJournal(dir).add(newEntry());
    expect(openJournal(dir).damage).toBeUndefined();
    expect(readdirSync(dir)).toEqual([JOURNAL_FILE_NAME]);
  });

  it('says JOURNAL_UNREADABLE at open (not later, not as a crash) when the file cannot be read', () => {
    mkdirSync(fileOf(dir));
    try {
      openJournal(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('JOURNAL_UNREADABLE');
      expect((error as AppError).message).toContain(fileOf(dir));
    }
  });

  it.skipIf(process.platform === 'win32')(
    'tightens a journal an older version left readable by others to 0600',
    () => {
      writeFileSync(fileOf(dir), '', { mode: 0o644 });
      chmodSync(fileOf(dir), 0o644);
      openJournal(dir);
      expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
    },
  );

  it('starts the next record on a fresh line after a torn write, and later reads call that fragment healed', () => {
    writeFileSync(fileOf(dir), '{"t":"add","entr');
    const journal = openJournal(dir);
    const added = journal.add(newEntry());
    const later = openJournal(dir);
    expect(later.list()).toEqual([added]);
    expect(later.readReport()).toMatchObject({
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
