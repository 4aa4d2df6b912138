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
});
