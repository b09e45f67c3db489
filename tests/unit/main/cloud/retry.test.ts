import { abortableSleep, backoffDelay, parseRetryAfter } from '../../../../src-main/cloud/retry';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    ['1', 1000],
    [' 30 ', 30_000],
    ['Sun, 01 Jun 2025 12:00:05 GMT', 5000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
  ])('reads %j as %d ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([null, undefined, '', 'soon', '-1'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 5000 };
  it('doubles per retry up to the cap, jittered down to half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      500, 1000, 2000, 2500,
    ]);
  });
});

describe('abortableSleep', () => {
  it('rejects at once when aborted', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
