/**
 * `modalities` through the proxy on real loopback sockets (the Node adapter, or the Web
 * handler with PROXY_ADAPTER=web): forwarded when it is a list of "text" and "image", a 400
 * naming it otherwise (no upstream call); and the simulated OpenRouter's `/image` answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listen, toNodeListener } from '../../../src/server/node.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { chatBody, postChat, startProxy, startUpstream, TEST_API_KEY } from '../helpers/servers.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';

describe('proxy: modalities', () => {
  it('forwards ["image", "text"], ["image"] and ["text"] unchanged, and leaves it out when absent', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.url, {});
    try {
      for (const modalities of [['image', 'text'], ['image'], ['text']]) {
        const response = await postChat(proxy.url, chatBody({ modalities }));
        assert.equal(response.status, 200);
        await response.text();
        assert.deepEqual(JSON.parse(upstream.requests.at(-1)!.body).modalities, modalities);
      }
      await (await postChat(proxy.url, chatBody())).text();
      assert.equal('modalities' in JSON.parse(upstream.requests.at(-1)!.body), false);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('refuses anything else with a 400 naming modalities, and calls no upstream', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.url, {});
    try {
      for (const modalities of [[], ['audio'], ['image', 'image'], 'image', [{ type: 'image' }], ['text', 'video'], ['IMAGE']]) {
        const response = await postChat(proxy.url, chatBody({ modalities }));
        assert.equal(response.status, 400, JSON.stringify(modalities));
        const body = (await response.json()) as { error: { code: number; message: string } };
        assert.equal(body.error.code, 400);
        assert.match(body.error.message, /modalities must be a list of "text" and "image"/);
      }
      assert.equal(upstream.requests.length, 0);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe('simulator: /image', () => {
  async function ask(modalities?: string[]) {
    const simulate = createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY });
    const upstream = await listen(toNodeListener(simulate));
    const proxy = await startProxy(`${upstream.url}/api/v1`, {});
    try {
      const response = await postChat(proxy.url, chatBody({ messages: [{ role: 'user', content: '/image a red square' }], ...(modalities && { modalities }) }));
      assert.equal(response.status, 200);
      return jsonChunks(parseEventStream(await response.text())) as { choices?: { delta?: { content?: string; images?: { image_url: { url: string } }[] } }[] }[];
    } finally {
      await proxy.close();
      await upstream.close();
    }
  }

  it('answers with a PNG data URL in delta.images when the modalities include image', async () => {
    const chunks = await ask(['image', 'text']);
    const images = chunks.flatMap((chunk) => chunk.choices?.[0]?.delta?.images ?? []);
    assert.equal(images.length, 1);
    const url = images[0]!.image_url.url;
    assert.match(url, /^data:image\/png;base64,/);
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
    assert.match(chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join(''), /image/i);
  });

  it('answers in text only, saying why, without image modalities', async () => {
    const chunks = await ask();
    assert.equal(chunks.flatMap((chunk) => chunk.choices?.[0]?.delta?.images ?? []).length, 0);
    assert.match(chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join(''), /modalities/);
  });
});
