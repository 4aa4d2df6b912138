import { ClientGoneError, errorBody, ERROR_HEADERS, HttpError } from './errors.js';
import type { CatalogCache } from './catalog-cache.js';
import { loadCatalog } from './catalog-upstream.js';
import type { ChatExchange, ChatReply, UpstreamAnswer } from './exchange.js';
import type { ResolvedChatOptions } from './options.js';
import { CATALOG_STATE_HEADER, preflightHeaders, type OriginVerdict } from './origin.js';
import { addressOnlyLimit, resolveClientAddress } from './rate-limit.js';
import { bodyTooLarge } from './read-body.js';
import { createEventRelay } from './relay-stream.js';
import { serverToolStream } from './server-tools.js';
import { describeUpstreamFailure, requestUpstream, upstreamInit } from './upstream.js';
import { validateChatRequest } from './validate.js';

/**
 * Browsers keep the catalog five minutes, then revalidate it with its ETag (a 304 is a few
 * bytes). It is the same for every visitor, so shared caches may keep it too.
 */
const CATALOG_CACHE_CONTROL = 'public, max-age=300';

/**
 * The proxy's handling of one chat request, whatever the platform: every check happens
 * before the upstream call, and every refusal is OpenRouter's error shape,
 * `{ error: { code, message } }`. Never throws: a failure is a reply too.
 */
export async function proxyChat(exchange: ChatExchange, options: ResolvedChatOptions): Promise<ChatReply> {
  const origin = options.checkOrigin(exchange.head);
  let reply: ChatReply;
  try {
    reply = await answer(exchange, origin, options);
  } catch (error) {
    reply = refusal(error, options);
  }
  Object.assign(reply.headers, origin.corsHeaders);
  return reply;
}

/** An error reply in OpenRouter's shape. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}): ChatReply {
  return { status, headers: { ...headers, ...ERROR_HEADERS }, body: errorBody(status, message) };
}

async function answer(exchange: ChatExchange, origin: OriginVerdict, options: ResolvedChatOptions): Promise<ChatReply> {
  const { head } = exchange;
  if (head.method === 'OPTIONS') {
    if (!origin.allowed) throw new HttpError(403, 'This origin may not use this chat endpoint.');
    return { status: 204, headers: preflightHeaders(origin.corsHeaders, allowedMethods(options)), body: null };
  }
  if (head.method === 'GET' && options.catalog !== undefined) {
    if (!origin.allowed) throw new HttpError(403, 'This origin may not use this chat endpoint.');
    return answerCatalog(exchange, options.catalog, options);
  }
  if (head.method !== 'POST') {
    throw new HttpError(405, 'Use POST to send a chat request.', { allow: allowedMethods(options) });
  }
  if (!origin.allowed) throw new HttpError(403, 'This origin may not use this chat endpoint.');
  await enforceRateLimit(exchange, options);
  if (!isJsonContentType(head.headers.get('content-type'))) {
    throw new HttpError(415, 'Send the chat request as content-type: application/json.');
  }
  // An honest oversized upload is refused without reading a byte of it.
  if (Number(head.headers.get('content-length') ?? Number.NaN) > options.maxBodyBytes) {
    throw bodyTooLarge(options.maxBodyBytes);
  }
  const text = await exchange.readBody(options.maxBodyBytes);
  const { clientGone } = exchange;
  // A client can be gone before now with its abort already past (it left while middleware
  // ran): the listener below would never hear it, and a body cut short is no bad request.
  if (clientGone.aborted) throw new ClientGoneError('The client went away before its request was handled.');
  const body = validateChatRequest(parseJson(text), options);

  const abort = new AbortController();
  const abortUpstream = (): void => abort.abort();
  // The browser leaving must stop OpenRouter's generation (and billing) at once. Once the
  // stream is handed to the relay, the relay's end lets go of the listener; until then, any
  // way out of here does.
  clientGone.addEventListener('abort', abortUpstream, { once: true });
  let relaying = false;
  try {
    const upstream = await requestUpstream(exchange.transport, upstreamInit(body, options), options, abort);
    if (upstream.status < 200 || upstream.status > 299) {
      const failure = await describeUpstreamFailure(upstream, options.apiKey, options.upstreamTimeoutMs);
      options.logger.warn('openrouter-chat: upstream refused', { status: upstream.status });
      throw failure;
    }
    const contentType = upstream.headers.get('content-type') ?? '';
    if (upstream.body === null || !contentType.toLowerCase().startsWith('text/event-stream')) {
      abortUpstream();
      throw new HttpError(502, 'OpenRouter answered without an event stream.');
    }

    const startedAt = Date.now();
    // With tools of its own the proxy reads the stream to run them; without, it relays bytes.
    const stream = options.serverTools.size
      ? serverToolStream(upstream.body, { body, options, transport: exchange.transport, abort, head })
      : upstream.body;
    const relay = createEventRelay(stream, {
      idleTimeoutMs: options.idleTimeoutMs,
      secret: options.apiKey,
      abortUpstream,
      isClientGone: () => clientGone.aborted,
      onEnd(outcome) {
        clientGone.removeEventListener('abort', abortUpstream);
        options.logger.info('openrouter-chat: stream ended', { outcome, ms: Date.now() - startedAt });
      },
    });
    relaying = true;
    return { status: 200, headers: streamHeaders(upstream, options.apiKey), body: relay };
  } finally {
    if (!relaying) clientGone.removeEventListener('abort', abortUpstream);
  }
}

/**
 * `GET`: the model catalog, from memory when fresh. Not rate limited: it costs no upstream
 * call but once per `catalogTtlMs` (and once per 30 s while OpenRouter fails), whoever asks.
 * A browser that has it sends `If-None-Match` and gets a 304 without the body.
 */
async function answerCatalog(exchange: ChatExchange, catalog: CatalogCache, options: ResolvedChatOptions): Promise<ChatReply> {
  const { snapshot, stale } = await catalog.current(() => loadCatalog(exchange.transport, options));
  if (stale) options.logger.warn('openrouter-chat: catalog refresh failed; serving the last good copy');
  const headers = {
    'content-type': 'application/json',
    'cache-control': CATALOG_CACHE_CONTROL,
    etag: snapshot.etag,
    [CATALOG_STATE_HEADER]: stale ? 'stale' : 'fresh',
  };
  const known = exchange.head.headers.get('if-none-match');
  if (known !== null && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === snapshot.etag)) {
    return { status: 304, headers, body: null };
  }
  return { status: 200, headers, body: snapshot.body };
}

function allowedMethods(options: ResolvedChatOptions): string {
  return options.catalog === undefined ? 'POST, OPTIONS' : 'GET, POST, OPTIONS';
}

async function enforceRateLimit(exchange: ChatExchange, options: ResolvedChatOptions): Promise<void> {
  if (options.rateLimit === undefined) return;
  const clientAddress = resolveClientAddress(exchange.head, exchange.clientAddress, options.trustedProxyCount);
  const byAddress = addressOnlyLimit(options.rateLimit);
  const decision = byAddress ? byAddress(clientAddress) : await options.rateLimit(exchange.asRequest(), { clientAddress });
  if (decision.ok) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterSeconds ?? 60));
  throw new HttpError(429, `Too many requests; try again in ${retryAfterSeconds} s.`, {
    'retry-after': String(retryAfterSeconds),
  });
}

function isJsonContentType(header: string | null): boolean {
  const mediaType = header?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/**
 * Event-stream headers that keep every hop from buffering or compressing the stream
 * (`no-transform` for CDNs, `x-accel-buffering` for nginx). Upstream's own headers are not
 * copied, so its cookies and hop-by-hop headers stay behind; only the generation id, which
 * the browser may use to look up cost, comes along, unless upstream put the key there.
 */
function streamHeaders(upstream: UpstreamAnswer, apiKey: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  };
  const generationId = upstream.headers.get('x-generation-id');
  if (generationId !== null && !generationId.includes(apiKey)) headers['x-generation-id'] = generationId;
  return headers;
}

function refusal(error: unknown, options: ResolvedChatOptions): ChatReply {
  if (error instanceof ClientGoneError) {
    // Worth a line (a client leaving mid-request, often, says something about the network
    // or a client), but not as a failure of the proxy.
    options.logger.info('openrouter-chat: client left', { reason: error.message });
    return errorReply(499, 'Client closed request.');
  }
  if (error instanceof HttpError) {
    options.logger.warn('openrouter-chat: request refused', {
      status: error.status,
      reason: error.message,
    });
    return errorReply(error.status, error.message, error.headers);
  }
  options.logger.error('openrouter-chat: internal error', {
    reason: error instanceof Error ? error.message : String(error),
  });
  return errorReply(500, 'The chat proxy failed unexpectedly.');
}
