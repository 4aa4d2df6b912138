/**
 * The Node adapter: the proxy for `node:http`, Express and Connect (`createNodeHandler`),
 * and a bridge that runs any Web handler there (`toNodeListener`). Its own entry point
 * (`openrouter-chat/server/node`), apart from the Web handler, because it pulls in Node
 * built-ins that Workers, Deno-deploy and edge bundlers cannot resolve.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { errorBody, errorResponse, MALFORMED_TARGET_MESSAGE } from './errors.js';
import type { ChatHandlerContext } from './handler.js';
import { serveChat } from './node-chat.js';
import { nodeTransport } from './node-upstream.js';
import { resolveChatOptions, type ChatHandlerOptions } from './options.js';
import { fetchTransport } from './upstream.js';

/** Any Web handler this adapter can serve: the chat handler, the simulator, your own. */
export type WebHandler = (request: Request, context?: ChatHandlerContext) => Promise<Response>;

/**
 * A `node:http` request listener that also fits Express and Connect middleware slots.
 * `next` only ever receives an error the adapter could not turn into a response (a bug).
 */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * Wraps a Web handler for Node. Built on `@hono/node-server`'s bridge, which streams the
 * response body with backpressure (it waits for `drain`), and aborts `request.signal` and
 * cancels the response body when the client disconnects: exactly what the proxy needs to
 * stop the upstream request at once. The socket's address becomes `context.clientAddress`.
 *
 * Mount it before any body parser (e.g. `express.json()`): it reads the raw body itself.
 * A request whose client has already gone when it gets here is not handed to the handler.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  const listener = getRequestListener(
    async (request, { incoming }) =>
      sentAsItComes(await handler(request, { clientAddress: incoming.socket.remoteAddress }), incoming),
    {
      // Keep the bridge from swapping the process-wide Request/Response for its own classes.
      overrideGlobalObjects: false,
      // The bridge throws a RequestError for a request it cannot turn into a URL (a
      // `Host: user@evil`, a backslash in the path): the client's fault, not ours.
      errorHandler: (error) =>
        error instanceof Error && error.name === 'RequestError'
          ? errorResponse(400, MALFORMED_TARGET_MESSAGE)
          : errorResponse(500, 'The chat proxy failed unexpectedly.'),
    },
  );
  return (request, response, next) => {
    // A client gone before this (it left while earlier middleware ran) can get no answer, and
    // the bridge, which learns of a disconnect from the response's 'close', would never tell
    // the handler: a chat would start a paid upstream request for nobody.
    if (response.destroyed) return;
    listener(request, response).catch((error: unknown) => {
      if (next !== undefined) next(error);
      else response.destroy(error instanceof Error ? error : undefined);
    });
  };
}

/**
 * Marks an HTTP/1.1 event stream `transfer-encoding: chunked`, the bridge's sign to write it
 * as it comes. Without it the bridge first tries to read the whole body (so as to send a
 * `content-length`), and when a first chunk is there at once but the second is not, it
 * waits a timer turn (a millisecond or more) before sending anything. A real upstream's
 * first chunk (`: OPENROUTER PROCESSING`) comes alone, so every answer would pay that wait.
 * (The benchmark's upstream, at pace 0, sends its answer in one go and barely shows it.)
 * Not for HTTP/1.0 clients, which know no chunks, nor HTTP/2, where the header is
 * forbidden; nor for other bodies, which are short and gain a `content-length` from it.
 */
function sentAsItComes(response: Response, incoming: IncomingMessage | Http2ServerRequest): Response {
  if (
    response.body === null ||
    incoming.httpVersion !== '1.1' ||
    !(response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream') ||
    response.headers.has('content-length') ||
    response.headers.has('transfer-encoding')
  ) {
    return response;
  }
  // A copy, since a handler may return a response whose headers are immutable (a fetched one).
  const headers = new Headers(response.headers);
  headers.set('transfer-encoding', 'chunked');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The proxy as Node middleware, for `node:http`, Express and Connect: the Web handler's
 * handling (same checks, same answers), served straight on Node's request and response
 * objects, and reaching upstream with `node:http(s)` unless you pass your own `fetch`.
 * About a millisecond faster per request than `toNodeListener(createChatHandler(options))`
 * on a small machine, and half the CPU (see the README's benchmark).
 *
 * Mount it before any body parser (e.g. `express.json()`): it reads the raw body itself.
 *
 * @example
 * app.use('/api/chat', createNodeHandler({ apiKey: process.env.OPENROUTER_API_KEY! }));
 * @throws TypeError at creation when an option is missing or invalid (e.g. no `apiKey`).
 */
export function createNodeHandler(options: ChatHandlerOptions): NodeListener {
  const resolved = resolveChatOptions(options);
  const transport = options.fetch === undefined ? nodeTransport() : fetchTransport(resolved.fetch);
  return (request, response, next) => {
    serveChat(request, response, resolved, transport).catch((error: unknown) => {
      if (next !== undefined) next(error);
      else response.destroy(error instanceof Error ? error : undefined);
    });
  };
}

/** A server started by {@link listen}. */
export interface RunningServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  server: Server;
  /** Stops listening and closes every open connection, streaming ones included. */
  close(): Promise<void>;
}

/**
 * Serves a Node listener on a real socket, by default on a free loopback port: for tests,
 * the demo, and the simulated OpenRouter as a stand-alone server
 * (`listen(toNodeListener(createSimulatedOpenRouter()))`).
 */
export function listen(
  listener: NodeListener,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createServer((request, response) => listener(request, response));
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostPart}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Node's own answers to requests its parser refuses, by error code (as in `node:http`). */
const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Requests Node's HTTP parser refuses before any handler runs (a NUL or bare CR in a
 * header, a malformed request line, an oversized header block) get Node's status, but in
 * the same JSON error shape as every other refusal instead of Node's empty body.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    const body = errorBody(status, 'The HTTP request is malformed.');
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
        `cache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
