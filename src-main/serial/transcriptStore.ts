/** Keeps the recent AT transcript of every port, bounded, for the UI and the support bundle. */
import type { TranscriptEntry } from '../../src-shared/at/transcript';

export interface TranscriptStore {
  record(entry: TranscriptEntry): void;
  /** Entries of one port, or of all ports in time order. */
  entries(path?: string): TranscriptEntry[];
}

export function createTranscriptStore(limit = 5000): TranscriptStore {
  const all: TranscriptEntry[] = [];
  return {
    record(entry) {
      all.push(entry);
      // Drop the oldest tenth at once so a chatty port costs an occasional splice, not one per line.
      if (all.length > limit) all.splice(0, Math.ceil(limit / 10));
    },
    entries: (path) => (path === undefined ? [...all] : all.filter((e) => e.port === path)),
  };
}
