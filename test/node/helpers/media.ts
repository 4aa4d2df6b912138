/**
 * Tiny media files built byte by byte: just the headers the readers under test look at,
 * each field where its format's specification puts it.
 */

/** A PNG: the signature and an IHDR chunk (8-bit RGBA); no image data follows. */
export function pngBytes(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes[24] = 8;
  bytes[25] = 6;
  return bytes;
}

/** A GIF89a header with its logical screen size. */
export function gifBytes(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.write('GIF89a', 0, 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

/**
 * A JPEG: SOI, an APP0 (JFIF) segment, an APP1 (EXIF-sized) segment of `exifBytes`, two
 * fill bytes, the start-of-frame segment `sof` (0xc0 baseline, 0xc2 progressive), a scan.
 */
export function jpegBytes(width: number, height: number, { sof = 0xc0, exifBytes = 0 }: { sof?: number; exifBytes?: number } = {}): Buffer {
  const segment = (marker: number, data: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const frame = Buffer.alloc(15);
  frame[0] = 8;
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  frame[5] = 3;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    ...(exifBytes > 0 ? [segment(0xe1, Buffer.alloc(exifBytes, 0xab))] : []),
    Buffer.from([0xff, 0xff]),
    segment(sof, frame),
    segment(0xda, Buffer.alloc(10)),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

/** A WebP of one kind: `VP8X` (extended), `VP8L` (lossless) or `VP8 ` (lossy, a key frame). */
export function webpBytes(kind: 'VP8X' | 'VP8L' | 'VP8 ', width: number, height: number): Buffer {
  const bytes = Buffer.alloc(40);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(32, 4);
  bytes.write('WEBP', 8, 'latin1');
  bytes.write(kind, 12, 'latin1');
  bytes.writeUInt32LE(20, 16);
  if (kind === 'VP8X') {
    bytes.writeUIntLE(width - 1, 24, 3);
    bytes.writeUIntLE(height - 1, 27, 3);
  } else if (kind === 'VP8L') {
    bytes[20] = 0x2f;
    bytes.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21);
  } else {
    Buffer.from([0x9d, 0x01, 0x2a]).copy(bytes, 23);
    bytes.writeUInt16LE(width, 26);
    bytes.writeUInt16LE(height, 28);
  }
  return bytes;
}

/** A PCM WAV clip of silence; `extraChunkBytes` puts a LIST chunk of that size before `data`. */
export function wavBytes(plan: { sampleRate: number; channels: number; bitsPerSample: number; seconds: number; extraChunkBytes?: number }): Buffer {
  const blockAlign = (plan.channels * plan.bitsPerSample) / 8;
  const byteRate = plan.sampleRate * blockAlign;
  const dataBytes = Math.round(byteRate * plan.seconds);
  const chunk = (id: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
  };
  const format = Buffer.alloc(16);
  format.writeUInt16LE(1, 0);
  format.writeUInt16LE(plan.channels, 2);
  format.writeUInt32LE(plan.sampleRate, 4);
  format.writeUInt32LE(byteRate, 8);
  format.writeUInt16LE(blockAlign, 12);
  format.writeUInt16LE(plan.bitsPerSample, 14);
  const body = Buffer.concat([
    Buffer.from('WAVE', 'latin1'),
    chunk('fmt ', format),
    ...(plan.extraChunkBytes === undefined ? [] : [chunk('LIST', Buffer.alloc(plan.extraChunkBytes, 0x20))]),
    chunk('data', Buffer.alloc(dataBytes)),
  ]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** Bytes as a data URL of this type. */
export function dataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}
