import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';

/**
 * OpenRouter's PDF engines for the `file-parser` plugin, and what each costs
 * (OPENROUTER-REFERENCE.md section 2.2): `cloudflare-ai` free, `mistral-ocr` $2 per 1 000
 * pages (billed even with your own provider key), `native` the model's own file input at
 * its input-token price, `pdf-text` deprecated and redirected to `cloudflare-ai`.
 */
export const PDF_ENGINES = ['cloudflare-ai', 'mistral-ocr', 'native', 'pdf-text'] as const;

/** A PDF engine of the `file-parser` plugin. */
export type PdfEngine = (typeof PDF_ENGINES)[number];

/** One entry of the body's `plugins`, as forwarded upstream. */
export type PluginEntry = { id: string } & Record<string, unknown>;

const FILE_PARSER = 'file-parser';
/** Far more than OpenRouter has plugins; a longer list can only be junk. */
const MAX_PLUGINS = 10;
const MAX_PLUGIN_ID_CHARS = 64;

/**
 * Checks the body's `plugins` and keeps the entries whose id is allowed, dropping the rest
 * (as unknown body fields are dropped: the request still works, without the extra, which
 * may cost money: `web` search is billed per result). A `file-parser` entry is rebuilt
 * from its known fields, since the proxy reasons about its engine; other allowed entries
 * go as sent, their cost being what the server's owner accepted by allowing them.
 *
 * @throws HttpError 400 for a `plugins` that is not a short array of `{ id, ... }`.
 */
export function checkPlugins(value: unknown, allowed: ReadonlySet<string>): PluginEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_PLUGINS) {
    throw new HttpError(400, `plugins must be an array of at most ${MAX_PLUGINS} entries { id, ... }.`);
  }
  const kept: PluginEntry[] = [];
  value.forEach((entry: unknown, index) => {
    const path = `plugins[${index}]`;
    if (!isPlainObject(entry) || typeof entry['id'] !== 'string' || entry['id'] === '' || entry['id'].length > MAX_PLUGIN_ID_CHARS) {
      throw new HttpError(400, `${path} must be an object with an id of 1 to ${MAX_PLUGIN_ID_CHARS} characters.`);
    }
    if (!allowed.has(entry['id'])) return;
    kept.push(entry['id'] === FILE_PARSER ? fileParserEntry(entry, path) : (entry as PluginEntry));
  });
  return kept;
}

/**
 * The plugins with the `file-parser` engine pinned: OpenRouter's own default, for a model
 * without native file input, is the paid `mistral-ocr`, so a request carrying a PDF that
 * names no engine gets `engine` (a client's own choice, where allowed, is kept).
 */
export function withPdfEngine(plugins: readonly PluginEntry[], engine: PdfEngine): PluginEntry[] {
  // A checked file-parser entry has `pdf` only when it names an engine.
  const pinned = (entry: PluginEntry): PluginEntry =>
    entry.id === FILE_PARSER && entry['pdf'] === undefined ? { ...entry, pdf: { engine } } : entry;
  const hasParser = plugins.some((entry) => entry.id === FILE_PARSER);
  return hasParser ? plugins.map(pinned) : [...plugins, { id: FILE_PARSER, pdf: { engine } }];
}

function fileParserEntry(entry: Record<string, unknown>, path: string): PluginEntry {
  const parser: PluginEntry = { id: FILE_PARSER };
  const { enabled, pdf } = entry;
  if (enabled !== undefined) {
    if (typeof enabled !== 'boolean') throw new HttpError(400, `${path}.enabled must be a boolean.`);
    parser['enabled'] = enabled;
  }
  if (pdf === undefined) return parser;
  if (!isPlainObject(pdf)) throw new HttpError(400, `${path}.pdf must be an object { engine }.`);
  if (pdf['engine'] === undefined) return parser;
  if (!(PDF_ENGINES as readonly unknown[]).includes(pdf['engine'])) {
    throw new HttpError(400, `${path}.pdf.engine must be one of ${PDF_ENGINES.join(', ')}.`);
  }
  parser['pdf'] = { engine: pdf['engine'] };
  return parser;
}
