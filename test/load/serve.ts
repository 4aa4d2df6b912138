/**
 * One server of the load test, in a child process of its own so its memory figures hold
 * nothing but its own work:
 * - `proxy`: the Node adapter (`createNodeHandler`) in front of `UPSTREAM_URL`;
 * - `web-proxy`: the Web handler through the Node bridge, in front of the same;
 * - `bare-pipe`: the proxy benchmark's floor, in front of the same;
 * - `simulator`: the simulated OpenRouter at pace 0, recording a SHA-256 of every body it
 *   sends, by generation id, so the test can compare what each client received byte for byte.
 *
 * Talks to the parent over IPC: `ready` once listening, then answers `memory` (after a full
 * GC; run with --expose-gc), `cpu` (the process's CPU time so far) and `digests`.
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChatHandler } from '../../src/server/handler.js';
import { createNodeHandler, toNodeListener, type NodeListener } from '../../src/server/node.js';
import type { ChatHandlerOptions } from '../../src/server/options.js';
import { createSimulatedOpenRouter } from '../../src/server/simulator.js';
import { memorySnapshot } from '../node/helpers/memory.js';
import { TEST_API_KEY } from '../node/helpers/servers.js';

/** Room for a thousand connections arriving at once (Node's default backlog is 511). */
const BACKLOG = 4096;

/** Which server this process runs. */
export type LoadRole = 'proxy' | 'web-proxy' | 'bare-pipe' | 'simulator';

/** What the parent asks, and what this process answers. */
export type LoadRequest = { type: 'memory' } | { type: 'cpu' } | { type: 'digests' };
export type LoadReply =
  | { type: 'ready'; url: string }
  | { type: 'memory'; heapUsed: number; rss: number }
  | { type: 'cpu'; micros: number }
  | { type: 'digests'; digests: Array<[string, string]>; open: number };

const digests = new Map<string, string>();
let open = 0;

/** The simulator, with every body hashed on its way out. */
function recordingSimulator(): NodeListener {
  const simulate = createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY });
  return toNodeListener(async (request) => {
    const response = await simulate(request);
    const id = response.headers.get('x-generation-id');
    if (id === null || response.body === null) return response;
    const hash = createHash('sha256');
    open += 1;
    let closed = false;
    const close = (): void => {
      if (!closed) open -= 1;
      closed = true;
    };
    request.signal.addEventListener('abort', close, { once: true });
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hash.update(chunk);
          controller.enqueue(chunk);
        },
        flush() {
          digests.set(id, hash.digest('hex'));
          close();
        },
      }),
    );
    return new Response(body, { status: response.status, headers: response.headers });
  });
}

/** The proxy's options here: upstream from the environment, no rate limit, quiet logs. */
function proxyOptions(): ChatHandlerOptions {
  return {
    apiKey: TEST_API_KEY,
    baseUrl: process.env['UPSTREAM_URL'] ?? '',
    rateLimit: false,
    // Held streams stay open for the whole measurement, and a thousand streams starting at
    // once on two busy cores are measured for correctness, not for timeouts.
    idleTimeoutMs: 300_000,
    upstreamTimeoutMs: 120_000,
    // Only what went wrong, so a failed run says why.
    logger: { info() {}, warn: (message, details) => console.error(message, details), error: (message, details) => console.error(message, details) },
  };
}

/**
 * The least a proxy can do in Node, for the benchmark's floor: the body read whole, the key
 * added, the upstream answer piped back as it comes. No checks, no Web streams, no bridge.
 */
function barePipe(): NodeListener {
  const upstream = `${process.env['UPSTREAM_URL'] ?? ''}/chat/completions`;
  const agent = new Agent({ keepAlive: true });
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.stringify({ ...(JSON.parse(Buffer.concat(chunks).toString()) as object), stream: true });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}`, 'content-length': Buffer.byteLength(body) };
      httpRequest(upstream, { method: 'POST', agent, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, { 'content-type': 'text/event-stream', 'x-generation-id': answer.headers['x-generation-id'] ?? '' });
        answer.pipe(response);
      }).end(body);
    });
  };
}

const ROLES: Record<LoadRole, () => NodeListener> = {
  proxy: () => createNodeHandler(proxyOptions()),
  'web-proxy': () => toNodeListener(createChatHandler(proxyOptions())),
  'bare-pipe': barePipe,
  simulator: recordingSimulator,
};
const listener = ROLES[process.argv[2] as LoadRole]();
const server = createServer((request, response) => listener(request, response));
// Node closes idle keep-alive connections after 5 s. With two cores saturated the proxy's
// event loop can lag past fetch's one-second safety margin, reuse a connection the server
// is closing, and (never retrying a POST, by design) answer 502. Real upstreams keep idle
// connections far longer; so does this one, so the test measures the proxy, not that race.
server.keepAliveTimeout = 120_000;
server.listen({ host: '127.0.0.1', port: 0, backlog: BACKLOG }, () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: LoadRequest) => {
  if (message.type === 'memory') void memorySnapshot().then((memory) => send({ type: 'memory', ...memory }));
  else if (message.type === 'cpu') send({ type: 'cpu', micros: cpuMicros() });
  else send({ type: 'digests', digests: [...digests], open });
});
// The parent going away (test done or killed) ends this process too.
process.on('disconnect', () => process.exit(0));

/** User and system CPU time of this process, garbage collection included. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function send(reply: LoadReply): void {
  process.send?.(reply);
}
