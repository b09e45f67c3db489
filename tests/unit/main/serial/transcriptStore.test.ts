import { createTranscriptStore } from '../../../../src-main/serial/transcriptStore';
import type { TranscriptEntry } from '../../../../src-shared/at/transcript';

const entry = (i: number, text: string, port = '/dev/ttyACM0'): TranscriptEntry => ({
  t: i,
  port,
  dir: 'rx',
  text,
});

describe('createTranscriptStore', () => {
  it('keeps the newest entries within the entry limit', () => {
    const store = createTranscriptStore(100);
    for (let i = 0; i < 1000; i++) store.record(entry(i, `line ${i}`));
    const kept = store.entries();
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.at(-1)?.text).toBe('line 999');
  });

  it('keeps the newest entries within the character budget, however long the lines', () => {
    const store = createTranscriptStore(5000, 100_000);
    for (let i = 0; i < 1000; i++) store.record(entry(i, `${i} ${'x'.repeat(8000)}`));
    const kept = store.entries();
    const chars = kept.reduce((sum, e) => sum + e.text.length, 0);
    expect(chars).toBeLessThanOrEqual(100_000);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.at(-1)?.text.startsWith('999 ')).toBe(true);
  });

  it('keeps a single entry larger than the budget rather than nothing', () => {
    const store = createTranscriptStore(5000, 10);
    store.record(entry(0, 'x'.repeat(50)));
    expect(store.entries()).toHaveLength(1);
  });

  it('filters by port', () => {
    const store = createTranscriptStore();
    store.record(entry(0, 'a', '/dev/a'));
    store.record(entry(1, 'b', '/dev/b'));
    expect(store.entries('/dev/b').map((e) => e.text)).toEqual(['b']);
  });
});
