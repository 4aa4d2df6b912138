/**
 * The shape of a content part, checked before one from outside (a page's
 * `addAttachments`, a restored conversation) is shown: a malformed part is left out rather
 * than breaking the render.
 *
 * @module
 */
import type { ContentPart } from '../types.js';

/** The string fields each part type's payload must have. */
const PART_FIELDS: Readonly<Record<ContentPart['type'], readonly string[]>> = {
  text: [],
  image_url: ['url'],
  file: ['filename', 'file_data'],
  input_audio: ['data', 'format'],
};

/**
 * Whether `value` has the shape of a content part: a known type and its string fields. The
 * shape only: URLs and payloads are judged where they are used (shown, or sent to the proxy,
 * which checks them again).
 */
export function isContentPart(value: unknown): value is ContentPart {
  const part = value as Record<string, unknown> | null;
  if (typeof part !== 'object' || part === null || !Object.hasOwn(PART_FIELDS, part['type'] as string)) return false;
  const type = part['type'] as ContentPart['type'];
  if (type === 'text') return typeof part['text'] === 'string';
  const payload = part[type] as Record<string, unknown> | null;
  return typeof payload === 'object' && payload !== null && PART_FIELDS[type].every((field) => typeof payload[field] === 'string');
}
