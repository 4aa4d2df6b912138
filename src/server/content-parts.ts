import { isBase64 } from './base64.js';
import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';
import type { AudioPart, ContentPart, ImagePart } from '../types.js';

/** The content part types are the browser's: one contract (a type-only import, no shared code). */
export type { ContentPart };

type ImageDetail = NonNullable<ImagePart['image_url']['detail']>;
type AudioFormat = AudioPart['input_audio']['format'];

/** The limits content parts are checked against (see `ChatHandlerOptions` for meanings). */
export interface ContentPartLimits {
  allowAttachments: boolean;
  maxContentParts: number;
  maxMessageChars: number;
}

const IMAGE_DETAILS = ['auto', 'low', 'high'] as const satisfies readonly ImageDetail[];
const AUDIO_FORMATS = ['wav', 'mp3'] as const satisfies readonly AudioFormat[];
/** The image types OpenRouter documents; the base64 payload follows the comma. */
const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|webp|gif);base64,/;
const PDF_DATA_URL = /^data:application\/pdf;base64,/;
/**
 * Longer than any real image or file link (signed S3 links run to about 2 000), short
 * enough that a URL part cannot smuggle megabytes past the text limits.
 */
const MAX_URL_CHARS = 8192;
/** The longest file name common file systems allow. */
const MAX_FILENAME_CHARS = 255;
/**
 * Control characters: CR and LF would break any header or multipart line a file name ends
 * up in downstream, NUL truncates it in C code; the rest are never part of a real name.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/**
 * An https URL as written, host first: a URL parser would silently drop or fix up the rest
 * (`https:///a` becomes `https://a/`, `\` becomes `/`, tabs and line breaks vanish), and
 * the string checked must be the string sent.
 */
const HTTPS_URL = /^https:\/\/[^/\\\s]/;
// eslint-disable-next-line no-control-regex
const URL_JUNK = /[\u0000-\u0020\u007f-\u009f\\]/;

const IMAGE_URL_RULE = 'must be https: or a data:image/(png|jpeg|webp|gif);base64 URL';
const FILE_DATA_RULE = 'must be https: or a data:application/pdf;base64 URL';
const BASE64_RULE = 'is not valid base64 (standard alphabet, padded, no spaces or line breaks)';

/**
 * Checks a user message's content array and returns a copy holding only the known fields
 * of each part (unknown ones are dropped, as unknown body fields are), or throws a 400
 * naming the part, e.g. `messages[2].content[1].image_url.url`.
 *
 * `maxMessageChars` bounds the text parts together, so splitting text into many parts
 * gains nothing; the base64 payloads of attachments are bounded by the body limit instead,
 * since a character limit fit for text would refuse any photo.
 *
 * @param path where the array sits in the body, for messages: `messages[2].content`.
 */
export function checkContentParts(parts: readonly unknown[], path: string, limits: ContentPartLimits): ContentPart[] {
  if (parts.length === 0) throw new HttpError(400, `${path} must not be an empty array.`);
  if (parts.length > limits.maxContentParts) {
    throw new HttpError(400, `${path} has more than ${limits.maxContentParts} parts.`);
  }
  let textChars = 0;
  const checked = parts.map((part, index) => {
    const checkedPart = checkPart(part, `${path}[${index}]`, limits.allowAttachments);
    if (checkedPart.type === 'text') textChars += checkedPart.text.length;
    return checkedPart;
  });
  if (textChars > limits.maxMessageChars) {
    throw new HttpError(400, `${path} has more than ${limits.maxMessageChars} characters of text.`);
  }
  return checked;
}

function checkPart(part: unknown, path: string, allowAttachments: boolean): ContentPart {
  if (!isPlainObject(part)) throw new HttpError(400, `${path} must be an object { type, ... }.`);
  const { type } = part;
  if (type === 'text') {
    if (typeof part['text'] !== 'string') throw new HttpError(400, `${path}.text must be a string.`);
    return { type, text: part['text'] };
  }
  if (type !== 'image_url' && type !== 'file' && type !== 'input_audio') {
    throw new HttpError(400, `${path}.type must be "text", "image_url", "file" or "input_audio".`);
  }
  if (!allowAttachments) {
    throw new HttpError(400, `${path} is an attachment (${type}), and this server accepts text only.`);
  }
  const payload = part[type];
  if (!isPlainObject(payload)) throw new HttpError(400, `${path}.${type} must be an object.`);
  if (type === 'image_url') return { type, image_url: checkImage(payload, `${path}.image_url`) };
  if (type === 'file') return { type, file: checkFile(payload, `${path}.file`) };
  return { type, input_audio: checkAudio(payload, `${path}.input_audio`) };
}

function checkImage(image: Record<string, unknown>, path: string): { url: string; detail?: ImageDetail } {
  const { url, detail } = image;
  if (typeof url !== 'string' || !isHttpsOrData(url, IMAGE_DATA_URL)) {
    throw new HttpError(400, `${path}.url ${IMAGE_URL_RULE}.`);
  }
  checkDataPayload(url, `${path}.url`);
  if (detail === undefined) return { url };
  if (!(IMAGE_DETAILS as readonly unknown[]).includes(detail)) {
    throw new HttpError(400, `${path}.detail must be one of ${IMAGE_DETAILS.join(', ')}.`);
  }
  return { url, detail: detail as ImageDetail };
}

function checkFile(file: Record<string, unknown>, path: string): { filename: string; file_data: string } {
  const { filename, file_data: fileData } = file;
  if (typeof filename !== 'string' || filename === '' || filename.length > MAX_FILENAME_CHARS) {
    throw new HttpError(400, `${path}.filename must be a string of 1 to ${MAX_FILENAME_CHARS} characters.`);
  }
  if (CONTROL_CHARACTER.test(filename)) {
    throw new HttpError(400, `${path}.filename must not contain control characters (CR, LF, NUL...).`);
  }
  if (typeof fileData !== 'string' || !isHttpsOrData(fileData, PDF_DATA_URL)) {
    throw new HttpError(400, `${path}.file_data ${FILE_DATA_RULE}.`);
  }
  checkDataPayload(fileData, `${path}.file_data`);
  return { filename, file_data: fileData };
}

function checkAudio(audio: Record<string, unknown>, path: string): { data: string; format: AudioFormat } {
  const { data, format } = audio;
  if (!(AUDIO_FORMATS as readonly unknown[]).includes(format)) {
    throw new HttpError(400, `${path}.format must be one of ${AUDIO_FORMATS.join(', ')}.`);
  }
  // The likeliest mistake: a data URL where OpenRouter wants the bare payload.
  if (typeof data === 'string' && data.startsWith('data:')) {
    throw new HttpError(400, `${path}.data must be the bare base64 payload, without a data: prefix.`);
  }
  if (typeof data !== 'string' || !isBase64(data)) throw new HttpError(400, `${path}.data ${BASE64_RULE}.`);
  return { data, format: format as AudioFormat };
}

/** A `data:` URL with the allowed prefix, or an `https:` URL with a host and no junk in it. */
function isHttpsOrData(url: string, dataPrefix: RegExp): boolean {
  if (url.startsWith('data:')) return dataPrefix.test(url);
  if (url.length > MAX_URL_CHARS || !HTTPS_URL.test(url) || URL_JUNK.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** For a data URL (its prefix already checked), that the payload after the comma decodes. */
function checkDataPayload(url: string, path: string): void {
  if (!url.startsWith('data:')) return;
  if (!isBase64(url.slice(url.indexOf(',') + 1))) throw new HttpError(400, `${path} ${BASE64_RULE}.`);
}
