import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { OpenRouterChat } from '../../../src/index.js';
import { renderedMessages } from '../helpers/chat-fixture.js';
import { eventually, part } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, DONE, answerEvents, contentEvent, finishEvent, openSseStream, serveChat, sseResponse, type OpenSseStream } from '../helpers/sse-mock.js';

/** A short chat, so a few paragraphs overflow its log. */
async function smallChat(): Promise<OpenRouterChat> {
  return fixture<OpenRouterChat>(
    html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" style="--openrouter-chat-height: 260px"></openrouter-chat>`,
  );
}

function log(el: OpenRouterChat): HTMLElement {
  return part(el, 'log')!;
}

function distanceFromBottom(el: OpenRouterChat): number {
  const { scrollHeight, scrollTop, clientHeight } = log(el);
  return scrollHeight - scrollTop - clientHeight;
}

let paragraph = 0;

/** Streams one more paragraph and waits until it is on screen (in the DOM, rendered). */
async function streamParagraph(el: OpenRouterChat, stream: OpenSseStream): Promise<void> {
  const text = `Paragraph ${++paragraph} of a long answer.`;
  stream.push(contentEvent(`${text}\n\n`));
  await eventually(() => renderedMessages(el).at(-1)?.includes(text), `paragraph ${paragraph} is rendered`);
  await el.updateComplete;
}

/**
 * Scrolls the log as a reader would. The scroll event is dispatched here too: the browser
 * fires its own only at the next frame, and a page running in the background gets none.
 */
async function readerScrollsTo(el: OpenRouterChat, top: number): Promise<void> {
  log(el).scrollTop = top;
  log(el).dispatchEvent(new Event('scroll'));
  await el.updateComplete;
}

describe('scrolling', () => {
  // A smooth jump animates over frames, which a background page does not get; reduced
  // motion makes it instant (and is what those readers get).
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('follows new text while the reader is at the bottom', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await smallChat();
    el.send('Long please').catch(() => {});
    // Enough paragraphs for groups in groups (from the 9th block on), each followed by a
    // frame: the browser decides in frames which groups are in view and sizes new ones, which
    // must never make the log look scrolled up.
    for (let i = 0; i < 40; i++) {
      await streamParagraph(el, stream);
      await new Promise(requestAnimationFrame);
      expect(distanceFromBottom(el), `after paragraph ${i + 1}`).to.be.lessThan(2);
    }
    expect(log(el).scrollHeight).to.be.greaterThan(log(el).clientHeight * 5);
    expect(part(el, 'jump-button')).to.equal(null);
    el.stop();
  });

  it('stops following when the reader scrolls up, shows "jump to latest", and the jump follows again', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await smallChat();
    el.send('Long please').catch(() => {});
    for (let i = 0; i < 12; i++) await streamParagraph(el, stream);

    await readerScrollsTo(el, 40);
    for (let i = 0; i < 4; i++) await streamParagraph(el, stream);
    expect(log(el).scrollTop).to.equal(40);
    const jump = part(el, 'jump-button')!;
    expect(jump.textContent).to.contain('Jump to latest');

    jump.click();
    await eventually(() => distanceFromBottom(el) < 2, 'the jump reaches the newest text');
    await el.updateComplete;
    expect(part(el, 'jump-button')).to.equal(null);
    await streamParagraph(el, stream);
    expect(distanceFromBottom(el)).to.be.lessThan(2);
    el.stop();
  });

  it('sending a message follows again after the reader scrolled up', async () => {
    const long = Array.from({ length: 14 }, (_, i) => `Paragraph ${i}.\n\n`);
    await serveChat(() => sseResponse(answerEvents(long)));
    const el = await smallChat();
    await el.send('First');
    await el.updateComplete;
    await readerScrollsTo(el, 0);
    expect(part(el, 'jump-button')).to.exist;

    await el.send('Second');
    await el.updateComplete;
    expect(distanceFromBottom(el)).to.be.lessThan(2);
    expect(part(el, 'jump-button')).to.equal(null);
  });

  it('text growing below while the log catches up never counts as the reader leaving', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await smallChat();
    el.send('Burst').catch(() => {});
    // Many paragraphs in one chunk: the log jumps a long way in one render.
    stream.push(Array.from({ length: 30 }, (_, i) => contentEvent(`Burst ${i}.\n\n`)).join(''));
    await eventually(() => renderedMessages(el).at(-1)?.includes('Burst 29.'), 'the burst is rendered');
    await streamParagraph(el, stream);
    expect(distanceFromBottom(el)).to.be.lessThan(2);
    expect(part(el, 'jump-button')).to.equal(null);
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
  });
});

/** A conversation of `count` messages whose answers run from four paragraphs to eleven: its chunks come out taller than their estimate. */
function longConversation(count: number) {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? { role: 'user' as const, content: `Question ${index / 2 + 1}?` }
      : {
          role: 'assistant' as const,
          content: Array.from({ length: (index % 8) + 4 }, (_, line) => `Answer ${(index + 1) / 2}, paragraph ${line + 1}, long enough to wrap in a narrow chat.`).join('\n\n'),
        },
  );
}

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise(requestAnimationFrame);
}

/** The first message at least partly in view, and how far its top lies below the log's. */
function firstInView(el: OpenRouterChat): { entry: Element; offset: number } {
  const top = log(el).getBoundingClientRect().top;
  const entry = [...log(el).querySelectorAll('.entry')].find((candidate) => candidate.getBoundingClientRect().bottom > top)!;
  return { entry, offset: entry.getBoundingClientRect().top - top };
}

describe('scrolling a long conversation', () => {
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('opens a restored conversation at its newest message', async () => {
    const el = await smallChat();
    el.messages = longConversation(80);
    await el.updateComplete;
    // The browser lays out the chunks near the view for the first time in the frames that
    // follow, each with its real size in place of the estimate: the log stays at the bottom.
    await frames(3);
    expect(log(el).scrollHeight).to.be.greaterThan(log(el).clientHeight * 10);
    expect(distanceFromBottom(el)).to.be.lessThan(2);
    expect(renderedMessages(el).at(-1)).to.contain('Answer 40, paragraph');
    expect(part(el, 'jump-button')).to.equal(null);
  });

  it('holds the reader where they scrolled to while an answer streams', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await smallChat();
    el.messages = longConversation(80);
    await el.updateComplete;
    el.send('Long please').catch(() => {});
    for (let i = 0; i < 4; i++) await streamParagraph(el, stream);

    // Up into messages laid out for the first time as they come into view.
    await readerScrollsTo(el, log(el).scrollHeight / 3);
    await frames(3);
    const before = firstInView(el);
    for (let i = 0; i < 6; i++) {
      await streamParagraph(el, stream);
      await frames(1);
    }
    const after = firstInView(el);
    expect(after.entry).to.equal(before.entry);
    expect(Math.abs(after.offset - before.offset)).to.be.lessThan(1);
    expect(part(el, 'jump-button')).to.exist;
    el.stop();
  });

  it('new strings reach the oldest messages too', async () => {
    const el = await smallChat();
    el.messages = longConversation(80);
    await el.updateComplete;
    const first = () => log(el).querySelector('[part~="copy-answer-button"]')!;
    expect(first().getAttribute('aria-label')).to.equal('Copy answer');
    el.strings = { copy: 'Kopieren' };
    await el.updateComplete;
    expect(first().getAttribute('aria-label')).to.equal('Kopieren');
  });
});
