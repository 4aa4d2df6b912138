/**
 * What the simulated OpenRouter can tell about an attachment from its bytes alone: an
 * image's format and size from its header, a WAV clip's length. Each reader checks the
 * magic numbers and every offset it reads, and answers `undefined` for anything else, so
 * junk or truncated bytes can never make it throw.
 */

/** An image's format (as its bytes say, whatever its data URL claimed) and size in pixels. */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'gif' | 'webp';
  width: number;
  height: number;
}

/** Reads the format and size of a PNG, JPEG, GIF or WebP image from its first bytes. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  return pngInfo(bytes) ?? jpegInfo(bytes) ?? gifInfo(bytes) ?? webpInfo(bytes);
}

/** The length of a PCM WAV clip in seconds, from its `fmt ` and `data` chunk headers. */
export function wavSeconds(bytes: Uint8Array): number | undefined {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') return undefined;
  const view = viewOf(bytes);
  let byteRate: number | undefined;
  // Chunks follow the 12-byte header, each an id, a little-endian size, and its data
  // padded to an even length.
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 20 <= bytes.length) byteRate = view.getUint32(offset + 16, true);
    if (id === 'data') return byteRate === undefined || byteRate === 0 ? undefined : size / byteRate;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the signature, then the IHDR chunk, whose data starts with width and height. */
function pngInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return undefined;
  if (ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  const view = viewOf(bytes);
  return sized('png', view.getUint32(16), view.getUint32(20));
}

/** GIF: `GIF87a` or `GIF89a`, then the logical screen's width and height, little-endian. */
function gifInfo(bytes: Uint8Array): ImageInfo | undefined {
  const signature = ascii(bytes, 0, 6);
  if (bytes.length < 10 || (signature !== 'GIF87a' && signature !== 'GIF89a')) return undefined;
  const view = viewOf(bytes);
  return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
}

/**
 * JPEG: the size sits in the start-of-frame segment, after any number of others (EXIF,
 * ICC profiles, thumbnails), so walk the segments by their lengths until one comes.
 */
function jpegInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const view = viewOf(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    // Fill bytes (0xff) may pad before a marker; markers without a length stand alone.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    // Start of scan: the compressed data begins, and no frame header came before it.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return sized('jpeg', view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    offset += 2 + length;
  }
  return undefined;
}

/** SOF0 to SOF15, less the three markers in that range that are something else (DHT, JPG, DAC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * WebP: a RIFF file whose first chunk says the kind. `VP8X` (extended) holds the canvas
 * size as 24-bit values minus one; `VP8L` (lossless) packs 14-bit sizes minus one after
 * its 0x2f signature; `VP8 ` (lossy) has them after the key frame's start code.
 */
function webpInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return undefined;
  const view = viewOf(bytes);
  const kind = ascii(bytes, 12, 4);
  if (kind === 'VP8X') {
    return sized('webp', uint24(bytes, 24) + 1, uint24(bytes, 27) + 1);
  }
  if (kind === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = view.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (kind === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  return undefined;
}

function sized(format: ImageInfo['format'], width: number, height: number): ImageInfo | undefined {
  return width > 0 && height > 0 ? { format, width, height } : undefined;
}

function uint24(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
