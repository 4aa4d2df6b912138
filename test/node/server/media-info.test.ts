import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageInfo, wavSeconds } from '../../../src/server/media-info.js';
import { gifBytes, jpegBytes, pngBytes, wavBytes, webpBytes } from '../helpers/media.js';

describe('imageInfo: format and size from the first bytes', () => {
  it('PNG: from the IHDR chunk', () => {
    assert.deepEqual(imageInfo(pngBytes(640, 480)), { format: 'png', width: 640, height: 480 });
  });

  it('GIF: from the logical screen descriptor, 87a and 89a', () => {
    assert.deepEqual(imageInfo(gifBytes(320, 200)), { format: 'gif', width: 320, height: 200 });
    const old = gifBytes(1, 2);
    old.set(Buffer.from('GIF87a'), 0);
    assert.deepEqual(imageInfo(old), { format: 'gif', width: 1, height: 2 });
  });

  it('JPEG: walks past APP segments and fill bytes to the start of frame, baseline or progressive', () => {
    assert.deepEqual(imageInfo(jpegBytes(1024, 768)), { format: 'jpeg', width: 1024, height: 768 });
    assert.deepEqual(imageInfo(jpegBytes(4000, 3000, { sof: 0xc2, exifBytes: 60_000 })), { format: 'jpeg', width: 4000, height: 3000 });
  });

  it('JPEG: no start of frame before the scan, or a DHT (0xc4, in the SOF range) only: undefined', () => {
    const scanFirst = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]);
    assert.equal(imageInfo(scanFirst), undefined);
    const dhtOnly = Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x08, 0x00, 0x02, 0x00, 0x03, 0, 0]);
    assert.equal(imageInfo(dhtOnly), undefined);
  });

  it('WebP: VP8X (extended), VP8L (lossless) and VP8 (lossy) headers', () => {
    for (const kind of ['VP8X', 'VP8L', 'VP8 '] as const) {
      assert.deepEqual(imageInfo(webpBytes(kind, 800, 600)), { format: 'webp', width: 800, height: 600 }, kind);
    }
    assert.deepEqual(imageInfo(webpBytes('VP8L', 16384, 1)), { format: 'webp', width: 16384, height: 1 });
  });

  it('the bytes decide, not a name: each reader refuses the others\' bytes', () => {
    assert.equal(imageInfo(pngBytes(2, 2))?.format, 'png');
    assert.equal(imageInfo(webpBytes('VP8X', 2, 2))?.format, 'webp');
    assert.equal(wavSeconds(webpBytes('VP8X', 2, 2)), undefined, 'RIFF, but not WAVE');
  });

  it('never throws on junk or truncated bytes, and answers undefined', () => {
    const samples = [pngBytes(640, 480), jpegBytes(1024, 768, { exifBytes: 300 }), gifBytes(3, 3), webpBytes('VP8X', 5, 5), webpBytes('VP8L', 5, 5), webpBytes('VP8 ', 5, 5)];
    for (const sample of samples) {
      for (let length = 0; length < Math.min(sample.length, 400); length += 1) {
        const cut = sample.subarray(0, length);
        const info = imageInfo(cut);
        // A cut that keeps the whole header may still be read; anything else is undefined.
        if (info !== undefined) assert.deepEqual(info, imageInfo(sample));
      }
    }
    assert.equal(imageInfo(new Uint8Array(0)), undefined);
    assert.equal(imageInfo(Buffer.from('hello, not an image at all')), undefined);
    assert.equal(imageInfo(pngBytes(0, 10)), undefined, 'a zero width is no image');
  });
});

describe('wavSeconds: the length of a WAV clip from its headers', () => {
  it('data size over byte rate, past other chunks (LIST, odd sizes padded)', () => {
    assert.equal(wavSeconds(wavBytes({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, seconds: 1.2 })), 1.2);
    assert.equal(wavSeconds(wavBytes({ sampleRate: 44_100, channels: 2, bitsPerSample: 16, seconds: 0.5, extraChunkBytes: 7 })), 0.5);
  });

  it('undefined for no fmt chunk before data, or bytes that are not WAV; never throws', () => {
    const wav = wavBytes({ sampleRate: 8000, channels: 1, bitsPerSample: 8, seconds: 1 });
    for (let length = 0; length < 60; length += 1) {
      const seconds = wavSeconds(wav.subarray(0, length));
      assert.ok(seconds === undefined || seconds === 1);
    }
    const noFmt = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEdata'), Buffer.from([4, 0, 0, 0, 1, 2, 3, 4])]);
    assert.equal(wavSeconds(noFmt), undefined);
    assert.equal(wavSeconds(Buffer.from('ID3 an mp3')), undefined);
  });
});
