/**
 * The markdown room as a page meets it, before and after it arrives: a closed launcher asks for
 * nothing; an open chat asks for it when the browser is idle; an answer streaming before it
 * arrives shows as plain text, then as markdown, without losing a character; restored messages
 * too; and once the page has it, a new chat renders markdown in its first render.
 *
 * The room's module is the real one, held back at the network (msw) until the test lets it
 * through. Each test file has a page of its own, and nothing in this one imports the room, so
 * it arrives only when released; the tests run in order and rely on that (the last one after).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, passthrough } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../../../src/index.js';
import type { ChatMessage, OpenRouterChat } from '../../../src/index.js';
import { CHAT_ENDPOINT, contentEvent, DONE, finishEvent, openSseStream, recordingEndpoint, startMockWorker, type OpenSseStream } from '../helpers/sse-mock.js';

/** The room's module as the test server serves it (the builds' `openrouter-chat-markdown.js`). */
const ROOM_URL = /\/src\/markdown\/markdown-room\.[jt]s/;

/** Longer than the open chat's idle prefetch may take (`MARKDOWN_PREFETCH_MS`, 2 s). */
const PAST_PREFETCH_MS = 2600;

const RESTORED: ChatMessage[] = [
  { role: 'user', content: 'Restore me' },
  { role: 'assistant', content: 'A **restored** answer\nwith `code`.' },
];

let worker: SetupWorker;
let release!: () => void;
const released = new Promise<void>((resolve) => (release = resolve));
/** Every request for the room's module, as msw saw it begin. */
const roomRequests: string[] = [];

before(async () => {
  worker = await startMockWorker();
  worker.use(
    http.get(ROOM_URL, async ({ request }) => {
      roomRequests.push(request.url);
      await released;
      return passthrough();
    }),
  );
});

/** Whether the page fetched the room's module, as Resource Timing saw it (msw aside). */
function roomFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => ROOM_URL.test(entry.name));
}

function content(chat: OpenRouterChat, index = -1): Element {
  const found = [...chat.shadowRoot!.querySelectorAll('.message.assistant .content')].at(index);
  if (!found) throw new Error('no answer shown');
  return found;
}

/** An open stream served as the next answer. */
function serveStream(): OpenSseStream {
  const stream = openSseStream();
  worker.use(recordingEndpoint(() => stream.response).handler);
  return stream;
}

describe('the markdown room, loaded on demand', () => {
  it('is not asked for by a closed launcher, even with messages restored', async () => {
    const launcher = await fixture<OpenRouterChat>(html`<openrouter-chat variant="launcher" endpoint=${CHAT_ENDPOINT} .messages=${RESTORED}></openrouter-chat>`);
    await new Promise((resolve) => setTimeout(resolve, PAST_PREFETCH_MS));
    expect(roomRequests).to.deep.equal([]);
    expect(roomFetched()).to.equal(false);
    // Its (hidden) answer is there as plain text, never as HTML.
    expect(content(launcher).querySelector('.plain-answer')!.textContent).to.equal(RESTORED[1]!.content);
    expect(content(launcher).querySelector('strong')).to.equal(null);
  });

  it('is asked for by an open chat when the browser is idle, with nothing sent', async () => {
    await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    expect(roomRequests, 'not before the first paint').to.deep.equal([]);
    await waitUntil(() => roomRequests.length === 1, 'the idle prefetch', { timeout: PAST_PREFETCH_MS + 2000 });
  });

  it('shows answers as plain text until it arrives, then as markdown, streaming across the moment, restored ones too', async () => {
    const restored = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} .messages=${RESTORED}></openrouter-chat>`);
    expect(content(restored).querySelector('.plain-answer')!.textContent).to.equal(RESTORED[1]!.content);
    expect(content(restored).querySelector('strong')).to.equal(null);

    const stream = serveStream();
    const chat = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    const sent = chat.send('Hi');
    const pieces = ['# Title\n\nSome **bo', 'ld** text <b>x</b>'];
    for (const piece of pieces) stream.push(contentEvent(piece));
    await waitUntil(() => chat.shadowRoot!.querySelector('.message.assistant .content')?.textContent === pieces.join(''), 'the plain text so far');
    const plain = content(chat).querySelector('.plain-answer')!;
    expect(plain.textContent).to.equal(pieces.join(''));
    expect(content(chat).querySelector('h1, strong, b')).to.equal(null);
    // One text node that grew by the second delta, not a new one.
    expect(plain.childNodes).to.have.length(1);

    release();
    // Deltas keep coming while the room's files load, until it has arrived, and a few after.
    let after = 3;
    for (let n = 0; after > 0 && n < 500; n++) {
      const piece = ` w${n}`;
      pieces.push(piece);
      stream.push(contentEvent(piece));
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (content(chat).querySelector('.markdown')) after -= 1;
    }
    expect(after, 'the room arrived while the answer streamed').to.equal(0);
    const container = content(chat).querySelector('.markdown');
    stream.push(contentEvent('\n\nThe *end*.'));
    pieces.push('\n\nThe *end*.');
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
    await sent;
    await chat.updateComplete;

    const answer = content(chat);
    // The same container from the room's arrival on: it parsed once, then went on appending.
    expect(answer.querySelector('.markdown')).to.equal(container);
    expect(answer.querySelector('.plain-answer')).to.equal(null);
    expect(answer.querySelector('h1')!.textContent).to.equal('Title');
    expect(answer.querySelector('strong')!.textContent).to.equal('bold');
    expect(answer.querySelector('em')!.textContent).to.equal('end');
    // Raw HTML in the text stays text.
    expect(answer.querySelector('b')).to.equal(null);
    // Every character, in its block: none lost or doubled across the moment the room arrived.
    const words = pieces.slice(2, -1).join('');
    expect([...answer.querySelectorAll('h1, p')].map((block) => block.textContent)).to.deep.equal(['Title', `Some bold text <b>x</b>${words}`, 'The end.']);
    expect(chat.messages.at(-1)!.content).to.equal(pieces.join(''));

    // The restored answer became markdown too, styled by the room's stylesheet.
    await waitUntil(() => content(restored).querySelector('.markdown strong'), 'the restored answer as markdown');
    expect(content(restored).querySelector('code')!.textContent).to.equal('code');
    expect(getComputedStyle(content(restored).querySelector('.markdown')!).overflowWrap).to.equal('anywhere');
    expect(roomRequests).to.have.length(1);
  });

  it('renders markdown in the first render of a chat made once the page has it', async () => {
    const chat = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} .messages=${RESTORED}></openrouter-chat>`);
    expect(content(chat).querySelector('.plain-answer')).to.equal(null);
    expect(content(chat).querySelector('.markdown strong')!.textContent).to.equal('restored');
    expect(getComputedStyle(content(chat).querySelector('.markdown')!).overflowWrap).to.equal('anywhere');
    expect(roomRequests).to.have.length(1);
  });
});
