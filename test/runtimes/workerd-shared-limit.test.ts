import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_API_KEY } from '../node/helpers/servers.js';
import { chatBody, newClientAddress, post, readRest } from './harness/client.js';
import { assertServerBuilt } from './harness/paths.js';
import { startWorkerd, type RuntimeServer } from './harness/processes.js';
import { startScriptedUpstream, type ScriptedUpstream } from './harness/upstream.js';

/** Far below the default limiter's 20, so only the binding can be what refuses. */
const BINDING_LIMIT = 3;

describe('a shared limiter in the rateLimit hook, under Cloudflare workerd', { timeout: 30_000 }, () => {
  let upstream: ScriptedUpstream | undefined;
  let proxy: RuntimeServer | undefined;

  before(async () => {
    assertServerBuilt();
    upstream = await startScriptedUpstream();
    proxy = await startWorkerd(
      { OPENROUTER_API_KEY: TEST_API_KEY, OPENROUTER_BASE_URL: upstream.url },
      {
        entry: 'worker-shared-limit.js',
        ratelimits: { CHAT_RATE_LIMITER: { simple: { limit: BINDING_LIMIT, period: 60 } } },
      },
    );
  }, { timeout: 20_000 });
  after(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it("answers while the binding allows, then refuses with 429 and Retry-After, before upstream", async () => {
    const from = newClientAddress();
    for (let count = 0; count < BINDING_LIMIT; count += 1) {
      const allowed = await post(proxy!.url, chatBody('openai/gpt-4o-mini'), { from });
      await readRest(allowed);
      assert.equal(allowed.statusCode, 200);
    }
    const callsBefore = upstream!.requests.length;
    const refused = await post(proxy!.url, chatBody('openai/gpt-4o-mini'), { from });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '60');
    assert.equal(JSON.parse(await readRest(refused)).error.code, 429);
    assert.equal(upstream!.requests.length, callsBefore);
  });

  it('keys the binding on the client address, so another client still gets through', async () => {
    const response = await post(proxy!.url, chatBody('openai/gpt-4o-mini'));
    await readRest(response);
    assert.equal(response.statusCode, 200);
  });
});
