/**
 * Kills a process in the middle of journal appends and checks that the real reader finds every
 * acknowledged entry intact and ignores the torn tail.
 *
 * Node 20 cannot import TypeScript in a child process, so the test transpiles the journal's write
 * path (journalFile.ts, which imports only node:fs for exactly this reason) with the TypeScript
 * compiler into a temp .mjs; the child runs that exact code. Entries are large so a write takes
 * long enough to be caught half-done: the parent watches the file size and sends SIGKILL when it
 * is not a whole number of records.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { openJournal } from '../../src-main/cloud/journal';
import { addRecordLine, JOURNAL_FILE_NAME } from '../../src-main/cloud/journalFile';

const PAD_BYTES = 2 * 1024 * 1024;
const MAX_ENTRIES = 40;
const MAX_ROUNDS = 12;
const root = resolve(import.meta.dirname, '../..');

const expectedEntry = (i: number) => ({
  id: `e${String(i).padStart(6, '0')}`,
  token: '2dn3hQFQ-crash-test-token.0oRDoQEmoQRBIfZYQ',
  deviceUuid: '4961c873-408c-45ce-b1ba-7c0d99d88179',
  readAt: '2025-01-01T00:00:00.000Z',
  source: 'device' as const,
  claimStatus: 'unclaimed' as const,
  model: 'p'.repeat(PAD_BYTES),
});
const RECORD_BYTES = Buffer.byteLength(addRecordLine(expectedEntry(0), false));

let work: string;
let modulePath: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'onboarder-crash-'));
  const source = readFileSync(join(root, 'src-main/cloud/journalFile.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  modulePath = join(work, 'journalFile.mjs');
  writeFileSync(modulePath, outputText);
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** One round: run the child, kill it mid-record if we can, return what it acknowledged. */
async function crashRound(dir: string): Promise<{ acked: string[]; killedMidRecord: boolean }> {
  const file = join(dir, JOURNAL_FILE_NAME);
  const child = spawn(
    process.execPath,
    [
      join(root, 'tests/support/journal/appendLoop.mjs'),
      modulePath,
      file,
      String(PAD_BYTES),
      String(MAX_ENTRIES),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  await vi.waitFor(() => expect(out.split('\n').length).toBeGreaterThan(3), {
    timeout: 10_000,
    interval: 5,
  });
  // Busy-watch the size: a size that is not a multiple of the record length is a write in progress.
  let killedMidRecord = false;
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && child.exitCode === null) {
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      continue;
    }
    if (size % RECORD_BYTES !== 0) {
      child.kill('SIGKILL');
      killedMidRecord = true;
      break;
    }
  }
  child.kill('SIGKILL');
  await exited;
  children.delete(child);
  expect(err).toBe('');
  const acked = out
    .split('\n')
    .filter((l) => l.startsWith('ok '))
    .map((l) => l.slice(3));
  return { acked, killedMidRecord };
}

describe('token journal under SIGKILL', () => {
  it('keeps every acknowledged entry intact and ignores the torn tail', async () => {
    let tornRounds = 0;
    for (let round = 0; round < MAX_ROUNDS && tornRounds < 2; round++) {
      const dir = mkdtempSync(join(work, `round-${round}-`));
      const { acked } = await crashRound(dir);
      const file = join(dir, JOURNAL_FILE_NAME);
      const size = statSync(file).size;
      const isTorn = size % RECORD_BYTES !== 0;
      if (isTorn) tornRounds++;

      const journal = openJournal(dir);
      const entries = journal.list();
      const report = journal.readReport();
      // Every acknowledged append survived, whole; at most the one in flight got further.
      expect(entries.length).toBeGreaterThanOrEqual(acked.length);
      expect(entries.length).toBeLessThanOrEqual(acked.length + 1);
      expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => expectedEntry(i).id));
      entries.forEach((entry, i) => expect(entry).toEqual(expectedEntry(i)));
      expect(report.corruptLines).toEqual([]);
      expect(report.recoveredFromTornWrite).toBe(isTorn);
      // A torn end is never silent: it is a notice, with a copy of the file as it was.
      expect(journal.damage?.code).toBe(isTorn ? 'JOURNAL_CORRUPT' : undefined);
      if (isTorn) expect(existsSync(journal.damage?.copy ?? '')).toBe(true);

      // The next append after a crash starts on a fresh line; nothing is lost or reported corrupt.
      const added = journal.add({
        token: `2dn3hQFQ-after-${round}.x`,
        deviceUuid: 'after',
        source: 'paste',
      });
      const reopened = openJournal(dir);
      expect(reopened.list()).toEqual([...entries, added]);
      expect(reopened.readReport()).toMatchObject({
        recoveredFromTornWrite: false,
        healedTornLines: isTorn ? [entries.length + 1] : [],
        corruptLines: [],
      });
      // The healed fragment is still reported, against the same copy (not a second one).
      expect(reopened.damage?.copy).toBe(journal.damage?.copy);
      rmSync(dir, { recursive: true, force: true });
    }
    // The point of the test is the torn case: it must actually have happened.
    expect(tornRounds).toBeGreaterThan(0);
  }, 120_000);
});
