import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createChatHandler } from '../../../src/server/handler.js';
import { createNodeHandler, listen, toNodeListener, type NodeListener, type RunningServer } from '../../../src/server/node.js';
import type { ChatHandlerOptions } from '../../../src/server/options.js';

/** The secret every test proxy holds; tests assert it never comes back. */
export const TEST_API_KEY = 'sk-or-v1-test-secret-0123456789abcdef';

/** A request as the test upstream saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A fake upstream on a real loopback socket that records every request it gets. */
export interface TestUpstream extends RunningServer {
  requests: RecordedRequest[];
}

/** How the test upstream answers, after it has read and recorded the request body. */
export type UpstreamResponder = (
  response: ServerResponse,
  recorded: RecordedRequest,
  request: IncomingMessage,
) => void;

/** Starts a fake upstream; the default answer is a tiny complete OpenRouter stream. */
export async function startUpstream(respond: UpstreamResponder = respondWithStream()): Promise<TestUpstream> {
  const requests: RecordedRequest[] = [];
  const server = await listen((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      respond(response, recorded, request);
    });
  });
  return Object.assign(server, { requests });
}

/** An upstream answer: these SSE frames, then the end of the body. */
export function respondWithStream(
  frames: readonly string[] = ['data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n', 'data: [DONE]\n\n'],
  headers: Record<string, string> = {},
): UpstreamResponder {
  return (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
    for (const frame of frames) response.write(frame);
    response.end();
  };
}

/** An upstream answer: a status with a body of the given type. */
export function respondWith(
  status: number,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): UpstreamResponder {
  return (response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/**
 * The proxy as the Node tests serve it: `createNodeHandler`, which works on Node's own
 * request objects; or, with `PROXY_ADAPTER=web` (`npm run test:node:web`), the Web handler
 * `createChatHandler` through the bridge, so the same tests hold both to one behaviour.
 */
export function nodeProxy(options: ChatHandlerOptions): NodeListener {
  return servesWebHandler() ? toNodeListener(createChatHandler(options)) : createNodeHandler(options);
}

/** Whether {@link nodeProxy} serves the Web handler through the bridge (`npm run test:node:web`). */
export function servesWebHandler(): boolean {
  return process.env['PROXY_ADAPTER'] === 'web';
}

/** Starts the proxy (see {@link nodeProxy}) in front of `upstreamUrl`. */
export function startProxy(
  upstreamUrl: string,
  options: Partial<ChatHandlerOptions> = {},
): Promise<RunningServer> {
  return listen(nodeProxy({ apiKey: TEST_API_KEY, baseUrl: upstreamUrl, rateLimit: false, ...options }));
}

/**
 * Runs `run` against a proxy in front of a recording upstream (answering with `respond`,
 * a stream by default), and closes both whatever happens.
 */
export async function withProxy(
  options: Partial<ChatHandlerOptions>,
  run: (proxy: RunningServer, upstream: TestUpstream) => Promise<void>,
  respond?: UpstreamResponder,
): Promise<void> {
  const upstream = await startUpstream(respond);
  const proxy = await startProxy(upstream.url, options);
  try {
    await run(proxy, upstream);
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

/** A valid chat request body. */
export function chatBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], ...overrides };
}

/** POSTs a JSON body to the proxy, as the element does. */
export function postChat(
  proxyUrl: string,
  body: unknown = chatBody(),
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(proxyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}
