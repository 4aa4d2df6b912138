import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OpenRouterChat } from '../../../src/index.js';
import { chatFixture, shadow } from '../helpers/chat-fixture.js';
import { eventually, part, press, streamingChat, textarea, typeAndEnter } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, DONE, answerEvents, contentEvent, finishEvent, jsonErrorResponse, openSseStream, serveChat, sseResponse } from '../helpers/sse-mock.js';
import type { OpenSseStream } from '../helpers/sse-mock.js';

/** The part name of the focused element in the chat (a name, so a failure reads well). */
function focusedPart(el: OpenRouterChat): string | null | undefined {
  return shadow(el).activeElement?.getAttribute('part');
}

describe('<openrouter-chat> UI', () => {
  it('sends the typed text on Enter and empties the box', async () => {
    const { el, endpoint, stream } = await streamingChat();
    expect(endpoint.requests).to.have.length(1);
    expect(el.messages[0]).to.deep.equal({ role: 'user', content: 'Question' });
    expect(textarea(el).value).to.equal('');
    stream.push(finishEvent());
    stream.push(DONE);
    await oneEvent(el, 'openrouter-chat-complete');
  });

  it('keeps Shift+Enter and an IME-confirming Enter as typing, not sending', async () => {
    const endpoint = await serveChat(() => jsonErrorResponse(500, 'unused'));
    const el = await chatFixture();
    const shifted = typeAndEnter(el, 'line one', { shiftKey: true });
    const composing = typeAndEnter(el, 'かな', { isComposing: true });
    expect(shifted.defaultPrevented).to.equal(false);
    expect(composing.defaultPrevented).to.equal(false);
    expect(endpoint.requests).to.have.length(0);
    expect(el.status).to.equal('idle');
  });

  it('sends with the send button', async () => {
    const stream = openSseStream();
    const endpoint = await serveChat(() => stream.response);
    const el = await chatFixture();
    textarea(el).value = 'By click';
    part(el, 'send-button')!.click();
    await eventually(() => endpoint.requests.length === 1, 'the click sends a request');
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'By click' }]);
    el.stop();
  });

  it('shows a waiting indicator until the first token, then the text', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await chatFixture();
    typeAndEnter(el, 'Hi');
    await el.updateComplete;
    expect(part(el, 'indicator')).to.exist;
    expect(part(el, 'log')!.getAttribute('aria-busy')).to.equal('true');
    stream.push(contentEvent('First token'));
    await eventually(() => !part(el, 'indicator'), 'the indicator goes at the first token');
    expect(shadow(el).querySelectorAll('[part~="message-assistant"]')).to.have.length(1);
    expect(part(el, 'message-assistant')!.textContent).to.contain('First token');
    el.stop();
  });

  it('swaps send for stop while streaming; the stop button stops and keeps focus inside', async () => {
    const { el, stream } = await streamingChat();
    expect(part(el, 'send-button')).to.equal(null);
    const aborted = oneEvent(el, 'openrouter-chat-abort');
    part(el, 'stop-button')!.click();
    expect((await aborted).detail.partial).to.equal('Partial');
    await stream.cancelled;
    await el.updateComplete;
    expect(part(el, 'stop-button')).to.equal(null);
    expect(part(el, 'send-button')).to.exist;
    expect(shadow(el).activeElement).to.equal(textarea(el));
    expect(part(el, 'log')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('ignores the second click of a double-click on send, which lands on stop; a key on stop still stops', async () => {
    const stream = openSseStream();
    await serveChat(() => stream.response);
    const el = await chatFixture();
    textarea(el).value = 'Double-clicked';
    part(el, 'send-button')!.dispatchEvent(new MouseEvent('click', { detail: 1, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    part(el, 'stop-button')!.dispatchEvent(new MouseEvent('click', { detail: 2, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(el.status).to.equal('streaming');
    expect(stream.isCancelled).to.equal(false);

    part(el, 'stop-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await stream.cancelled;
    expect(el.status).to.equal('idle');
  });

  const answerEndings = [
    ['completes', 'openrouter-chat-complete', (stream: OpenSseStream) => [finishEvent(), DONE].forEach((event) => stream.push(event))],
    ['fails', 'openrouter-chat-error', (stream: OpenSseStream) => stream.fail()],
  ] as const;
  for (const [ending, eventName, end] of answerEndings) {
    it(`keeps focus inside when the answer ${ending} while the stop button has focus`, async () => {
      const { el, stream } = await streamingChat();
      part(el, 'stop-button')!.focus();
      expect(focusedPart(el)).to.equal('stop-button');
      const ended = oneEvent(el, eventName);
      end(stream);
      await ended;
      await el.updateComplete;
      expect(part(el, 'stop-button')).to.equal(null);
      expect(focusedPart(el)).to.equal('input');
    });
  }

  it('stops on Escape', async () => {
    const { el, stream } = await streamingChat();
    const aborted = oneEvent(el, 'openrouter-chat-abort');
    press(textarea(el), 'Escape');
    expect((await aborted).detail.partial).to.equal('Partial');
    await stream.cancelled;
    expect(el.status).to.equal('idle');
  });

  it('leaves a streaming answer alone on an Escape that cancels an IME composition', async () => {
    const { el, stream } = await streamingChat();
    const escape = press(textarea(el), 'Escape', { isComposing: true });
    expect(escape.defaultPrevented).to.equal(false);
    expect(el.status).to.equal('streaming');
    expect(stream.isCancelled).to.equal(false);
    el.stop();
  });

  it('keeps an edit and its text on an Escape that cancels an IME composition (keyCode 229)', async () => {
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await chatFixture();
    await el.send('Original');
    await el.updateComplete;
    part(el, 'edit-button')!.click();
    await el.updateComplete;
    textarea(el).value = 'Original へんしゅう';
    const escape = press(textarea(el), 'Escape', { keyCode: 229 });
    await el.updateComplete;
    expect(escape.defaultPrevented).to.equal(false);
    expect(textarea(el).value).to.equal('Original へんしゅう');
    expect(shadow(el).querySelector('.editing-note')).not.to.equal(null);
  });

  it('keeps a refused message in the box', async () => {
    const endpoint = await serveChat(() => jsonErrorResponse(500, 'unused'));
    const el = await chatFixture('no-vendor');
    typeAndEnter(el, 'Keep me');
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Keep me');
    expect(part(el, 'error')!.textContent).to.contain('vendor/name');
    expect(endpoint.requests).to.have.length(0);
  });

  it('renders the header and empty slots', async () => {
    const el = await fixture<OpenRouterChat>(html`
      <openrouter-chat endpoint=${CHAT_ENDPOINT}>
        <h2 slot="header">Support</h2>
        <p slot="empty">Ask us about orders.</p>
      </openrouter-chat>
    `);
    const header = shadow(el).querySelector<HTMLSlotElement>('slot[name="header"]')!;
    const empty = shadow(el).querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(header.assignedElements().map((node) => node.textContent)).to.deep.equal(['Support']);
    expect(empty.assignedElements().map((node) => node.textContent)).to.deep.equal(['Ask us about orders.']);
    el.messages = [{ role: 'user', content: 'Restored' }];
    await el.updateComplete;
    expect(shadow(el).querySelector('slot[name="empty"]')).to.equal(null);
    expect(part(el, 'message-user')!.textContent).to.contain('Restored');
  });

  it('takes its colours from the page through the public custom properties', async () => {
    const el = await chatFixture();
    el.style.setProperty('--openrouter-chat-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle(part(el, 'send-button')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('declares no public custom property itself, so page-level values always reach it', async () => {
    const el = await chatFixture();
    el.messages = [{ role: 'user', content: 'Hi' }];
    await el.updateComplete;
    for (const name of ['accent', 'background', 'text', 'radius', 'font', 'font-size', 'spacing', 'height', 'user-background']) {
      expect(getComputedStyle(el).getPropertyValue(`--openrouter-chat-${name}`), name).to.equal('');
    }
    document.documentElement.style.setProperty('--openrouter-chat-user-background', 'rgb(4, 5, 6)');
    document.documentElement.style.setProperty('--openrouter-chat-radius', '3px');
    document.documentElement.style.setProperty('--openrouter-chat-font-size', '20px');
    try {
      const bubble = getComputedStyle(part(el, 'message-user')!);
      expect(bubble.backgroundColor).to.equal('rgb(4, 5, 6)');
      expect(bubble.borderStartStartRadius).to.equal('3px');
      expect(bubble.fontSize).to.equal('20px');
    } finally {
      for (const name of ['user-background', 'radius', 'font-size']) document.documentElement.style.removeProperty(`--openrouter-chat-${name}`);
    }
  });
});
