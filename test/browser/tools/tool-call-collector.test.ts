import { expect } from '@open-wc/testing';
import { ToolCallCollector } from '../../../src/tools/tool-call-collector.js';
import { addReasoningDetails } from '../../../src/tools/reasoning-details.js';
import { streamChat, type ChatStreamChunk } from '../../../src/stream/chat-stream.js';
import { dataEvent, DONE, finishEvent, contentEvent, toolCallEvents, utf8 } from '../helpers/sse-mock.js';
import { randomInt, seededRandom } from '../sse/seeded-random.js';
import type { ToolCall } from '../../../src/types.js';

/** Arguments with everything a cut can land inside: an escape, a quote, a two- and a four-byte character. */
const TRICKY_ARGUMENTS = '{"city":"Zürich \\"old town\\"","note":"line\\nbreak 😀","n":-1.5e3}';

function collect(chunks: unknown[][]): ToolCall[] {
  const collector = new ToolCallCollector();
  for (const fragments of chunks) collector.add(fragments);
  return collector.calls();
}

describe('ToolCallCollector', () => {
  it('joins arguments cut at every position, and at every pair of positions', () => {
    const text = TRICKY_ARGUMENTS;
    for (let cut = 0; cut <= text.length; cut++) {
      const calls = collect([
        [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: text.slice(0, cut) } }],
        [{ index: 0, function: { arguments: text.slice(cut) } }],
      ]);
      expect(calls, `cut at ${cut}`).to.deep.equal([{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: text } }]);
    }
    for (let first = 0; first <= text.length; first += 3) {
      for (let second = first; second <= text.length; second += 2) {
        const [call] = collect([
          [{ index: 0, id: 'c', function: { name: 'weather', arguments: text.slice(0, first) } }],
          [{ index: 0, function: { arguments: text.slice(first, second) } }],
          [{ index: 0, function: { arguments: text.slice(second) } }],
        ]);
        expect(JSON.parse(call.function.arguments), `cuts at ${first}, ${second}`).to.deep.equal(JSON.parse(text));
      }
    }
  });

  it('keeps parallel calls apart by index, whatever order their fragments come in', () => {
    const calls = collect([
      [
        { index: 0, id: 'a', function: { name: 'first', arguments: '{"x":' } },
        { index: 1, id: 'b', function: { name: 'second', arguments: '' } },
      ],
      [{ index: 1, function: { arguments: '{"y":2}' } }],
      [{ index: 0, function: { arguments: '1}' } }],
    ]);
    expect(calls.map((call) => [call.id, call.function.name, call.function.arguments])).to.deep.equal([
      ['a', 'first', '{"x":1}'],
      ['b', 'second', '{"y":2}'],
    ]);
  });

  it('takes a whole call in one fragment, and several calls in one chunk', () => {
    const calls = collect([
      [
        { index: 0, id: 'a', type: 'function', function: { name: 'one', arguments: '{"q":"x"}' } },
        { index: 1, id: 'b', type: 'function', function: { name: 'two', arguments: '{}' } },
      ],
    ]);
    expect(calls.map((call) => call.function.name)).to.deep.equal(['one', 'two']);
  });

  it('continues the last call when index is missing, and starts a new one for a new id', () => {
    const calls = collect([
      [{ id: 'a', function: { name: 'one', arguments: '{"a"' } }],
      [{ function: { arguments: ':1}' } }],
      [{ id: 'b', function: { name: 'two', arguments: '{}' } }],
      [{ id: 'a', function: { arguments: '' } }],
    ]);
    expect(calls.map((call) => [call.id, call.function.arguments])).to.deep.equal([
      ['a', '{"a":1}'],
      ['b', '{}'],
    ]);
  });

  it('sends empty arguments as {}, keeps a name that is repeated once, and takes one that comes late', () => {
    const calls = collect([
      [{ index: 0, id: 'a', function: { arguments: '' } }],
      [{ index: 0, function: { name: 'late', arguments: '' } }],
      [{ index: 0, function: { name: 'late' } }],
    ]);
    expect(calls).to.deep.equal([{ id: 'a', type: 'function', function: { name: 'late', arguments: '{}' } }]);
  });

  it('gives each call its own id when one is missing or repeated', () => {
    const calls = collect([
      [
        { index: 0, function: { name: 'one', arguments: '{}' } },
        { index: 1, id: 'same', function: { name: 'two', arguments: '{}' } },
        { index: 2, id: 'same', function: { name: 'three', arguments: '{}' } },
      ],
    ]);
    const ids = calls.map((call) => call.id);
    expect(new Set(ids).size).to.equal(3);
    expect(ids[1]).to.equal('same');
    expect(ids.every((id) => id.length > 0)).to.equal(true);
  });

  it('takes arguments sent as an object, and skips fragments that are not objects', () => {
    const calls = collect([[null, 'junk', 7, { index: 0, id: 'a', function: { name: 'one', arguments: { k: 'v' } } }]]);
    expect(calls).to.deep.equal([{ id: 'a', type: 'function', function: { name: 'one', arguments: '{"k":"v"}' } }]);
  });
});

describe('tool calls through the whole stream, in every chunking', () => {
  const calls = [
    { id: 'call_a', name: 'weather', arguments: TRICKY_ARGUMENTS },
    { id: 'call_b', name: 'time', arguments: '' },
  ];
  const body = [contentEvent('Let me check… '), ...toolCallEvents(calls, 4)].join('');
  const bytes = utf8(body);

  /** Streams `pieces` through `streamChat` and collects what a chat would: the text and the calls. */
  async function read(pieces: Uint8Array[]): Promise<{ text: string; calls: ToolCall[]; finish?: string }> {
    const response = new Response(new ReadableStream({ start: (c) => (pieces.forEach((piece) => c.enqueue(piece)), c.close()) }), {
      headers: { 'content-type': 'text/event-stream' },
    });
    const collector = new ToolCallCollector();
    let text = '';
    let finish: string | undefined;
    const chunks: AsyncGenerator<ChatStreamChunk> = streamChat({ endpoint: '/x', body: { messages: [], stream: true }, fetch: async () => response });
    for await (const chunk of chunks) {
      if (chunk.type === 'content') text += chunk.text;
      if (chunk.type === 'finish') finish = chunk.finishReason;
      if (chunk.type === 'tool-data') {
        const fragments = (chunk.chunk as { choices: { delta: { tool_calls?: object[] } }[] }).choices[0]?.delta.tool_calls;
        if (fragments) collector.add(fragments);
      }
    }
    return { text, calls: collector.calls(), finish };
  }

  const expected = [
    { id: 'call_a', type: 'function', function: { name: 'weather', arguments: TRICKY_ARGUMENTS } },
    { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}' } },
  ];

  it('gives the same calls for the body cut in two at every byte', async () => {
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const result = await read([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(result.calls, `cut at byte ${cut}`).to.deep.equal(expected);
      expect(result.text).to.equal('Let me check… ');
      expect(result.finish).to.equal('tool_calls');
    }
  });

  it('gives the same calls for 300 random chunkings, down to single bytes', async () => {
    const random = seededRandom(19);
    for (let round = 0; round < 300; round++) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = round % 10 === 0 ? 1 : randomInt(random, 1, 64);
        pieces.push(bytes.slice(at, at + size));
        at += size;
      }
      expect((await read(pieces)).calls, `round ${round}`).to.deep.equal(expected);
    }
  });

  it('reads calls from a provider that ends with "stop" or with no finish at all', async () => {
    for (const ending of [[finishEvent('stop'), DONE], [DONE]]) {
      const events = [dataEvent({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'g', function: { name: 'weather', arguments: '{}' } }] } }] }), ...ending];
      expect((await read([utf8(events.join(''))])).calls).to.have.length(1);
    }
  });
});

describe('addReasoningDetails', () => {
  it('joins the streamed pieces of a text entry and keeps whole entries apart, unchanged', () => {
    const record: unknown[] = [];
    addReasoningDetails(record, [{ type: 'reasoning.text', text: 'Let me ', index: 0, format: 'anthropic-claude-v1' }]);
    addReasoningDetails(record, [{ type: 'reasoning.text', text: 'think.', index: 0 }]);
    addReasoningDetails(record, [{ type: 'reasoning.text', text: '', index: 0, signature: 'sig==' }]);
    addReasoningDetails(record, [{ type: 'reasoning.encrypted', data: 'opaque', index: 1 }, 'junk']);
    expect(record).to.deep.equal([
      { type: 'reasoning.text', text: 'Let me think.', index: 0, format: 'anthropic-claude-v1', signature: 'sig==' },
      { type: 'reasoning.encrypted', data: 'opaque', index: 1 },
    ]);
  });
});
