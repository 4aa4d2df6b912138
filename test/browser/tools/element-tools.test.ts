import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { ChatMessage, ChatTool, OpenRouterChat, ToolCall } from '../../../src/index.js';
import { shadow } from '../helpers/chat-fixture.js';
import { part, parts } from '../helpers/chat-ui.js';
import { SHOW_TIMEOUT_MS } from '../helpers/drive-chat.js';
import {
  CHAT_ENDPOINT,
  answerEvents,
  bareEvent,
  dataEvent,
  DONE,
  finishEvent,
  openSseStream,
  serveChat,
  sseResponse,
  toolCallEvents,
  type MockToolCall,
  type RecordingEndpoint,
} from '../helpers/sse-mock.js';

interface SentBody {
  messages: ChatMessage[];
  tools?: { type: string; function?: { name: string; parameters?: unknown } }[];
  tool_choice?: unknown;
}

const body = (endpoint: RecordingEndpoint, index: number) => endpoint.requests[index].body as SentBody;

/** A chat with `tools`, its tools room loaded. */
async function toolChat(tools: ChatTool[], attributes: Record<string, string> = {}): Promise<OpenRouterChat> {
  const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model"></openrouter-chat>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.tools = tools;
  await el.updateComplete;
  return el;
}

/** Serves a tool-call answer first, then `final` text for every later request. */
async function serveToolThenText(calls: MockToolCall[], final = 'All done.'): Promise<RecordingEndpoint> {
  return serveChat((n) => sseResponse(n === 1 ? toolCallEvents(calls) : answerEvents([final])));
}

const blocks = (el: OpenRouterChat) => parts(el, 'tool-call');
const statuses = (el: OpenRouterChat) => blocks(el).map((block) => block.dataset.status);
const announced = (el: OpenRouterChat) => shadow(el).querySelector('[data-announcer]')!.textContent ?? '';
const toolMessages = (messages: readonly ChatMessage[]) => messages.filter((message) => message.role === 'tool');

const weather: ChatTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  execute: ({ city }) => ({ city, sky: 'clear' }),
};

describe('tools: the loop', () => {
  it('sends the tools, runs the call, sends its result, and continues into the same answer', async () => {
    const endpoint = await serveToolThenText([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Zürich"}' }], 'It is clear in Zürich.');
    const seen: unknown[] = [];
    const el = await toolChat([{ ...weather, execute: (args, { signal, call }) => (seen.push(args, signal instanceof AbortSignal, call.id), weather.execute!(args, { signal, call })) }]);
    const events: string[] = [];
    for (const name of ['openrouter-chat-tool-call', 'openrouter-chat-tool-result', 'openrouter-chat-complete']) el.addEventListener(name, () => events.push(name));
    const complete = oneEvent(el, 'openrouter-chat-complete');
    await el.send('Weather in Zürich?');
    const { detail } = await complete;

    expect(body(endpoint, 0).tools).to.deep.equal([
      { type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: weather.parameters } },
    ]);
    expect(seen).to.deep.equal([{ city: 'Zürich' }, true, 'call_1']);
    const second = body(endpoint, 1).messages;
    expect(second.slice(-2)).to.deep.equal([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Zürich"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"city":"Zürich","sky":"clear"}' },
    ]);
    expect(el.messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'assistant']);
    expect(detail.message.content).to.equal('It is clear in Zürich.');
    expect(events).to.deep.equal(['openrouter-chat-tool-call', 'openrouter-chat-tool-result', 'openrouter-chat-complete']);
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['done']);
    expect(blocks(el)[0].querySelector('.tool-name')!.textContent).to.equal('get_weather');
    expect(blocks(el)[0].textContent).to.contain('{"city":"Zürich","sky":"clear"}');
  });

  it('runs parallel calls at the same time, and sends one assistant turn with both', async () => {
    const endpoint = await serveToolThenText([
      { id: 'a', name: 'slow', arguments: '{"n":1}' },
      { id: 'b', name: 'slow', arguments: '{"n":2}' },
    ]);
    let running = 0;
    let most = 0;
    const slow: ChatTool = {
      name: 'slow',
      parameters: { type: 'object', properties: {} },
      execute: async ({ n }) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 50));
        running--;
        return n;
      },
    };
    const el = await toolChat([slow]);
    await el.send('Go');
    expect(most).to.equal(2);
    const sent = body(endpoint, 1).messages;
    expect((sent.at(-3) as { tool_calls: ToolCall[] }).tool_calls.map((call) => call.id)).to.deep.equal(['a', 'b']);
    expect(sent.slice(-2)).to.deep.equal([
      { role: 'tool', tool_call_id: 'a', content: '1' },
      { role: 'tool', tool_call_id: 'b', content: '2' },
    ]);
  });

  it('sends the text written before the calls and the reasoning record back unchanged', async () => {
    const details = [
      { type: 'reasoning.text', text: 'Need the ', index: 0, format: 'anthropic-claude-v1' },
      { type: 'reasoning.text', text: 'weather.', index: 0, signature: 'c2ln' },
    ];
    const first = [
      ...details.map((detail) => dataEvent({ choices: [{ index: 0, delta: { reasoning: detail.text, reasoning_details: [detail] } }] })),
      dataEvent({ choices: [{ index: 0, delta: { content: 'Checking. ' } }] }),
      ...toolCallEvents([{ id: 'w', name: 'get_weather', arguments: '{"city":"Oslo"}' }]),
    ];
    const endpoint = await serveChat((n) => sseResponse(n === 1 ? first : answerEvents(['Sunny.'])));
    const el = await toolChat([weather]);
    await el.send('Oslo?');
    const turn = body(endpoint, 1).messages.at(-2) as { content: string; reasoning_details: unknown[] };
    expect(turn.content).to.equal('Checking. ');
    expect(turn.reasoning_details).to.deep.equal([{ type: 'reasoning.text', text: 'Need the weather.', index: 0, format: 'anthropic-claude-v1', signature: 'c2ln' }]);
    await el.updateComplete;
    // Shown once: the plain reasoning field wins over the same text in the details.
    expect(shadow(el).querySelector('.thinking-text')!.textContent).to.equal('Need the weather.');
  });

  it('stops after max-tool-steps rounds and says so', async () => {
    let n = 0;
    const endpoint = await serveChat(() => sseResponse(toolCallEvents([{ id: `c${++n}`, name: 'get_weather', arguments: '{"city":"x"}' }])));
    const el = await toolChat([weather], { 'max-tool-steps': '2' });
    await el.send('Forever');
    expect(endpoint.requests).to.have.length(3);
    await el.updateComplete;
    expect(part(el, 'tool-note')!.textContent).to.contain('rounds of tools');
    expect(toolMessages(el.messages)).to.have.length(2);
    // Every call in the history has its result, so the next send is valid.
    const ids = el.messages.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : []));
    expect(ids).to.deep.equal(toolMessages(el.messages).map((message) => (message as { tool_call_id: string }).tool_call_id));
  });

  it('runs none of 200 calls in one answer, and says why', async () => {
    const calls = Array.from({ length: 200 }, (_, index) => ({ id: `c${index}`, name: 'get_weather', arguments: '{}' }));
    const endpoint = await serveChat(() => sseResponse(toolCallEvents(calls, 1)));
    let runs = 0;
    const el = await toolChat([{ ...weather, execute: () => ++runs }]);
    await el.send('Flood');
    expect(runs).to.equal(0);
    expect(endpoint.requests).to.have.length(1);
    await el.updateComplete;
    expect(part(el, 'tool-note')!.textContent).to.contain('more tool calls at once');
  });
});

describe('tools: what goes wrong', () => {
  it('answers a tool the page never defined, and arguments that are not JSON, with an error and a note', async () => {
    const endpoint = await serveToolThenText([
      { id: 'u', name: 'drop_tables', arguments: '{}' },
      { id: 'j', name: 'get_weather', arguments: '{"city": Zür' },
    ]);
    let runs = 0;
    const el = await toolChat([{ ...weather, execute: () => ++runs }]);
    await el.send('Hm');
    expect(runs).to.equal(0);
    const results = toolMessages(body(endpoint, 1).messages).map((message) => JSON.parse(message.content as string).error);
    expect(results[0]).to.contain('no tool named "drop_tables"');
    expect(results[1]).to.contain('not a JSON object');
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['error', 'error']);
    expect(parts(el, 'tool-note').map((note) => note.textContent)).to.deep.equal([
      'The model asked for a tool this chat does not have (drop_tables); it was told so.',
      'The model wrote arguments that are not valid JSON; it was told so.',
    ]);
  });

  it('sends an error result for a tool that throws, one that returns what JSON cannot hold, and one that times out', async () => {
    const endpoint = await serveToolThenText([
      { id: 't', name: 'throws', arguments: '{}' },
      { id: 'b', name: 'bigint', arguments: '{}' },
      { id: 's', name: 'stuck', arguments: '{}' },
    ]);
    let stuckSignal: AbortSignal | undefined;
    const el = await toolChat(
      [
        { name: 'throws', execute: () => Promise.reject(new Error('The order service is down')) },
        { name: 'bigint', execute: () => ({ n: 10n }) },
        { name: 'stuck', execute: (_, { signal }) => ((stuckSignal = signal), new Promise(() => {})) },
      ],
      { 'tool-timeout-ms': '200' },
    );
    await el.send('Break');
    const errors = toolMessages(body(endpoint, 1).messages).map((message) => JSON.parse(message.content as string).error);
    expect(errors[0]).to.equal('The tool failed: The order service is down');
    expect(errors[1]).to.contain('cannot be sent as JSON');
    expect(errors[2]).to.contain('took longer than');
    expect(stuckSignal!.aborted).to.equal(true);
    expect(el.status).to.equal('idle');
  });

  it('truncates a 10 MB result with a note before it is sent', async () => {
    const endpoint = await serveToolThenText([{ id: 'big', name: 'dump', arguments: '{}' }]);
    const el = await toolChat([{ name: 'dump', execute: () => 'x'.repeat(10_000_000) }]);
    await el.send('Dump');
    const sent = toolMessages(body(endpoint, 1).messages)[0].content as string;
    expect(sent.length).to.be.below(51_000);
    expect(sent).to.contain('[Truncated: the result had 10000000 characters');
  });

  it('shows model-written arguments and results as text, never as HTML', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    await serveToolThenText([{ id: 'x', name: 'echo', arguments: JSON.stringify({ html: payload }) }]);
    const el = await toolChat([{ name: 'echo', execute: ({ html: text }) => text }]);
    await el.send('Echo');
    await el.updateComplete;
    const block = blocks(el)[0];
    expect(block.querySelector('img')).to.equal(null);
    expect(block.textContent).to.contain(payload);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('tools: approval, respond() and stop', () => {
  it('asks before running a tool that needs approval, focuses Approve and announces it; Approve runs it', async () => {
    await serveToolThenText([{ id: 'book', name: 'book_slot', arguments: '{"time":"10:00"}' }]);
    let runs = 0;
    const el = await toolChat([{ name: 'book_slot', needsApproval: true, execute: () => ++runs }]);
    const sent = el.send('Book it');
    await waitUntil(() => part(el, 'tool-approve'), 'no Approve button');
    expect(runs).to.equal(0);
    expect(statuses(el)).to.deep.equal(['awaiting-approval']);
    await waitUntil(() => shadow(el).activeElement === part(el, 'tool-approve'), 'Approve never took focus');
    await waitUntil(() => announced(el).includes('book_slot: needs approval'), 'the approval was never announced');
    part(el, 'tool-approve')!.click();
    await sent;
    expect(runs).to.equal(1);
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['done']);
    expect(part(el, 'tool-approve')).to.equal(null);
  });

  it('Deny sends a "denied by the user" result and never runs the tool', async () => {
    const endpoint = await serveToolThenText([{ id: 'book', name: 'book_slot', arguments: '{}' }]);
    let runs = 0;
    const el = await toolChat([{ name: 'book_slot', needsApproval: true, execute: () => ++runs }]);
    const sent = el.send('Book it');
    await waitUntil(() => part(el, 'tool-deny'), 'no Deny button');
    part(el, 'tool-deny')!.click();
    await sent;
    expect(runs).to.equal(0);
    expect(JSON.parse(toolMessages(body(endpoint, 1).messages)[0].content as string).error).to.contain('denied');
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['denied']);
  });

  it('lets a page without execute answer through detail.respond(), later', async () => {
    const endpoint = await serveToolThenText([{ id: 'o', name: 'lookup_order', arguments: '{"id":"42"}' }]);
    const el = await toolChat([{ name: 'lookup_order', parameters: { type: 'object', properties: { id: { type: 'string' } } } }]);
    el.addEventListener('openrouter-chat-tool-call', (event) => {
      const { args, respond } = event.detail;
      setTimeout(() => respond({ order: args.id, status: 'shipped' }), 30);
    });
    const result = oneEvent(el, 'openrouter-chat-tool-result');
    await el.send('Where is my order?');
    expect((await result).detail).to.deep.equal({ id: 'o', name: 'lookup_order', result: { order: '42', status: 'shipped' }, error: undefined });
    expect(toolMessages(body(endpoint, 1).messages)[0].content).to.equal('{"order":"42","status":"shipped"}');
  });

  it('Stop during a tool aborts its signal and the answer, sends nothing more, and the next send works', async () => {
    const endpoint = await serveChat((n) => sseResponse(n === 1 ? toolCallEvents([{ id: 'long', name: 'wait', arguments: '{}' }]) : answerEvents(['Fine.'])));
    let signal: AbortSignal | undefined;
    const el = await toolChat([{ name: 'wait', execute: (_, context) => ((signal = context.signal), new Promise(() => {})) }]);
    const sent = el.send('Wait');
    await waitUntil(() => signal, 'the tool never ran');
    el.stop();
    await sent;
    expect(signal!.aborted).to.equal(true);
    expect(endpoint.requests).to.have.length(1);
    expect(JSON.parse(toolMessages(el.messages)[0].content as string).error).to.contain('stopped');
    await el.updateComplete;
    expect(statuses(el)).to.deep.equal(['error']);
    await el.send('Again');
    expect(endpoint.requests).to.have.length(2);
    const history = body(endpoint, 1).messages;
    expect(history.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'user']);
  });

  it('Stop while a call waits for approval answers it, and it never runs', async () => {
    await serveToolThenText([{ id: 'book', name: 'book_slot', arguments: '{}' }]);
    let runs = 0;
    const el = await toolChat([{ name: 'book_slot', needsApproval: true, execute: () => ++runs }]);
    const sent = el.send('Book');
    await waitUntil(() => part(el, 'tool-approve'), 'no Approve button');
    el.stop();
    await sent;
    await el.updateComplete;
    expect(part(el, 'tool-approve')).to.equal(null);
    expect(runs).to.equal(0);
  });

  it('never runs a call twice: setting messages while it streams stops the answer, and the call never starts', async () => {
    const stream = openSseStream(toolCallEvents([{ id: 'once', name: 'count', arguments: '{}' }]).slice(0, -2));
    await serveChat(() => stream.response);
    let runs = 0;
    const el = await toolChat([{ name: 'count', execute: () => ++runs }]);
    const sent = el.send('Count');
    await waitUntil(() => blocks(el).length, 'the call never streamed');
    el.messages = [{ role: 'user', content: 'Something else' }];
    stream.push(finishEvent('tool_calls'));
    stream.push(DONE);
    stream.close();
    await sent;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).to.equal(0);
  });

  it('moving the element during a tool run stops it once: its signal aborts, and nothing runs again', async () => {
    const endpoint = await serveToolThenText([{ id: 'm', name: 'wait', arguments: '{}' }]);
    let runs = 0;
    let signal: AbortSignal | undefined;
    const el = await toolChat([{ name: 'wait', execute: (_, context) => (runs++, (signal = context.signal), new Promise(() => {})) }]);
    const sent = el.send('Wait');
    await waitUntil(() => signal, 'the tool never ran');
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await sent;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signal!.aborted).to.equal(true);
    expect(runs).to.equal(1);
    expect(endpoint.requests).to.have.length(1);
    elsewhere.remove();
  });
});

describe('tools: restored conversations, server tools and sources', () => {
  it('shows a restored conversation with tool turns, and continues it with them', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['Still clear.'])));
    const el = await toolChat([weather]);
    const restored: ChatMessage[] = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'r1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }] },
      { role: 'tool', tool_call_id: 'r1', content: '{"sky":"clear"}' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'r2', type: 'function', function: { name: 'book', arguments: '{}' } }, { id: 'r3', type: 'function', function: { name: 'x', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'r2', content: '{"error":"The user denied this tool call."}' },
      { role: 'tool', tool_call_id: 'r3', content: '{"error":"The tool failed."}' },
      { role: 'assistant', content: 'Clear in Rome.' },
    ];
    el.messages = restored;
    await waitUntil(() => blocks(el).length === 3, 'the restored calls were not shown');
    expect(statuses(el)).to.deep.equal(['done', 'denied', 'error']);
    await el.send('And now?');
    expect(body(endpoint, 0).messages.slice(0, restored.length)).to.deep.equal(restored);
  });

  it('saves tool turns under storage-key and restores them, and refuses a stored call of the wrong shape', async () => {
    const key = `tools-${Math.random()}`;
    await serveToolThenText([{ id: 's1', name: 'get_weather', arguments: '{"city":"Bern"}' }], 'Clear in Bern.');
    const first = await toolChat([weather], { 'storage-key': key });
    await first.send('Bern?');
    await first.updateComplete;
    const saved = first.messages;
    first.remove();
    const second = await toolChat([weather], { 'storage-key': key });
    // A new database on a fresh browser profile: slow to open on a loaded machine.
    await waitUntil(() => second.messages.length === saved.length, 'not restored', { timeout: SHOW_TIMEOUT_MS });
    expect(second.messages).to.deep.equal(saved);
    await waitUntil(() => blocks(second).length === 1, 'the saved call was not shown');

    const hostile = { version: 1, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: 'rm -rf' }] };
    // As an earlier version saved it: a fresh key, so nothing newer is restored in its place.
    const hostileKey = `${key}-hostile`;
    localStorage.setItem(hostileKey, JSON.stringify(hostile));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const third = await toolChat([], { 'storage-key': hostileKey });
      await waitUntil(() => warnings.length, 'no warning');
      expect(third.messages).to.deep.equal([]);
    } finally {
      console.warn = warn;
      localStorage.removeItem(hostileKey);
    }
    expect(String(warnings[0])).to.contain('unreadable');
  });

  it('shows the calls the proxy ran itself, and keeps them in the conversation', async () => {
    const call = { id: 'srv', type: 'function', function: { name: 'lookup_order', arguments: '{"id":"7"}' } };
    await serveChat(() =>
      sseResponse([
        bareEvent({ openrouter_chat: { server_tool_calls: [call] } }),
        bareEvent({ openrouter_chat: { server_tool_results: [{ tool_call_id: 'srv', name: 'lookup_order', content: '{"status":"shipped"}', error: false }] } }),
        ...answerEvents(['Your order shipped.']),
      ]),
    );
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model"></openrouter-chat>`);
    await el.send('Order 7?');
    await waitUntil(() => blocks(el).length === 1, 'the server call was not shown');
    expect(statuses(el)).to.deep.equal(['done']);
    expect(blocks(el)[0].textContent).to.contain('on the server');
    expect(el.messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'assistant']);
    expect((el.messages[1] as { tool_calls: unknown[] }).tool_calls).to.deep.equal([call]);
  });

  it('asks for web search, shows sources as numbered links, once per URL, and a javascript: URL as text', async () => {
    const annotation = (url: string, title: string) => ({ type: 'url_citation', url_citation: { url, title, start_index: 0, end_index: 3 } });
    const endpoint = await serveChat(() =>
      sseResponse([
        dataEvent({ choices: [{ index: 0, delta: { content: 'Found it.', annotations: [annotation('https://example.com/a', 'Example A')] } }] }),
        dataEvent({ choices: [{ index: 0, delta: {}, annotations: [annotation('https://example.com/a', 'Again'), annotation('javascript:alert(1)', 'Evil')] }] }),
        finishEvent('stop'),
        DONE,
      ]),
    );
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" web-search></openrouter-chat>`);
    await el.send('Search');
    expect(body(endpoint, 0).tools).to.deep.equal([{ type: 'openrouter:web_search' }]);
    await waitUntil(() => part(el, 'sources'), 'no sources');
    const items = [...part(el, 'sources')!.querySelectorAll('li')];
    expect(items.map((item) => item.textContent!.trim())).to.deep.equal(['Example A', 'Evil']);
    const link = items[0].querySelector('a')!;
    expect(link.href).to.equal('https://example.com/a');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(items[1].querySelector('a')).to.equal(null);
  });

  it('sends tool-choice as OpenAI names it', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const el = await toolChat([weather], { 'tool-choice': 'get_weather' });
    await el.send('Go');
    el.setAttribute('tool-choice', 'required');
    await el.send('Again');
    expect(body(endpoint, 0).tool_choice).to.deep.equal({ type: 'function', function: { name: 'get_weather' } });
    expect(body(endpoint, 1).tool_choice).to.equal('required');
  });
});
