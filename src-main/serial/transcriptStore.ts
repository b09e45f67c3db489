/** Keeps the recent AT transcript of every port, bounded, for the UI and the support bundle. */
import type { TranscriptEntry } from '../../src-shared/at/transcript';

export interface TranscriptStore {
  record(entry: TranscriptEntry): void;
  /** Entries of one port, or of all ports in time order. */
  entries(path?: string): TranscriptEntry[];
}

/**
 * Bounded by entries and by characters: a device flooding the port with long lines must not
 * turn the transcript into the biggest thing in memory (5000 lines of 8 kB would be ~80 MB).
 */
export function createTranscriptStore(limit = 5000, maxChars = 1_000_000): TranscriptStore {
  const all: TranscriptEntry[] = [];
  let chars = 0;
  return {
    record(entry) {
      all.push(entry);
      chars += entry.text.length;
      // Drop the oldest tenth at once so a chatty port costs an occasional splice, not one per line.
      while (all.length > limit || (chars > maxChars && all.length > 1)) {
        const dropped = all.splice(0, Math.max(1, Math.ceil(all.length / 10)));
        for (const old of dropped) chars -= old.text.length;
      }
    },
    entries: (path) => (path === undefined ? [...all] : all.filter((e) => e.port === path)),
  };
}
