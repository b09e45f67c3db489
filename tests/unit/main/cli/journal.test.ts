import { appendFileSync } from 'node:fs';
import { run as runJournal } from '../../../../src-main/cli/commands/journal';
import { openJournal } from '../../../../src-main/cloud/journal';
import { JOURNAL_FILE_NAME } from '../../../../src-main/cloud/journalFile';
import { makeTempDir, makeToken } from '../cloud/helpers';
import { captureIo } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('onboarder-cli-journal-'));
});
afterEach(() => cleanup());

describe('nrf-onboard journal', () => {
  it('lists the journal with masked tokens, and prints CSV with --csv', async () => {
    const journal = openJournal(dir);
    const { token, deviceUuid } = makeToken();
    journal.add({ token, deviceUuid, source: 'device', imei: '350000000000001' });
    const list = captureIo({ ONBOARDER_DATA_DIR: dir });
    expect(await runJournal([], list.io)).toBe(0);
    expect(list.stdout()).toContain(deviceUuid);
    expect(list.stdout()).toContain(`[token …${token.slice(-6)}]`);
    expect(list.stdout()).not.toContain(token);
    expect(list.stdout()).toContain('1 token(s), 1 still to claim.');

    const csv = captureIo({ ONBOARDER_DATA_DIR: dir });
    expect(await runJournal(['--csv'], csv.io)).toBe(0);
    expect(csv.stdout()).toMatch(
      new RegExp(`^350000000000001,${deviceUuid},${token.replace(/[.-]/g, '\\$&')},\\S+\\n$`),
    );
  });

  it('warns about corrupt lines but still lists the rest', async () => {
    const journal = openJournal(dir);
    journal.add({ ...makeToken(), source: 'device' });
    appendFileSync(`${dir}/${JOURNAL_FILE_NAME}`, 'garbage\n');
    journal.add({ ...makeToken(), source: 'device' });
    const run = captureIo({ ONBOARDER_DATA_DIR: dir });
    expect(await runJournal([], run.io)).toBe(0);
    expect(run.stderr()).toMatch(/^Warning: JOURNAL_CORRUPT: .*\n {2}line 2: not valid JSON/m);
    expect(run.stdout()).toContain('2 token(s)');
  });

  it('rejects unknown options', async () => {
    const run = captureIo({ ONBOARDER_DATA_DIR: dir });
    expect(await runJournal(['--bogus'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/^Unknown option '--bogus'.*\n\nUsage: nrf-onboard journal/);
  });
});
