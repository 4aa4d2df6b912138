/**
 * The Next.js route handler from the README (`test/frameworks/next/app/api/chat/route.ts`),
 * called the way Next calls it, with a Web `Request`, through the built package
 * (`openrouter-chat/server`, so `dist/` must be built; `npm test` builds first), against the
 * simulated OpenRouter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSimulatedOpenRouter } from '../../../src/server/index.js';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';

// Loaded by URL: the route imports the built package, which tsconfig.node.json (checked
// before the build) must not follow; test/frameworks/tsconfig.json types the route.
const ROUTE = new URL('../../frameworks/next/app/api/chat/route.ts', import.meta.url).href;

describe('Next.js route handler (app/api/chat/route.ts)', () => {
  let upstream: RunningServer;
  let POST: (request: Request) => Promise<Response>;

  before(async () => {
    upstream = await listen(toNodeListener(createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0 })));
    process.env['OPENROUTER_API_KEY'] = 'sk-or-test';
    process.env['OPENROUTER_BASE_URL'] = `${upstream.url}/api/v1`;
    ({ POST } = (await import(ROUTE)) as { POST: typeof POST });
  });

  after(() => upstream.close());

  it('streams an answer for the element\'s request', async () => {
    const response = await POST(
      new Request('https://example.com/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://example.com', 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ model: 'openrouter/auto', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const body = await response.text();
    assert.match(body, /"delta":\{[^}]*"content"/);
    assert.ok(body.trimEnd().endsWith('data: [DONE]'));
  });
});
