/**
 * `nrf-onboard journal`, `attest` and `onboard` over a damaged or unreadable journal: a code and a
 * message on stderr, never a stack trace, and damage is said out loud with where its copy went.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src-main/cli/index';
import { openJournal } from '../../src-main/cloud/journal';
import { JOURNAL_FILE_NAME } from '../../src-main/cloud/journalFile';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';
import { captureIo } from '../unit/main/cli/helpers';
import { makeTempDir, makeToken } from '../unit/main/cloud/helpers';

const cleanups: Array<() => void> = [];
const ptys: PtySimulator[] = [];
afterEach(async () => {
  await Promise.all(ptys.splice(0).map((pty) => pty.close()));
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

function cliIo() {
  const temp = makeTempDir('onboarder-cli-files-');
  cleanups.push(temp.cleanup);
  return { ...captureIo({ ONBOARDER_DATA_DIR: temp.dir }), dataDir: temp.dir };
}

describe('nrf-onboard journal and damaged files', () => {
  it('names the code and the file when the journal cannot be read, with no stack trace', async () => {
    const { io, stderr, dataDir } = cliIo();
    mkdirSync(join(dataDir, JOURNAL_FILE_NAME));
    const code = await main(['journal'], io);
    expect(code).toBe(1);
    expect(stderr()).toMatch(/JOURNAL_UNREADABLE/);
    expect(stderr()).toContain(join(dataDir, JOURNAL_FILE_NAME));
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('says on stderr what a cut-off journal kept and where the damaged copy went', async () => {
    const { io, stdout, stderr, dataDir } = cliIo();
    const { token, deviceUuid } = makeToken();
    openJournal(dataDir).add({ token, deviceUuid, source: 'paste' });
    writeFileSync(join(dataDir, JOURNAL_FILE_NAME), '{"t":"add","entry":{"id":"x"', {
      flag: 'a',
    });
    const code = await main(['journal'], io);
    expect(code).toBe(0);
    expect(stdout()).toContain('1 token(s)');
    expect(stderr()).toMatch(/JOURNAL_CORRUPT/);
    expect(stderr()).toMatch(/1 entry read and kept, 1 unreadable line \(28 bytes\)/);
    expect(stderr()).toMatch(/token-journal\.jsonl\.damaged-[0-9a-f]{12}/);
  });

  it.each([['attest'], ['onboard', '--no-claim']])(
    '`%s` also says on stderr that the journal it writes to was damaged, and still journals',
    async (...command) => {
      const { io, stdout, stderr, dataDir } = cliIo();
      writeFileSync(join(dataDir, JOURNAL_FILE_NAME), '\u0000\u0000garbage', { mode: 0o600 });
      const pty = await startPtySimulator({ firmware: 'at' });
      ptys.push(pty);
      const code = await main([...command, '--port', pty.path, '--json'], io);
      expect(code).toBe(0);
      expect(stderr()).toMatch(/^Warning: JOURNAL_CORRUPT: /m);
      expect(stderr()).toMatch(/token-journal\.jsonl\.damaged-[0-9a-f]{12}/);
      expect(stdout()).not.toMatch(/JOURNAL_CORRUPT/);
      expect(openJournal(dataDir).list()).toHaveLength(1);
    },
  );
});
