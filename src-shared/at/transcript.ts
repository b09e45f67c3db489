/** One entry of a port transcript: bytes sent, lines received, and the session's decisions as notes. */
export interface TranscriptEntry {
  /** Milliseconds since the epoch (or the injected clock's origin). */
  t: number;
  port: string;
  dir: 'tx' | 'rx' | 'note';
  text: string;
}

/** Makes control characters visible in a transcript line (`\r`, `\n`, `\x15`...). */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => {
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
