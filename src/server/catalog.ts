/**
 * OpenRouter's model list (`GET /models`, a few MB of several hundred entries) cut down to
 * what the element needs and nothing more: the fields of the contract
 * (CAPABILITIES.md, "Model catalog"), each checked, for the models this proxy allows.
 * Everything in the upstream list is treated as hostile: an entry that is not an object or
 * has no valid id is skipped, a field of the wrong type is left out, names are cleaned and
 * clipped.
 */

/** One model as the proxy's `GET` answers it. */
export interface CatalogModel {
  id: string;
  name: string;
  /** Tokens the model reads and writes in all; absent when upstream gave none. */
  context_length?: number;
  /** USD per token, as OpenRouter writes them (decimal strings; `-1` means it varies). */
  pricing?: { prompt: string; completion: string; image?: string };
  input_modalities: string[];
  output_modalities: string[];
  supports_tools: boolean;
  supports_reasoning: boolean;
}

/** The proxy's `GET` answer. */
export interface Catalog {
  data: CatalogModel[];
}

/** How many models the trimmed list keeps at most (OpenRouter lists about 400). */
export const MAX_CATALOG_MODELS = 10_000;
/** Names longer than this are cut (with an ellipsis): a picker row has room for about 60. */
export const MAX_MODEL_NAME_CHARS = 120;

/** OpenRouter's prices: a plain decimal, possibly in exponent form, or `-1` for "varies". */
const PRICE = /^-?\d{1,20}(?:\.\d{1,20})?(?:[eE]-?\d{1,3})?$/;
const MODALITY = /^[a-z][a-z_-]{0,23}$/;
const MAX_MODALITIES = 8;
/**
 * Controls, and the bidirectional formatting characters that could make a name read as
 * something else (a "Trojan Source" reordering of the text beside it).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Trims an upstream catalog.
 *
 * @param upstream the parsed JSON of OpenRouter's `GET /models`.
 * @param isModelId whether an id is a valid OpenRouter id that this proxy allows.
 * @returns the allowed models, in upstream's order, each id once.
 * @throws TypeError when the document has no `data` array at all.
 */
export function trimCatalog(upstream: unknown, isModelId: (id: string) => boolean): Catalog {
  const entries = (upstream as { data?: unknown } | null)?.data;
  if (!Array.isArray(entries)) throw new TypeError('The model list has no "data" array.');
  const seen = new Set<string>();
  const data: CatalogModel[] = [];
  for (const entry of entries) {
    if (data.length === MAX_CATALOG_MODELS) break;
    const model = trimModel(entry, isModelId);
    if (model === undefined || seen.has(model.id)) continue;
    seen.add(model.id);
    data.push(model);
  }
  return { data };
}

function trimModel(entry: unknown, isModelId: (id: string) => boolean): CatalogModel | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const source = entry as Record<string, unknown>;
  const { id } = source;
  if (typeof id !== 'string' || !isModelId(id)) return undefined;
  const architecture = asRecord(source['architecture']);
  const parameters = Array.isArray(source['supported_parameters']) ? source['supported_parameters'] : [];
  const model: CatalogModel = {
    id,
    name: cleanName(source['name'], id),
    input_modalities: modalities(architecture?.['input_modalities']),
    output_modalities: modalities(architecture?.['output_modalities']),
    supports_tools: parameters.includes('tools'),
    supports_reasoning: parameters.includes('reasoning') || parameters.includes('include_reasoning'),
  };
  const contextLength = source['context_length'];
  if (Number.isSafeInteger(contextLength) && (contextLength as number) > 0) model.context_length = contextLength as number;
  const pricing = trimPricing(asRecord(source['pricing']));
  if (pricing !== undefined) model.pricing = pricing;
  return model;
}

function trimPricing(pricing: Record<string, unknown> | undefined): CatalogModel['pricing'] {
  const prompt = price(pricing?.['prompt']);
  const completion = price(pricing?.['completion']);
  if (prompt === undefined || completion === undefined) return undefined;
  const image = price(pricing?.['image']);
  return image === undefined ? { prompt, completion } : { prompt, completion, image };
}

function price(value: unknown): string | undefined {
  return typeof value === 'string' && PRICE.test(value) ? value : undefined;
}

/** Upstream's modality names, known-shaped ones only; text when it names none. */
function modalities(value: unknown): string[] {
  if (!Array.isArray(value)) return ['text'];
  const names = value.filter((name): name is string => typeof name === 'string' && MODALITY.test(name));
  return names.length === 0 ? ['text'] : [...new Set(names)].slice(0, MAX_MODALITIES);
}

/** The display name: without controls or bidi overrides, clipped; the id when there is none. */
function cleanName(value: unknown, id: string): string {
  const name = typeof value === 'string' ? value.replace(UNSAFE_NAME_CHARS, '').trim() : '';
  if (name === '') return id;
  const characters = Array.from(name);
  return characters.length > MAX_MODEL_NAME_CHARS ? `${characters.slice(0, MAX_MODEL_NAME_CHARS - 1).join('')}…` : name;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
