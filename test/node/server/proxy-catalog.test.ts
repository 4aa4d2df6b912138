/**
 * The model catalog (`GET` on the endpoint) on real loopback sockets, through the Node adapter
 * or, with PROXY_ADAPTER=web, the Web handler: trimmed and filtered, cached with one fetch in
 * flight, stale copies served when a refresh fails, ETag revalidation, and hostile upstream
 * lists (malformed, huge, markup and bidi controls in names).
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_MODEL_NAME_CHARS, type CatalogModel } from '../../../src/server/catalog.js';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import type { ChatHandlerOptions } from '../../../src/server/options.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { respondWith, startProxy, TEST_API_KEY, withProxy, type TestUpstream, type UpstreamResponder } from '../helpers/servers.js';

const CONTRACT_FIELDS = ['context_length', 'id', 'input_modalities', 'name', 'output_modalities', 'pricing', 'supports_reasoning', 'supports_tools'];

/** An upstream model list in OpenRouter's shape. */
function upstreamModel(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Model ${id}`,
    created: 1,
    description: 'A long description the browser never needs.',
    context_length: 8192,
    architecture: { input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'x' },
    pricing: { prompt: '0.000001', completion: '0.000002', request: '0' },
    top_provider: { max_completion_tokens: 1024 },
    supported_parameters: ['tools'],
    ...extra,
  };
}

function listResponder(models: unknown, delayMs = 0): UpstreamResponder {
  return (response: ServerResponse) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(typeof models === 'string' ? models : JSON.stringify({ data: models }));
    }, delayMs);
  };
}

/** {@link withProxy} with the upstream's answer first: every test here sets its own. */
const withCatalogProxy = (
  options: Partial<ChatHandlerOptions>,
  respond: UpstreamResponder,
  run: (proxy: RunningServer, upstream: TestUpstream) => Promise<void>,
): Promise<void> => withProxy(options, run, respond);

async function getCatalog(proxy: RunningServer, headers: Record<string, string> = {}): Promise<{ response: Response; models: CatalogModel[] }> {
  const response = await fetch(proxy.url, { headers });
  assert.equal(response.status, 200, await response.clone().text());
  return { response, models: ((await response.json()) as { data: CatalogModel[] }).data };
}

async function errorOf(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/json');
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe('proxy: the model catalog', () => {
  it('answers the simulated OpenRouter list trimmed to the contract, filtered by allowedModels, with the key kept upstream', async () => {
    const simulate = createSimulatedOpenRouter({ apiKey: TEST_API_KEY });
    const seen: Request[] = [];
    const upstream = await listen(toNodeListener((request) => (seen.push(request), simulate(request))));
    const proxy = await startProxy(`${upstream.url}/api/v1`, {
      allowedModels: ['openai/*', 'meta-llama/llama-3.1-8b-instruct:free', 'anthropic/claude-3.7-sonnet:thinking'],
      defaultModel: 'openai/gpt-4o-mini',
      siteName: 'Catalog test',
    });
    try {
      const { response, models } = await getCatalog(proxy);
      const text = JSON.stringify(models);
      assert.deepEqual(models.map((model) => model.id), ['anthropic/claude-3.7-sonnet:thinking', 'openai/gpt-4o-mini', 'meta-llama/llama-3.1-8b-instruct:free']);
      for (const model of models) assert.deepEqual(Object.keys(model).sort(), CONTRACT_FIELDS.filter((field) => field in model));
      assert.deepEqual(models[0], {
        id: 'anthropic/claude-3.7-sonnet:thinking',
        name: 'Anthropic: Claude 3.7 Sonnet (thinking)',
        input_modalities: ['text', 'image', 'file'],
        output_modalities: ['text'],
        supports_tools: true,
        supports_reasoning: true,
        context_length: 200_000,
        pricing: { prompt: '0.000003', completion: '0.000015', image: '0.0048' },
      });
      assert.equal(models[2]?.supports_tools, false);
      assert.deepEqual(models[2]?.pricing, { prompt: '0', completion: '0' });
      assert.doesNotMatch(text, /description|created|top_provider|tokenizer/);
      assert.ok(!text.includes(TEST_API_KEY));
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
      assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
      assert.equal(response.headers.get('x-openrouter-chat-catalog'), 'fresh');
      assert.equal(seen.length, 1);
      assert.equal(new URL(seen[0]!.url).pathname, '/api/v1/models');
      assert.equal(seen[0]!.method, 'GET');
      assert.equal(seen[0]!.headers.get('authorization'), `Bearer ${TEST_API_KEY}`);
      assert.equal(seen[0]!.headers.get('x-title'), 'Catalog test');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('fetches once for twenty clients at a time, then serves from memory until the TTL runs out', async () => {
    await withCatalogProxy({}, listResponder([upstreamModel('a/one')], 100), async (proxy, upstream) => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => getCatalog(proxy)));
      assert.equal(upstream.requests.length, 1);
      assert.ok(answers.every(({ models }) => models[0]?.id === 'a/one'));
      await getCatalog(proxy);
      assert.equal(upstream.requests.length, 1, 'a fresh copy is served from memory');
    });
    await withCatalogProxy({ catalogTtlMs: 50 }, listResponder([upstreamModel('a/one')]), async (proxy, upstream) => {
      await getCatalog(proxy);
      await sleep(80);
      await getCatalog(proxy);
      assert.equal(upstream.requests.length, 2, 'past the TTL the next request refreshes');
    });
  });

  it('keeps serving the last good copy, marked stale, when a refresh fails, and does not ask again at once', async () => {
    let failing = false;
    const respond: UpstreamResponder = (response, recorded, request) =>
      failing ? respondWith(503, '{"error":{"message":"down"}}')(response, recorded, request) : listResponder([upstreamModel('a/one')])(response, recorded, request);
    await withCatalogProxy({ catalogTtlMs: 50 }, respond, async (proxy, upstream) => {
      const first = await getCatalog(proxy);
      failing = true;
      await sleep(80);
      const stale = await getCatalog(proxy);
      assert.deepEqual(stale.models, first.models);
      assert.equal(stale.response.headers.get('x-openrouter-chat-catalog'), 'stale');
      assert.equal(stale.response.headers.get('etag'), first.response.headers.get('etag'));
      const asked = upstream.requests.length;
      assert.equal(asked, 2);
      await getCatalog(proxy);
      assert.equal(upstream.requests.length, asked, 'a failed refresh is not retried on the next request');
    });
  });

  it('502 with a JSON error when upstream fails and nothing is cached, the key redacted, and no retry storm', async () => {
    const echo = `{"error":{"message":"Invalid key ${TEST_API_KEY}"}}`;
    await withCatalogProxy({}, respondWith(401, echo), async (proxy, upstream) => {
      const message = await errorOf(await fetch(proxy.url), 502);
      assert.match(message, /Could not load the model list from OpenRouter: Invalid key/);
      assert.ok(!message.includes(TEST_API_KEY));
      await errorOf(await fetch(proxy.url), 502);
      assert.equal(upstream.requests.length, 1);
    });
  });

  it('502 when OpenRouter cannot be reached, 504 when its answer does not come in time', async () => {
    const closed = await listen(() => {});
    const deadUrl = closed.url;
    await closed.close();
    const unreachable = await startProxy(deadUrl);
    try {
      assert.match(await errorOf(await fetch(unreachable.url), 502), /Could not reach OpenRouter/);
    } finally {
      await unreachable.close();
    }
    await withCatalogProxy({ upstreamTimeoutMs: 150 }, () => {}, async (proxy) => {
      assert.match(await errorOf(await fetch(proxy.url), 504), /did not answer within/);
    });
  });

  it('answers If-None-Match with a 304 and no body, strong or weak; another tag gets the list', async () => {
    await withCatalogProxy({}, listResponder([upstreamModel('a/one')]), async (proxy) => {
      const { response } = await getCatalog(proxy);
      const etag = response.headers.get('etag')!;
      for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
        const revalidated = await fetch(proxy.url, { headers: { 'if-none-match': tag } });
        assert.equal(revalidated.status, 304);
        assert.equal(await revalidated.text(), '');
        assert.equal(revalidated.headers.get('etag'), etag);
      }
      await getCatalog(proxy, { 'if-none-match': '"other"' });
    });
  });

  it('an allowlist that matches nothing gives an empty list; `catalog: false` answers 405', async () => {
    await withCatalogProxy({ allowedModels: ['nobody/*'], defaultModel: 'nobody/x' }, listResponder([upstreamModel('a/one')]), async (proxy) => {
      assert.deepEqual((await getCatalog(proxy)).models, []);
    });
    await withCatalogProxy({ catalog: false }, listResponder([]), async (proxy, upstream) => {
      const response = await fetch(proxy.url);
      await errorOf(response, 405);
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
      assert.equal(upstream.requests.length, 0);
    });
  });

  it('treats the upstream list as hostile: bad entries skipped, bad fields left out, names cleaned and clipped', async () => {
    const longName = `<img src=x onerror=alert(1)>${'W'.repeat(10_000)}`;
    const models = [
      null,
      42,
      'openai/gpt-4o',
      { name: 'no id' },
      upstreamModel('javascript:alert(1)'),
      upstreamModel('a/line\nbreak'),
      upstreamModel(`a/${'x'.repeat(300)}`),
      upstreamModel('a/good', { name: `\u202eevil\u202c name\u0000 <b>bold</b>` }),
      upstreamModel('a/good', { name: 'duplicate' }),
      upstreamModel('a/long', { name: longName }),
      upstreamModel('a/fields', {
        name: 17,
        context_length: -5,
        pricing: { prompt: 0.000001, completion: '1e-6' },
        architecture: { input_modalities: ['text', '<script>', 7, 'image'], output_modalities: 'text' },
        supported_parameters: 'tools',
      }),
      upstreamModel('a/price', { pricing: { prompt: '1e-7', completion: '-1', image: 'free!' } }),
    ];
    await withCatalogProxy({}, listResponder(models), async (proxy) => {
      const served = (await getCatalog(proxy)).models;
      assert.deepEqual(served.map((model) => model.id), ['a/good', 'a/long', 'a/fields', 'a/price']);
      assert.equal(served[0]?.name, 'evil name <b>bold</b>', 'controls and bidi overrides removed; markup stays text for the element');
      assert.equal(Array.from(served[1]!.name).length, MAX_MODEL_NAME_CHARS);
      assert.ok(served[1]!.name.endsWith('…'));
      assert.deepEqual(served[2], {
        id: 'a/fields',
        name: 'a/fields',
        input_modalities: ['text', 'image'],
        output_modalities: ['text'],
        supports_tools: false,
        supports_reasoning: false,
      });
      assert.deepEqual(served[3]?.pricing, { prompt: '1e-7', completion: '-1' });
    });
  });

  it('502 for an answer that is not JSON or has no data array, and past maxCatalogBytes', async () => {
    await withCatalogProxy({}, listResponder('<html>oops</html>'), async (proxy) => {
      assert.match(await errorOf(await fetch(proxy.url), 502), /not JSON/);
    });
    await withCatalogProxy({}, listResponder('{"models":[]}'), async (proxy) => {
      assert.match(await errorOf(await fetch(proxy.url), 502), /malformed: The model list has no "data" array/);
    });
    await withCatalogProxy({ maxCatalogBytes: 64 * 1024 }, listResponder(Array.from({ length: 500 }, (_, i) => upstreamModel(`a/m${i}`))), async (proxy) => {
      assert.match(await errorOf(await fetch(proxy.url), 502), /larger than 65536 bytes \(maxCatalogBytes\)/);
    });
  });

  it('serves a 10 MB list of 5,000 models', async () => {
    const padding = 'p'.repeat(1900);
    const models = Array.from({ length: 5000 }, (_, i) => upstreamModel(`vendor${i % 50}/model-${i}`, { description: padding }));
    const size = JSON.stringify({ data: models }).length;
    assert.ok(size > 10_000_000, `the list is ${size} bytes`);
    await withCatalogProxy({ allowedModels: ['vendor1/*'], defaultModel: 'vendor1/model-1' }, listResponder(models), async (proxy) => {
      const served = (await getCatalog(proxy)).models;
      assert.equal(served.length, 100, 'the 100 models of vendor1 (not vendor10 to vendor19)');
      assert.ok(served.every((model) => model.id.startsWith('vendor1/')));
      assert.ok(!JSON.stringify(served).includes(padding));
    });
  });
});
