import { createCatalogCache, type CatalogCache } from './catalog-cache.js';
import type { RequestHead } from './exchange.js';
import { TOOL_NAME } from './tools.js';
import { createModelAllowlist } from './models.js';
import { createOriginPolicy, type OriginVerdict } from './origin.js';
import { PDF_ENGINES, type PdfEngine } from './plugins.js';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limit.js';
import { redactText } from './redact.js';

/**
 * Where the proxy reports what it did. `console` fits. Messages and details never contain
 * the API key or the conversation, only statuses, reasons and timings.
 */
export interface ChatLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of `createChatHandler`. Only `apiKey` is required; every default is safe. */
export interface ChatHandlerOptions {
  /** The OpenRouter API key. Stays on the server: never sent to the browser, never logged. */
  apiKey: string;
  /** Your site's URL, sent upstream as `HTTP-Referer` for OpenRouter's app attribution. */
  siteUrl?: string;
  /** Your site's name, sent upstream as `X-OpenRouter-Title` and `X-Title`. */
  siteName?: string;
  /** The OpenRouter API root. Default `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  /** Model used when the request body names none. Default `openrouter/auto`. */
  defaultModel?: string;
  /**
   * Models a client may ask for: exact ids (`openai/gpt-4o-mini`) or prefixes ending in `*`
   * (`anthropic/*`). Default: any valid id. Note that `openrouter/auto` lets OpenRouter pick
   * any model, so leave it out of a list meant to bound cost.
   */
  allowedModels?: readonly string[];
  /**
   * Browser origins allowed to call the proxy cross-origin (`https://shop.example`, or `*`).
   * Default: none, so only pages on the proxy's own origin (and non-browser callers) can.
   */
  allowedOrigins?: readonly string[];
  /**
   * Largest request body accepted, in bytes. Default 32 MiB (33 554 432): four images of
   * 5 MiB (the element's `max-attachments` and `max-attachment-bytes` defaults) grow by a
   * third in base64, to 26.7 MiB, and the rest leaves room for the text. It bounds memory,
   * not tightly: a request is held whole while it is checked and sent on (its bytes, its
   * text, the parsed JSON, the upstream body), so budget about 6 × `maxBodyBytes` per
   * concurrent full-size request, about 3 × of it in the JavaScript heap (measured in
   * docs/attachments.md: 200 MiB at the default). Lower it where only text is sent.
   */
  maxBodyBytes?: number;
  /** Most messages in one request. Default 100. */
  maxMessages?: number;
  /**
   * Longest text of one message, in characters: its `content` string, or its text parts
   * together. Attachments' base64 is not counted (the body limit bounds it). Default 100 000.
   */
  maxMessageChars?: number;
  /** Most content parts (text, images, files, audio) in one message. Default 50. */
  maxContentParts?: number;
  /**
   * Whether user messages may carry images, files (PDFs) and audio. Default `true`; `false`
   * refuses any part but text with a 400, for a text-only deployment.
   */
  allowAttachments?: boolean;
  /**
   * OpenRouter plugin ids a request's `plugins` may use; entries with other ids are dropped
   * (the request goes on without them). Default `['file-parser']`, the PDF parser. Allowing
   * `web` lets any visitor turn on paid web search.
   */
  allowedPlugins?: readonly string[];
  /**
   * The `file-parser` engine set when a request carries a file part and names no engine.
   * Default `'cloudflare-ai'` (free). `'mistral-ocr'` reads scanned PDFs and costs $2 per
   * 1 000 pages (billed even with your own provider key); `'native'` hands the PDF to a
   * model that reads files itself, at its input-token price; `'pdf-text'` is deprecated and
   * redirected to `'cloudflare-ai'`. Without an engine OpenRouter itself would pick
   * `mistral-ocr` for a model without file input: a silent per-page charge.
   */
  pdfEngine?: PdfEngine;
  /**
   * Whether a request may carry its own `tools` (the page's, run in the browser) and their
   * calls and results in its history. Default `true`; `false` refuses them with a 400 (the
   * proxy's own `tools` still work).
   */
  allowClientTools?: boolean;
  /**
   * Whether a request may turn on OpenRouter's web search: the `openrouter:web_search` tool,
   * the older `web` plugin or a model id ending `:online`. Default `false`: each search costs
   * money (OPENROUTER-REFERENCE.md section 4.3), so a visitor must not switch it on unasked.
   */
  allowWebSearch?: boolean;
  /**
   * The proxy's own tools, run on the server with its secrets: the model's calls to them are
   * executed here, their results sent back upstream, and the whole answer streamed to the
   * client as one response (see docs/proxy.md, "Tools").
   */
  tools?: Readonly<Record<string, ServerTool>>;
  /** The most rounds of server tool calls in one answer. Default 5. */
  maxToolSteps?: number;
  /** Longest model id accepted, in characters. Default 200. */
  maxModelIdLength?: number;
  /**
   * Whether `GET` on the endpoint answers the model catalog: OpenRouter's model list for the
   * models `allowedModels` lets through, trimmed to names, prices, context lengths and
   * capabilities (see docs/proxy.md, "Model catalog"). Default `true`; `false` answers 405.
   */
  catalog?: boolean;
  /**
   * How long a fetched catalog is served from memory before the next `GET` refreshes it.
   * Default 3 600 000 ms (an hour): OpenRouter's list changes a few times a day.
   */
  catalogTtlMs?: number;
  /**
   * Largest upstream model list read, in bytes. Default 16 MiB (16 777 216); OpenRouter's is
   * a few MB. The list is held whole while it is trimmed: about 3 × its size at the peak.
   */
  maxCatalogBytes?: number;
  /**
   * Cap on `max_tokens`: a larger request is lowered to it, and a request without one gets
   * it. Default: no cap (OpenRouter's and the model's own limits apply).
   */
  maxTokens?: number;
  /**
   * The rate-limit hook, asked before each chat request is read; `false` turns limiting off.
   * Default: `createMemoryRateLimiter()`, 20 requests per minute per client address.
   */
  rateLimit?: RateLimiter | false;
  /**
   * How many reverse proxies of yours append to `x-forwarded-for` in front of this handler.
   * Default 0: the header is ignored, since any client can write it.
   */
  trustedProxyCount?: number;
  /** How long to wait for upstream's response headers before answering 504. Default 30 000 ms. */
  upstreamTimeoutMs?: number;
  /**
   * Longest silence from upstream mid-stream (no byte at all; keep-alive comments count)
   * before the proxy gives up and ends the stream. Default 60 000 ms.
   */
  idleTimeoutMs?: number;
  /** The `fetch` used to reach upstream. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Where to report refusals and upstream failures. Default: silent. */
  logger?: ChatLogger;
}

/** A tool the proxy runs itself. */
export interface ServerTool {
  /** Tells the model what the tool does and when to call it. */
  description?: string;
  /** A JSON Schema object describing the arguments. */
  parameters: Record<string, unknown>;
  /**
   * Runs a call with the model's arguments, parsed. What it returns (or resolves to) is sent
   * to the model as JSON (a string as it is); a throw sends `{"error": message}` (the message
   * only: never a stack). `signal` aborts when the client goes away.
   */
  execute(args: Record<string, unknown>, context: { signal: AbortSignal; request: RequestHead }): unknown;
}

/** The options with defaults applied and checked, as the handler uses them. */
export interface ResolvedChatOptions {
  apiKey: string;
  upstreamUrl: string;
  attributionHeaders: Record<string, string>;
  defaultModel: string;
  isModelAllowed: (modelId: string) => boolean;
  checkOrigin: (request: RequestHead) => OriginVerdict;
  maxBodyBytes: number;
  maxMessages: number;
  maxMessageChars: number;
  maxContentParts: number;
  allowAttachments: boolean;
  allowedPlugins: ReadonlySet<string>;
  pdfEngine: PdfEngine;
  allowClientTools: boolean;
  allowWebSearch: boolean;
  serverTools: ReadonlyMap<string, ServerTool>;
  serverToolNames: ReadonlySet<string>;
  maxToolSteps: number;
  maxModelIdLength: number;
  /** Where the model list is fetched from; the cache is `undefined` when `catalog` is off. */
  catalogUrl: string;
  catalog: CatalogCache | undefined;
  maxCatalogBytes: number;
  maxTokens: number | undefined;
  rateLimit: RateLimiter | undefined;
  trustedProxyCount: number;
  upstreamTimeoutMs: number;
  idleTimeoutMs: number;
  fetch: typeof fetch;
  logger: ChatLogger;
}

/** Default upstream: OpenRouter's OpenAI-compatible API. */
export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';
/** Default model: OpenRouter's router, which picks a model per prompt. */
export const DEFAULT_MODEL = 'openrouter/auto';
/** Default body limit: four 5 MiB images in base64 and their text (see `maxBodyBytes`). */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Default catalog time-to-live: an hour. */
export const DEFAULT_CATALOG_TTL_MS = 60 * 60 * 1000;
/** How long after a failed catalog fetch the proxy waits before it asks OpenRouter again. */
const CATALOG_RETRY_AFTER_FAILURE_MS = 30_000;

const silentLogger: ChatLogger = { info() {}, warn() {}, error() {} };

/**
 * Applies defaults and fails fast on a misconfiguration, at startup rather than on the
 * first visitor's request.
 *
 * @throws TypeError naming the bad option.
 */
export function resolveChatOptions(options: ChatHandlerOptions): ResolvedChatOptions {
  const { apiKey, siteUrl, siteName } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError(
      'createChatHandler: `apiKey` is required (your OpenRouter key, e.g. from process.env.OPENROUTER_API_KEY).',
    );
  }
  checkHeaderValue('apiKey', apiKey, false);
  const attributionHeaders: Record<string, string> = {};
  if (siteUrl !== undefined) {
    attributionHeaders['HTTP-Referer'] = checkHeaderValue('siteUrl', siteUrl, true);
  }
  if (siteName !== undefined) {
    const title = checkHeaderValue('siteName', siteName, true);
    attributionHeaders['X-OpenRouter-Title'] = title;
    attributionHeaders['X-Title'] = title;
  }

  const isModelAllowed = createModelAllowlist(options.allowedModels);
  const defaultModel = options.defaultModel ?? DEFAULT_MODEL;
  if (!isModelAllowed(defaultModel)) {
    throw new TypeError(`createChatHandler: defaultModel "${defaultModel}" is not in allowedModels.`);
  }
  const chosenFetch = options.fetch ?? globalThis.fetch;
  if (typeof chosenFetch !== 'function') {
    throw new TypeError('createChatHandler: no global fetch here; pass the `fetch` option.');
  }
  // Called as `options.fetch(...)`, the global fetch would get the options object as `this`,
  // which workerd refuses ("Illegal invocation"); a plain call keeps the global receiver.
  const fetchUpstream: typeof fetch = (input, init) => chosenFetch(input, init);
  const maxTokens = options.maxTokens === undefined ? undefined : positive('maxTokens', options.maxTokens);
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? createMemoryRateLimiter());
  const serverTools = checkServerTools(options.tools ?? {});
  const base = upstreamBase(options.baseUrl ?? DEFAULT_BASE_URL);
  const catalogTtlMs = positive('catalogTtlMs', options.catalogTtlMs ?? DEFAULT_CATALOG_TTL_MS);

  return {
    apiKey,
    upstreamUrl: `${base}/chat/completions`,
    attributionHeaders,
    defaultModel,
    isModelAllowed,
    checkOrigin: createOriginPolicy(options.allowedOrigins),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    maxMessages: positive('maxMessages', options.maxMessages ?? 100),
    maxMessageChars: positive('maxMessageChars', options.maxMessageChars ?? 100_000),
    maxContentParts: positive('maxContentParts', options.maxContentParts ?? 50),
    allowAttachments: options.allowAttachments ?? true,
    allowedPlugins: new Set(options.allowedPlugins ?? ['file-parser']),
    pdfEngine: checkPdfEngine(options.pdfEngine ?? 'cloudflare-ai'),
    allowClientTools: options.allowClientTools ?? true,
    allowWebSearch: options.allowWebSearch ?? false,
    serverTools,
    serverToolNames: new Set(serverTools.keys()),
    maxToolSteps: nonNegative('maxToolSteps', options.maxToolSteps ?? 5),
    maxModelIdLength: positive('maxModelIdLength', options.maxModelIdLength ?? 200),
    catalogUrl: `${base}/models`,
    catalog:
      options.catalog === false
        ? undefined
        : createCatalogCache({ ttlMs: catalogTtlMs, retryAfterFailureMs: Math.min(catalogTtlMs, CATALOG_RETRY_AFTER_FAILURE_MS) }),
    maxCatalogBytes: positive('maxCatalogBytes', options.maxCatalogBytes ?? 16 * 1024 * 1024),
    maxTokens,
    rateLimit,
    trustedProxyCount: nonNegative('trustedProxyCount', options.trustedProxyCount ?? 0),
    upstreamTimeoutMs: positive('upstreamTimeoutMs', options.upstreamTimeoutMs ?? 30_000),
    idleTimeoutMs: positive('idleTimeoutMs', options.idleTimeoutMs ?? 60_000),
    fetch: fetchUpstream,
    logger: redactingLogger(options.logger ?? silentLogger, apiKey),
  };
}

/**
 * Defence in depth: the handler never logs the key itself, but the messages it logs come
 * partly from elsewhere (a fetch wrapper's error may quote the request's headers). The
 * handler's details are flat, so redacting their string values covers them.
 */
function redactingLogger(logger: ChatLogger, apiKey: string): ChatLogger {
  const redacting =
    (log: ChatLogger['info']): ChatLogger['info'] =>
    (message, details) => {
      const clean = redactText(message, apiKey);
      if (details === undefined) return log.call(logger, clean);
      const cleanDetails = Object.fromEntries(
        Object.entries(details).map(([name, value]) => [name, typeof value === 'string' ? redactText(value, apiKey) : value]),
      );
      log.call(logger, clean, cleanDetails);
    };
  return { info: redacting(logger.info), warn: redacting(logger.warn), error: redacting(logger.error) };
}

function upstreamBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createChatHandler: baseUrl "${baseUrl}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('createChatHandler: baseUrl must be an http(s) URL.');
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Header values must be Latin-1 without line breaks, or `fetch` throws on every request
 * (or, with a lax runtime, a line break would smuggle in a header of its own).
 */
function checkHeaderValue(name: string, value: string, allowSpaces: boolean): string {
  // eslint-disable-next-line no-control-regex
  const forbidden = allowSpaces ? /[^\x20-\x7e\xa0-\xff\t]/ : /[^\x21-\x7e]/;
  if (typeof value !== 'string' || forbidden.test(value)) {
    throw new TypeError(
      `createChatHandler: \`${name}\` must be a single line of printable Latin-1 text${allowSpaces ? '' : ' without spaces'}.`,
    );
  }
  return value;
}

function checkServerTools(tools: Readonly<Record<string, ServerTool>>): Map<string, ServerTool> {
  const checked = new Map<string, ServerTool>();
  for (const [name, tool] of Object.entries(tools)) {
    if (!TOOL_NAME.test(name)) throw new TypeError(`createChatHandler: tool name "${name}" must be 1 to 64 letters, digits, "_" or "-".`);
    if (typeof tool?.execute !== 'function' || typeof tool.parameters !== 'object' || tool.parameters === null) {
      throw new TypeError(`createChatHandler: tool "${name}" needs \`parameters\` (a JSON Schema object) and \`execute\`.`);
    }
    checked.set(name, tool);
  }
  return checked;
}

function checkPdfEngine(engine: PdfEngine): PdfEngine {
  if (!(PDF_ENGINES as readonly string[]).includes(engine)) {
    throw new TypeError(`createChatHandler: \`pdfEngine\` must be one of ${PDF_ENGINES.join(', ')}.`);
  }
  return engine;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`createChatHandler: \`${name}\` must be a positive integer.`);
  }
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`createChatHandler: \`${name}\` must be a whole number (0 or more).`);
  }
  return value;
}
