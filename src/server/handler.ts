import { resolveChatOptions, type ChatHandlerOptions } from './options.js';
import { proxyChat } from './proxy-chat.js';
import { readWebBody } from './read-body.js';
import { relayEventStream } from './relay-stream.js';
import { fetchTransport } from './upstream.js';

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
  const transport = fetchTransport(resolved.fetch);

  return async (request, context = {}) => {
    const reply = await proxyChat(
      {
        head: request,
        asRequest: () => request,
        clientAddress: context.clientAddress,
        readBody: (maxBytes) => readWebBody(request.body, maxBytes),
        // A getter: on the Node bridge, reading `signal` builds the whole request, body stream
        // included, which a refused request never needs.
        get clientGone() {
          return request.signal;
        },
        transport,
      },
      resolved,
    );
    const body = typeof reply.body === 'object' && reply.body !== null ? relayEventStream(reply.body) : reply.body;
    return new Response(body, { status: reply.status, headers: reply.headers });
  };
}
