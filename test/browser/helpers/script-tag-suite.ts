/**
 * The built bundles as a page without a build step uses them: a `<script>` tag and the
 * element in the HTML. One test file per bundle, so each page starts with no definition
 * (the test files import nothing from src/). Needs `npm run build` (`npm test` runs it first).
 *
 * The element sits in the test page itself, not in an iframe: msw's service worker is
 * shared by every test page of the origin, and routes an iframe's requests to whichever
 * page it finds first, which under parallel test files is not always this one.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { SHOW_TIMEOUT_MS, typeAndSend, waitForMessage } from './drive-chat.js';
import { http, HttpResponse } from 'msw';
import { CHAT_ENDPOINT, answerEvents, recordingEndpoint, serveChat, sseResponse, startMockWorker } from './sse-mock.js';

export const IIFE = '/dist/openrouter-chat.iife.js';
export const BUNDLE = '/dist/openrouter-chat.bundle.js';

/**
 * Adds `<script src>` (a module script when `module`), resolves when it has run, and rejects
 * when it failed to load or threw while running (either reaches `window` as an error event).
 */
export async function addScript(src: string, { module = false } = {}): Promise<void> {
  const built = await fetch(src, { method: 'HEAD' });
  expect(built.ok, `${src} is missing: run \`npm run build\` first (\`npm test\` does)`).to.equal(true);
  const script = document.createElement('script');
  if (module) script.type = 'module';
  script.src = src;
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  window.addEventListener('error', onError);
  try {
    await new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', () => reject(new Error(`${src} did not load`)), { once: true });
      document.head.append(script);
    });
  } finally {
    window.removeEventListener('error', onError);
  }
  expect(errors, `${src} ran without throwing`).to.deep.equal([]);
}

/** The suite for one bundle: `load` adds it to the page, `loadOther` adds the other one after it. */
export function describeScriptTag(kind: string, load: () => Promise<void>, loadOther: () => Promise<void>): void {
  describe(`<openrouter-chat> from ${kind}`, () => {
    let chat: HTMLElement;

    before(async () => {
      document.body.insertAdjacentHTML('beforeend', `<openrouter-chat endpoint="${CHAT_ENDPOINT}"></openrouter-chat>`);
      chat = document.querySelector('openrouter-chat')!;
      await load();
      await waitUntil(() => chat.shadowRoot?.querySelector('[part~="input"]'), 'the element rendered', { timeout: SHOW_TIMEOUT_MS });
    });

    it('chats against a streamed answer, rendered by the markdown room loaded from beside the script', async () => {
      const endpoint = await serveChat(() => sseResponse(answerEvents(['Hello from ', 'a **plain** page.'])));
      typeAndSend(chat, 'Hi');
      await waitForMessage(chat, 'Hello from a plain page.');
      await waitUntil(() => chat.shadowRoot!.querySelector('.message.assistant .markdown strong'), 'the answer as markdown', { timeout: SHOW_TIMEOUT_MS });
      expect(endpoint.requests).to.have.length(1);
      expect(endpoint.requests[0]!.body).to.deep.include({ messages: [{ role: 'user', content: 'Hi' }], stream: true });
    });

    it('loads the attachments room from beside the script, and prepares an image in a worker', async () => {
      const started: string[] = [];
      const failed: string[] = [];
      const PageWorker = window.Worker;
      window.Worker = class extends PageWorker {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          started.push(String(args[0]));
          this.addEventListener('error', () => failed.push(String(args[0])));
        }
      };
      chat.setAttribute('accept', 'image/*');
      const root = chat.shadowRoot!;
      await waitUntil(() => root.querySelector('[part~="attach-button"]'), 'the attach button', { timeout: SHOW_TIMEOUT_MS });
      const canvas = Object.assign(document.createElement('canvas'), { width: 3000, height: 1000 });
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
      const photo = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/jpeg'));
      const transfer = new DataTransfer();
      transfer.items.add(new File([photo], 'wide.jpg', { type: 'image/jpeg' }));
      const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => root.querySelector('[part~="attachment"][aria-busy="false"] img'), 'the prepared image', { timeout: SHOW_TIMEOUT_MS });
      expect(started.filter((url) => url.startsWith('blob:'))).to.have.length(1);
      expect(failed, 'the worker built from the shipped file failed').to.deep.equal([]);
      window.Worker = PageWorker;
    });

    it('highlights code with the room and only the grammars its blocks name, from beside the script; a grammar that fails to load leaves its block plain', async () => {
      const answer = 'Two blocks:\n\n```python\ndef greet(name):\n    return f"hi {name}"  # hi\n```\n\n```go\nfunc main() {} // go\n```\n';
      const endpoint = recordingEndpoint(() => sseResponse(answerEvents(answer.match(/[^]{1,6}/g)!)));
      (await startMockWorker()).use(endpoint.handler, http.get('*/openrouter-chat-grammar-go.js', () => HttpResponse.error()));
      const errors: string[] = [];
      const record = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in event ? event.reason : event.message));
      window.addEventListener('error', record);
      window.addEventListener('unhandledrejection', record);
      // An observer, not the page's timeline: the test page's own modules may fill that buffer.
      const fetched: string[] = [];
      const observer = new PerformanceObserver((list) => fetched.push(...list.getEntries().map((entry) => entry.name)));
      observer.observe({ type: 'resource' });
      try {
        typeAndSend(chat, 'Code please');
        const root = chat.shadowRoot!;
        await waitUntil(() => root.querySelector('pre code .hl-comment'), 'the python block highlighted', { timeout: SHOW_TIMEOUT_MS });
        await waitUntil(() => root.querySelectorAll('pre code').length === 2, 'both blocks', { timeout: SHOW_TIMEOUT_MS });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const [python, go] = root.querySelectorAll('pre code');
        expect(python!.querySelector('.hl-keyword')?.textContent).to.equal('def');
        expect(go!.children.length, 'the go block stays plain').to.equal(0);
        expect(go!.textContent).to.equal('func main() {} // go');
        const grammars = fetched.map((url) => /\/openrouter-chat-grammar-([\w-]+)\.js/.exec(url)?.[1]).filter((name) => name !== undefined);
        expect(fetched.some((url) => url.endsWith('/openrouter-chat-highlight.js')), 'the room, from beside the script').to.equal(true);
        // The go file's failed fetch may or may not leave an entry; no other grammar was fetched.
        expect(grammars.filter((name) => name !== 'go')).to.deep.equal(['python']);
        expect(errors).to.deep.equal([]);
      } finally {
        observer.disconnect();
        window.removeEventListener('error', record);
        window.removeEventListener('unhandledrejection', record);
      }
    });

    it('keeps the first definition when the other bundle loads on the same page', async () => {
      const first = customElements.get('openrouter-chat');
      expect(first).to.be.a('function');
      await loadOther();
      expect(customElements.get('openrouter-chat')).to.equal(first);
    });
  });
}
