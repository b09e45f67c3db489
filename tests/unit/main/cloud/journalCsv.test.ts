import { openJournal } from '../../../../src-main/cloud/journal';
import { parseCsv } from '../../../../src-main/cloud/journalCsv';
import { makeTempDir, makeToken } from './helpers';

// Public real tokens from docs/protocol.md (nRF9160 SICA).
const REAL_UUID = '4961c873-408c-45ce-b1ba-7c0d99d88179';
const REAL_TOKEN =
  '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE';
const OTHER_UUID = '50363154-3931-44f0-8022-121b6401627d';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('onboarder-csv-'));
});
afterEach(() => cleanup());

describe('parseCsv', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, CRLF and a BOM', () => {
    const { records, errors } = parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n\r\n"multi\nline",x\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'x'] },
    ]);
  });

  it('reports an unterminated quote with its line', () => {
    expect(parseCsv('a,b\n"open,c\n').errors).toEqual([
      {
        line: 2,
        code: 'CSV_INVALID',
        message:
          'A quoted field is never closed: the rest of the file from this line was not read.',
      },
    ]);
  });
});

describe('journal CSV', () => {
  it('exports the nrfcloud-utils layout: IMEI, UUID, token, timestamp, no header', () => {
    const journal = openJournal(dir);
    journal.add({
      token: REAL_TOKEN,
      deviceUuid: REAL_UUID,
      source: 'device',
      imei: '352656100000001',
      readAt: '2025-03-01T10:00:00.000Z',
    });
    const discarded = journal.add({ ...makeToken(), source: 'paste' });
    journal.discard(discarded.id);
    expect(journal.exportCsv()).toBe(
      `352656100000001,${REAL_UUID},${REAL_TOKEN},2025-03-01T10:00:00.000Z\n`,
    );
  });

  it('round-trips through export and import into another journal', () => {
    const source = openJournal(dir);
    for (let i = 0; i < 3; i++)
      source.add({ ...makeToken(), source: 'device', imei: `35000000000000${i}` });
    const other = makeTempDir('onboarder-csv-other-');
    try {
      const target = openJournal(other.dir);
      expect(target.importCsv(source.exportCsv())).toEqual({ added: 3, skipped: 0, errors: [] });
      const strip = (e: {
        token: string;
        deviceUuid: string;
        imei?: string | undefined;
        readAt: string;
      }) => [e.token, e.deviceUuid, e.imei, e.readAt];
      expect(target.list().map(strip)).toEqual(source.list().map(strip));
      expect(
        target.list().every((e) => e.source === 'import' && e.claimStatus === 'unclaimed'),
      ).toBe(true);
      // Importing again adds nothing.
      expect(target.importCsv(source.exportCsv())).toEqual({ added: 0, skipped: 3, errors: [] });
    } finally {
      other.cleanup();
    }
  });

  it('accepts a header row, quotes, CRLF and the timestamp Python writes', () => {
    const journal = openJournal(dir);
    const text = `IMEI,UUID,Token,Timestamp\r\n"None","${REAL_UUID}","${REAL_TOKEN}",2024-11-05T09:30:12.123456+00:00\r\n`;
    expect(journal.importCsv(text)).toEqual({ added: 1, skipped: 0, errors: [] });
    const [entry] = journal.list();
    expect(entry).toMatchObject({
      deviceUuid: REAL_UUID,
      deviceType: 3,
      readAt: '2024-11-05T09:30:12.123Z',
    });
    expect(entry?.imei).toBeUndefined();
  });

  it('lists bad rows with line numbers and imports the good ones', () => {
    const journal = openJournal(dir);
    const good = makeToken();
    const text = [
      `350000000000001,${good.deviceUuid},${good.token},2025-01-01T00:00:00Z`,
      `350000000000002,${OTHER_UUID},${REAL_TOKEN},2025-01-01T00:00:00Z`,
      '350000000000003,abc,not-a-token,2025-01-01T00:00:00Z',
      'just,two',
      `350000000000001,${good.deviceUuid},${good.token},2025-01-01T00:00:00Z`,
    ].join('\n');
    const result = journal.importCsv(text);
    expect(result.added).toBe(1);
    expect(result.skipped).toBe(1);
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toEqual({
      line: 2,
      code: 'CSV_INVALID',
      message: `The UUID column (${OTHER_UUID}) is not the device this token belongs to (${REAL_UUID}).`,
    });
    // A token error: the plain sentence, its code, and the decoder's finding as the detail.
    expect(result.errors[1]).toMatchObject({ line: 3, code: 'TOKEN_MALFORMED' });
    expect(result.errors[1]?.message).toMatch(/^This is not an attestation token/);
    expect(result.errors[1]?.detail).toBeTruthy();
    expect(result.errors[2]).toMatchObject({ line: 4, code: 'CSV_INVALID' });
    expect(result.errors[2]?.message).toMatch(/a row is IMEI, UUID, token, timestamp/);
    expect(
      openJournal(dir)
        .list()
        .map((e) => e.deviceUuid),
    ).toEqual([good.deviceUuid]);
  });
});
