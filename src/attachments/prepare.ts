/**
 * From a file the user picked, dropped or pasted to the content part that is sent: what it
 * is (by its bytes), whether `accept` and the size limit let it in, the image step for
 * images, and the base64 payload.
 *
 * @module
 */
import { isAccepted } from './accept.js';
import { safeFileName } from './file-name.js';
import { runImageStep } from './image-step.js';
import { looksLikeSvg, SNIFF_BYTES, sniffFormat, type AttachmentKind, type SniffedFormat } from './sniff.js';
import type { ContentPart } from '../types.js';

/** Images are scaled down past this many pixels on the long side (what vision models use). */
export const MAX_IMAGE_SIDE = 2048;
/**
 * The most bytes an image is sent with, whatever `max-attachment-bytes` allows: Anthropic
 * refuses images over 5 MB of base64, which is 3.75 MiB of image. Kept well under it.
 */
export const MAX_IMAGE_BYTES = 3.5 * 1024 * 1024;

/** Why a file was not added; the strings turn it into a sentence naming the file. */
export type AttachmentProblem =
  | { readonly reason: 'empty' | 'svg' | 'not-image' | 'unsupported' | 'not-accepted' | 'unreadable' }
  /** Over the limit (for an image: even after scaling); `gif` when it is a GIF, sent unchanged. */
  | { readonly reason: 'too-large'; readonly size: number; readonly limit: number; readonly gif?: boolean };

/** A file ready to send. */
export interface PreparedAttachment {
  readonly kind: AttachmentKind;
  readonly part: ContentPart;
  /** The bytes sent (an image after its step), for the thumbnail. */
  readonly blob: Blob;
}

export type Preparation = { readonly ok: true; readonly attachment: PreparedAttachment } | { readonly ok: false; readonly problem: AttachmentProblem };

/** What the element allows: its `accept` and `max-attachment-bytes`. */
export interface AttachmentRules {
  readonly accept: string;
  readonly maxBytes: number;
}

/** Checks `file` against `rules` and makes its content part, or says why not. */
export async function prepareFile(file: File, rules: AttachmentRules): Promise<Preparation> {
  if (file.size === 0) return refuse({ reason: 'empty' });
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const format = sniffFormat(head);
  if (!format) return refuse(unknownFormatProblem(file, head));
  if (!isAccepted(rules.accept, format)) return refuse({ reason: 'not-accepted' });
  // The bytes decide the type sent, whatever the name or the browser's guess said.
  const typed = new Blob([file], { type: format.mime });
  if (format.kind === 'image') return prepareImage(typed, format, rules.maxBytes);
  if (file.size > rules.maxBytes) return refuse({ reason: 'too-large', size: file.size, limit: rules.maxBytes });
  const dataUrl = await readDataUrl(typed);
  const part: ContentPart =
    format.kind === 'pdf'
      ? { type: 'file', file: { filename: safeFileName(file.name, 'document.pdf'), file_data: dataUrl } }
      : { type: 'input_audio', input_audio: { data: dataUrl.slice(dataUrl.indexOf(',') + 1), format: format.format as 'wav' | 'mp3' } };
  return { ok: true, attachment: { kind: format.kind, part, blob: typed } };
}

/**
 * GIFs go as they are (re-encoding would flatten an animation, and they carry no EXIF);
 * every other image is re-encoded, which also drops its metadata.
 */
async function prepareImage(image: Blob, format: SniffedFormat, maxBytes: number): Promise<Preparation> {
  const limit = Math.min(maxBytes, MAX_IMAGE_BYTES);
  let sent = image;
  if (format.format === 'gif') {
    if (image.size > limit) return refuse({ reason: 'too-large', size: image.size, limit, gif: true });
  } else {
    const result = await runImageStep(image, MAX_IMAGE_SIDE, limit);
    if (!result.ok) return refuse(result.problem === 'unreadable' ? { reason: 'unreadable' } : { reason: 'too-large', size: image.size, limit });
    sent = result.blob;
  }
  const part: ContentPart = { type: 'image_url', image_url: { url: await readDataUrl(sent) } };
  return { ok: true, attachment: { kind: 'image', part, blob: sent } };
}

/** An SVG, or something named or typed as an image, is told apart from any other file. */
function unknownFormatProblem(file: File, head: Uint8Array): AttachmentProblem {
  if (file.type === 'image/svg+xml' || /\.svgz?$/i.test(file.name) || looksLikeSvg(head)) return { reason: 'svg' };
  if (file.type.startsWith('image/') || /\.(png|jpe?g|jfif|webp|gif|bmp|heic|avif)$/i.test(file.name)) return { reason: 'not-image' };
  return { reason: 'unsupported' };
}

function refuse(problem: AttachmentProblem): Preparation {
  return { ok: false, problem };
}

/** `data:<type>;base64,...`, read off the main thread by the browser. */
function readDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
