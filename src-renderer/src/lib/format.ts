/** Small display formatters shared by several views. */
import { visibleControls, type TranscriptEntry } from '../../../src-shared/at/transcript';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time with seconds in ISO 8601 form, e.g. 14:03:27, whatever the OS locale. */
export function formatTime(at: number | string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Local date and time in ISO 8601 form, e.g. 2026-12-02 14:03:27, for claim and journal times. */
export function formatDateTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${formatTime(date.getTime())}`;
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
