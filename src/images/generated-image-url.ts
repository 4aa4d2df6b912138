/**
 * The gate a generated image passes before it is shown: OpenRouter sends each as a data URL,
 * and the model's provider decides what is in it.
 *
 * @module
 */

/** A raster data URL (never SVG, which can hold script), base64 throughout. */
const GENERATED_IMAGE = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z\d+/]+={0,2})$/;
/** How each type's bytes begin (WebP's "WEBP" follows the RIFF size). */
const SIGNATURES: Record<string, RegExp> = { png: /^\x89PNG\r\n\x1a\n/, jpeg: /^\xff\xd8\xff/, gif: /^GIF8[79]a/, webp: /^RIFF[^]{4}WEBP/ };
/** Checked once per image object: a real image's URL is megabytes long, and answers render every frame. */
const checked = new WeakMap<object, string | null>();

/**
 * The URL of a generated image if it is a PNG, JPEG, WebP or GIF data URL, base64 throughout,
 * whose bytes start as that type's do; else `null`. Bytes after the signature are the
 * browser's image decoder's to judge (an `<img>` never runs script).
 */
export function generatedImageUrl(image: { image_url?: { url?: unknown } }): string | null {
  let url = checked.get(image);
  if (url === undefined) {
    const match = GENERATED_IMAGE.exec(String(image?.image_url?.url));
    try {
      url = match && SIGNATURES[match[1]!]!.test(atob(match[2]!.slice(0, 16))) ? match[0] : null;
    } catch {
      // Too short to hold a signature: its base64 does not decode.
      url = null;
    }
    checked.set(image, url);
  }
  return url;
}
