/**
 * What a model can read, against what the chat offers and holds: the `accept` list cut down
 * to the kinds the chosen model takes, and the kinds already attached that it cannot read.
 *
 * @module
 */
import type { ContentPart } from '../types.js';
import type { ModelInfo } from './model-catalog.js';

/** The kinds of attachment, by the catalog's input modality that reads them. */
export type AttachmentKind = 'image' | 'file' | 'audio';

const WILDCARD_TOKENS: Readonly<Record<AttachmentKind, string>> = { image: 'image/*', file: 'application/pdf', audio: 'audio/*' };

/** The kind an `accept` token lets in, by its MIME type or file name ending. */
function kindOfToken(token: string): AttachmentKind | undefined {
  if (/^image\/|^\.(png|jpe?g|webp|gif|heic|avif)$/.test(token)) return 'image';
  if (/^application\/pdf$|^\.pdf$/.test(token)) return 'file';
  if (/^audio\/|^\.(mp3|wav)$/.test(token)) return 'audio';
  return undefined;
}

/**
 * `accept` with the tokens the model cannot read left out (`*` and `* /*` become the kinds it
 * can): an empty string when it reads none of them, which hides the attach button.
 */
export function acceptFor(accept: string, model: ModelInfo): string {
  const tokens: string[] = [];
  for (const raw of accept.split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === '*' || token === '*/*') {
      for (const kind of Object.keys(WILDCARD_TOKENS) as AttachmentKind[]) if (model.inputs.has(kind)) tokens.push(WILDCARD_TOKENS[kind]);
      continue;
    }
    const kind = kindOfToken(token);
    if (token && (kind === undefined || model.inputs.has(kind))) tokens.push(token);
  }
  return [...new Set(tokens)].join(',');
}

/** The kinds among `parts` that `model` does not read, in a fixed order. */
export function unreadableKinds(parts: readonly ContentPart[], model: ModelInfo): AttachmentKind[] {
  const kinds = new Set<AttachmentKind>();
  for (const part of parts) {
    const kind = part.type === 'image_url' ? 'image' : part.type === 'file' ? 'file' : part.type === 'input_audio' ? 'audio' : undefined;
    if (kind && !model.inputs.has(kind)) kinds.add(kind);
  }
  return (['image', 'file', 'audio'] as const).filter((kind) => kinds.has(kind));
}
