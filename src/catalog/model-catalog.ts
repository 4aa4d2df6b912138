/**
 * The proxy's model catalog (`GET` on the endpoint, CAPABILITIES.md "Model catalog") read
 * into what the picker, the attachment gate and the context fit need. The endpoint may be
 * any server's, so everything is checked again here: an entry without a string id is
 * skipped, a field of the wrong shape is left out, names lose controls and bidi overrides and
 * are clipped. Names reach the page as text only (Lit text bindings), never as markup.
 *
 * @module
 */

/** One model, as the chat uses it. */
export interface ModelInfo {
  readonly id: string;
  readonly name: string;
  /** Tokens in and out together; unknown when the catalog gives none. */
  readonly contextLength?: number;
  /** USD per token; `undefined` when unknown or varying (`-1`, the router's). */
  readonly promptPrice?: number;
  readonly completionPrice?: number;
  /** What the model reads: `text`, `image`, `file`, `audio`... */
  readonly inputs: ReadonlySet<string>;
  readonly tools: boolean;
  readonly reasoning: boolean;
}

/** The models of one endpoint, by id, in the catalog's order. */
export type ModelCatalog = ReadonlyMap<string, ModelInfo>;

/** The most models read from one catalog (OpenRouter lists about 400). */
const MAX_MODELS = 10_000;
const MAX_ID_CHARS = 200;
const MAX_NAME_CHARS = 120;
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Reads a catalog document; `undefined` when it is not one at all. */
export function readCatalog(document: unknown): ModelCatalog | undefined {
  const entries = (document as { data?: unknown } | null)?.data;
  if (!Array.isArray(entries)) return undefined;
  const models = new Map<string, ModelInfo>();
  for (const entry of entries.slice(0, MAX_MODELS)) {
    const model = readModel(entry);
    if (model && !models.has(model.id)) models.set(model.id, model);
  }
  return models;
}

function readModel(entry: unknown): ModelInfo | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const source = entry as Record<string, unknown>;
  const { id, context_length: contextLength } = source;
  if (typeof id !== 'string' || !id || id.length > MAX_ID_CHARS) return undefined;
  const pricing = (source['pricing'] ?? {}) as Record<string, unknown>;
  const inputs = Array.isArray(source['input_modalities']) ? source['input_modalities'].filter((name) => typeof name === 'string') : ['text'];
  return {
    id,
    name: cleanName(source['name'], id),
    contextLength: Number.isSafeInteger(contextLength) && (contextLength as number) > 0 ? (contextLength as number) : undefined,
    promptPrice: price(pricing['prompt']),
    completionPrice: price(pricing['completion']),
    inputs: new Set(inputs),
    tools: source['supports_tools'] === true,
    reasoning: source['supports_reasoning'] === true,
  };
}

/** A price in USD per token, from OpenRouter's decimal string; negative ones mean "varies". */
function price(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function cleanName(value: unknown, id: string): string {
  const name = typeof value === 'string' ? value.replace(UNSAFE_NAME_CHARS, '').trim() : '';
  if (!name) return id;
  const characters = Array.from(name);
  return characters.length > MAX_NAME_CHARS ? `${characters.slice(0, MAX_NAME_CHARS - 1).join('')}…` : name;
}
