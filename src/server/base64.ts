/**
 * Base64 (RFC 4648 section 4, the standard alphabet, padded) without Node's `Buffer`, so the
 * Web handler and the simulator stay runnable on Workers, Deno and Bun.
 */

/**
 * The standard alphabet, then at most two `=` at the very end. A regular expression, not a
 * decode: it reads a multi-megabyte payload once (about 3 ns a character here) and
 * allocates nothing, where decoding would make a copy of every attachment only to drop it.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Whether `text` is padded base64 that decodes: strict alphabet (no whitespace, no URL-safe
 * `-` or `_`), a length that is a multiple of four, `=` only at the end. Empty text is not:
 * an attachment of no bytes is a client bug, not an attachment.
 */
export function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && BASE64.test(text);
}

/** How many bytes padded base64 decodes to, worked out from its length alone. */
export function base64ByteLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * Decodes the start of padded base64: at most `maxBytes` bytes (rounded up to a whole
 * group of three), so a reader that needs only a file's header does not decode all of it.
 * Text that is not base64 decodes to no bytes, for readers that describe what they can.
 */
export function decodeBase64(text: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const chars = Math.min(text.length, Math.ceil(maxBytes / 3) * 4);
  let binary: string;
  try {
    binary = atob(text.slice(0, chars));
  } catch {
    return new Uint8Array(0);
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
