/**
 * CSV in the layout of nrfcloud-utils' attestation_tokens.csv (written by gather_attestation_tokens,
 * read by claim_devices): IMEI, UUID, attestation token, ISO timestamp; no header row, LF line ends.
 */
import type { ImportRowError } from '../../src-shared/ipc/journal';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** RFC 4180 reader: quoted fields (with "" escapes and line breaks), CRLF or LF, a BOM, blank lines. */
export function parseCsv(text: string): { records: CsvRecord[]; errors: ImportRowError[] } {
  const records: CsvRecord[] = [];
  const errors: ImportRowError[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let isQuoted = false;
  let hasContent = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    fields.push(field);
    if (hasContent || fields.length > 1 || field !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    hasContent = false;
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (isQuoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          isQuoted = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      isQuoted = true;
      hasContent = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      hasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (isQuoted) {
    errors.push({
      line: recordLine,
      code: 'CSV_INVALID',
      message: 'A quoted field is never closed: the rest of the file from this line was not read.',
    });
  } else if (field !== '' || fields.length > 0 || hasContent) {
    endRecord();
  }
  return { records, errors };
}

/** Writes one row, quoting only fields that need it. */
export function formatCsvRow(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
