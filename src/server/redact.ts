/**
 * Keeps the API key out of everything the proxy passes on or logs, even when upstream (or
 * a fetch wrapper's error message) echoes it back.
 */

/** What stands where the key was. */
export const REDACTED = '[redacted]';

/**
 * A held-back key prefix this short, left over when a stream ends, is let through as it is:
 * a few characters reveal nothing, and a stream cut off mid-event may just end with `s`.
 */
const HARMLESS_PREFIX_BYTES = 8;
const NOTHING = new Uint8Array(0);

/** Replaces every occurrence of `secret` in `text`. */
export function redactText(text: string, secret: string): string {
  return text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** Redacts a chunk of a byte stream; `flush` releases what was held back at the end. */
export interface StreamRedactor {
  push(bytes: Uint8Array): Uint8Array;
  flush(): Uint8Array;
}

/**
 * Redacts `secret` from a byte stream however the network splits it. The secret is
 * printable ASCII (options reject anything else), and in UTF-8 an ASCII byte is always
 * that character, so matching bytes is matching text.
 *
 * A chunk that ends with the start of the secret keeps that tail back until the next chunk
 * shows whether the secret follows. The tail holds no line break (the secret has none), so
 * it is always inside an unfinished event: holding it back never delays an event the
 * client could already dispatch, and a stream without the secret passes through unchanged,
 * chunk for chunk, without copies.
 */
export function createStreamRedactor(secret: string): StreamRedactor {
  const needle = new TextEncoder().encode(secret);
  const replacement = new TextEncoder().encode(REDACTED);
  let held = NOTHING;

  return {
    push(bytes) {
      const data = held.byteLength === 0 ? bytes : concat([held, bytes]);
      // Made only when the secret is found: this runs for every chunk of every answer.
      let pieces: Uint8Array[] | undefined;
      let start = 0;
      for (let found = indexOf(data, needle, 0); found !== -1; found = indexOf(data, needle, start)) {
        (pieces ??= []).push(data.subarray(start, found), replacement);
        start = found + needle.byteLength;
      }
      const tail = heldTailStart(data, needle, start);
      held = tail === data.byteLength ? NOTHING : data.slice(tail);
      if (!pieces) return tail === data.byteLength ? data : data.subarray(0, tail);
      pieces.push(data.subarray(start, tail));
      return concat(pieces);
    },
    flush() {
      const rest = held;
      held = NOTHING;
      return rest.byteLength < HARMLESS_PREFIX_BYTES ? rest : replacement;
    },
  };
}

/** Where the longest end of `data` (from `from` on) that is a proper prefix of `needle` starts. */
function heldTailStart(data: Uint8Array, needle: Uint8Array, from: number): number {
  const earliest = Math.max(from, data.byteLength - needle.byteLength + 1);
  for (let candidate = data.indexOf(needle[0]!, earliest); candidate !== -1; candidate = data.indexOf(needle[0]!, candidate + 1)) {
    if (startsWithAt(needle, data, candidate, data.byteLength - candidate)) return candidate;
  }
  return data.byteLength;
}

function indexOf(data: Uint8Array, needle: Uint8Array, from: number): number {
  const last = data.byteLength - needle.byteLength;
  for (let candidate = data.indexOf(needle[0]!, from); candidate !== -1 && candidate <= last; candidate = data.indexOf(needle[0]!, candidate + 1)) {
    if (startsWithAt(needle, data, candidate, needle.byteLength)) return candidate;
  }
  return -1;
}

/** Whether `data[at..at+length)` equals `needle[0..length)`. */
function startsWithAt(needle: Uint8Array, data: Uint8Array, at: number, length: number): boolean {
  for (let offset = 0; offset < length; offset += 1) {
    if (data[at + offset] !== needle[offset]) return false;
  }
  return true;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}
