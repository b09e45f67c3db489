/**
 * The journal's durable write path, kept free of project imports (node:fs only) so the crash test
 * can run this exact code in a child process and kill it mid-write.
 *
 * Each append opens the file in append mode, writes every byte (looping over short writes),
 * fsyncs and closes, so a record is on disk when the call returns. If a previous writer died
 * mid-line, the new record starts on a fresh line and says so (`afterTorn`), letting the reader
 * tell a healed torn write from real corruption.
 */
import { closeSync, fsyncSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

export const JOURNAL_FILE_NAME = 'token-journal.jsonl';

/** Appends text built by `build` and returns the file size afterwards; durable on return. */
export function appendDurably(file: string, build: (isAfterTorn: boolean) => string): number {
  const fd = openSync(file, 'a+', 0o600);
  try {
    const sizeBefore = fstatSync(fd).size;
    const isAfterTorn = sizeBefore > 0 && lastByte(fd, sizeBefore) !== 0x0a;
    const text = (isAfterTorn ? '\n' : '') + build(isAfterTorn);
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length;) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fsyncSync(fd);
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

function lastByte(fd: number, size: number): number {
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, size - 1);
  return one[0] ?? 0x0a;
}

/** One JSON line for a new entry. */
export function addRecordLine(entry: object, isAfterTorn: boolean): string {
  return `${JSON.stringify(isAfterTorn ? { t: 'add', entry, afterTorn: true } : { t: 'add', entry })}\n`;
}

/** One JSON line for a status change of an existing entry. */
export function updateRecordLine(
  id: string,
  patch: object,
  at: string,
  isAfterTorn: boolean,
): string {
  const record = { t: 'update', id, patch, at };
  return `${JSON.stringify(isAfterTorn ? { ...record, afterTorn: true } : record)}\n`;
}

/** Makes a new file's directory entry durable too (POSIX; a no-op where directories cannot be opened). */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals metadata itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
