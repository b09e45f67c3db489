// Child process for tests/integration/journalCrash.test.ts. Appends journal records in a loop
// through the journal's real write path (src-main/cloud/journalFile.ts, transpiled by the test
// and passed in as argv[2]) and prints "ok <id>" after each append has returned, i.e. after
// fsync. The test SIGKILLs it mid-write. Plain JS so Node 20 runs it without a TS loader.
import { pathToFileURL } from 'node:url';

const [modulePath, file, padBytes, maxEntries] = process.argv.slice(2);
const { appendDurably, addRecordLine } = await import(pathToFileURL(modulePath).href);
const pad = 'p'.repeat(Number(padBytes));

for (let i = 0; i < Number(maxEntries); i++) {
  const entry = crashEntry(i, pad);
  appendDurably(file, (isAfterTorn) => addRecordLine(entry, isAfterTorn));
  process.stdout.write(`ok ${entry.id}\n`);
}

/** The same fixed-width entry the test expects back (kept in step with the test by hand). */
function crashEntry(i, model) {
  return {
    id: `e${String(i).padStart(6, '0')}`,
    token: '2dn3hQFQ-crash-test-token.0oRDoQEmoQRBIfZYQ',
    deviceUuid: '4961c873-408c-45ce-b1ba-7c0d99d88179',
    readAt: '2025-01-01T00:00:00.000Z',
    source: 'device',
    claimStatus: 'unclaimed',
    model,
  };
}
