/**
 * What only `createNodeHandler` does, beside the proxy tests it shares with the Web handler
 * (`npm run test:node` and `npm run test:node:web`): its own way to the rate limiter,
 * its own https client, the `fetch` option, and middleware mounted in the wrong order.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, globalAgent as httpsGlobalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchFromHandler } from '../../../src/server/in-process-fetch.js';
import { createNodeHandler, listen, type RunningServer } from '../../../src/server/node.js';
import { createMemoryRateLimiter, type RateLimiter } from '../../../src/server/rate-limit.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { rawRequest } from '../helpers/http.js';
import { chatBody, postChat, respondWithStream, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';

let upstream: TestUpstream;
const servers: RunningServer[] = [];
before(async () => {
  upstream = await startUpstream();
  servers.push(upstream);
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** POSTs a chat body with node:http and reads the answer through. */
function rawPost(url: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(chatBody()));
  });
}

async function serve(listener: Parameters<typeof listen>[0]): Promise<RunningServer> {
  const server = await listen(listener);
  servers.push(server);
  return server;
}

describe('createNodeHandler', () => {
  it('hands the rate-limit hook a Web Request with the method, URL and headers the client sent', async () => {
    const seen: Array<{ method: string; url: string; header: string | null; address: string | undefined }> = [];
    const proxy = await serve(
      createNodeHandler({
        apiKey: TEST_API_KEY,
        baseUrl: upstream.url,
        rateLimit: (request, { clientAddress }) => {
          seen.push({ method: request.method, url: request.url, header: request.headers.get('x-shop'), address: clientAddress });
          return { ok: false, retryAfterSeconds: 7 };
        },
      }),
    );
    const before = upstream.requests.length;
    const response = await postChat(`${proxy.url}/api/chat?x=1`, chatBody(), { 'x-shop': 'demo' });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.deepEqual(seen, [{ method: 'POST', url: `${proxy.url}/api/chat?x=1`, header: 'demo', address: '127.0.0.1' }]);
    assert.equal(upstream.requests.length, before, 'a limited request never reaches upstream');
  });

  it('asks the built-in rate limiter by address alone, building a Web Request only for a hook of yours', async () => {
    // Counts the Web Requests built in this process while the proxy serves (the client
    // below is node:http, which builds none).
    let built = 0;
    const GlobalRequest = globalThis.Request;
    globalThis.Request = class extends GlobalRequest {
      constructor(...args: ConstructorParameters<typeof Request>) {
        super(...args);
        built += 1;
      }
    };
    try {
      const statuses = async (rateLimit: RateLimiter): Promise<number[]> => {
        const proxy = await serve(createNodeHandler({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit }));
        return [(await rawPost(proxy.url)).status, (await rawPost(proxy.url)).status];
      };
      assert.deepEqual(await statuses(createMemoryRateLimiter({ limit: 1 })), [200, 429]);
      assert.equal(built, 0, 'the built-in limiter needs no Request');
      const ownLimit = createMemoryRateLimiter({ limit: 1 });
      assert.deepEqual(await statuses((request, info) => ownLimit(request, info)), [200, 429]);
      assert.equal(built, 2, 'a hook of yours gets one per request');
    } finally {
      globalThis.Request = GlobalRequest;
    }
  });

  it('reaches an https upstream, and only one whose certificate it trusts', async () => {
    // A certificate for 127.0.0.1, made for this test (openssl comes with ca-certificates).
    const dir = mkdtempSync(join(tmpdir(), 'openrouter-chat-tls-'));
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(certFile, 'utf8');
    let authorization: string | undefined;
    const tlsUpstream = createHttpsServer({ key: readFileSync(keyFile), cert }, (request, response) => {
      authorization = request.headers.authorization;
      request.resume();
      request.on('end', () => respondWithStream()(response, { method: 'POST', url: '', headers: {}, body: '' }, request));
    });
    await new Promise<void>((resolve) => tlsUpstream.listen(0, '127.0.0.1', resolve));
    const { port } = tlsUpstream.address() as AddressInfo;
    const proxy = await serve(createNodeHandler({ apiKey: TEST_API_KEY, baseUrl: `https://127.0.0.1:${port}`, rateLimit: false }));
    const savedCa = httpsGlobalAgent.options.ca;
    try {
      const untrusted = await postChat(proxy.url);
      assert.equal(untrusted.status, 502, 'a certificate nobody vouches for is refused');
      assert.equal(authorization, undefined, 'and the key never left');
      httpsGlobalAgent.options.ca = cert;
      const response = await postChat(proxy.url);
      assert.equal(response.status, 200);
      assert.equal(jsonChunks(parseEventStream(await response.text()))[0]?.['choices']?.[0]?.delta?.content, 'Hi');
      assert.equal(authorization, `Bearer ${TEST_API_KEY}`);
    } finally {
      httpsGlobalAgent.options.ca = savedCa;
      httpsGlobalAgent.destroy();
      tlsUpstream.closeAllConnections();
      await new Promise((resolve) => tlsUpstream.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a request target in absolute form as the request URL, for the same-origin check too', async () => {
    const proxy = await serve(
      createNodeHandler({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false, allowedOrigins: ['https://other.example'] }),
    );
    const post = (origin: string) =>
      rawRequest(proxy.url, `POST http://shop.example/api/chat HTTP/1.1\r\nHost: proxy.internal\r\nOrigin: ${origin}\r\ncontent-type: application/json`, JSON.stringify(chatBody()));
    const same = await post('http://shop.example');
    assert.equal(same.status, 200, same.body.slice(0, 200));
    assert.match(same.body, /"content":"Hi"/);
    assert.equal((await post('http://evil.example')).status, 403);
  });

  it('reaches upstream through the fetch it is given', async () => {
    const simulator = createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY });
    let calls = 0;
    const proxy = await serve(
      createNodeHandler({
        apiKey: TEST_API_KEY,
        rateLimit: false,
        fetch: (input, init) => {
          calls += 1;
          return fetchFromHandler(simulator)(input, init);
        },
      }),
    );
    const before = upstream.requests.length;
    const response = await postChat(proxy.url);
    assert.equal(response.status, 200);
    const chunks = jsonChunks(parseEventStream(await response.text()));
    assert.ok(chunks.some((chunk) => chunk['choices']?.[0]?.delta?.content), 'the simulated answer came through');
    assert.equal(calls, 1);
    assert.equal(upstream.requests.length, before);
  });

  it('answers 500 with the fix when a body parser mounted before it has read the body', async () => {
    const handler = createNodeHandler({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false });
    // What `express.json()` does: reads the whole body, then passes the request on.
    const proxy = await serve((request, response) => {
      request.resume();
      request.once('end', () => handler(request, response));
    });
    const before = upstream.requests.length;
    const response = await postChat(proxy.url);
    assert.equal(response.status, 500);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /mount it before any body parser/);
    assert.equal(upstream.requests.length, before);
  });
});
