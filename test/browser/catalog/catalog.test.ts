/**
 * The model catalog in the element, in Chromium with the network mocked by msw: the picker
 * with names, prices and badges by mouse and keyboard, one request per endpoint, no delay to
 * the first send, attachment gating, context trimming, the running cost, hostile names, an
 * empty catalog, a proxy without one, and an answer too large to be a catalog.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { catalogOf } from '../../../src/catalog/catalog-client.js';
import '../../../src/index.js';
import type { OpenRouterChat } from '../../../src/index.js';
import { shadow } from '../helpers/chat-fixture.js';
import { part, parts, press } from '../helpers/chat-ui.js';
import { answerEvents, dataEvent, DONE, finishEvent, sseResponse, startMockWorker } from '../helpers/sse-mock.js';

interface CatalogEntry {
  id: string;
  name: string;
  context_length?: number;
  pricing?: { prompt: string; completion: string };
  input_modalities: string[];
  output_modalities: string[];
  supports_tools: boolean;
  supports_reasoning: boolean;
}

const VISION: CatalogEntry = {
  id: 'anthropic/claude-3.7-sonnet:thinking',
  name: 'Anthropic: Claude 3.7 Sonnet (thinking)',
  context_length: 200_000,
  pricing: { prompt: '0.000003', completion: '0.000015' },
  input_modalities: ['text', 'image', 'file'],
  output_modalities: ['text'],
  supports_tools: true,
  supports_reasoning: true,
};
const MINI: CatalogEntry = {
  id: 'openai/gpt-4o-mini',
  name: 'OpenAI: GPT-4o-mini',
  context_length: 128_000,
  pricing: { prompt: '0.00000015', completion: '0.0000006' },
  input_modalities: ['text', 'image'],
  output_modalities: ['text'],
  supports_tools: true,
  supports_reasoning: false,
};
const FREE_TEXT: CatalogEntry = {
  id: 'meta-llama/llama-3.1-8b-instruct:free',
  name: 'Meta: Llama 3.1 8B Instruct (free)',
  context_length: 131_072,
  pricing: { prompt: '0', completion: '0' },
  input_modalities: ['text'],
  output_modalities: ['text'],
  supports_tools: false,
  supports_reasoning: false,
};
const CATALOG = [VISION, MINI, FREE_TEXT];
const IDS = CATALOG.map((model) => model.id).join(', ');
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let endpointCount = 0;

interface MockProxy {
  endpoint: string;
  catalogRequests: number;
  chatBodies: Array<{ model?: string; messages: Array<{ role: string; content: unknown }> }>;
}

/**
 * A proxy of its own for each test (the element keeps each endpoint's catalog for the page):
 * `GET` answers `catalog` (or the given response), `POST` answers a short stream.
 */
async function mockProxy(catalog: unknown, options: { catalogResponse?: () => Response | Promise<Response>; answer?: () => string[] } = {}): Promise<MockProxy> {
  endpointCount += 1;
  const proxy: MockProxy = { endpoint: `/test-api/catalog-${endpointCount}/chat`, catalogRequests: 0, chatBodies: [] };
  (await startMockWorker()).use(
    http.get(proxy.endpoint, () => {
      proxy.catalogRequests += 1;
      return options.catalogResponse?.() ?? HttpResponse.json({ data: catalog });
    }),
    http.post(proxy.endpoint, async ({ request }) => {
      proxy.chatBodies.push((await request.json()) as MockProxy['chatBodies'][number]);
      return sseResponse(options.answer?.() ?? answerEvents(['Fine.']));
    }),
  );
  return proxy;
}

async function chatWith(proxy: MockProxy, attributes: Record<string, string> = {}): Promise<OpenRouterChat> {
  const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${proxy.endpoint} models=${IDS}></openrouter-chat>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

function combobox(el: OpenRouterChat): HTMLInputElement | null {
  return shadow(el).querySelector<HTMLInputElement>('input[role="combobox"]');
}

async function catalogPicker(el: OpenRouterChat): Promise<HTMLInputElement> {
  await waitUntil(() => combobox(el), 'the catalog picker did not appear');
  return combobox(el)!;
}

function options(el: OpenRouterChat): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];
}

describe('model catalog: the picker', () => {
  it('shows names, prices per million tokens, context and badges, and a click chooses a model that the next request carries', async () => {
    const proxy = await mockProxy(CATALOG);
    const el = await chatWith(proxy, { model: MINI.id });
    const input = await catalogPicker(el);
    expect(input.value).to.equal('OpenAI: GPT-4o-mini');
    expect(part(el, 'model-picker')).to.equal(input);
    input.click();
    await el.updateComplete;
    const shown = options(el);
    expect(shown.map((option) => option.querySelector('.model-name')!.textContent)).to.deep.equal(CATALOG.map((model) => model.name));
    expect(shown[0].querySelector('.model-facts')!.textContent).to.equal('$3 in, $15 out per M tokens · 200K context');
    expect(shown[1].querySelector('.model-facts')!.textContent).to.equal('$0.15 in, $0.6 out per M tokens · 128K context');
    expect(shown[2].querySelector('.model-facts')!.textContent).to.equal('Free · 131K context');
    const badges = (option: HTMLElement) => [...option.querySelectorAll('.model-badge')].map((badge) => badge.getAttribute('title'));
    expect(badges(shown[0])).to.deep.equal(['Reads images', 'Reads PDFs', 'Uses tools', 'Reasons']);
    expect(badges(shown[2])).to.deep.equal([]);
    expect(shown[0].querySelector('.model-badge .visually-hidden')!.textContent).to.equal('Reads images');
    expect(shown[1].getAttribute('aria-selected')).to.equal('true');

    shown[2].click();
    await el.updateComplete;
    expect(el.model).to.equal(FREE_TEXT.id);
    expect(options(el)).to.have.length(0);
    expect(input.value).to.equal(FREE_TEXT.name);
    await el.send('Hi');
    expect(proxy.chatBodies[0]?.model).to.equal(FREE_TEXT.id);
    expect(proxy.catalogRequests).to.equal(1);
  });

  it('works by keyboard as a combobox: arrows, typeahead, Enter, Escape, with the active option named', async () => {
    const proxy = await mockProxy(CATALOG);
    const el = await chatWith(proxy, { model: VISION.id });
    const input = await catalogPicker(el);
    input.focus();
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    press(input, 'ArrowDown');
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const activeId = () => input.getAttribute('aria-activedescendant');
    expect(shadow(el).getElementById(activeId()!)?.textContent).to.contain(VISION.name);
    press(input, 'ArrowDown');
    await el.updateComplete;
    expect(shadow(el).getElementById(activeId()!)?.textContent).to.contain(MINI.name);
    press(input, 'End');
    await el.updateComplete;
    expect(shadow(el).getElementById(activeId()!)?.textContent).to.contain(FREE_TEXT.name);

    input.value = 'llama free';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(options(el).map((option) => option.querySelector('.model-id')!.textContent)).to.deep.equal([FREE_TEXT.id]);
    await expect(el).to.be.accessible();
    expect(press(input, 'Enter').defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(el.model).to.equal(FREE_TEXT.id);
    expect(input.getAttribute('aria-expanded')).to.equal('false');

    press(input, 'ArrowDown');
    input.value = 'nothing like this';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(shadow(el).querySelector('.model-empty')!.textContent).to.equal('No model matches “nothing like this”.');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    press(input, 'Escape');
    await el.updateComplete;
    expect(el.model).to.equal(FREE_TEXT.id);
    expect(input.value).to.equal(FREE_TEXT.name);
    expect(options(el)).to.have.length(0);
  });

  it('lists only the models of `models` the catalog has, in its order, the chosen one always, marked when the catalog lost it', async () => {
    const proxy = await mockProxy([MINI, VISION]);
    const el = await chatWith(proxy, { models: `${FREE_TEXT.id}, ${MINI.id}, ${VISION.id}`, model: FREE_TEXT.id });
    const input = await catalogPicker(el);
    expect(input.value).to.equal(FREE_TEXT.id, 'a model the catalog lacks shows by its id');
    input.click();
    await el.updateComplete;
    expect(options(el).map((option) => option.querySelector('.model-id')!.textContent)).to.deep.equal([FREE_TEXT.id, MINI.id, VISION.id]);
    expect(options(el)[0].querySelector('.model-facts')!.textContent).to.equal('Not offered by this server');
  });

  it('says so when the server offers none of the models (an allowlist that matches nothing)', async () => {
    const proxy = await mockProxy([]);
    const el = await chatWith(proxy);
    const input = await catalogPicker(el);
    input.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.model-empty')!.textContent).to.equal('This server offers no models.');
  });

  it('shows hostile names as text, without controls, clipped', async () => {
    const hostile = { ...MINI, name: `<img src=x onerror="window.__catalogXss=1">\u202eevil${'W'.repeat(10_000)}` };
    const proxy = await mockProxy([hostile, { id: 42 }, null, { ...VISION, name: { toString: 'x' } }]);
    const el = await chatWith(proxy);
    const input = await catalogPicker(el);
    input.click();
    await el.updateComplete;
    const names = options(el).map((option) => option.querySelector('.model-name')!);
    expect(names[1].textContent).to.equal(hostile.name.replace('\u202e', '').slice(0, 119) + '…');
    expect(names[1].querySelector('img')).to.equal(null);
    expect(names[0].textContent).to.equal(VISION.id);
    expect((window as { __catalogXss?: number }).__catalogXss).to.equal(undefined);
  });
});

describe('model catalog: asking for it', () => {
  it('asks once per endpoint for every chat on the page, and the first send does not wait for it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const proxy = await mockProxy(CATALOG, { catalogResponse: async () => (await held, HttpResponse.json({ data: CATALOG })) });
    const first = await chatWith(proxy, { model: MINI.id });
    const second = await chatWith(proxy, { model: VISION.id });
    expect(shadow(first).querySelector('select[part="model-picker"]')).to.not.equal(null);
    await first.send('Before the catalog');
    expect(proxy.chatBodies).to.have.length(1);
    release();
    await catalogPicker(first);
    await catalogPicker(second);
    expect(proxy.catalogRequests).to.equal(1);
  });

  it('works as without a catalog when the proxy has none (404)', async () => {
    const proxy = await mockProxy(undefined, { catalogResponse: () => HttpResponse.json({ error: { code: 404, message: 'Not Found' } }, { status: 404 }) });
    const el = await chatWith(proxy, { model: MINI.id });
    await waitUntil(() => proxy.catalogRequests === 1, 'the catalog was not asked for');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(combobox(el)).to.equal(null);
    const select = shadow(el).querySelector<HTMLSelectElement>('select[part="model-picker"]')!;
    expect([...select.options].map((option) => option.value)).to.deep.equal(CATALOG.map((model) => model.id));
    await el.send('Hi');
    expect(proxy.chatBodies[0]?.model).to.equal(MINI.id);
  });
  it('refuses a catalog answer over 8 MB (valid, but no catalog is that large), and reads one just under it', async () => {
    // Valid JSON with a real list in it, padded: only the size tells the two apart.
    const padded = (length: number) => {
      const body = JSON.stringify({ data: CATALOG, padding: '' });
      return body.replace('"padding":""', `"padding":"${'x'.repeat(length - body.length)}"`);
    };
    const limit = 8 * 1024 * 1024;
    // One mocked proxy at a time: each replaces the handlers before it.
    const catalogSized = async (length: number) => {
      const proxy = await mockProxy(undefined, { catalogResponse: () => new HttpResponse(padded(length), { headers: { 'content-type': 'application/json' } }) });
      return catalogOf(proxy.endpoint);
    };
    expect([...((await catalogSized(limit))?.keys() ?? [])]).to.deep.equal(CATALOG.map((model) => model.id));
    expect(await catalogSized(limit + 1)).to.equal(undefined);
  });
});

describe('model catalog: what the chosen model takes', () => {
  it('offers attachments only of the kinds the chosen model reads, and notes what it cannot read', async () => {
    const proxy = await mockProxy(CATALOG);
    const el = await chatWith(proxy, { model: VISION.id, accept: 'image/*,application/pdf,audio/*' });
    await catalogPicker(el);
    await waitUntil(() => part(el, 'attach-button'), 'no attach button');
    const fileInput = () => shadow(el).querySelector<HTMLInputElement>('input[type="file"]');
    expect(fileInput()!.accept).to.equal('image/*,application/pdf');

    await el.addAttachments([{ type: 'image_url', image_url: { url: PNG } }]);
    el.model = FREE_TEXT.id;
    await el.updateComplete;
    expect(part(el, 'attach-button')).to.equal(null);
    const note = part(el, 'model-note')!;
    expect(note.textContent).to.equal('Meta: Llama 3.1 8B Instruct (free) cannot read images: remove them or choose another model.');
    expect(note.getAttribute('role')).to.equal('status');

    el.model = MINI.id;
    await el.updateComplete;
    expect(part(el, 'model-note')).to.equal(null);
    expect(fileInput()!.accept).to.equal('image/*');
  });

  it('notes what the chosen model cannot read among the sent messages too, following the conversation as it changes', async () => {
    const proxy = await mockProxy(CATALOG);
    const el = await chatWith(proxy, { model: FREE_TEXT.id });
    await catalogPicker(el);
    el.messages = [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: PNG } }] },
      { role: 'assistant', content: 'A dot.' },
    ];
    await el.updateComplete;
    expect(part(el, 'model-note')?.textContent).to.equal('Meta: Llama 3.1 8B Instruct (free) cannot read images: remove them or choose another model.');
    el.messages = [
      { role: 'user', content: 'Just text' },
      { role: 'assistant', content: 'Fine.' },
    ];
    await el.updateComplete;
    expect(part(el, 'model-note')).to.equal(null);
  });

  it('trims the history sent to fit the chosen model’s context length, always keeping the new message', async () => {
    const small = { ...MINI, id: 'test/small-context', name: 'Small', context_length: 400 };
    const proxy = await mockProxy([small]);
    const el = await chatWith(proxy, { models: small.id, model: small.id, 'history-limit': '100' });
    await catalogPicker(el);
    const long = 'x'.repeat(400); // 100 tokens by the estimate (a quarter token per ASCII character)
    el.messages = [
      { role: 'user', content: `first ${long}` },
      { role: 'assistant', content: long },
      { role: 'user', content: `second ${long}` },
      { role: 'assistant', content: long },
    ];
    await el.send('third');
    const sent = proxy.chatBodies[0]!.messages;
    // 400 tokens, a quarter left for the answer: room for 300, so the newest turn and the question.
    expect(sent.map((message) => String(message.content).slice(0, 6))).to.deep.equal(['second', 'xxxxxx', 'third']);

    await el.send('x'.repeat(4000));
    expect(proxy.chatBodies[1]!.messages).to.have.length(1);
  });

  it('shows the conversation’s running cost beside the last answer’s usage (show-usage)', async () => {
    let answer = 0;
    const proxy = await mockProxy(CATALOG, {
      answer: () => {
        answer += 1;
        return [dataEvent({ id: 'g', choices: [{ index: 0, delta: { content: `Answer ${answer}` }, finish_reason: null }] }), finishEvent(), dataEvent({ id: 'g', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, cost: 0.00012 } }), DONE];
      },
    });
    const el = await chatWith(proxy, { model: MINI.id, 'show-usage': '' });
    await catalogPicker(el);
    const done = oneEvent(el, 'openrouter-chat-complete');
    await el.send('One');
    await done;
    await el.send('Two');
    await el.updateComplete;
    const usage = parts(el, 'usage').map((line) => line.textContent);
    expect(usage).to.deep.equal(['10 in · 5 out · $0.00012', '10 in · 5 out · $0.00012 · conversation $0.00024']);
  });
});
