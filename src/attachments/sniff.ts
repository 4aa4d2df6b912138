/**
 * What a file is, read from its first bytes rather than its name or the type the browser
 * guessed from the name: a `.exe` renamed `.png` is not an image.
 *
 * @module
 */

/** The kinds of attachment a message can carry, each as its own content part. */
export type AttachmentKind = 'image' | 'pdf' | 'audio';

/** A format the chat can send, as its bytes say. */
export interface SniffedFormat {
  readonly kind: AttachmentKind;
  /** The MIME type sent, e.g. `image/png`. */
  readonly mime: string;
  /** Short name: `png`, `jpeg`, `webp`, `gif`, `pdf`, `wav`, `mp3`. */
  readonly format: string;
  /** The file name endings of the format, for `accept` tokens such as `.jpg`. */
  readonly extensions: readonly string[];
}

/** How many leading bytes {@link sniffFormat} needs (and an SVG's opening tag fits in). */
export const SNIFF_BYTES = 512;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** Signatures, first match wins. */
const SIGNATURES: ReadonlyArray<{ test: (bytes: Uint8Array) => boolean; format: SniffedFormat }> = [
  { test: (b) => b[0] === 0x89 && ascii(b, 1, 4) === 'PNG', format: { kind: 'image', mime: 'image/png', format: 'png', extensions: ['.png'] } },
  { test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, format: { kind: 'image', mime: 'image/jpeg', format: 'jpeg', extensions: ['.jpg', '.jpeg', '.jfif'] } },
  { test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP', format: { kind: 'image', mime: 'image/webp', format: 'webp', extensions: ['.webp'] } },
  { test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a', format: { kind: 'image', mime: 'image/gif', format: 'gif', extensions: ['.gif'] } },
  { test: (b) => ascii(b, 0, 5) === '%PDF-', format: { kind: 'pdf', mime: 'application/pdf', format: 'pdf', extensions: ['.pdf'] } },
  { test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE', format: { kind: 'audio', mime: 'audio/wav', format: 'wav', extensions: ['.wav'] } },
  // An ID3 tag, or straight into an MPEG audio frame (11 sync bits, layer III).
  {
    test: (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe6) === 0xe2),
    format: { kind: 'audio', mime: 'audio/mpeg', format: 'mp3', extensions: ['.mp3'] },
  },
];

/** The format of a file from its first {@link SNIFF_BYTES} bytes, or `undefined` for any other. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | undefined {
  return SIGNATURES.find(({ test }) => test(bytes))?.format;
}

/**
 * Whether the bytes are SVG (text, perhaps after an XML prolog or a byte-order mark, with an
 * `<svg` tag): refused by name, since an SVG is a document that can carry script, not a
 * raster image.
 */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const text = new TextDecoder().decode(bytes).trimStart().toLowerCase();
  return text.startsWith('<') && text.includes('<svg');
}
