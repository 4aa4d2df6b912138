import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatHandler } from '../../../src/server/handler.js';
import type { ChatHandlerOptions } from '../../../src/server/options.js';

const KEY = 'sk-or-v1-options-test-key';

function creationError(options: Partial<ChatHandlerOptions>): string {
  try {
    createChatHandler(options as ChatHandlerOptions);
  } catch (error) {
    assert.ok(error instanceof TypeError);
    return error.message;
  }
  assert.fail('createChatHandler accepted invalid options');
}

describe('createChatHandler options', () => {
  it('requires apiKey, with a message that says where to get it', () => {
    assert.match(creationError({}), /apiKey.*required/);
    assert.match(creationError({ apiKey: '  ' }), /apiKey.*required/);
  });

  it('refuses values that cannot be sent as headers, without echoing the key', () => {
    const message = creationError({ apiKey: `${KEY}\r\nx-evil: 1` });
    assert.ok(!message.includes(KEY));
    assert.match(creationError({ apiKey: KEY, siteName: 'Shop\nEvil' }), /siteName/);
    assert.match(creationError({ apiKey: KEY, siteUrl: 'https://a.example/\r' }), /siteUrl/);
  });

  it('refuses a bad base URL, allowlist pattern, origin or limit', () => {
    assert.match(creationError({ apiKey: KEY, baseUrl: 'not a url' }), /baseUrl/);
    assert.match(creationError({ apiKey: KEY, allowedModels: ['*/gpt-4o'] }), /allowedModels/);
    assert.match(creationError({ apiKey: KEY, allowedOrigins: ['shop.example'] }), /allowedOrigins/);
    assert.match(creationError({ apiKey: KEY, maxBodyBytes: 0 }), /maxBodyBytes/);
    assert.match(creationError({ apiKey: KEY, idleTimeoutMs: 1.5 }), /idleTimeoutMs/);
  });

  it('refuses a default model that the allowlist would refuse', () => {
    assert.match(creationError({ apiKey: KEY, allowedModels: ['anthropic/*'] }), /defaultModel/);
  });

  it('calls the injected fetch at baseUrl/chat/completions, trailing slash or not', async () => {
    const seen: string[] = [];
    const handler = createChatHandler({
      apiKey: KEY,
      baseUrl: 'https://gateway.example/openrouter/v1/',
      rateLimit: false,
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const response = await handler(
      new Request('http://proxy.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    assert.equal(await response.text(), 'data: [DONE]\n\n');
    assert.deepEqual(seen, ['https://gateway.example/openrouter/v1/chat/completions']);
  });

  it('calls the global fetch with no receiver of its own (workerd refuses any other `this`)', async () => {
    const globalFetch = globalThis.fetch;
    const receivers: unknown[] = [];
    globalThis.fetch = async function (this: unknown) {
      receivers.push(this);
      return new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } });
    };
    try {
      const handler = createChatHandler({ apiKey: KEY, rateLimit: false });
      const response = await handler(
        new Request('http://proxy.test/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
        }),
      );
      await response.text();
    } finally {
      globalThis.fetch = globalFetch;
    }
    assert.equal(receivers.length, 1);
    assert.ok(receivers[0] === undefined || receivers[0] === globalThis, 'fetch was called as a method of another object');
  });
});
