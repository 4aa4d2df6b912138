import { expect, fixture, html } from '@open-wc/testing';
import type { OpenRouterChat } from '../../../src/index.js';
import { part } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, answerEvents, serveChat, sseResponse } from '../helpers/sse-mock.js';

function picker(el: OpenRouterChat): HTMLSelectElement {
  const select = part<HTMLSelectElement>(el, 'model-picker');
  if (!select) throw new Error('no model picker');
  return select;
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('model picker', () => {
  it('is absent without models', async () => {
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    expect(part(el, 'model-picker')).to.equal(null);
  });

  it('reads the models attribute (commas or spaces), is labelled, and the choice sets model for the request', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const el = await fixture<OpenRouterChat>(
      html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="vendor/two" models="vendor/one, vendor/two  vendor/three"></openrouter-chat>`,
    );
    expect(el.models).to.deep.equal(['vendor/one', 'vendor/two', 'vendor/three']);
    const select = picker(el);
    expect(select.getAttribute('aria-label')).to.equal('Model');
    expect([...select.options].map((option) => option.value)).to.deep.equal(['vendor/one', 'vendor/two', 'vendor/three']);
    expect(select.value).to.equal('vendor/two');

    choose(select, 'vendor/three');
    expect(el.model).to.equal('vendor/three');
    await el.send('Hi');
    expect((endpoint.requests[0].body as { model: string }).model).to.equal('vendor/three');
  });

  it('takes an array property, and offers "Default model" while model is unset', async () => {
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    el.models = ['vendor/a', 'vendor/b'];
    await el.updateComplete;
    const select = picker(el);
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['Default model', 'vendor/a', 'vendor/b']);
    expect(select.value).to.equal('');
    choose(select, 'vendor/b');
    choose(select, '');
    expect(el.model).to.equal(undefined);
  });
});
