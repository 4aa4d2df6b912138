import { expect, fixture, html } from '@open-wc/testing';
import type { OpenRouterChat } from '../../../src/index.js';
import { renderedMessages } from '../helpers/chat-fixture.js';
import { part } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, answerEvents, contentEvent, openSseStream, serveChat, sseResponse } from '../helpers/sse-mock.js';

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

describe('storage-key', () => {
  const KEY = 'openrouter-chat-test';
  let warnings: unknown[][];
  const originalWarn = console.warn;
  beforeEach(() => {
    localStorage.removeItem(KEY);
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = originalWarn;
    localStorage.removeItem(KEY);
  });

  async function storedChat(): Promise<OpenRouterChat> {
    return fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" storage-key=${KEY}></openrouter-chat>`);
  }

  it('saves the conversation and restores it in a new chat, interrupted answers included', async () => {
    const stream = openSseStream([contentEvent('Cut sh')]);
    await serveChat((n) => (n === 1 ? sseResponse(answerEvents(['Saved answer'])) : stream.response));
    const first = await storedChat();
    await first.send('Remember me');
    const delta = new Promise((resolve) => first.addEventListener('openrouter-chat-delta', resolve, { once: true }));
    const cut = first.send('And this');
    await delta;
    first.stop();
    await cut;
    await first.updateComplete;
    expect(JSON.parse(localStorage.getItem(KEY)!).messages).to.have.length(4);

    const second = await storedChat();
    expect(second.messages).to.deep.equal([
      { role: 'user', content: 'Remember me' },
      { role: 'assistant', content: 'Saved answer' },
      { role: 'user', content: 'And this' },
      { role: 'assistant', content: 'Cut sh' },
    ]);
    expect(renderedMessages(second).at(-1)).to.contain('Interrupted');
    expect(warnings).to.deep.equal([]);
  });

  it('clearing the conversation removes the saved one', async () => {
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await storedChat();
    await el.send('Hi');
    await el.updateComplete;
    expect(localStorage.getItem(KEY)).not.to.equal(null);
    el.clear();
    await el.updateComplete;
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  for (const [name, raw] of [
    ['not JSON', '{"version":1,"messages":['],
    ['an unknown version', JSON.stringify({ version: 99, messages: [] })],
    ['a message of the wrong shape', JSON.stringify({ version: 1, messages: [{ role: 'tool', content: 1 }] })],
    ['a bare array', JSON.stringify([{ role: 'user', content: 'old format' }])],
  ]) {
    it(`ignores stored data that is ${name}, with a warning`, async () => {
      localStorage.setItem(KEY, raw);
      const el = await storedChat();
      expect(el.messages).to.deep.equal([]);
      expect(renderedMessages(el)).to.deep.equal([]);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.contain('unreadable');
    });
  }

  it('keeps working when storage throws on read and write (disabled, over quota)', async () => {
    const { getItem, setItem } = Storage.prototype;
    Storage.prototype.getItem = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Storage.prototype.setItem = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      await serveChat(() => sseResponse(answerEvents(['Still here'])));
      const el = await storedChat();
      await el.send('Hi');
      await el.updateComplete;
      expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Still here' });
      expect(warnings.map((args) => String(args[0]))).to.satisfy((lines: string[]) =>
        lines.some((line) => line.includes('could not read')) && lines.some((line) => line.includes('could not save')),
      );
    } finally {
      Object.assign(Storage.prototype, { getItem, setItem });
    }
  });
});
