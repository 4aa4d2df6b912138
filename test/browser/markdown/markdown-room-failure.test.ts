/**
 * A markdown room that cannot load (its file is missing, the network failed): answers stay
 * plain text for good, and the chat goes on working. Also where a send asks for the room: a
 * closed launcher asks for nothing until it sends. A page of its own (each test file has one),
 * where the room's module fails at the network (msw), so no earlier load can hide the failure.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../../../src/index.js';
import type { OpenRouterChat } from '../../../src/index.js';
import { SHOW_TIMEOUT_MS } from '../helpers/drive-chat.js';
import { answerEvents, CHAT_ENDPOINT, recordingEndpoint, sseResponse, startMockWorker } from '../helpers/sse-mock.js';

const ROOM_URL = /\/src\/markdown\/markdown-room\.[jt]s/;

let worker: SetupWorker;
const roomRequests: string[] = [];

before(async () => {
  worker = await startMockWorker();
  worker.use(
    http.get(ROOM_URL, ({ request }) => {
      roomRequests.push(request.url);
      return HttpResponse.error();
    }),
  );
});

function answers(chat: OpenRouterChat): Element[] {
  return [...chat.shadowRoot!.querySelectorAll('.message.assistant .content')];
}

describe('the markdown room, when it cannot load', () => {
  it('leaves answers as plain text, asks once, and the next send and the open launcher work', async () => {
    const endpoint = recordingEndpoint((count) => sseResponse(answerEvents(count === 1 ? ['**One**', ' answer'] : ['Two `answers`'])));
    worker.use(endpoint.handler);
    const chat = await fixture<OpenRouterChat>(html`<openrouter-chat variant="launcher" endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    expect(roomRequests, 'a closed launcher asks for nothing').to.deep.equal([]);

    // A send asks for the room, in parallel with its request (waited for generously: on a
    // loaded CI machine the service worker's round trip took over a second once).
    await chat.send('First');
    await waitUntil(() => roomRequests.length === 1, 'the send asked for the room', { timeout: SHOW_TIMEOUT_MS });
    await chat.updateComplete;
    expect(answers(chat)[0]!.querySelector('.plain-answer')!.textContent).to.equal('**One** answer');

    chat.open = true;
    await chat.updateComplete;
    await chat.send('Second');
    await chat.updateComplete;
    // Left a moment for a room that would still come (or a retry that would ask again).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await chat.updateComplete;

    expect(endpoint.requests).to.have.length(2);
    expect(chat.status).to.equal('idle');
    expect(answers(chat).map((answer) => answer.querySelector('.plain-answer')?.textContent)).to.deep.equal(['**One** answer', 'Two `answers`']);
    expect(chat.shadowRoot!.querySelector('.markdown, strong, code')).to.equal(null);
    expect(chat.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('');
    expect(roomRequests, 'asked once, never again').to.have.length(1);
    // The box still takes the next message.
    const input = chat.shadowRoot!.querySelector('textarea')!;
    input.focus();
    expect(chat.shadowRoot!.activeElement).to.equal(input);
  });
});
