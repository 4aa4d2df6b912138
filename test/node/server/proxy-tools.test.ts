/**
 * Tools through the proxy on real loopback sockets (the Node adapter, or the Web handler with
 * PROXY_ADAPTER=web): what is forwarded and what is refused (each a 400 naming the field, no
 * upstream call), web search gating, the simulated OpenRouter's tool calls, and the proxy's
 * own tools: the loop, errors, the client's abort and the step limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import type { ChatHandlerOptions, ServerTool } from '../../../src/server/options.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { chatBody, postChat, startProxy, TEST_API_KEY, withProxy, type UpstreamResponder } from '../helpers/servers.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';

const WEATHER = {
  type: 'function',
  function: { name: 'get_weather', description: 'The weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const CALL = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };

async function errorMessageOf(response: Response, status = 400): Promise<string> {
  assert.equal(response.status, status);
  const body = (await response.json()) as { error: { message: string } };
  return body.error.message;
}

/** A proxy in front of the simulated OpenRouter (on its own socket), and how many requests it got. */
async function withSimulator(options: Partial<ChatHandlerOptions>, run: (proxy: RunningServer, upstreamRequests: () => unknown[]) => Promise<void>): Promise<void> {
  const bodies: unknown[] = [];
  const simulate = createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: TEST_API_KEY });
  const upstream = await listen(
    toNodeListener(async (request) => {
      bodies.push(await request.clone().json());
      return simulate(request);
    }),
  );
  const proxy = await startProxy(`${upstream.url}/api/v1`, options);
  try {
    await run(proxy, () => bodies);
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

const userTurn = (content: string) => ({ role: 'user', content });

describe('proxy: tools are forwarded after validation', () => {
  it('forwards tools, tool_choice, parallel_tool_calls, tool turns with null content and reasoning_details, and results', async () => {
    await withProxy({}, async (proxy, upstream) => {
      const messages = [
        userTurn('Weather?'),
        { role: 'assistant', content: null, tool_calls: [CALL], reasoning_details: [{ type: 'reasoning.encrypted', data: 'opaque==' }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"sky":"clear"}' },
      ];
      const response = await postChat(proxy.url, chatBody({ messages, tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: false }));
      assert.equal(response.status, 200);
      await response.text();
      const sent = JSON.parse(upstream.requests.at(-1)!.body);
      assert.deepEqual(sent.messages, messages);
      assert.deepEqual(sent.tools, [WEATHER]);
      assert.deepEqual(sent.tool_choice, { type: 'function', function: { name: 'get_weather' } });
      assert.equal(sent.parallel_tool_calls, false);
    });
  });

  it('refuses bad tools and tool turns with a 400 each, naming the field, and forwards none of them', async () => {
    await withProxy({}, async (proxy, upstream) => {
      const tool = (name: unknown, parameters: unknown = { type: 'object' }) => ({ type: 'function', function: { name, parameters } });
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ tools: [tool('get weather')] }, /tools\[0\]\.function\.name must be 1 to 64/],
        [{ tools: [tool('x'.repeat(200))] }, /tools\[0\]\.function\.name/],
        [{ tools: Array.from({ length: 129 }, (_, index) => tool(`t${index}`)) }, /at most 128 tools/],
        [{ tools: [tool('a', 'not a schema')] }, /parameters must be a JSON Schema object/],
        [{ tools: [tool('a'), tool('a')] }, /defined twice/],
        [{ tools: [{ type: 'code_interpreter' }] }, /tools\[0\]\.type/],
        [{ tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'nope' } } }, /tool_choice names "nope"/],
        [{ tools: [WEATHER], parallel_tool_calls: 'yes' }, /parallel_tool_calls must be a boolean/],
        [{ messages: [userTurn('Hi'), { role: 'tool', tool_call_id: 'ghost', content: 'x' }] }, /messages\[1\]\.tool_call_id "ghost" answers no tool call/],
        [{ messages: [userTurn('Hi'), { role: 'assistant', content: null }] }, /messages\[1\]\.content must be a string/],
        [{ messages: [userTurn('Hi'), { role: 'assistant', content: null, tool_calls: [{ ...CALL, function: { name: 'get weather', arguments: '{}' } }] }] }, /tool_calls\[0\]\.function\.name/],
        [{ messages: [userTurn('Hi'), { role: 'assistant', content: null, tool_calls: [{ ...CALL, function: { name: 'a', arguments: { city: 1 } } }] }] }, /arguments must be a string/],
      ];
      for (const [overrides, message] of cases) {
        assert.match(await errorMessageOf(await postChat(proxy.url, chatBody(overrides))), message);
      }
      assert.equal(upstream.requests.length, 0);
      assert.equal((await postChat(proxy.url, chatBody())).status, 200, 'the next request is served');
    });
  });

  it('allowClientTools: false refuses the client tools and their turns, and still answers plain chats', async () => {
    await withProxy({ allowClientTools: false }, async (proxy, upstream) => {
      assert.match(await errorMessageOf(await postChat(proxy.url, chatBody({ tools: [WEATHER] }))), /allowClientTools is off/);
      const turn = { role: 'assistant', content: null, tool_calls: [CALL] };
      assert.match(await errorMessageOf(await postChat(proxy.url, chatBody({ messages: [userTurn('Hi'), turn] }))), /allowClientTools is off/);
      assert.equal(upstream.requests.length, 0);
      assert.equal((await postChat(proxy.url, chatBody())).status, 200);
    });
  });

  it('web search is refused unless allowWebSearch: the server tool, the web plugin and :online ids', async () => {
    const asks = [{ tools: [{ type: 'openrouter:web_search' }] }, { plugins: [{ id: 'web' }] }, { model: 'openai/gpt-4o-mini:online' }];
    await withProxy({}, async (proxy, upstream) => {
      for (const overrides of asks) assert.match(await errorMessageOf(await postChat(proxy.url, chatBody(overrides))), /Web search is off on this proxy/);
      assert.equal(upstream.requests.length, 0);
    });
    await withProxy({ allowWebSearch: true }, async (proxy, upstream) => {
      for (const overrides of asks) {
        const response = await postChat(proxy.url, chatBody(overrides));
        assert.equal(response.status, 200);
        await response.text();
      }
      const [tool, plugin] = upstream.requests.map((request) => JSON.parse(request.body));
      assert.deepEqual(tool.tools, [{ type: 'openrouter:web_search' }]);
      assert.deepEqual(plugin.plugins, [{ id: 'web' }]);
    });
  });
});

describe('the simulated OpenRouter and tools', () => {
  it('calls the first tool with arguments from its schema, in fragments, then quotes the result', async () => {
    await withSimulator({}, async (proxy) => {
      const first = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody({ tools: [WEATHER] }))).text()));
      const fragments = first.flatMap((chunk) => chunk.choices?.[0]?.delta?.tool_calls ?? []);
      assert.ok(fragments.length >= 3, 'the arguments came in several fragments');
      assert.equal(fragments.filter((fragment: { id?: string }) => fragment.id).length, 1, 'the id comes once');
      const args = fragments.map((fragment: { function: { arguments: string } }) => fragment.function.arguments).join('');
      assert.deepEqual(Object.keys(JSON.parse(args)), ['city']);
      assert.equal(first.find((chunk) => chunk.choices?.[0]?.finish_reason)?.choices[0].finish_reason, 'tool_calls');

      const id = fragments[0].id;
      const messages = [userTurn('Weather?'), { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: args } }] }, { role: 'tool', tool_call_id: id, content: '{"sky":"clear"}' }];
      const second = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody({ tools: [WEATHER], messages }))).text()));
      const text = second.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join('');
      assert.match(text, /get_weather.*returned.*\{"sky":"clear"\}/);
    });
  });

  it('/parallel-tools calls the first two tools at once', async () => {
    await withSimulator({}, async (proxy) => {
      const tools = [WEATHER, { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }];
      const chunks = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody({ tools, messages: [userTurn('Both /parallel-tools')] }))).text()));
      const names = chunks.flatMap((chunk) => chunk.choices?.[0]?.delta?.tool_calls ?? []).flatMap((fragment: { function: { name?: string } }) => fragment.function.name ?? []);
      assert.deepEqual(names, ['get_weather', 'get_time']);
    });
  });

  it('answers a web search with two url_citation annotations, in the delta and on the choice', async () => {
    await withSimulator({ allowWebSearch: true }, async (proxy) => {
      const chunks = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody({ tools: [{ type: 'openrouter:web_search' }] }))).text()));
      const annotations = chunks.flatMap((chunk) => [...(chunk.choices?.[0]?.delta?.annotations ?? []), ...(chunk.choices?.[0]?.annotations ?? [])]);
      assert.equal(annotations.length, 2);
      assert.ok(annotations.every((annotation: { type: string; url_citation: { url: string } }) => annotation.type === 'url_citation' && annotation.url_citation.url.startsWith('https://')));
    });
  });
});

describe("proxy: the proxy's own tools", () => {
  const seen: { args: unknown; signal: boolean; url: string }[] = [];
  const lookup: ServerTool = {
    description: 'An order by id.',
    parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    execute: (args, { signal, request }) => {
      seen.push({ args, signal: signal instanceof AbortSignal, url: request.url });
      return { status: 'shipped', secretTable: undefined };
    },
  };

  it('runs the loop: the client sees one standard stream with the reports and the final answer, usage summed', async () => {
    seen.length = 0;
    await withSimulator({ tools: { lookup_order: lookup } }, async (proxy, upstreamRequests) => {
      const parsed = parseEventStream(await (await postChat(proxy.url, chatBody())).text());
      const chunks = jsonChunks(parsed);
      assert.equal(upstreamRequests().length, 2);
      const second = upstreamRequests()[1] as { messages: { role: string; content: string | null; tool_calls?: { function: { name: string } }[] }[]; tools: unknown[] };
      assert.deepEqual(second.messages.slice(-2).map((message) => message.role), ['assistant', 'tool']);
      assert.equal(second.messages.at(-2)!.tool_calls![0]!.function.name, 'lookup_order');
      assert.equal(second.messages.at(-1)!.content, '{"status":"shipped"}');
      assert.deepEqual((second.tools[0] as { function: { name: string } }).function.name, 'lookup_order');
      assert.deepEqual(seen, [{ args: { id: 'example "quoted" é' }, signal: true, url: seen[0]!.url }]);

      assert.equal(chunks.flatMap((chunk) => chunk.choices?.[0]?.delta?.tool_calls ?? []).length, 0, 'no server-tool fragment reaches the client');
      const reports = chunks.filter((chunk) => chunk.openrouter_chat).map((chunk) => Object.keys(chunk.openrouter_chat)[0]);
      assert.deepEqual(reports, ['server_tool_calls', 'server_tool_results']);
      assert.deepEqual(chunks.filter((chunk) => chunk.choices?.[0]?.finish_reason).map((chunk) => chunk.choices[0].finish_reason), ['stop']);
      assert.equal(parsed.data.filter((payload) => payload === '[DONE]').length, 1);
      const usages = chunks.filter((chunk) => chunk.usage).map((chunk) => chunk.usage);
      assert.equal(usages.length, 1);
      assert.ok(usages[0].prompt_tokens > 0 && usages[0].cost > 0);
      const text = chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join('');
      assert.match(text, /lookup_order.*returned.*shipped/);
    });
  });

  it('a tool that throws sends its message as an error result, never its stack nor the key', async () => {
    const failing: ServerTool = { parameters: { type: 'object' }, execute: () => Promise.reject(new Error(`The order service is down (key ${TEST_API_KEY})`)) };
    await withSimulator({ tools: { lookup_order: failing } }, async (proxy, upstreamRequests) => {
      const chunks = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody())).text()));
      const result = (upstreamRequests()[1] as { messages: { content: string }[] }).messages.at(-1)!.content;
      assert.deepEqual(JSON.parse(result), { error: 'The tool failed: The order service is down (key [redacted])' });
      assert.doesNotMatch(result, /at .*\(/);
      const reported = chunks.find((chunk) => chunk.openrouter_chat?.server_tool_results)?.openrouter_chat.server_tool_results[0];
      assert.equal(reported.error, true);
    });
  });

  it('the client leaving aborts the running tool and sends nothing more upstream', async () => {
    let signal: AbortSignal | undefined;
    const stuck: ServerTool = {
      parameters: { type: 'object' },
      execute: (_args, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    };
    await withSimulator({ tools: { slow_tool: stuck } }, async (proxy, upstreamRequests) => {
      const abort = new AbortController();
      const response = await postChat(proxy.url, chatBody(), {}, abort.signal);
      const reader = response.body!.getReader();
      while (!signal) await reader.read();
      abort.abort();
      await reader.cancel().catch(() => {});
      for (let waited = 0; !signal.aborted && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(signal.aborted, true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(upstreamRequests().length, 1);
    });
  });

  it('stops after maxToolSteps with a note and a normal finish', async () => {
    const always: UpstreamResponder = (response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const call = { index: 0, id: `c${Math.random()}`, type: 'function', function: { name: 'lookup_order', arguments: '{"id":"1"}' } };
      response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [call] } }] })}\n\n`);
      response.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
    };
    await withProxy(
      { tools: { lookup_order: lookup }, maxToolSteps: 2 },
      async (proxy, upstream) => {
        const chunks = jsonChunks(parseEventStream(await (await postChat(proxy.url, chatBody())).text()));
        assert.equal(upstream.requests.length, 3);
        const text = chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join('');
        assert.match(text, /limit of tool steps/);
        assert.equal(chunks.at(-1)!.choices[0].finish_reason, 'stop');
      },
      always,
    );
  });

  it('refuses a client tool that shadows a server tool', async () => {
    await withProxy({ tools: { get_weather: lookup } }, async (proxy, upstream) => {
      assert.match(await errorMessageOf(await postChat(proxy.url, chatBody({ tools: [WEATHER] }))), /one of this proxy's own tools/);
      assert.equal(upstream.requests.length, 0);
    });
  });

  it('the openai SDK sees a plain stream with the final answer from a proxy that ran a server tool', async () => {
    await withSimulator({ tools: { lookup_order: lookup } }, async (proxy) => {
      const client = new OpenAI({ apiKey: 'not-the-key', baseURL: proxy.url, maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Where is order 7?' }] });
      let text = '';
      const finishes: string[] = [];
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
        assert.equal(chunk.choices[0]?.delta?.tool_calls, undefined);
      }
      assert.match(text, /shipped/);
      assert.deepEqual(finishes, ['stop']);
    });
  });
});
