import { formatDateTime, formatTime } from '../../../src-renderer/src/lib/format';

describe('dates and times as shown', () => {
  // Built from local fields, so the check holds in any time zone the tests run in.
  const local = new Date(2026, 11, 2, 4, 5, 6);

  it('shows a date and time in ISO 8601 form, zero-padded, whatever the OS locale', () => {
    expect(formatDateTime(local.toISOString())).toBe('2026-12-02 04:05:06');
  });

  it('shows a time as HH:MM:SS, from a timestamp or an ISO string', () => {
    expect(formatTime(local.getTime())).toBe('04:05:06');
    expect(formatTime(local.toISOString())).toBe('04:05:06');
  });

  it('passes through what it cannot read rather than showing Invalid Date', () => {
    expect(formatDateTime('yesterday')).toBe('yesterday');
    expect(formatTime('soon')).toBe('soon');
  });
});
