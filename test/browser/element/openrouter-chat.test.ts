import { expect, oneEvent } from '@open-wc/testing';
import { OpenRouterChat, OpenRouterChatSendEvent, type ChatMessage } from '../../../src/index.js';
import { chatFixture, nextDeltaText, recordChatEvents, renderedMessages, shadow } from '../helpers/chat-fixture.js';
import { eventually } from '../helpers/chat-ui.js';
import {
  DONE,
  answerEvents,
  contentEvent,
  dataEvent,
  dripHalves,
  finishEvent,
  jsonErrorResponse,
  openSseStream,
  reasoningEvent,
  serveChat,
  sseResponse,
  usageEvent,
  type RecordingEndpoint,
} from '../helpers/sse-mock.js';

/** A chat whose answer to `question` is streaming, after `first` arrived (the stream stays open). */
async function streamingAnswer(first: string, question = 'Hi') {
  const stream = openSseStream([contentEvent(first)]);
  const endpoint = await serveChat(() => stream.response);
  const el = await chatFixture();
  const firstDelta = nextDeltaText(el);
  const sending = el.send(question);
  await firstDelta;
  return { el, stream, endpoint, sending };
}

/** Expects `promise` to reject and returns the reason. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => reason,
  );
}

describe('<openrouter-chat> conversation', () => {
  let recorder: ReturnType<typeof recordChatEvents>;
  beforeEach(() => (recorder = recordChatEvents()));
  afterEach(() => recorder.stop());

  it('is defined once, from the entry, as the exported class', () => {
    expect(customElements.get('openrouter-chat')).to.equal(OpenRouterChat);
    expect(document.createElement('openrouter-chat')).to.be.instanceOf(OpenRouterChat);
  });

  it('never sends a request by being connected', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['x'])));
    const el = await chatFixture();
    await el.updateComplete;
    expect(endpoint.requests).to.have.length(0);
    expect(el.status).to.equal('idle');
    expect(el.getAttribute('status')).to.equal('idle');
  });

  it('fires send, deltas and complete in order with the documented details', async () => {
    await serveChat(() =>
      sseResponse([reasoningEvent('Thinking.'), contentEvent('Hel'), contentEvent('lo!'), finishEvent('stop', 'vendor/served'), usageEvent({ total_tokens: 7 }), DONE]),
    );
    const el = await chatFixture('vendor/asked');
    await el.send('Hi');
    expect(recorder.events).to.deep.equal([
      { type: 'openrouter-chat-send', detail: { messages: [{ role: 'user', content: 'Hi' }], model: 'vendor/asked' } },
      { type: 'openrouter-chat-delta', detail: { delta: '', reasoning: 'Thinking.', text: '' } },
      { type: 'openrouter-chat-delta', detail: { delta: 'Hel', text: 'Hel' } },
      { type: 'openrouter-chat-delta', detail: { delta: 'lo!', text: 'Hello!' } },
      {
        type: 'openrouter-chat-complete',
        detail: { message: { role: 'assistant', content: 'Hello!' }, finishReason: 'stop', usage: { total_tokens: 7 }, model: 'vendor/served' },
      },
    ]);
    expect(el.status).to.equal('idle');
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ]);
  });

  it('sends the OpenAI-shaped body with the system prompt first, outside messages', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const el = await chatFixture('anthropic/claude-3.5-sonnet');
    el.systemPrompt = 'Be brief.';
    el.temperature = 0.2;
    el.messages = [
      { role: 'user', content: 'Earlier' },
      { role: 'assistant', content: 'Reply' },
    ];
    await el.send('Now');
    expect(endpoint.requests[0].body).to.deep.equal({
      model: 'anthropic/claude-3.5-sonnet',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Earlier' },
        { role: 'assistant', content: 'Reply' },
        { role: 'user', content: 'Now' },
      ],
      stream: true,
      temperature: 0.2,
    });
    expect(endpoint.requests[0].headers.get('content-type')).to.equal('application/json');
    expect(el.messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
  });

  it('leaves model and temperature out when unset, so the proxy chooses', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const el = await chatFixture();
    el.model = undefined;
    await el.send('Hi');
    expect(endpoint.requests[0].body).to.deep.equal({ messages: [{ role: 'user', content: 'Hi' }], stream: true });
  });

  it('sends nothing when a listener cancels the send event', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['x'])));
    const el = await chatFixture();
    el.addEventListener('openrouter-chat-send', (event) => {
      expect(event).to.be.instanceOf(OpenRouterChatSendEvent);
      event.preventDefault();
    });
    await el.send('Hi');
    expect(endpoint.requests).to.have.length(0);
    expect(el.messages).to.deep.equal([]);
    expect(el.status).to.equal('idle');
  });

  it('refuses a send() made from a send listener, sending only the first', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['once'])));
    const el = await chatFixture();
    let nested: Promise<unknown> | undefined;
    el.addEventListener('openrouter-chat-send', () => (nested ??= rejection(el.send('Nested'))), { once: true });
    await el.send('Outer');
    expect(((await nested) as Error).message).to.contain('still streaming');
    expect(endpoint.requests).to.have.length(1);
    expect(el.messages.map((message) => message.content)).to.deep.equal(['Outer', 'once']);
  });

  it('refuses a model id without a vendor prefix before any request', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['x'])));
    const el = await chatFixture('gemini-pro');
    const failed = oneEvent(el, 'openrouter-chat-error');
    const reason = await rejection(el.send('Hi'));
    const { detail } = await failed;
    expect(detail.message).to.contain('gemini-pro').and.to.contain('vendor/name');
    expect(detail.partial).to.equal('');
    expect((reason as Error).message).to.equal(detail.message);
    expect(endpoint.requests).to.have.length(0);
    expect(el.status).to.equal('error');
  });

  it('accepts every model id the proxy accepts: free variants, routers, latest aliases and more', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const el = await chatFixture();
    // The last three are valid for the proxy (src/server/models.ts) and were refused here.
    const models = [
      'meta-llama/llama-3.1-8b-instruct:free',
      'openrouter/auto',
      '~anthropic/claude-sonnet-latest',
      'vendor/model+turbo',
      'vendor/family/model',
      'vendor/~model@2025',
    ];
    for (const model of models) {
      el.model = model;
      await el.send('Hi');
    }
    expect(endpoint.requests.map((request) => (request.body as { model: string }).model)).to.deep.equal(models);
  });

  it('rejects a second send() while streaming, without a second request', async () => {
    const { el, stream, endpoint, sending: first } = await streamingAnswer('first', 'One');
    const reason = await rejection(el.send('Two'));
    expect((reason as Error).message).to.contain('still streaming');
    stream.push(finishEvent());
    stream.push(DONE);
    await first;
    expect(endpoint.requests).to.have.length(1);
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'first' },
    ]);
    expect(recorder.events.filter((event) => event.type === 'openrouter-chat-error')).to.have.length(0);
  });

  it('stop() aborts the fetch, fires abort with the partial and keeps it', async () => {
    const stream = openSseStream([contentEvent('Half an ')]);
    await serveChat(() => stream.response);
    const el = await chatFixture();
    const firstDelta = nextDeltaText(el);
    const sending = el.send('Tell me');
    expect(await firstDelta).to.equal('Half an ');
    const aborted = oneEvent(el, 'openrouter-chat-abort');
    el.stop();
    expect((await aborted).detail).to.deep.equal({ partial: 'Half an ' });
    await sending;
    await stream.cancelled;
    expect(el.status).to.equal('idle');
    expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Half an ' });
    expect(recorder.events.map((event) => event.type)).not.to.include('openrouter-chat-error');
    await el.updateComplete;
    expect(renderedMessages(el).at(-1)).to.contain('Half an').and.to.contain('Interrupted');
  });

  it('aborts the fetch when removed mid-stream, and re-adding never resends or duplicates', async () => {
    const { el, stream, endpoint, sending } = await streamingAnswer('streamed once');
    const aborted = oneEvent(el, 'openrouter-chat-abort');
    const parent = el.parentElement!;
    el.remove();
    expect((await aborted).detail.partial).to.equal('streamed once');
    await stream.cancelled;
    await sending;
    parent.append(el);
    await el.updateComplete;
    expect(endpoint.requests).to.have.length(1);
    expect(renderedMessages(el).filter((text) => text.includes('streamed once'))).to.have.length(1);
    expect(el.messages).to.have.length(2);
  });

  it('moving a finished chat around never starts a request', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['done'])));
    const el = await chatFixture();
    await el.send('Hi');
    const parent = el.parentElement!;
    for (let round = 0; round < 3; round++) {
      el.remove();
      parent.append(el);
    }
    await el.updateComplete;
    expect(endpoint.requests).to.have.length(1);
    expect(el.messages).to.have.length(2);
  });

  describe('errors', () => {
    for (const [status, words] of [
      [401, 'API key'],
      [402, 'out of credits'],
      [429, 'Too many requests'],
      [503, 'trouble'],
    ] as const) {
      it(`reports HTTP ${status} with a human message in the alert region`, async () => {
        await serveChat(() => jsonErrorResponse(status, 'upstream detail'));
        const el = await chatFixture();
        const failed = oneEvent(el, 'openrouter-chat-error');
        await rejection(el.send('Hi'));
        const { detail } = await failed;
        expect(detail).to.include({ status, code: status, partial: '' });
        expect(detail.message).to.contain(words);
        expect(el.status).to.equal('error');
        expect(el.getAttribute('status')).to.equal('error');
        await el.updateComplete;
        expect(shadow(el).querySelector('[role="alert"]')?.textContent).to.contain(words);
      });
    }

    it("carries in the event's detail.message the sentence the alert shows, in the page's strings", async () => {
      await serveChat(() => jsonErrorResponse(402, 'Insufficient credits'));
      const el = await chatFixture();
      el.strings = { errorNoCredits: 'Plus de crédits.' };
      const failed = oneEvent(el, 'openrouter-chat-error');
      const reason = await rejection(el.send('Hi'));
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.message).to.equal('Plus de crédits.');
      expect(shadow(el).querySelector('[role="alert"]')?.textContent?.trim()).to.equal(detail.message);
      // The rejection keeps the technical detail, for the page's developer.
      expect((reason as Error).message).to.contain('402').and.to.contain('Insufficient credits');
    });

    it('keeps and shows the partial answer of a mid-stream error', async () => {
      const errorChunk = dataEvent({ error: { code: 'provider_error', message: 'Upstream died' }, choices: [{ index: 0, delta: {}, finish_reason: 'error' }] });
      await serveChat(() => sseResponse([contentEvent('So far'), errorChunk]));
      const el = await chatFixture();
      const failed = oneEvent(el, 'openrouter-chat-error');
      await rejection(el.send('Hi'));
      expect((await failed).detail).to.deep.include({ code: 'provider_error', partial: 'So far', status: undefined });
      await el.updateComplete;
      expect(renderedMessages(el).at(-1)).to.contain('So far').and.to.contain('Interrupted');
    });

    it('reports a truncated stream as an error that keeps the partial', async () => {
      await serveChat(() => sseResponse([contentEvent('Cut')]));
      const el = await chatFixture();
      const failed = oneEvent(el, 'openrouter-chat-error');
      await rejection(el.send('Hi'));
      const { detail } = await failed;
      expect(detail.partial).to.equal('Cut');
      expect(detail.message).to.contain('cut off');
    });

    it('works again on the next send after an error', async () => {
      const endpoint = await serveChat((requestNumber) =>
        requestNumber === 1 ? jsonErrorResponse(502, 'Bad gateway') : sseResponse(answerEvents(['Back'])),
      );
      const el = await chatFixture();
      await rejection(el.send('First'));
      expect(el.status).to.equal('error');
      await el.send('Again');
      expect(el.status).to.equal('idle');
      expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Back' });
      expect(endpoint.requests).to.have.length(2);
      await el.updateComplete;
      expect(shadow(el).querySelector('[role="alert"]')?.textContent?.trim()).to.equal('');
    });
  });

  it('completes with a null finish reason when [DONE] comes without one', async () => {
    await serveChat(() => sseResponse([contentEvent('Plain'), DONE]));
    const el = await chatFixture();
    const completed = oneEvent(el, 'openrouter-chat-complete');
    await el.send('Hi');
    expect((await completed).detail).to.deep.equal({ message: { role: 'assistant', content: 'Plain' }, finishReason: null, usage: undefined, model: undefined });
  });

  it('does not add an empty answer to the conversation', async () => {
    await serveChat(() => sseResponse([finishEvent('content_filter'), DONE]));
    const el = await chatFixture();
    const completed = oneEvent(el, 'openrouter-chat-complete');
    await el.send('Hi');
    expect((await completed).detail.finishReason).to.equal('content_filter');
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'Hi' }]);
  });

  describe('messages set by the page', () => {
    it('a different conversation stops the answer first, without an abort event', async () => {
      const { el, stream, sending } = await streamingAnswer('old answer');
      el.messages = [{ role: 'user', content: 'Restored' }];
      await sending;
      await stream.cancelled;
      expect(el.status).to.equal('idle');
      expect(el.messages).to.deep.equal([{ role: 'user', content: 'Restored' }]);
      expect(recorder.events.map((event) => event.type)).to.not.include('openrouter-chat-abort');
    });

    it('the conversation it already holds, as the same array or a copy, changes nothing', async () => {
      const { el, stream, sending } = await streamingAnswer('old answer');
      const held = el.messages;
      el.messages = held;
      el.messages = held.map((message) => ({ ...message }));
      await el.updateComplete;
      expect(el.status).to.equal('streaming');
      expect(el.messages).to.equal(held);
      stream.push(contentEvent(' goes on'));
      stream.push(finishEvent());
      stream.push(DONE);
      stream.close();
      await sending;
      expect(el.messages).to.deep.equal([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'old answer goes on' },
      ]);
      expect(recorder.events.map((event) => event.type)).to.not.include('openrouter-chat-abort');
    });

    for (const empty of [null, undefined]) {
      it(`${empty} empties the conversation instead of throwing`, async () => {
        await serveChat(() => sseResponse(answerEvents(['x'])));
        const el = await chatFixture();
        await el.send('Hi');
        el.messages = empty;
        await el.updateComplete;
        expect(el.messages).to.deep.equal([]);
        expect(renderedMessages(el)).to.deep.equal([]);
      });
    }
  });

  describe('stop(), clear() and messages inside a send listener', () => {
    const FINISHED: ChatMessage[] = [
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Answer' },
    ];
    const REPLACED: ChatMessage[] = [{ role: 'user', content: 'Replaced' }];
    for (const [name, act, kept] of [
      ['stop()', (el: OpenRouterChat) => el.stop(), FINISHED],
      ['clear()', (el: OpenRouterChat) => el.clear(), []],
      ['messages =', (el: OpenRouterChat) => (el.messages = REPLACED), REPLACED],
    ] as const) {
      it(`${name} only releases the request before it starts: no request, no entry, no event`, async () => {
        const endpoint = await serveChat(() => sseResponse(answerEvents(['Answer'])));
        const el = await chatFixture();
        await el.send('First');
        recorder.events.length = 0;
        el.addEventListener('openrouter-chat-send', () => act(el), { once: true });
        await el.send('Second');
        await el.updateComplete;
        expect(endpoint.requests).to.have.length(1);
        expect(recorder.events.map((event) => event.type)).to.deep.equal(['openrouter-chat-send']);
        expect(el.status).to.equal('idle');
        expect(el.messages).to.deep.equal(kept);
        expect(renderedMessages(el).join(' ')).to.not.contain('Interrupted');
        // The next send works, and sends what the conversation holds (the finished answer too).
        await el.send('Third');
        expect(endpoint.requests).to.have.length(2);
        const sent = (endpoint.requests[1].body as { messages: ChatMessage[] }).messages;
        expect(sent).to.deep.equal([...kept, { role: 'user', content: 'Third' }]);
      });
    }
  });

  it('completes an answer whose reads end mid-event, streaming longer than the idle timeout', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await chatFixture();
    el.idleTimeoutMs = 300;
    const pieces = Array.from({ length: 15 }, (_, index) => contentEvent(`${index} `));
    const dripping = dripHalves(stream, pieces, 50, [finishEvent(), DONE]);
    await el.send('Long one');
    await dripping;
    expect(el.status).to.equal('idle');
    expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: pieces.map((_, index) => `${index} `).join('') });
  });

  it('keeps messages a page set before the element was defined (script tag loaded later)', async () => {
    const tag = 'openrouter-chat-defined-late';
    const saved = [
      { role: 'user' as const, content: 'Saved question' },
      { role: 'assistant' as const, content: 'Saved answer' },
    ];
    const el = document.createElement(tag) as OpenRouterChat;
    el.messages = saved;
    document.body.append(el);
    try {
      customElements.define(tag, class extends OpenRouterChat {});
      await el.updateComplete;
      expect(renderedMessages(el)).to.deep.equal(['You: Saved question', 'Assistant: Saved answer']);
      expect(el.messages).to.deep.equal(saved);
      el.clear();
      expect(el.messages, 'the live conversation, not a copy left on the element').to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  describe('history-limit', () => {
    /** `length` messages, the user's and the assistant's in turn, the user's first. */
    function conversationOf(length: number): ChatMessage[] {
      return Array.from({ length }, (_, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: `Message ${index}` }));
    }

    function sentMessages(endpoint: RecordingEndpoint, index = 0): ChatMessage[] {
      return (endpoint.requests[index].body as { messages: ChatMessage[] }).messages;
    }

    /** Refuses more than 100 messages with a 400, as the proxy's default `maxMessages` does. */
    async function proxyOfAtMost100Messages(): Promise<RecordingEndpoint> {
      const endpoint: RecordingEndpoint = await serveChat((n) =>
        sentMessages(endpoint, n - 1).length > 100 ? jsonErrorResponse(400, 'Too many messages') : sseResponse(answerEvents(['Fine'])),
      );
      return endpoint;
    }

    for (const systemPrompt of [undefined, 'Be brief.']) {
      it(`sends only the latest 100 messages or fewer of a 120-message conversation, from a user message (system prompt: ${systemPrompt ?? 'none'})`, async () => {
        const endpoint = await proxyOfAtMost100Messages();
        const el = await chatFixture();
        el.systemPrompt = systemPrompt;
        const history = conversationOf(120);
        el.messages = history;
        const sendEvent = oneEvent(el, 'openrouter-chat-send');
        await el.send('Question 121');
        const sent = sentMessages(endpoint);
        const conversation = systemPrompt ? sent.slice(1) : sent;
        if (systemPrompt) expect(sent[0]).to.deep.equal({ role: 'system', content: systemPrompt });
        expect(sent.length).to.be.within(99, 100);
        expect(conversation[0].role).to.equal('user');
        expect(conversation).to.deep.equal([...history.slice(history.length - conversation.length + 1), { role: 'user', content: 'Question 121' }]);
        expect((await sendEvent).detail.messages).to.deep.equal(conversation);
        expect(el.messages).to.have.length(122);
        await el.updateComplete;
        expect(renderedMessages(el)).to.have.length(122);
      });
    }

    it('reads the history-limit attribute, and 0 means no limit', async () => {
      const endpoint = await serveChat(() => sseResponse(answerEvents(['Fine'])));
      const el = await chatFixture();
      el.messages = conversationOf(6);
      el.setAttribute('history-limit', '4');
      await el.send('Message 6');
      expect(sentMessages(endpoint, 0).map((message) => message.content)).to.deep.equal(['Message 4', 'Message 5', 'Message 6']);
      el.messages = conversationOf(6);
      el.setAttribute('history-limit', '0');
      await el.send('Message 6');
      expect(sentMessages(endpoint, 1)).to.have.length(7);
    });
  });

  it('clear() empties the conversation and the error', async () => {
    await serveChat(() => jsonErrorResponse(401, 'no key'));
    const el = await chatFixture();
    await rejection(el.send('Hi'));
    el.clear();
    expect(el.messages).to.deep.equal([]);
    expect(el.status).to.equal('idle');
  });

  it('renders at most one update per animation frame, however many deltas arrive', async () => {
    const pieces = Array.from({ length: 200 }, (_, index) => `${index} `);
    await serveChat(() => sseResponse([answerEvents(pieces).join('')]));
    const el = await chatFixture();
    let deltas = 0;
    el.addEventListener('openrouter-chat-delta', () => deltas++);
    let updates = 0;
    const element = el as unknown as { updated(changed: unknown): void };
    const updated = element.updated.bind(el);
    element.updated = (changed) => {
      updates++;
      updated(changed);
    };
    await el.send('Count');
    await el.updateComplete;
    expect(deltas).to.equal(pieces.length);
    expect(updates).to.be.greaterThan(0).and.lessThan(deltas / 10);
    expect(el.messages.at(-1)?.content).to.equal(pieces.join(''));
  });

  it('waits for the element to render the whole answer text', async () => {
    const stream = openSseStream([contentEvent('Stream')]);
    await serveChat(() => stream.response);
    const el = await chatFixture();
    const sending = el.send('Hi');
    await eventually(() => renderedMessages(el).at(-1) === 'Assistant: Stream', 'the first delta is rendered');
    stream.push(contentEvent('ing'));
    await eventually(() => renderedMessages(el).at(-1) === 'Assistant: Streaming', 'the second delta is appended');
    stream.push(finishEvent());
    stream.close();
    await sending;
  });
});
