import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { respondWithStream, TEST_API_KEY } from '../../node/helpers/servers.js';
import { jsonChunks, parseEventStream } from '../../node/helpers/sse.js';
import { chatBody, newClientAddress, nextChunk, post, readRest, send } from './client.js';
import { assertServerBuilt } from './paths.js';
import type { ProxyEnv, RuntimeServer } from './processes.js';
import { startScriptedUpstream, type ScriptedUpstream } from './upstream.js';
import { deferred, within } from '../../node/helpers/async.js';

/** A runtime and how to start the README recipe in it. */
export interface RuntimeUnderTest {
  name: string;
  start(env: ProxyEnv): Promise<RuntimeServer>;
  /**
   * Guarantees this runtime cannot give, each with the reason. The matching test still
   * runs, as a `todo`, so its result stays visible and it turns green when the runtime learns.
   */
  limits?: { disconnectWhileSilent?: string; disconnectBeforeHeaders?: string };
}

/** When the client leaves, and how upstream behaves until then. */
interface DisconnectCase {
  when: string;
  /** Whether upstream has sent its headers and a first frame. */
  answers: boolean;
  /** Upstream keeps sending a keep-alive comment this often, as OpenRouter's stream flows. */
  tickMs?: number;
  limit?: string | undefined;
}

/** The attribution every recipe in `entries/` configures. */
export const SITE_URL = 'https://chat.example';
export const SITE_NAME = 'Example Chat';
/** Any model the simulator answers. */
const MODEL = 'openai/gpt-4o-mini';
const FIRST_FRAME = 'data: {"choices":[{"index":0,"delta":{"content":"first"}}]}\n\n';
const LAST_FRAMES = 'data: {"choices":[{"index":0,"delta":{"content":" last"}}]}\n\ndata: [DONE]\n\n';
const KEEP_ALIVE = ': OPENROUTER PROCESSING\n\n';
/** The promise the issue makes for every runtime: the upstream sees a disconnect within it. */
const DISCONNECT_BUDGET_MS = 1000;
/** The default limiter's allowance per client address and minute. */
const DEFAULT_RATE_LIMIT = 20;
const TTFB_SAMPLES = 20;
/** Per test, so one that waits for something that never comes fails alone. */
const TEST_TIMEOUT_MS = 10_000;
const bounded = { timeout: TEST_TIMEOUT_MS };

/** The checks every runtime must pass, against its recipe in `entries/`. */
export function describeRuntime(runtime: RuntimeUnderTest): void {
  describe(`the README recipe under ${runtime.name}`, { timeout: 60_000 }, () => {
    let upstream: ScriptedUpstream | undefined;
    let proxy: RuntimeServer | undefined;
    const proxyUrl = (): string => proxy!.url;

    // Hook timeouts of their own: a runtime that never comes up must fail the suite, not hang it.
    before(async () => {
      assertServerBuilt();
      upstream = await startScriptedUpstream();
      proxy = await runtime.start({ OPENROUTER_API_KEY: TEST_API_KEY, OPENROUTER_BASE_URL: upstream.url });
    }, { timeout: 30_000 });
    after(async () => {
      await proxy?.close();
      await upstream?.close();
    }, { timeout: 10_000 });

    it('streams unbuffered: the client reads the first chunk while upstream still holds the rest', bounded, async () => {
      const release = deferred();
      const model = upstream!.script((response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(FIRST_FRAME);
        void release.promise.then(() => response.end(LAST_FRAMES));
      });
      const response = await post(proxyUrl(), chatBody(model));
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/event-stream');
      // Upstream has not been released, so this read only succeeds if nothing buffers.
      assert.equal(await nextChunk(response), FIRST_FRAME);
      release.resolve();
      assert.equal(await readRest(response), LAST_FRAMES);
    });

    it("relays the simulated OpenRouter's whole answer, usage and [DONE] included", bounded, async () => {
      const response = await post(proxyUrl(), chatBody(MODEL));
      const stream = parseEventStream(await readRest(response));
      assert.equal(response.statusCode, 200);
      assert.deepEqual(stream.comments, ['OPENROUTER PROCESSING']);
      assert.equal(stream.data.at(-1), '[DONE]');
      const chunks = jsonChunks(stream);
      assert.ok(chunks.some((chunk) => chunk['choices'][0].finish_reason === 'stop'));
      assert.ok(chunks.at(-1)!['usage'].cost > 0);
    });

    it('sends the key and the attribution headers upstream', bounded, async () => {
      const response = await post(proxyUrl(), chatBody(upstream!.script(respondWithStream())));
      await readRest(response);
      const seen = upstream!.requests.at(-1)!;
      assert.equal(seen.url, '/chat/completions');
      assert.equal(seen.headers['authorization'], `Bearer ${TEST_API_KEY}`);
      assert.equal(seen.headers['http-referer'], SITE_URL);
      assert.equal(seen.headers['x-openrouter-title'], SITE_NAME);
      assert.equal(seen.headers['x-title'], SITE_NAME);
    });

    it('answers GET with the simulated catalog, fetched with the key, and a 304 for its ETag', bounded, async () => {
      const response = await fetch(proxyUrl());
      assert.equal(response.status, 200);
      const catalog = (await response.json()) as { data: Array<{ id: string; pricing?: unknown }> };
      assert.ok(catalog.data.some((model) => model.id === 'openai/gpt-4o-mini' && model.pricing !== undefined));
      const seen = upstream!.requests.filter((request) => request.url === '/models').at(-1);
      assert.equal(seen?.headers['authorization'], `Bearer ${TEST_API_KEY}`);
      const etag = response.headers.get('etag') ?? '';
      const revalidated = await fetch(proxyUrl(), { headers: { 'if-none-match': etag } });
      assert.equal(revalidated.status, 304);
    });

    it('refuses bad requests with their 4xx and never calls upstream', bounded, async () => {
      const callsBefore = upstream!.requests.length;
      const refusals: Array<[string, { contentType?: string }, number]> = [
        ['{"messages": [', {}, 400],
        [JSON.stringify({ model: MODEL, messages: [] }), {}, 400],
        [JSON.stringify({ model: 'bad\r\nx-injected: 1', messages: [{ role: 'user', content: 'Hi' }] }), {}, 400],
        [chatBody(MODEL), { contentType: 'text/plain' }, 415],
      ];
      for (const [body, options, status] of refusals) {
        const response = await post(proxyUrl(), body, options);
        assert.equal(response.statusCode, status, body);
        assert.equal(response.headers['content-type'], 'application/json');
        assert.equal(JSON.parse(await readRest(response)).error.code, status);
      }
      assert.equal(upstream!.requests.length, callsBefore);
    });

    it("forwards upstream's 429 with its Retry-After", bounded, async () => {
      const response = await post(proxyUrl(), chatBody(MODEL, '/error 429'));
      assert.equal(response.statusCode, 429);
      assert.equal(response.headers['retry-after'], '5');
      assert.equal(JSON.parse(await readRest(response)).error.code, 429);
    });

    it('keys the default rate limit on the client address the recipe passes', bounded, async () => {
      // Refused for their content type, after the limiter counted them: no upstream calls.
      const from = newClientAddress();
      for (let count = 0; count < DEFAULT_RATE_LIMIT; count += 1) {
        const allowed = await post(proxyUrl(), 'x', { from, contentType: 'text/plain' });
        await readRest(allowed);
        assert.equal(allowed.statusCode, 415);
      }
      const limited = await post(proxyUrl(), 'x', { from, contentType: 'text/plain' });
      await readRest(limited);
      assert.equal(limited.statusCode, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      const otherClient = await post(proxyUrl(), 'x', { contentType: 'text/plain' });
      await readRest(otherClient);
      assert.equal(otherClient.statusCode, 415);
    });

    const disconnects: DisconnectCase[] = [
      { when: 'mid-stream, while upstream streams', answers: true, tickMs: 100 },
      { when: 'mid-stream, while upstream is silent', answers: true, limit: runtime.limits?.disconnectWhileSilent },
      { when: 'before upstream answers', answers: false, limit: runtime.limits?.disconnectBeforeHeaders },
    ];
    for (const { when, answers, tickMs, limit } of disconnects) {
      it(
        `closes the upstream connection within ${DISCONNECT_BUDGET_MS} ms of a client disconnecting ${when}`,
        { ...bounded, todo: limit ?? false },
        async (t) => {
          const upstreamClosed = deferred<number>();
          const requestArrived = deferred();
          const model = upstream!.script((response) => {
            response.once('close', () => upstreamClosed.resolve(performance.now()));
            requestArrived.resolve();
            if (!answers) return;
            response.writeHead(200, { 'content-type': 'text/event-stream' });
            response.write(FIRST_FRAME);
            if (tickMs === undefined) return;
            const timer = setInterval(() => response.write(KEEP_ALIVE), tickMs);
            response.once('close', () => clearInterval(timer));
          });
          const exchange = send(proxyUrl(), chatBody(model));
          exchange.response.catch(() => {}); // a disconnect before the headers rejects it
          if (answers) {
            const response = await exchange.response;
            assert.equal(response.statusCode, 200);
            await nextChunk(response);
          } else {
            await requestArrived.promise;
          }
          const disconnectedAt = performance.now();
          exchange.disconnect();
          const closedAt = await within(upstreamClosed.promise, DISCONNECT_BUDGET_MS, 'upstream seeing the disconnect');
          t.diagnostic(`${runtime.name}: upstream closed ${Math.round(closedAt - disconnectedAt)} ms after a disconnect ${when}`);
        },
      );
    }

    it(`measures the time to first byte through the proxy (median of ${TTFB_SAMPLES})`, bounded, async (t) => {
      const direct = await medianTimeToFirstByte(`${upstream!.url}/chat/completions`, { authorization: `Bearer ${TEST_API_KEY}` });
      const proxied = await medianTimeToFirstByte(proxyUrl());
      t.diagnostic(
        `${runtime.name}: time to first byte through the proxy ${proxied.toFixed(1)} ms ` +
          `(upstream alone ${direct.toFixed(1)} ms), median of ${TTFB_SAMPLES}`,
      );
      // Loose on purpose (shared CI machines): it catches a proxy that buffers or stalls.
      assert.ok(proxied < 250, `median time to first byte ${proxied} ms`);
    });
  });
}

/** Sends a simulated chat request `TTFB_SAMPLES` times, one after another; the median ms. */
async function medianTimeToFirstByte(url: string, headers: Record<string, string> = {}): Promise<number> {
  const samples: number[] = [];
  for (let sample = 0; sample < TTFB_SAMPLES; sample += 1) {
    const exchange = send(url, chatBody(MODEL), { headers });
    const response = await exchange.response;
    assert.equal(response.statusCode, 200);
    const first = await nextChunk(response);
    samples.push(performance.now() - exchange.sentAt);
    // Frames written back to back may arrive in one read: the first byte is what counts.
    assert.ok(first.startsWith(KEEP_ALIVE), first);
    await readRest(response);
  }
  samples.sort((a, b) => a - b);
  return (samples[(TTFB_SAMPLES >> 1) - 1]! + samples[TTFB_SAMPLES >> 1]!) / 2;
}
