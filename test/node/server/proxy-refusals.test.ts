import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createChatHandler } from '../../../src/server/handler.js';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import { deferred, within } from '../helpers/async.js';
import { rawRequest } from '../helpers/http.js';
import { chatBody, nodeProxy, postChat, servesWebHandler, startProxy, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';

/** Asserts OpenRouter's error shape with this status, and returns the message. */
async function assertError(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const body = await response.json();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, status);
  assert.equal(typeof body.error.message, 'string');
  return body.error.message;
}

/** Sends a chunked body (no content-length) in pieces, as a streaming client would. */
function postChunked(url: string, pieces: readonly string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The proxy may answer and close before the rest is written: that is the point.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    for (const piece of pieces) request.write(piece);
    request.end();
  });
}

describe('proxy refusals (each answered before any upstream call)', () => {
  let upstream: TestUpstream;
  let proxy: RunningServer;
  const oversized = 'x'.repeat(2048);

  before(async () => {
    upstream = await startUpstream();
    proxy = await startProxy(upstream.url, {
      maxBodyBytes: 1024,
      maxMessages: 3,
      maxMessageChars: 100,
      maxModelIdLength: 40,
      allowedModels: ['openrouter/auto', 'openai/gpt-4o-mini', 'anthropic/*'],
      allowedOrigins: ['https://shop.example'],
    });
  });
  after(async () => {
    assert.equal(upstream.requests.length, 0, 'no refused request reached upstream');
    await proxy.close();
    await upstream.close();
  });

  it('405 for a method other than POST and GET (the catalog), with Allow', async () => {
    const response = await fetch(proxy.url, { method: 'DELETE' });
    await assertError(response, 405);
    assert.equal(response.headers.get('allow'), 'GET, POST, OPTIONS');
  });

  it('415 when the body is not declared JSON', async () => {
    await assertError(await postChat(proxy.url, JSON.stringify(chatBody()), { 'content-type': 'text/plain' }), 415);
  });

  it('413 when content-length is over the limit', async () => {
    await assertError(await postChat(proxy.url, chatBody({ padding: oversized })), 413);
  });

  it('413 when a chunked body without content-length grows over the limit', async () => {
    const body = JSON.stringify(chatBody({ padding: oversized }));
    const { status, body: text } = await postChunked(proxy.url, [body.slice(0, 500), body.slice(500, 1000), body.slice(1000)]);
    assert.equal(status, 413);
    assert.equal(JSON.parse(text).error.code, 413);
  });

  it('400 for invalid JSON', async () => {
    assert.match(await assertError(await postChat(proxy.url, '{"messages": ['), 400), /not valid JSON/);
  });

  const schemaCases: Array<[string, unknown]> = [
    ['a body that is not an object', []],
    ['missing messages', { model: 'openai/gpt-4o-mini' }],
    ['empty messages', chatBody({ messages: [] })],
    ['too many messages', chatBody({ messages: Array(4).fill({ role: 'user', content: 'Hi' }) })],
    ['an unknown role', chatBody({ messages: [{ role: 'tool', content: 'Hi' }] })],
    ['non-string content', chatBody({ messages: [{ role: 'user', content: 42 }] })],
    ['content over the length limit', chatBody({ messages: [{ role: 'user', content: 'y'.repeat(101) }] })],
    ['a temperature out of range', chatBody({ temperature: 3 })],
    ['a non-integer max_tokens', chatBody({ max_tokens: 1.5 })],
    ['a model id over the length limit', chatBody({ model: `anthropic/${'m'.repeat(40)}` })],
    ['a non-string model', chatBody({ model: 42 })],
    ['an unknown reasoning effort', chatBody({ reasoning: { effort: 'extreme' } })],
  ];
  for (const [name, body] of schemaCases) {
    it(`400 for ${name}`, async () => {
      await assertError(await postChat(proxy.url, body), 400);
    });
  }

  it('400 for a model without a vendor prefix, naming the valid form', async () => {
    const message = await assertError(await postChat(proxy.url, chatBody({ model: 'gpt-4o' })), 400);
    assert.match(message, /vendor\/model/);
  });

  it('400 for CR or LF in the model id', async () => {
    for (const model of ['openai/gpt-4o\r\nx-evil: 1', 'openai/gpt-4o\nx', 'openai/gpt\r']) {
      assert.match(await assertError(await postChat(proxy.url, chatBody({ model })), 400), /CR or LF/);
    }
  });

  it('403 for a model outside the allowlist, in model or in models', async () => {
    await assertError(await postChat(proxy.url, chatBody({ model: 'openai/gpt-4o' })), 403);
    await assertError(await postChat(proxy.url, chatBody({ models: ['anthropic/claude-3-haiku', 'google/gemini-pro'] })), 403);
  });

  it('403 for an origin outside the allowlist, preflight included', async () => {
    await assertError(await postChat(proxy.url, chatBody(), { origin: 'https://evil.example' }), 403);
    const preflight = await fetch(proxy.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    await assertError(preflight, 403);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('answers the CORS preflight of an allowed origin', async () => {
    const preflight = await fetch(proxy.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.equal(preflight.headers.get('vary'), 'Origin');
  });

  it('keeps CORS headers on the refusals of an allowed origin, so its page can read them', async () => {
    const response = await postChat(proxy.url, '{', { origin: 'https://shop.example' });
    await assertError(response, 400);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
  });
});

describe('proxy rate limit', () => {
  it('answers 429 with Retry-After past the limit, before any upstream call', async () => {
    const upstream = await startUpstream();
    const calls: Array<string | undefined> = [];
    const proxy = await startProxy(upstream.url, {
      rateLimit: (_request, { clientAddress }) => {
        calls.push(clientAddress);
        return calls.length > 1 ? { ok: false, retryAfterSeconds: 42 } : { ok: true };
      },
    });
    try {
      assert.equal((await postChat(proxy.url)).status, 200);
      const limited = await postChat(proxy.url);
      await assertError(limited, 429);
      assert.equal(limited.headers.get('retry-after'), '42');
      assert.equal(upstream.requests.length, 1);
      assert.deepEqual(calls, ['127.0.0.1', '127.0.0.1'], 'the Node adapter passes the socket address');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('limits per client address by default', async () => {
    const upstream = await startUpstream();
    // Undefined means "use the default": the in-memory limiter, 20 a minute.
    const proxy = await startProxy(upstream.url, { rateLimit: undefined });
    try {
      const statuses: number[] = [];
      for (let count = 0; count < 21; count += 1) {
        const response = await postChat(proxy.url);
        await response.body?.cancel();
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [...Array(20).fill(200), 429]);
      assert.equal(upstream.requests.length, 20);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe("the origin check and the page's own host", () => {
  it('lets a page of its own host through behind a proxy that ends TLS (https page, plain-http request)', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.url, { allowedOrigins: ['https://shop.example'] });
    try {
      const body = JSON.stringify(chatBody());
      const head = (origin: string) =>
        `POST ${new URL(proxy.url).pathname} HTTP/1.1\r\nHost: chat.example\r\nOrigin: ${origin}\r\nX-Forwarded-Proto: https\r\ncontent-type: application/json`;
      const own = await rawRequest(proxy.url, head('https://chat.example'), body);
      assert.equal(own.status, 200);
      assert.equal(own.headers.get('access-control-allow-origin'), null, 'same host: no CORS needed');
      const other = await rawRequest(proxy.url, head('https://chat.example.evil.example'), body);
      assert.equal(other.status, 403);
      assert.equal(upstream.requests.length, 1);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

/** A proxy whose log lines are kept, and a promise for the line saying the client left. */
function loggingProxyOptions() {
  const lines: string[] = [];
  const clientLeft = deferred();
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
    if (/client/i.test(message)) clientLeft.resolve();
  };
  return { lines, clientLeft, options: { logger: { info: log('info'), warn: log('warn'), error: log('error') } } };
}

/** Writes `request` on a raw socket to `url`, waits `ms`, and hangs up. */
async function sendThenLeave(url: string, request: (pathname: string, host: string) => string, ms: number): Promise<void> {
  const { hostname, port, pathname, host } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(request(pathname, host));
  await new Promise((resolve) => setTimeout(resolve, ms));
  socket.destroy();
}

const CHAT_JSON = JSON.stringify(chatBody());
const wholeRequest = (pathname: string, host: string) =>
  `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\ncontent-length: ${CHAT_JSON.length}\r\n\r\n${CHAT_JSON}`;

/** Asserts nothing went upstream and nothing was logged as a failure, then that the next request is served. */
async function assertNothingForwarded(proxyUrl: string, upstream: TestUpstream, lines: readonly string[]): Promise<void> {
  assert.deepEqual(lines.filter((line) => !line.startsWith('info')), []);
  assert.equal(upstream.requests.length, 0);
  const next = await postChat(proxyUrl);
  assert.equal(next.status, 200);
  await next.text();
  assert.equal(upstream.requests.length, 1);
}

describe('a client that leaves before its request is handled', () => {
  it('while sending its body: not forwarded nor logged as a failure of the proxy, and the next request is served', async () => {
    const upstream = await startUpstream();
    const { lines, clientLeft, options } = loggingProxyOptions();
    const proxy = await startProxy(upstream.url, options);
    try {
      // A third of the declared body, then gone.
      await sendThenLeave(
        proxy.url,
        (pathname, host) =>
          `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 300\r\n\r\n{"model":"openai/gpt-4o-mini","messages":[`,
        50,
      );
      await within(clientLeft.promise, 2000, 'the log saying the client left');
      await assertNothingForwarded(proxy.url, upstream, lines);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('behind slow middleware, gone before the proxy runs: not forwarded, and the next request is served', async () => {
    const upstream = await startUpstream();
    const { lines, clientLeft, options } = loggingProxyOptions();
    const handler = nodeProxy({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false, ...options });
    const handled = deferred();
    // Middleware (a session lookup, say) that takes 150 ms before it hands the request on.
    const proxy = await listen((request, response) =>
      setTimeout(() => {
        handler(request, response);
        handled.resolve();
      }, 150),
    );
    try {
      await sendThenLeave(proxy.url, wholeRequest, 20);
      await within(handled.promise, 2000, 'the middleware handing the request on');
      if (servesWebHandler()) {
        // The bridge hands a request whose client is gone to nobody; time for a call, if one were made.
        await new Promise((resolve) => setTimeout(resolve, 200));
      } else {
        // The Node adapter handles it, and must not wait for a body that will never come.
        await within(clientLeft.promise, 2000, 'the log saying the client left');
      }
      await assertNothingForwarded(proxy.url, upstream, lines);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('the Web handler, reached after its client left (slow framework middleware): no upstream call, 499', async () => {
    const upstream = await startUpstream();
    const { lines, clientLeft, options } = loggingProxyOptions();
    const handler = createChatHandler({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false, ...options });
    const answered = deferred<number>();
    const proxy = await listen(
      toNodeListener(async (request, context) => {
        // The framework holds the request's signal from the start, then takes 150 ms.
        void request.signal;
        await new Promise((resolve) => setTimeout(resolve, 150));
        const response = await handler(request, context);
        answered.resolve(response.status);
        return response;
      }),
    );
    try {
      await sendThenLeave(proxy.url, wholeRequest, 20);
      assert.equal(await within(answered.promise, 2000, 'the handler answering'), 499);
      await within(clientLeft.promise, 2000, 'the log saying the client left');
      await assertNothingForwarded(proxy.url, upstream, lines);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});
