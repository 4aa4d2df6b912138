import type { CatalogSnapshot } from './catalog-cache.js';
import { trimCatalog } from './catalog.js';
import { HttpError } from './errors.js';
import type { ChunkReader, UpstreamTransport } from './exchange.js';
import { isModelIdShaped } from './models.js';
import type { ResolvedChatOptions } from './options.js';
import { redactText } from './redact.js';
import { describeUpstreamFailure, requestUpstream } from './upstream.js';

/**
 * Fetches OpenRouter's model list with the server's key and attribution, trims it to the
 * models this proxy allows (`catalog.ts`) and returns the text to serve with its entity tag.
 * The whole fetch, body included, is bounded by `upstreamTimeoutMs` and `maxCatalogBytes`.
 *
 * @throws HttpError 502 (504 on timeout) saying what went wrong, in words the browser may see.
 */
export async function loadCatalog(transport: UpstreamTransport, options: ResolvedChatOptions): Promise<CatalogSnapshot> {
  const abort = new AbortController();
  const upstream = await requestUpstream(
    transport,
    {
      method: 'GET',
      url: options.catalogUrl,
      headers: { ...options.attributionHeaders, authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
    },
    options,
    abort,
  );
  if (upstream.status < 200 || upstream.status > 299) {
    const failure = await describeUpstreamFailure(upstream, options.apiKey, options.upstreamTimeoutMs);
    // The client cannot fix the server's key or OpenRouter's outage: a gateway failure.
    throw new HttpError(502, `Could not load the model list from OpenRouter: ${failure.message}`);
  }
  if (upstream.body === null) throw new HttpError(502, 'OpenRouter answered the model list without a body.');

  const text = await readCatalogText(upstream.body, options, abort);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(502, 'OpenRouter answered the model list with something that is not JSON.');
  }
  let body: string;
  try {
    body = JSON.stringify(trimCatalog(parsed, (id) => isModelIdShaped(id, options.maxModelIdLength) && options.isModelAllowed(id)));
  } catch (error) {
    throw new HttpError(502, `OpenRouter's model list is malformed: ${redactText(String((error as Error).message), options.apiKey)}`);
  }
  return { body, etag: await entityTag(body) };
}

/** The body as text, refused past `maxCatalogBytes` and cut off past the upstream time limit. */
async function readCatalogText(reader: ChunkReader, options: ResolvedChatOptions, abort: AbortController): Promise<string> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
    reader.cancel().catch(() => {});
  }, options.upstreamTimeoutMs);
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > options.maxCatalogBytes) {
        throw new HttpError(502, `OpenRouter's model list is larger than ${options.maxCatalogBytes} bytes (maxCatalogBytes).`);
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
    return parts.join('');
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (timedOut) throw new HttpError(504, 'OpenRouter did not send its model list in time.');
    throw new HttpError(502, 'The connection to OpenRouter broke while reading the model list.');
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

/** A strong entity tag of the served text: its SHA-256, which every runtime has as Web Crypto. */
async function entityTag(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, '0');
  return `"${hex}"`;
}
