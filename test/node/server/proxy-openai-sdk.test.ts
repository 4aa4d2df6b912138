/**
 * The openai npm SDK as a client of the proxy (the Node adapter, or the Web handler with
 * PROXY_ADAPTER=web), with the simulated OpenRouter behind it on a real socket: the message
 * shape is OpenAI's end to end, so the SDK needs nothing but a `baseURL`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { dataUrl, pngBytes } from '../helpers/media.js';
import { startProxy, TEST_API_KEY } from '../helpers/servers.js';

describe('the openai SDK through the proxy', () => {
  let upstream: RunningServer;
  let proxy: RunningServer;
  let client: OpenAI;
  before(async () => {
    upstream = await listen(toNodeListener(createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY })));
    proxy = await startProxy(`${upstream.url}/api/v1`);
    // The SDK insists on a key; the proxy ignores it and sends its own upstream.
    client = new OpenAI({ apiKey: 'not-the-openrouter-key', baseURL: proxy.url, maxRetries: 0 });
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('streams the answer to one image part, which starts with the Attachments line', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: dataUrl('image/png', pngBytes(1, 1)), detail: 'low' } },
          ],
        },
      ],
    });
    let answer = '';
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      answer += chunk.choices[0]?.delta.content ?? '';
      finishReason ??= chunk.choices[0]?.finish_reason;
    }
    assert.ok(answer.startsWith('Attachments: 1 image (png 1x1).\n\n'), answer.slice(0, 120));
    assert.match(answer, /What is in this image\?/);
    assert.equal(finishReason, 'stop');
  });

  it("gets the proxy's refusal as an APIError with status 400 and the message naming the part", async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://images.example/cat.png' } }] }],
      }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError);
        assert.equal(error.status, 400);
        assert.match(error.message, /messages\[0\]\.content\[0\]\.image_url\.url must be https:/);
        return true;
      },
    );
  });
});
