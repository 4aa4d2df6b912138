/**
 * How the simulated OpenRouter reads a message's content parts: the text it answers, and a
 * first line describing the attachments from their bytes, so a test or a demo user sees
 * exactly what arrived upstream (after the browser's image step and the proxy's checks).
 * The body is the simulator's own input, unchecked, so every shape is read defensively.
 */
import { base64ByteLength, decodeBase64 } from './base64.js';
import { imageInfo, wavSeconds } from './media-info.js';

/** OpenRouter's answer when no endpoint of the model takes images (OPENROUTER-REFERENCE.md 2.1). */
export const NO_IMAGE_INPUT_MESSAGE = 'No endpoints found that support image input';

/** A WAV header, even with a long list of chunks before `data`, fits in this much. */
const AUDIO_HEADER_BYTES = 4096;
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,/;

type Part = Record<string, unknown>;

/** The text of a message's content: the string, or its text parts, one per line. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return partsOf(content)
    .filter((part) => part['type'] === 'text' && typeof part['text'] === 'string')
    .map((part) => part['text'] as string)
    .join('\n');
}

/** Whether any message of the conversation carries an image (a text-only model refuses them all). */
export function carriesImage(messages: readonly unknown[]): boolean {
  return messages.some((message) => partsOf((message as { content?: unknown } | null)?.content).some((part) => part['type'] === 'image_url'));
}

/**
 * The line that counts and describes a message's attachments, e.g.
 * `Attachments: 2 images (png 640x480, jpeg 1024x768), 1 file (report.pdf, 12 kB).`;
 * undefined for a message without any.
 */
export function describeAttachments(content: unknown): string | undefined {
  const groups: Array<[singular: string, plural: string, items: string[]]> = [
    ['image', 'images', []],
    ['file', 'files', []],
    ['audio clip', 'audio clips', []],
  ];
  for (const part of partsOf(content)) {
    const { type } = part;
    if (type === 'image_url') groups[0]![2].push(describeImage(part['image_url']));
    else if (type === 'file') groups[1]![2].push(describeFile(part['file']));
    else if (type === 'input_audio') groups[2]![2].push(describeAudio(part['input_audio']));
  }
  const described = groups
    .filter(([, , items]) => items.length > 0)
    .map(([singular, plural, items]) => `${items.length} ${items.length === 1 ? singular : plural} (${items.join(', ')})`);
  return described.length === 0 ? undefined : `Attachments: ${described.join(', ')}.`;
}

function describeImage(image: unknown): string {
  const url = field(image, 'url');
  const data = dataUrlPayload(url);
  if (data === undefined) return url.startsWith('https:') ? `URL image from ${hostOf(url)}` : 'unreadable image';
  const info = imageInfo(decodeBase64(data.base64));
  return info === undefined ? `${data.mimeType}, unreadable` : `${info.format} ${info.width}x${info.height}`;
}

function describeFile(file: unknown): string {
  const name = field(file, 'filename') || 'unnamed file';
  const data = dataUrlPayload(field(file, 'file_data'));
  return data === undefined ? `${name}, URL` : `${name}, ${formatBytes(base64ByteLength(data.base64))}`;
}

function describeAudio(audio: unknown): string {
  const format = field(audio, 'format') || 'unknown format';
  const base64 = field(audio, 'data');
  const seconds = format === 'wav' ? wavSeconds(decodeBase64(base64, AUDIO_HEADER_BYTES)) : undefined;
  return seconds === undefined ? `${format}, ${formatBytes(base64ByteLength(base64))}` : `${format}, ${seconds.toFixed(1)} s`;
}

/** Sizes as people read them on a file chip: `820 B`, `12 kB`, `4.2 MB` (powers of 1 000). */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function dataUrlPayload(url: string): { mimeType: string; base64: string } | undefined {
  const prefix = DATA_URL.exec(url);
  return prefix === null ? undefined : { mimeType: prefix[1]!, base64: url.slice(prefix[0].length) };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
}

function partsOf(content: unknown): Part[] {
  return Array.isArray(content) ? content.filter((part): part is Part => typeof part === 'object' && part !== null) : [];
}

function field(value: unknown, name: string): string {
  const found = (value as Record<string, unknown> | null | undefined)?.[name];
  return typeof found === 'string' ? found : '';
}
