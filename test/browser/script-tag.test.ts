/**
 * The built bundles, exactly as a page without a build step uses them: `<script>` tags in
 * plain HTML pages (`pages/`), each in its own iframe, so nothing from the test page's own
 * imports is in play. Needs `npm run build` (`npm test` runs it first).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { SHOW_TIMEOUT_MS, typeAndSend, waitForMessage } from './helpers/drive-chat.js';
import { answerEvents, serveChat, sseResponse } from './helpers/sse-mock.js';

const IIFE = '/dist/openrouter-chat.iife.js';
const BUNDLE = '/dist/openrouter-chat.bundle.js';

/** Loads a page in a fresh iframe and waits until its `<openrouter-chat>` has rendered. */
async function openPage(path: string): Promise<{ frame: HTMLIFrameElement; chat: Element }> {
  const frame = document.createElement('iframe');
  frame.src = path;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const chat = doc.querySelector('openrouter-chat')!;
  await waitUntil(() => chat.shadowRoot?.querySelector('[part~="input"]'), `${path}: the element never rendered (is dist/ built?)`, {
    timeout: SHOW_TIMEOUT_MS,
  });
  return { frame, chat };
}

async function assertBuilt(file: string): Promise<void> {
  const response = await fetch(file, { method: 'HEAD' });
  expect(response.ok, `${file} is missing: run \`npm run build\` first (\`npm test\` does)`).to.equal(true);
}

describe('script tags', () => {
  before(async () => {
    await assertBuilt(IIFE);
    await assertBuilt(BUNDLE);
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  for (const [kind, page] of [
    ['a classic <script src> of the IIFE', '/test/browser/pages/script-tag.html'],
    ['a <script type="module"> of the single-file bundle', '/test/browser/pages/module-script.html'],
  ]) {
    it(`chats from ${kind}`, async () => {
      const endpoint = await serveChat(() => sseResponse(answerEvents(['Hello from ', 'a plain page.'])));
      const { chat } = await openPage(page);
      typeAndSend(chat, 'Hi');
      await waitForMessage(chat, 'Hello from a plain page.');
      expect(endpoint.requests).to.have.length(1);
      expect(endpoint.requests[0]!.body).to.deep.include({ messages: [{ role: 'user', content: 'Hi' }], stream: true });
    });
  }

  it('keeps the first definition when a second copy loads on the same page', async () => {
    const script = document.createElement('script');
    script.src = IIFE;
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', reject, { once: true });
    });
    document.head.append(script);
    await loaded;
    const first = customElements.get('openrouter-chat');
    expect(first).to.be.a('function');
    // A module that throws while evaluating rejects its import: this proves the bundle ran cleanly.
    const bundle: { OpenRouterChat: CustomElementConstructor } = await import(/* @vite-ignore */ BUNDLE);
    expect(bundle.OpenRouterChat).to.not.equal(first);
    expect(customElements.get('openrouter-chat')).to.equal(first);
  });
});
