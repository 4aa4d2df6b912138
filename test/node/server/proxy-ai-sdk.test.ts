/**
 * The Vercel AI SDK with OpenRouter's provider as a client of the proxy (the Node adapter,
 * or the Web handler with PROXY_ADAPTER=web), with the simulated OpenRouter behind it on a
 * real socket: a client tool runs in two steps, as an app using the SDK would run it.
 * Pinned to ai@5 and @openrouter/ai-sdk-provider@1: their next majors need Node 22.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { startProxy, TEST_API_KEY } from '../helpers/servers.js';

describe('the AI SDK through the proxy', () => {
  let upstream: RunningServer;
  let proxy: RunningServer;
  before(async () => {
    upstream = await listen(toNodeListener(createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY })));
    proxy = await startProxy(`${upstream.url}/api/v1`);
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('runs a client tool in two steps: the call, its result sent back, and the answer quoting it', async () => {
    // The provider insists on a key; the proxy ignores it and sends its own upstream.
    const openrouter = createOpenRouter({ apiKey: 'not-the-openrouter-key', baseURL: proxy.url });
    const runs: unknown[] = [];
    const result = streamText({
      model: openrouter.chat('openai/gpt-4o-mini'),
      prompt: 'What is the weather in Oslo?',
      tools: {
        get_weather: tool({
          description: 'The weather in a city',
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
          execute: async (input) => {
            runs.push(input);
            return { sky: 'clear' };
          },
        }),
      },
      stopWhen: stepCountIs(2),
    });
    let text = '';
    for await (const piece of result.textStream) text += piece;
    assert.deepEqual(runs, [{ city: 'example "quoted" é' }]);
    assert.equal((await result.steps).length, 2);
    assert.match(text, /get_weather.*returned.*\{"sky":"clear"\}/);
  });
});
