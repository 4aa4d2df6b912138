import { errorResponse, HttpError } from './errors.js';
import { resolveChatOptions, type ChatHandlerOptions, type ResolvedChatOptions } from './options.js';
import { preflightResponse, type OriginVerdict } from './origin.js';
import { resolveClientAddress } from './rate-limit.js';
import { readBodyWithLimit } from './read-body.js';
import { relayEventStream } from './relay-stream.js';
import { ClientGoneError, describeUpstreamFailure, fetchUpstream } from './upstream.js';
import { validateChatRequest } from './validate.js';

/**
 * What the platform knows about a request that a Web `Request` cannot carry. Adapters fill
 * it in: the Node adapter passes the socket's address; on Deno pass
 * `info.remoteAddr.hostname`, on Bun `server.requestIP(request)?.address`, on Cloudflare
 * the `cf-connecting-ip` header.
 */
export interface ChatHandlerContext {
  /** The client's network address, used by the default per-client rate limit. */
  clientAddress?: string | undefined;
}

/**
 * The proxy: a Web-standard request handler. The optional second argument keeps it
 * assignable to plain `(request: Request) => Promise<Response>` slots (Next.js route
 * handlers, Hono, Workers' `fetch`).
 */
export type ChatHandler = (request: Request, context?: ChatHandlerContext) => Promise<Response>;

/**
 * Creates the key-holding, streaming OpenRouter proxy. Every check happens before the
 * upstream call, and every refusal is OpenRouter's error shape, `{ error: { code, message } }`.
 *
 * @example
 * const handler = createChatHandler({ apiKey: process.env.OPENROUTER_API_KEY! });
 * export function POST(request: Request) { return handler(request); } // Next.js route handler
 * @throws TypeError at creation when an option is missing or invalid (e.g. no `apiKey`).
 */
export function createChatHandler(options: ChatHandlerOptions): ChatHandler {
  const resolved = resolveChatOptions(options);

  return async (request, context = {}) => {
    const origin = resolved.checkOrigin(request);
    let response: Response;
    try {
      response = await answer(request, context, origin, resolved);
    } catch (error) {
      response = refusal(error, resolved);
    }
    for (const [name, value] of Object.entries(origin.corsHeaders)) response.headers.set(name, value);
    return response;
  };
}

async function answer(
  request: Request,
  context: ChatHandlerContext,
  origin: OriginVerdict,
  options: ResolvedChatOptions,
): Promise<Response> {
  if (request.method === 'OPTIONS') {
    if (!origin.allowed) throw new HttpError(403, 'This origin may not use this chat endpoint.');
    return preflightResponse(origin.corsHeaders);
  }
  if (request.method !== 'POST') {
    throw new HttpError(405, 'Use POST to send a chat request.', { allow: 'POST, OPTIONS' });
  }
  if (!origin.allowed) throw new HttpError(403, 'This origin may not use this chat endpoint.');
  await enforceRateLimit(request, context, options);
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new HttpError(415, 'Send the chat request as content-type: application/json.');
  }
  const text = await readBodyWithLimit(request, options.maxBodyBytes);
  const body = validateChatRequest(parseJson(text), options);

  const abort = new AbortController();
  const abortUpstream = (): void => abort.abort();
  // The browser leaving must stop OpenRouter's generation (and billing) at once. Once the
  // stream is handed to the relay, the relay's end lets go of the listener; until then, any
  // way out of here does.
  request.signal.addEventListener('abort', abortUpstream, { once: true });
  let relaying = false;
  try {
    const upstream = await fetchUpstream(body, options, abort);
    if (!upstream.ok) {
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
    const stream = relayEventStream(upstream.body, {
      idleTimeoutMs: options.idleTimeoutMs,
      secret: options.apiKey,
      abortUpstream,
      isClientGone: () => request.signal.aborted,
      onEnd(outcome) {
        request.signal.removeEventListener('abort', abortUpstream);
        options.logger.info('openrouter-chat: stream ended', { outcome, ms: Date.now() - startedAt });
      },
    });
    relaying = true;
    return new Response(stream, { status: 200, headers: streamHeaders(upstream, options.apiKey) });
  } finally {
    if (!relaying) request.signal.removeEventListener('abort', abortUpstream);
  }
}

async function enforceRateLimit(
  request: Request,
  context: ChatHandlerContext,
  options: ResolvedChatOptions,
): Promise<void> {
  if (options.rateLimit === undefined) return;
  const clientAddress = resolveClientAddress(request, context.clientAddress, options.trustedProxyCount);
  const decision = await options.rateLimit(request, { clientAddress });
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
function streamHeaders(upstream: Response, apiKey: string): Headers {
  const headers = new Headers({
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  const generationId = upstream.headers.get('x-generation-id');
  if (generationId !== null && !generationId.includes(apiKey)) headers.set('x-generation-id', generationId);
  return headers;
}

function refusal(error: unknown, options: ResolvedChatOptions): Response {
  if (error instanceof ClientGoneError) return errorResponse(499, 'Client closed request.');
  if (error instanceof HttpError) {
    options.logger.warn('openrouter-chat: request refused', {
      status: error.status,
      reason: error.message,
    });
    return errorResponse(error.status, error.message, error.headers);
  }
  options.logger.error('openrouter-chat: internal error', {
    reason: error instanceof Error ? error.message : String(error),
  });
  return errorResponse(500, 'The chat proxy failed unexpectedly.');
}
