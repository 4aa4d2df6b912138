/**
 * The image step itself: decode (EXIF orientation applied), scale, re-encode. One function
 * that runs on the main thread and, serialised with `toString()`, in the image worker, so the
 * two paths cannot drift apart. It must stay self-contained: no imports, no module-level
 * names, only the platform's globals.
 *
 * @module
 */

/** What the image step made, or why it could not. */
export type ImageStepResult =
  | { readonly ok: true; readonly blob: Blob; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly problem: 'unreadable' | 'too-large' };

/**
 * Decodes `source` (its `type` the format its bytes are in), scales it to at most `maxSide`
 * pixels on the long side and re-encodes it within `maxBytes`: JPEG stays JPEG and WebP
 * WebP; PNG stays PNG (lossless) when that fits, else becomes WebP (which keeps
 * transparency). Re-encoding drops every piece of metadata (EXIF, GPS position). When no
 * quality fits, the image is scaled down further, a few times, before giving up.
 */
export async function encodeImage(source: Blob, maxSide: number, maxBytes: number): Promise<ImageStepResult> {
  let bitmap: ImageBitmap | undefined;
  // Nothing may reject: the worker could not report it. A decoding failure, or anything the
  // canvas throws (out of memory for a huge image), is an unreadable image.
  try {
    bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
    const types = source.type === 'image/png' ? ['image/png', 'image/webp'] : [source.type === 'image/webp' ? 'image/webp' : 'image/jpeg'];
    let scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    for (let attempt = 0; attempt < 4; attempt++, scale *= 0.7) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      // Main-thread fallback for browsers without OffscreenCanvas (Safari before 16.4).
      const canvas: OffscreenCanvas | HTMLCanvasElement =
        typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, width, height);
      for (const type of types) {
        // Quality means nothing to PNG: one try.
        for (const quality of type === 'image/png' ? [1] : [0.85, 0.7, 0.55]) {
          const blob =
            'convertToBlob' in canvas
              ? await canvas.convertToBlob({ type, quality })
              : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
          // A browser that cannot encode a type hands back PNG instead: not what was asked.
          if (blob && blob.type === type && blob.size <= maxBytes) return { ok: true, blob, width, height };
        }
      }
    }
    return { ok: false, problem: 'too-large' };
  } catch {
    return { ok: false, problem: 'unreadable' };
  } finally {
    bitmap?.close();
  }
}
