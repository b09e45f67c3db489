/** A guarded wrapper around cbor2: decoding untrusted bytes never throws and says how it failed. */
import { decodeSequence, Tag } from 'cbor2';

/** The outcome of decoding one CBOR data item from a byte string. */
export type CborOutcome =
  | { kind: 'ok'; value: unknown; hasTrailingBytes: boolean }
  | { kind: 'truncated' }
  | { kind: 'invalid'; reason: string };

/** Decodes the first CBOR item in `bytes` and reports whether anything follows it. */
export function decodeCborItem(bytes: Uint8Array): CborOutcome {
  if (bytes.length === 0) return { kind: 'truncated' };
  const items: unknown[] = [];
  try {
    // A sequence decoder hands out items one by one, so a valid item followed by junk is still seen;
    // maps stay Maps (never objects built from untrusted keys).
    for (const item of decodeSequence(bytes, { preferMap: true })) {
      items.push(item);
      if (items.length > 1) break;
    }
  } catch (error) {
    if (items.length > 0) return { kind: 'ok', value: items[0], hasTrailingBytes: true };
    if (isIncomplete(error)) return { kind: 'truncated' };
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  if (items.length === 0) return { kind: 'truncated' };
  return { kind: 'ok', value: items[0], hasTrailingBytes: items.length > 1 };
}

// cbor2 reads past the end of a truncated item through a DataView, which throws a RangeError.
function isIncomplete(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error instanceof Error && /end of (input|stream)/i.test(error.message))
  );
}

/** A tagged value, whether the decoder returned its Tag class or stripped the tag transparently. */
export function untag(value: unknown, tag: number): { hasTag: boolean; content: unknown } {
  if (value instanceof Tag) return { hasTag: Number(value.tag) === tag, content: value.contents };
  if (typeof value === 'object' && value !== null && 'tag' in value && 'value' in value) {
    const tagged = value as { tag: unknown; value: unknown };
    return { hasTag: tagged.tag === tag, content: tagged.value };
  }
  return { hasTag: false, content: value };
}

/** Lower-case hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
