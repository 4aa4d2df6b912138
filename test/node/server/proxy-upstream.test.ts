import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../src/server/node.js';
import type { ChatLogger } from '../../../src/server/options.js';
import {
  chatBody,
  postChat,
  respondWith,
  respondWithStream,
  startProxy,
  startUpstream,
  TEST_API_KEY,
  type TestUpstream,
} from '../helpers/servers.js';

/** A logger that keeps every line it gets, so tests can search them for the key. */
function recordingLogger(): ChatLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, details?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(details ?? {})}`);
  };
  return { lines, info: record, warn: record, error: record };
}

function responseText(response: Response, body: string): string {
  return `${JSON.stringify([...response.headers])}\n${body}`;
}

describe('proxy → upstream request', () => {
  let upstream: TestUpstream;
  let proxy: RunningServer;
  const logger = recordingLogger();

  before(async () => {
    upstream = await startUpstream(respondWithStream(undefined, { 'x-generation-id': 'gen-42', 'set-cookie': 'session=upstream', connection: 'keep-alive' }));
    proxy = await startProxy(upstream.url, {
      siteUrl: 'https://shop.example',
      siteName: 'Shop Example',
      maxTokens: 500,
      logger,
    });
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('adds the key and attribution headers, and the client cannot override them', async () => {
    const response = await postChat(proxy.url, chatBody(), {
      authorization: 'Bearer sk-client-chosen',
      'http-referer': 'https://evil.example',
      'x-openrouter-title': 'Evil',
      'x-title': 'Evil',
    });
    await response.text();
    const seen = upstream.requests.at(-1)!;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/chat/completions');
    assert.equal(seen.headers['authorization'], `Bearer ${TEST_API_KEY}`);
    assert.equal(seen.headers['http-referer'], 'https://shop.example');
    assert.equal(seen.headers['x-openrouter-title'], 'Shop Example');
    assert.equal(seen.headers['x-title'], 'Shop Example');
    assert.equal(seen.headers['content-type'], 'application/json');
  });

  it('forwards only known fields, forces stream: true and caps max_tokens', async () => {
    const response = await postChat(
      proxy.url,
      chatBody({
        stream: false,
        max_tokens: 4000,
        temperature: 0.5,
        top_p: 0.9,
        seed: 7,
        stop: ['END'],
        reasoning: { effort: 'low', secret: 'dropped' },
        models: ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet'],
        provider: { order: ['x'] },
        transforms: ['middle-out'],
        session_id: 'c0ffee-conversation-1',
        messages: [{ role: 'user', content: 'Hi', name: 'dropped' }],
      }),
    );
    await response.text();
    assert.deepEqual(JSON.parse(upstream.requests.at(-1)!.body), {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 500,
      stop: ['END'],
      seed: 7,
      reasoning: { effort: 'low' },
      models: ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet'],
      session_id: 'c0ffee-conversation-1',
    });
  });

  it('forwards a session_id of 256 characters as it is', async () => {
    const sessionId = 'x'.repeat(255) + 'é';
    await (await postChat(proxy.url, chatBody({ session_id: sessionId }))).text();
    assert.equal(JSON.parse(upstream.requests.at(-1)!.body).session_id, sessionId);
  });

  it('sets max_tokens to the cap when the client names none, and the default model when it names none', async () => {
    await (await postChat(proxy.url, { messages: [{ role: 'user', content: 'Hi' }] })).text();
    const forwarded = JSON.parse(upstream.requests.at(-1)!.body);
    assert.equal(forwarded.max_tokens, 500);
    assert.equal(forwarded.model, 'openrouter/auto');
  });

  it('streams with event-stream headers, forwards the generation id and drops cookies and hop-by-hop headers', async () => {
    const response = await postChat(proxy.url);
    const body = await response.text();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
    assert.equal(response.headers.get('x-generation-id'), 'gen-42');
    assert.equal(response.headers.get('set-cookie'), null);
    assert.equal(response.headers.get('content-encoding'), null);
    assert.ok(body.endsWith('data: [DONE]\n\n'));
  });

  it('never sends the key back or logs it', async () => {
    const response = await postChat(proxy.url);
    const body = await response.text();
    assert.ok(!responseText(response, body).includes(TEST_API_KEY));
    assert.ok(logger.lines.length > 0, 'the logger was used');
    assert.ok(logger.lines.every((line) => !line.includes(TEST_API_KEY)));
  });
});

describe('proxy → upstream failures', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  async function proxyInFrontOf(respond: Parameters<typeof startUpstream>[0], options = {}) {
    const upstream = await startUpstream(respond);
    const proxy = await startProxy(upstream.url, options);
    servers.push(proxy, upstream);
    return { upstream, proxy };
  }

  it('forwards an upstream JSON error with its status, message and Retry-After', async () => {
    const { proxy } = await proxyInFrontOf(
      respondWith(429, JSON.stringify({ error: { code: 429, message: 'Rate limit exceeded: free tier' } }), {
        'content-type': 'application/json',
        'retry-after': '12',
      }),
    );
    const response = await postChat(proxy.url);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('retry-after'), '12');
    assert.deepEqual(await response.json(), { error: { code: 429, message: 'Rate limit exceeded: free tier' } });
  });

  it('turns an upstream HTML 502 into a JSON error', async () => {
    const { proxy } = await proxyInFrontOf(respondWith(502, '<html><h1>Bad Gateway</h1></html>', { 'content-type': 'text/html' }));
    const response = await postChat(proxy.url);
    assert.equal(response.status, 502);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = await response.json();
    assert.equal(body.error.code, 502);
    assert.match(body.error.message, /HTTP 502/);
  });

  it('redacts the key if an upstream error message echoes it', async () => {
    const { proxy } = await proxyInFrontOf(
      respondWith(401, JSON.stringify({ error: { code: 401, message: `Key ${TEST_API_KEY} is invalid` } })),
    );
    const response = await postChat(proxy.url);
    const body = await response.text();
    assert.equal(response.status, 401);
    assert.ok(!body.includes(TEST_API_KEY));
    assert.match(body, /\[redacted\] is invalid/);
  });

  it('answers 502 when upstream sends 200 without an event stream', async () => {
    const { proxy } = await proxyInFrontOf(respondWith(200, '{"choices":[]}'));
    const response = await postChat(proxy.url);
    assert.equal(response.status, 502);
    assert.equal((await response.json()).error.code, 502);
  });

  it('answers 502 when upstream is unreachable', async () => {
    const closed = await startUpstream();
    const unreachableUrl = closed.url;
    await closed.close();
    const proxy = await startProxy(unreachableUrl);
    servers.push(proxy);
    const response = await postChat(proxy.url);
    assert.equal(response.status, 502);
    assert.deepEqual(await response.json(), { error: { code: 502, message: 'Could not reach OpenRouter.' } });
  });

  it('answers 504 when upstream sends no headers before the timeout', async () => {
    const { proxy, upstream } = await proxyInFrontOf(() => {}, { upstreamTimeoutMs: 150 });
    const response = await postChat(proxy.url);
    assert.equal(response.status, 504);
    const body = await response.json();
    assert.equal(body.error.code, 504);
    assert.equal(upstream.requests.length, 1);
  });
});
