import { expect, oneEvent } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import type { OpenRouterChat } from '../../../src/index.js';
import { chatFixture, renderedMessages, shadow } from '../helpers/chat-fixture.js';
import { eventually, part, press, streamingChat, textarea, typeAndEnter } from '../helpers/chat-ui.js';
import {
  DONE,
  answerEvents,
  contentEvent,
  finishEvent,
  jsonErrorResponse,
  openSseStream,
  reasoningEvent,
  serveChat,
  sseResponse,
  usageEvent,
  type RecordingEndpoint,
} from '../helpers/sse-mock.js';

/** Expects `promise` to reject (the failure is what the test looks at next). */
async function failure(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => expect.fail('expected the promise to reject'),
    () => undefined,
  );
}

/** The messages of request `index` (0-based) the endpoint received. */
function sentMessages(endpoint: RecordingEndpoint, index: number): unknown {
  return (endpoint.requests[index].body as { messages: unknown }).messages;
}

/**
 * Sends "Question", stops the answer once `firstEvent` has come through, and waits for the
 * element to settle; the endpoint answers any later request with "Whole answer".
 */
async function stopAfter(firstEvent: string): Promise<{ el: OpenRouterChat; endpoint: RecordingEndpoint }> {
  const stream = openSseStream([firstEvent]);
  const endpoint = await serveChat((n) => (n === 1 ? stream.response : sseResponse(answerEvents(['Whole answer']))));
  const el = await chatFixture();
  const delta = oneEvent(el, 'openrouter-chat-delta');
  const answered = el.send('Question');
  await delta;
  el.stop();
  await answered;
  await el.updateComplete;
  return { el, endpoint };
}

/** Clicks `name` and waits for the answer it starts to complete. */
async function clickAndComplete(el: OpenRouterChat, name: string): Promise<void> {
  const completed = oneEvent(el, 'openrouter-chat-complete');
  part(el, name)!.click();
  await completed;
  await el.updateComplete;
}

describe('conversation controls', () => {
  describe('copy answer', () => {
    const clipboard = navigator.clipboard;
    const originalWriteText = clipboard.writeText;
    afterEach(() => (clipboard.writeText = originalWriteText));

    it('copies the answer text and says so on the button', async () => {
      const copied: string[] = [];
      clipboard.writeText = async (text: string) => void copied.push(text);
      await serveChat(() => sseResponse(answerEvents(['**Bold** ', 'answer'])));
      const el = await chatFixture();
      await el.send('Hi');
      await el.updateComplete;
      const button = part(el, 'copy-answer-button')!;
      expect(button.getAttribute('aria-label')).to.equal('Copy answer');
      button.click();
      await eventually(() => button.getAttribute('aria-label') === 'Copied', 'the button confirms the copy');
      expect(copied).to.deep.equal(['**Bold** answer']);
    });

    it('says so when the clipboard refuses', async () => {
      clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      await serveChat(() => sseResponse(answerEvents(['Answer'])));
      const el = await chatFixture();
      el.strings = { copyFailed: 'Impossible de copier' };
      await el.send('Hi');
      await el.updateComplete;
      const button = part(el, 'copy-answer-button')!;
      button.click();
      await eventually(() => button.getAttribute('aria-label') === 'Impossible de copier', 'the button reports the failure');
    });
  });

  it('regenerate sends the same history without the last answer and replaces it', async () => {
    const endpoint = await serveChat((n) => sseResponse(answerEvents([n === 1 ? 'First' : 'Second'])));
    const el = await chatFixture();
    await el.send('Hi');
    await el.updateComplete;
    await clickAndComplete(el, 'regenerate-button');
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Hi' }]);
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Second' },
    ]);
    expect(shadow(el).activeElement).to.equal(textarea(el));
  });

  it('offers regenerate on the last answer only, and not while streaming', async () => {
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await chatFixture();
    await el.send('One');
    await el.send('Two');
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[part~="regenerate-button"]')).to.have.length(1);
    expect(shadow(el).querySelector('.entry:last-child [part~="regenerate-button"]')).to.exist;
    const { el: streaming, stream } = await streamingChat();
    expect(part(streaming, 'regenerate-button')).to.equal(null);
    expect(part(streaming, 'edit-button')).to.equal(null);
    stream.close();
  });

  it('edit puts the last message in the box, and sending replaces it and what followed', async () => {
    const endpoint = await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const el = await chatFixture();
    await el.send('Helo');
    await el.updateComplete;
    part(el, 'edit-button')!.click();
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Helo');
    expect(shadow(el).activeElement).to.equal(textarea(el));
    expect(shadow(el).querySelector('.editing-note')?.textContent).to.contain('Editing your last message');

    const completed = oneEvent(el, 'openrouter-chat-complete');
    typeAndEnter(el, 'Hello');
    await completed;
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Hello' }]);
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Answer 2' },
    ]);
    await el.updateComplete;
    expect(shadow(el).querySelector('.editing-note')).to.equal(null);
  });

  it('cancelling an edit puts back the draft the user had typed', async () => {
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await chatFixture();
    await el.send('Sent');
    await el.updateComplete;
    textarea(el).value = 'A draft in progress';
    part(el, 'edit-button')!.click();
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Sent');
    press(textarea(el), 'Escape');
    await el.updateComplete;
    expect(textarea(el).value).to.equal('A draft in progress');
  });

  it('Escape cancels an edit and leaves the conversation as it was', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await chatFixture();
    await el.send('Keep');
    await el.updateComplete;
    part(el, 'edit-button')!.click();
    await el.updateComplete;
    press(textarea(el), 'Escape');
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
    expect(shadow(el).querySelector('.editing-note')).to.equal(null);
    typeAndEnter(el, 'Next');
    await oneEvent(el, 'openrouter-chat-complete');
    expect(sentMessages(endpoint, 1)).to.deep.equal([
      { role: 'user', content: 'Keep' },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: 'Next' },
    ]);
  });

  it('a stopped answer stays, marked interrupted, and retry asks again without it', async () => {
    const { el, endpoint } = await stopAfter(contentEvent('Half an'));
    expect(renderedMessages(el).at(-1)).to.contain('Half an').and.to.contain('Interrupted');
    expect(part(el, 'regenerate-button')).to.equal(null);

    await clickAndComplete(el, 'retry-button');
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Question' }]);
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'Question' },
      { role: 'assistant', content: 'Whole answer' },
    ]);
    expect(renderedMessages(el).at(-1)).not.to.contain('Interrupted');
  });

  it('an answer stopped before any text shows the stop in its place, with retry, keeping what it thought', async () => {
    const { el, endpoint } = await stopAfter(reasoningEvent('Let me see'));
    expect(renderedMessages(el)).to.have.length(2);
    expect(renderedMessages(el).at(-1)).to.contain('Interrupted');
    expect(part(el, 'thinking')!.textContent).to.contain('Let me see');
    expect(part(el, 'indicator')).to.equal(null);
    expect(part(el, 'copy-answer-button')).to.equal(null);
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'Question' }]);

    await clickAndComplete(el, 'retry-button');
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Question' }]);
    expect(renderedMessages(el).at(-1)).to.contain('Whole answer').and.not.to.contain('Interrupted');
  });

  it('after an error without a partial answer, retry next to the error sends the question again', async () => {
    const endpoint = await serveChat((n) => (n === 1 ? jsonErrorResponse(503, 'overloaded') : sseResponse(answerEvents(['Fine now']))));
    const el = await chatFixture();
    await failure(el.send('Hi'));
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('trouble');
    await clickAndComplete(el, 'retry-button');
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Hi' }]);
    expect(part(el, 'error')!.textContent!.trim()).to.equal('');
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('clear empties the conversation and returns focus to the box', async () => {
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await chatFixture();
    expect(part(el, 'clear-button')).to.equal(null);
    await el.send('Hi');
    await el.updateComplete;
    part(el, 'clear-button')!.click();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(renderedMessages(el)).to.deep.equal([]);
    expect(shadow(el).activeElement).to.equal(textarea(el));
  });
});

describe('thinking and usage', () => {
  it('streams reasoning into an open "Thinking" section that closes when the answer starts', async () => {
    const stream = openSseStream([reasoningEvent('Let me ')]);
    await serveChat(() => stream.response);
    const el = await chatFixture();
    const answered = el.send('Why?');
    stream.push(reasoningEvent('think.'));
    await eventually(() => part(el, 'thinking')?.textContent?.includes('Let me think.'), 'reasoning is shown as it streams');
    const details = part<HTMLDetailsElement>(el, 'thinking')!;
    expect(details.open).to.equal(true);
    expect(details.querySelector('summary')!.textContent).to.equal('Thinking');

    stream.push(contentEvent('Because.'));
    await eventually(() => renderedMessages(el).at(-1)?.includes('Because.'), 'the answer follows');
    expect(details.open).to.equal(false);
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
    await answered;
    await el.updateComplete;
    expect(part(el, 'thinking')).to.equal(details);
    expect(details.textContent).to.contain('Let me think.');
  });

  it('shows tokens and cost under the answer with show-usage, and nothing without', async () => {
    await serveChat(() =>
      sseResponse([contentEvent('Counted'), finishEvent(), usageEvent({ prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234, cost: 0.001234 }), DONE]),
    );
    const el = await chatFixture();
    await el.send('Hi');
    await el.updateComplete;
    expect(part(el, 'usage')).to.equal(null);
    el.showUsage = true;
    await el.updateComplete;
    expect(part(el, 'usage')!.textContent).to.equal('1,200 in · 34 out · $0.0012');
  });
});

describe('an answer that ends without text', () => {
  it("says the provider's content filter withheld it, in the answer's place, with Retry", async () => {
    const endpoint = await serveChat((n) => sseResponse(n === 1 ? [finishEvent('content_filter'), DONE] : answerEvents(['Allowed'])));
    const el = await chatFixture();
    await el.send('Question');
    await el.updateComplete;
    expect(renderedMessages(el)).to.deep.equal(['You: Question', "Assistant: No answer: the provider's content filter withheld it."]);
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'Question' }]);
    expect(part(el, 'copy-answer-button'), 'nothing to copy').to.equal(null);

    await clickAndComplete(el, 'retry-button');
    expect(sentMessages(endpoint, 1)).to.deep.equal([{ role: 'user', content: 'Question' }]);
    expect(renderedMessages(el)).to.deep.equal(['You: Question', 'Assistant: Allowed']);
  });

  it('keeps the reasoning of a model that hit the token limit before answering, and says so', async () => {
    await serveChat(() => sseResponse([reasoningEvent('Weighing every option'), finishEvent('length'), DONE]));
    const el = await chatFixture();
    await el.send('Hard question');
    await el.updateComplete;
    expect(part(el, 'thinking')!.textContent).to.contain('Weighing every option');
    expect(part(el, 'no-answer')!.textContent).to.equal('No answer: the token limit was reached before the answer began.');
    expect(part(el, 'retry-button')).not.to.equal(null);
  });

  it('says no answer came when the stream ends empty for another reason, in the page\'s words', async () => {
    await serveChat(() => sseResponse([DONE]));
    const el = await chatFixture();
    el.strings = { noAnswer: 'Aucune réponse.' };
    await el.send('Hi');
    await el.updateComplete;
    expect(part(el, 'no-answer')!.textContent).to.equal('Aucune réponse.');
  });
});

describe('strings and error texts', () => {
  it('replaces the texts it names and keeps the English defaults for the rest', async () => {
    await serveChat(() => jsonErrorResponse(401, 'No auth credentials found'));
    const el = await chatFixture();
    el.strings = { send: 'Envoyer', inputPlaceholder: 'Écrivez…', errorBadKey: 'Clé API refusée.' };
    await el.updateComplete;
    expect(part(el, 'send-button')!.getAttribute('aria-label')).to.equal('Envoyer');
    expect(textarea(el).placeholder).to.equal('Écrivez…');
    expect(textarea(el).getAttribute('aria-label')).to.equal('Message');
    await failure(el.send('Salut'));
    await el.updateComplete;
    expect(part(el, 'error')!.textContent!.trim()).to.equal('Clé API refusée.');
  });

  it('uses a function string for values, e.g. the rate-limit wait', async () => {
    await serveChat(() => jsonErrorResponse(429, 'slow down', { 'retry-after': '7' }));
    const el = await chatFixture();
    await failure(el.send('Hi'));
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('wait 7 seconds');
    el.strings = { errorRateLimited: (seconds) => `Attendez ${seconds} s.` };
    await el.updateComplete;
    expect(part(el, 'error')!.textContent!.trim()).to.equal('Attendez 7 s.');
  });

  for (const [name, respond, words] of [
    ['402 out of credits', () => jsonErrorResponse(402, 'Insufficient credits'), 'out of credits'],
    ['a server that cannot be reached', () => HttpResponse.error(), 'connection to the chat server failed'],
    ['an answer cut off', () => sseResponse([contentEvent('Cut')]), 'cut off'],
  ] as const) {
    it(`says what happened for ${name}`, async () => {
      await serveChat(respond);
      const el = await chatFixture();
      await failure(el.send('Hi'));
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain(words);
    });
  }
});

describe('answer rendering', () => {
  function lastAnswerMarkdown(el: OpenRouterChat): Element | null {
    return shadow(el).querySelector('.entry:last-child [part~="message-assistant"] .markdown');
  }

  it('keeps the streaming answer\'s rendered DOM when it completes (no re-render from scratch)', async () => {
    const stream = openSseStream([contentEvent('Hello **wor')]);
    await serveChat(() => stream.response);
    const el = await chatFixture();
    const answered = el.send('Hi');
    await eventually(() => lastAnswerMarkdown(el)?.textContent?.includes('Hello'), 'the answer starts rendering');
    const streamingContainer = lastAnswerMarkdown(el);
    stream.push(contentEvent('ld**!'));
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
    await answered;
    await el.updateComplete;
    expect(lastAnswerMarkdown(el)).to.equal(streamingContainer);
    expect(streamingContainer!.querySelector('strong')?.textContent).to.equal('world');
  });

  it('shows https images only with allow-images', async () => {
    const answer = 'See ![a chart](https://example.com/chart.png)';
    await serveChat(() => sseResponse(answerEvents([answer])));
    const el = await chatFixture();
    await el.send('Chart?');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="message-assistant"] img')).to.equal(null);
    el.allowImages = true;
    el.messages = [...el.messages];
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="message-assistant"] img')?.getAttribute('src')).to.equal('https://example.com/chart.png');
  });
});
