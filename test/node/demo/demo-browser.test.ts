/**
 * The whole chain in a real browser: `<openrouter-chat>` on the demo page, the real proxy
 * at /api/chat, the simulated OpenRouter behind it. Driven from Node (not Web Test Runner)
 * because the subject is the server side, which has to run in this process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../../demo/demo-server.js';
import { launchChromium, type Browser, type Page } from '../helpers/chromium.js';

interface Outcome {
  event: 'complete' | 'error';
  detail: Record<string, any>;
  deltas: number;
}

/**
 * Runs in the page: sends `message` from the element and reports how the run ended. Kept as
 * source text because tsx's compiled functions reference helpers that exist only in Node.
 */
const SEND_FROM_PAGE = `async (message) => {
  const chat = document.querySelector('openrouter-chat');
  let deltas = 0;
  chat.addEventListener('openrouter-chat-delta', () => { deltas += 1; });
  const ended = new Promise((resolve) => {
    for (const name of ['complete', 'error']) {
      chat.addEventListener('openrouter-chat-' + name, (event) => resolve({ event: name, detail: event.detail }), { once: true });
    }
  });
  await chat.send(message).catch(() => {});
  const outcome = await ended;
  return { ...outcome, deltas };
}`;

function sendFromPage(page: Page, text: string): Promise<Outcome> {
  return page.evaluate(`(${SEND_FROM_PAGE})(${JSON.stringify(text)})`) as Promise<Outcome>;
}

describe('the element through the real proxy and the simulated OpenRouter', { timeout: 60_000 }, () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const proxyRequests: Array<Record<string, string>> = [];

  before(async () => {
    demo = await startDemoServer({ port: 0, env: {}, simulator: { chunkDelayMs: 0, firstTokenDelayMs: 0 } });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/chat') proxyRequests.push(request.headers());
    });
    await page.goto(demo.url, { waitUntil: 'load' });
    await page.waitForFunction("customElements.get('openrouter-chat') !== undefined");
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('streams a complete answer with usage, and the browser sends no key', async () => {
    const outcome = await sendFromPage(page, 'Hello from Chromium');
    assert.equal(outcome.event, 'complete');
    assert.equal(outcome.detail['finishReason'], 'stop');
    assert.match(outcome.detail['message'].content, /Hello from Chromium/);
    assert.ok(outcome.deltas > 10, 'the answer arrived in many deltas');
    assert.ok(outcome.detail['usage'].cost > 0);
    assert.ok(proxyRequests.length > 0);
    assert.ok(proxyRequests.every((headers) => headers['authorization'] === undefined));
  });

  it("shows the simulator's catalog in the picker: names and prices, chosen by keyboard, attachments following the model", async () => {
    const picker = 'openrouter-chat >>> input[role="combobox"]';
    const texts = (selector: string) => page.$$eval(`openrouter-chat >>> ${selector}`, (found) => found.map((node) => node.textContent));
    const attachButtons = () => page.$$('openrouter-chat >>> [part~="attach-button"]').then((found) => found.length);
    await page.waitForSelector(picker);
    await page.click(picker);
    assert.deepEqual(await texts('[role="option"] .model-name'), ['Anthropic: Claude 3.7 Sonnet (thinking)', 'OpenAI: GPT-4o-mini', 'Meta: Llama 3.1 8B Instruct (free)']);
    assert.deepEqual(await texts('[role="option"] .model-facts'), ['$3 in, $15 out per M tokens · 200K context', '$0.15 in, $0.6 out per M tokens · 128K context', 'Free · 131K context']);
    assert.equal(await attachButtons(), 1);
    await page.keyboard.type('llama');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate("document.querySelector('openrouter-chat').model"), 'meta-llama/llama-3.1-8b-instruct:free');
    assert.equal(await page.$eval(picker, (input) => (input as HTMLInputElement).value), 'Meta: Llama 3.1 8B Instruct (free)');
    assert.equal(await attachButtons(), 0, 'a text-only model takes no attachments');
    await page.evaluate("document.querySelector('openrouter-chat').model = undefined");
  });

  it('reports an HTTP error from upstream with its status', async () => {
    const outcome = await sendFromPage(page, '/error 429');
    assert.equal(outcome.event, 'error');
    assert.equal(outcome.detail['status'], 429);
  });

  it('reports a mid-stream error with its code and the partial answer', async () => {
    const outcome = await sendFromPage(page, '/midstream-error');
    assert.equal(outcome.event, 'error');
    assert.equal(outcome.detail['code'], 'server_error');
    assert.ok(outcome.detail['partial'].length > 0);
  });

  it("shows the server tool's call and result, and keeps them in messages", async () => {
    const outcome = await sendFromPage(page, 'What time is it on the server?');
    assert.equal(outcome.event, 'complete');
    assert.match(outcome.detail['message'].content, /get_server_time.*returned/);
    const seen = (await page.evaluate(`(() => {
      const chat = document.querySelector('openrouter-chat');
      const block = chat.shadowRoot.querySelector('[part~="tool-call"]:last-of-type');
      return { roles: chat.messages.map((message) => message.role), status: block?.dataset.status, text: block?.textContent ?? '' };
    })()`)) as { roles: string[]; status: string; text: string };
    assert.deepEqual(seen.roles.slice(-3), ['assistant', 'tool', 'assistant']);
    assert.equal(seen.status, 'done');
    assert.match(seen.text, /on the server/);
  });

  it('runs page tools through the real proxy: a call, its approval, parallel calls, and a restored conversation that continues', async () => {
    const outcome = (await page.evaluate(`(async () => {
      const until = async (predicate) => { for (let waited = 0; !predicate(); waited += 20) { if (waited > 10000) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); } };
      const chat = document.querySelector('openrouter-chat');
      chat.clear();
      const runs = [];
      chat.tools = [
        { name: 'lookup_order', needsApproval: true, parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, execute: (args) => (runs.push(['lookup_order', args]), { status: 'shipped' }) },
        { name: 'get_time', parameters: { type: 'object', properties: {} }, execute: () => (runs.push(['get_time']), '12:00') },
      ];
      const approved = chat.send('Where is my order?');
      await until(() => chat.shadowRoot.querySelector('[part~="tool-approve"]'));
      chat.shadowRoot.querySelector('[part~="tool-approve"]').click();
      await approved;
      const afterApproval = chat.messages.at(-1).content;
      const parallel = chat.send('Both /parallel-tools');
      await until(() => chat.shadowRoot.querySelector('[part~="tool-approve"]'));
      chat.shadowRoot.querySelector('[part~="tool-deny"]').click();
      await parallel;
      const afterParallel = chat.messages.at(-1).content;
      const saved = JSON.parse(JSON.stringify(chat.messages));
      chat.messages = [];
      chat.messages = saved;
      chat.tools = [];
      await chat.send('And now?');
      const roles = chat.messages.map((message) => message.role);
      return { runs, afterApproval, afterParallel, roles, last: chat.messages.at(-1).content };
    })()`)) as { runs: unknown[]; afterApproval: string; afterParallel: string; roles: string[]; last: string };
    assert.deepEqual(outcome.runs, [['lookup_order', { id: 'example "quoted" é' }], ['get_time']]);
    assert.match(outcome.afterApproval, /lookup_order.*returned.*shipped/);
    assert.match(outcome.afterParallel, /lookup_order.*returned.*denied/);
    assert.match(outcome.afterParallel, /get_time.*returned.*12:00/);
    assert.ok(outcome.roles.filter((role) => role === 'tool').length >= 3);
    assert.match(outcome.last, /And now/);
  });

  it('Stop during a page tool aborts it, and the proxy sends nothing more upstream', async () => {
    const before = proxyRequests.length;
    const seen = (await page.evaluate(`(async () => {
      const until = async (predicate) => { for (let waited = 0; !predicate(); waited += 20) { if (waited > 10000) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); } };
      const chat = document.querySelector('openrouter-chat');
      let signal;
      chat.tools = [{ name: 'wait_forever', parameters: { type: 'object', properties: {} }, execute: (_, context) => ((signal = context.signal), new Promise(() => {})) }];
      const sent = chat.send('Wait');
      await until(() => signal);
      chat.stop();
      await sent;
      await new Promise((r) => setTimeout(r, 200));
      chat.tools = [];
      return { aborted: signal.aborted, status: chat.status };
    })()`)) as { aborted: boolean; status: string };
    assert.deepEqual(seen, { aborted: true, status: 'idle' });
    assert.equal(proxyRequests.length - before, 1);
  });
});
