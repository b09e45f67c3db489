/** Small display formatters shared by several views. */
import { visibleControls, type TranscriptEntry } from '../../../src-shared/at/transcript';

/** Local wall-clock time with seconds, e.g. 14:03:27. */
export function formatTime(at: number | string): string {
  const date = typeof at === 'number' ? new Date(at) : new Date(at);
  return Number.isNaN(date.getTime()) ? String(at) : date.toLocaleTimeString([], { hour12: false });
}

/** Local date and time, for claim and journal timestamps. */
export function formatDateTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString([], { hour12: false });
}

const arrows: Record<TranscriptEntry['dir'], string> = { tx: '→', rx: '←', note: '·' };

/** The arrow shown for a transcript direction; text beside it says the same for screen readers. */
export const directionArrow = (dir: TranscriptEntry['dir']): string => arrows[dir];

/** A transcript as plain text for the clipboard or a file, one entry a line. */
export function transcriptToText(entries: readonly TranscriptEntry[]): string {
  return entries
    .map(
      (e) => `${new Date(e.t).toISOString()} ${e.port} ${arrows[e.dir]} ${visibleControls(e.text)}`,
    )
    .join('\n');
}

/** `1915:9100` from hex ids, or an empty string when the port has none. */
export function vidPid(vendorId?: string, productId?: string): string {
  return vendorId || productId ? `${vendorId ?? '????'}:${productId ?? '????'}` : '';
}

/** A duration as a stopwatch shows it: 0.4 s, 12.3 s, then 1:05 and 1:02:03. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
