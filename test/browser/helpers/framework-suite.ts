/**
 * The checks every framework app (`test/frameworks/*.app.*`) passes, one test file per
 * framework so each runs in its own page with one copy of Lit, as in a real app. The test
 * runner bundles the app the way the app's own bundler would. Checked: its props reach the
 * element as properties, its own handlers see each delta and the completion once, one send
 * makes exactly one request, and a tool call runs once (React's `<StrictMode>` mounts twice).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ChatMessage, OpenRouterChat } from '../../../src/index.js';
import type { MountChatApp } from '../../frameworks/contract.js';
import { SHOW_TIMEOUT_MS, typeAndSend, waitForMessage } from './drive-chat.js';
import { CHAT_ENDPOINT, answerEvents, serveChat, sseResponse, toolCallEvents } from './sse-mock.js';

const HISTORY: ChatMessage[] = [
  { role: 'user', content: 'Earlier question' },
  { role: 'assistant', content: 'Earlier answer' },
];
const MODELS = ['vendor/model-a', 'vendor/model-b'];
const PIECES = ['Hello ', 'from ', 'the framework.'];

function output(container: HTMLElement, name: string): string {
  return container.querySelector(`[data-test="${name}"]`)?.textContent ?? '';
}

/** Defines the suite for the app served at `url` (a `test/frameworks/*.app.*` path). */
export function describeFrameworkApp(framework: string, url: string): void {
  describe(`<openrouter-chat> in ${framework}`, () => {
    let container: HTMLElement;
    let unmount: () => void = () => {};

    beforeEach(async () => {
      container = document.createElement('div');
      document.body.append(container);
      const { mount } = (await import(/* @vite-ignore */ url)) as { mount: MountChatApp };
      unmount = await mount(container, { endpoint: CHAT_ENDPOINT, history: HISTORY, models: MODELS, temperature: 0.25 });
    });

    afterEach(() => {
      unmount();
      container.remove();
    });

    function chat(): OpenRouterChat {
      const element = container.querySelector('openrouter-chat');
      if (!element) throw new Error(`${framework} rendered no <openrouter-chat>`);
      return element as OpenRouterChat;
    }

    it('passes messages, models and temperature as properties, not strings', async () => {
      await waitForMessage(chat(), 'Earlier answer');
      expect(chat().messages).to.deep.equal(HISTORY);
      expect(chat().models).to.deep.equal(MODELS);
      expect(chat().temperature).to.equal(0.25);
      // A framework that stringifies leaves attributes behind: "[object Object]", "a,b", "0.25".
      expect(chat().getAttributeNames().filter((name) => ['messages', 'models', 'temperature'].includes(name))).to.deep.equal([]);
    });

    it('sends one request and hands every delta and the completion to its handlers once', async () => {
      const endpoint = await serveChat(() => sseResponse(answerEvents(PIECES)));
      await waitUntil(() => chat().shadowRoot?.querySelector('[part~="input"]'), 'the element rendered', { timeout: SHOW_TIMEOUT_MS });
      typeAndSend(chat(), 'Hi');
      await waitUntil(() => output(container, 'complete') === PIECES.join(''), `complete: "${output(container, 'complete')}"`, {
        timeout: SHOW_TIMEOUT_MS,
      });
      expect(output(container, 'answer')).to.equal(PIECES.join(''));
      expect(output(container, 'deltas')).to.equal(String(PIECES.length));
      expect(endpoint.requests).to.have.length(1);
      expect(endpoint.requests[0]!.body).to.deep.include({
        messages: [...HISTORY, { role: 'user', content: 'Hi' }],
        temperature: 0.25,
      });
    });

    it('runs a page tool once per call, and continues the answer once', async () => {
      const endpoint = await serveChat((n) =>
        sseResponse(n === 1 ? toolCallEvents([{ id: 'once', name: 'count', arguments: '{}' }]) : answerEvents(PIECES)),
      );
      let runs = 0;
      await waitUntil(() => chat().shadowRoot?.querySelector('[part~="input"]'), 'the element rendered', { timeout: SHOW_TIMEOUT_MS });
      chat().tools = [{ name: 'count', parameters: { type: 'object', properties: {} }, execute: () => ++runs }];
      typeAndSend(chat(), 'Count');
      await waitUntil(() => output(container, 'complete') === PIECES.join(''), `complete: "${output(container, 'complete')}"`, {
        timeout: SHOW_TIMEOUT_MS,
      });
      expect(runs).to.equal(1);
      expect(endpoint.requests).to.have.length(2);
    });
  });
}
