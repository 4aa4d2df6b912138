/**
 * The fault matrix end to end: `<openrouter-chat>` in Chromium, the real proxy, and an
 * upstream that misbehaves in a different way per request (the same faults as the proxy's
 * own matrix). For each fault the reader sees a sentence fitting it in the alert region, the
 * page gets one `openrouter-chat-error` with the status and code that apply, the partial
 * answer stays on screen and in `messages`, and the next `send()` completes through the same
 * proxy. One browser and one page for the whole matrix.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../src/server/node.js';
import { defaultChatStrings as strings } from '../../../src/strings.js';
import { launchChromium, type Browser, type Page } from '../helpers/chromium.js';
import { ERROR_STATUSES, faultyUpstream, RETRY_AFTER_SECONDS, upstreamFaults } from '../helpers/faulty-upstream.js';
import { recordingLogger } from '../helpers/logger.js';
import { nodeProxy, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';
import { CHAT_PATH, elementFromSource, serveSite } from '../helpers/widget-page.js';

// Short to keep the matrix quick; far enough apart that a loaded machine cannot swap which
// timeout fires first.
const PROXY_IDLE_TIMEOUT_MS = 600;
const PROXY_UPSTREAM_TIMEOUT_MS = 1500;
const ELEMENT_IDLE_TIMEOUT_MS = 300;
const KEEP_ALIVE_EVERY_MS = 100;

/** What the page saw of one run, read right after it ended. */
interface Run {
  event: 'complete' | 'error' | 'abort';
  detail: Record<string, any>;
  errorEvents: number;
  /** How `send()` settled. */
  settled: 'resolved' | 'rejected';
  status: string;
  alert: string;
  /** The text of the last answer bubble. */
  shown: string;
  messages: Array<{ role: string; content: string }>;
  ms: number;
}

/**
 * Runs in the page: sends `text` and reports how the run ended and what the element shows.
 * Source text, because tsx's compiled functions reference helpers that exist only in Node.
 */
const RUN_IN_PAGE = `async (text) => {
  const chat = document.querySelector('openrouter-chat');
  let errorEvents = 0;
  const countError = () => { errorEvents += 1; };
  chat.addEventListener('openrouter-chat-error', countError);
  const startedAt = performance.now();
  const ended = new Promise((resolve) => {
    for (const name of ['complete', 'error', 'abort']) {
      chat.addEventListener('openrouter-chat-' + name, (event) => resolve({ event: name, detail: event.detail }), { once: true });
    }
  });
  const settled = await chat.send(text).then(() => 'resolved', () => 'rejected');
  const outcome = await ended;
  const ms = performance.now() - startedAt;
  await chat.updateComplete;
  chat.removeEventListener('openrouter-chat-error', countError);
  const root = chat.shadowRoot;
  const answers = root.querySelectorAll('[part~="message-assistant"] .content');
  return {
    ...outcome,
    errorEvents,
    settled,
    status: chat.status,
    alert: root.querySelector('[role="alert"]').textContent.trim(),
    shown: answers.length ? answers[answers.length - 1].textContent.trim() : '',
    messages: chat.messages,
    ms,
  };
}`;

/** What one fault must look like to the page. */
interface Expected {
  alert: string | RegExp;
  status?: number;
  code?: number | string;
  /** The partial answer kept, or '' when the fault came before any text. */
  partial: string;
}

/** Each fault, by the message that asks the upstream for it. */
const expectations: Record<string, Expected> = {
  ...Object.fromEntries(
    ERROR_STATUSES.map((status): [string, Expected] => [`status ${status}`, { status, code: status, partial: '', alert: httpAlert(status) }]),
  ),
  // The proxy turns the gateway's page into its own JSON 502; no HTML reaches the reader.
  'html 502': { status: 502, code: 502, partial: '', alert: strings.errorProvider },
  'mid-stream error': { code: 'server_error', partial: 'Partial', alert: strings.errorProvider },
  'no finish, no done': { partial: 'Partial and then nothing', alert: strings.errorCutOff },
  // The proxy ends a reset stream with its own error event, code 502.
  'connection reset': { code: 502, partial: 'Partial', alert: strings.errorProvider },
  'non-JSON data': { partial: 'Partial', alert: /not valid JSON/ },
  'first chunk, then silence': { code: 504, partial: 'Partial', alert: strings.errorProvider },
  'no headers': { status: 504, code: 504, partial: '', alert: strings.errorProvider },
  'event over the parser limit': { partial: 'Partial', alert: /too large to read/ },
};

function httpAlert(status: number): string | RegExp {
  if (status === 401) return strings.errorBadKey;
  if (status === 402) return strings.errorNoCredits;
  if (status === 429) return strings.errorRateLimited(RETRY_AFTER_SECONDS);
  if (status >= 500) return strings.errorProvider;
  // The page author's cases keep the detailed text, with what upstream said.
  return new RegExp(`answered ${status}\\b.*Upstream says ${status}`);
}

const { faults, events: upstreamEvents } = upstreamFaults(KEEP_ALIVE_EVERY_MS);
const logger = recordingLogger();
let upstream: TestUpstream;
let site: RunningServer;
let browser: Browser;
let page: Page;
/** Headers of every response the page got from the endpoint, searched for the key at the end. */
const endpointResponses: string[] = [];
let faultsSurvived = 0;

function runInPage(text: string): Promise<Run> {
  return page.evaluate(`(${RUN_IN_PAGE})(${JSON.stringify(text)})`) as Promise<Run>;
}

/** Sets the element's own idle timeout through its attribute; `null` removes it (the default). */
async function setElementIdleTimeout(ms: number | null): Promise<void> {
  const chat = "document.querySelector('openrouter-chat')";
  await page.evaluate(ms === null ? `${chat}.removeAttribute('idle-timeout-ms')` : `${chat}.setAttribute('idle-timeout-ms', '${ms}')`);
}

/** The next question after a fault completes normally, with the fault's partial kept before it. */
async function assertNextSendWorks(partial: string): Promise<void> {
  const next = await runInPage('a normal question after the fault');
  assert.equal(next.event, 'complete', `the next send: ${JSON.stringify(next.detail)}`);
  assert.equal(next.settled, 'resolved');
  assert.equal(next.detail['message'].content, 'Hello world');
  assert.equal(next.shown, 'Hello world');
  assert.equal(next.alert, '', 'the alert clears');
  assert.equal(next.status, 'idle');
  const contents = next.messages.map((message) => message.content);
  if (partial) assert.deepEqual(contents.slice(-3), [partial, 'a normal question after the fault', 'Hello world']);
}

before(async () => {
  upstream = await startUpstream(faultyUpstream(faults));
  const proxy = nodeProxy({
    apiKey: TEST_API_KEY,
    baseUrl: upstream.url,
    rateLimit: false,
    idleTimeoutMs: PROXY_IDLE_TIMEOUT_MS,
    upstreamTimeoutMs: PROXY_UPSTREAM_TIMEOUT_MS,
    logger,
  });
  site = await serveSite(
    {
      '/': { type: 'text/html', body: `<!doctype html><script type="module" src="/element.js"></script><openrouter-chat endpoint="${CHAT_PATH}" model="openai/gpt-4o-mini"></openrouter-chat>` },
      '/element.js': await elementFromSource(),
    },
    proxy,
  );
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === CHAT_PATH) endpointResponses.push(JSON.stringify(response.headers()));
  });
  await page.goto(`${site.url}/`, { waitUntil: 'load' });
  await page.waitForFunction("customElements.get('openrouter-chat') !== undefined");
});
after(async () => {
  console.log(`faults survived end to end: ${faultsSurvived} of ${Object.keys(expectations).length + 2}; proxy log lines: ${logger.lines.length}`);
  await browser?.close();
  await site?.close();
  await upstream?.close();
});

describe('fault matrix end to end: element, real proxy, faulty upstream', { timeout: 90_000 }, () => {
  for (const [fault, expected] of Object.entries(expectations)) {
    it(`${fault}: says so, reports status ${expected.status ?? '-'} and code ${expected.code ?? '-'}, keeps ${expected.partial ? 'the partial answer' : 'the question'}, and the next send works`, async () => {
      await page.evaluate("document.querySelector('openrouter-chat').clear()");
      const run = await runInPage(fault);
      assert.equal(run.event, 'error', JSON.stringify(run.detail));
      assert.equal(run.errorEvents, 1);
      assert.equal(run.settled, 'rejected');
      assert.equal(run.status, 'error');
      if (typeof expected.alert === 'string') assert.equal(run.alert, expected.alert);
      else assert.match(run.alert, expected.alert);
      assert.doesNotMatch(run.alert, /<|cloudflare/, 'no markup from a gateway page');
      assert.equal(run.detail['status'], expected.status);
      assert.equal(run.detail['code'], expected.code);
      assert.equal(run.detail['partial'], expected.partial);
      const last = run.messages.at(-1)!;
      if (expected.partial) {
        assert.deepEqual(last, { role: 'assistant', content: expected.partial });
        assert.equal(run.shown, expected.partial);
      } else {
        assert.deepEqual(last, { role: 'user', content: fault });
      }
      await assertNextSendWorks(expected.partial);
      faultsSurvived += 1;
    });
  }

  it(`silence before the headers, past the element's own idle timeout (${ELEMENT_IDLE_TIMEOUT_MS} ms, proxy's ${PROXY_UPSTREAM_TIMEOUT_MS} ms): the element gives up first`, async () => {
    await page.evaluate("document.querySelector('openrouter-chat').clear()");
    await setElementIdleTimeout(ELEMENT_IDLE_TIMEOUT_MS);
    const run = await runInPage('no headers');
    assert.equal(run.event, 'error');
    assert.equal(run.alert, strings.errorTimeout);
    assert.equal(run.detail['status'], undefined);
    assert.ok(run.ms < PROXY_UPSTREAM_TIMEOUT_MS, `gave up after ${run.ms.toFixed(0)} ms`);
    await setElementIdleTimeout(null);
    await assertNextSendWorks('');
    faultsSurvived += 1;
  });

  it('only keep-alive comments, for many times both idle timeouts: still streaming, no error; Stop ends it upstream too', async () => {
    await page.evaluate("document.querySelector('openrouter-chat').clear()");
    const upstreamClosed = once(upstreamEvents, 'keep-alive closed');
    const waitMs = 6 * Math.max(PROXY_IDLE_TIMEOUT_MS, ELEMENT_IDLE_TIMEOUT_MS);
    await setElementIdleTimeout(ELEMENT_IDLE_TIMEOUT_MS);
    const run = runInPage('keep-alive only');
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    assert.equal(await page.evaluate("document.querySelector('openrouter-chat').status"), 'streaming');
    await page.evaluate("document.querySelector('openrouter-chat').stop()");
    const stopped = await run;
    assert.equal(stopped.event, 'abort');
    assert.equal(stopped.errorEvents, 0);
    assert.equal(stopped.settled, 'resolved');
    assert.ok(stopped.ms >= waitMs);
    await upstreamClosed;
    await setElementIdleTimeout(null);
    await assertNextSendWorks('');
    faultsSurvived += 1;
  });

  it('gives the key to no log line and no response the page got', () => {
    assert.ok(logger.lines.length >= Object.keys(expectations).length, 'the proxy logged the faults');
    for (const text of [...logger.lines, ...endpointResponses]) assert.ok(!text.includes(TEST_API_KEY), text.slice(0, 300));
    assert.ok(endpointResponses.length > 2 * Object.keys(expectations).length);
  });
});
