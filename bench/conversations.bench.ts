/**
 * Switching conversations: the time from a click on a conversation in the list to its 200
 * messages rendered and painted, between two saved conversations of 200 messages each (100
 * questions and markdown answers), back and forth, from the page's own store in memory (so
 * the figure is the element's, not IndexedDB's). Also the first paint of the list with
 * 1,000 saved conversations (of which it shows 50, the rest behind Show more).
 *
 *   node --import tsx bench/conversations.bench.ts   (prints the figures as JSON)
 *
 * Measures the built files (`npm run build`): dist/openrouter-chat.bundle.js and the
 * conversations room beside it. Wall-clock times from the page (`performance.now()`), so the
 * machine's load shows in them: the load is printed beside the figures.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { puppeteerCore } from '@web/test-runner-chrome';
import { findChromium } from './render/browser.js';
import { median } from './sse/measure.js';

const ROOT = new URL('../', import.meta.url);

export interface ConversationBenchFigures {
  messagesPerConversation: number;
  switches: number;
  /** Click to the other conversation rendered and painted, median and slowest. */
  switchMedianMs: number;
  switchMaxMs: number;
  /** The list's first paint with this many saved conversations. */
  listed: number;
  listFirstPaintMs: number;
  load: number[];
}

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>conversations benchmark</title>
<script type="module" src="/openrouter-chat.bundle.js"></script></head>
<body style="margin:0"><openrouter-chat endpoint="/api/chat" style="block-size:100vh"></openrouter-chat></body></html>`;

/** Runs in the page: fills a store, shows the list, then switches `switches` times. */
const SWITCH_IN_PAGE = `async ({ messages, switches, listed }) => {
  const answer = (n) => '## Answer ' + n + '\\n\\nSome **bold** text, a list:\\n\\n- one\\n- two\\n\\n\\x60\\x60\\x60js\\nconsole.log(' + n + ');\\n\\x60\\x60\\x60\\n';
  const conversation = (id, updatedAt) => ({
    id, title: 'Conversation ' + id, updatedAt,
    messages: Array.from({ length: messages }, (_, i) => (i % 2 ? { role: 'assistant', content: answer(i) } : { role: 'user', content: 'Question ' + i + ' of ' + id })),
  });
  const records = new Map([['a', conversation('a', 2)], ['b', conversation('b', 1)]]);
  for (let i = 0; i < listed - 2; i++) records.set('x' + i, { id: 'x' + i, title: 'Older ' + i, updatedAt: 0, messages: [{ role: 'user', content: 'x' }] });
  const store = {
    list: async () => [...records.values()].map(({ id, title, updatedAt }) => ({ id, title, updatedAt })),
    load: async (id) => structuredClone(records.get(id)),
    save: async (value) => void records.set(value.id, value),
    remove: async (id) => void records.delete(id),
  };
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const until = async (test) => { while (!test()) await new Promise((resolve) => setTimeout(resolve, 1)); };
  await until(() => customElements.get('openrouter-chat'));
  const chat = document.querySelector('openrouter-chat');
  const root = chat.shadowRoot;
  const listStart = performance.now();
  chat.store = store;
  chat.conversations = true;
  // The list shows its first 50 conversations, the rest behind Show more.
  await until(() => root.querySelectorAll('.conversation-switch').length === Math.min(listed, 50));
  await chat.updateComplete;
  await painted();
  const listFirstPaintMs = performance.now() - listStart;
  await until(() => chat.messages.length === messages);
  const times = [];
  for (let i = 0; i < switches; i++) {
    const target = chat.conversationId === 'a' ? 'b' : 'a';
    const button = root.querySelector('.conversation-switch[data-id="' + target + '"]');
    const start = performance.now();
    button.click();
    await until(() => chat.conversationId === target);
    await chat.updateComplete;
    await painted();
    times.push(performance.now() - start);
    if (root.querySelectorAll('[part~="message"]').length !== messages) throw new Error('not all messages are shown');
  }
  return { times, listFirstPaintMs };
}`;

async function servePage(): Promise<{ url: string; server: Server }> {
  const files: Record<string, { type: string; body: string | Buffer }> = { '/': { type: 'text/html', body: PAGE_HTML } };
  for (const name of ['openrouter-chat.bundle.js', 'openrouter-chat-conversations.js', 'openrouter-chat-markdown.js']) {
    const file = new URL(`dist/${name}`, ROOT);
    if (!existsSync(file)) throw new Error(`dist/${name} is missing: run \`npm run build\` first.`);
    files[`/${name}`] = { type: 'text/javascript', body: await readFile(file) };
  }
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export async function runConversationBench({ messages = 200, switches = 20, listed = 1000 } = {}): Promise<ConversationBenchFigures> {
  const { url, server } = await servePage();
  const browser = await puppeteerCore.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const { times, listFirstPaintMs } = (await page.evaluate(`(${SWITCH_IN_PAGE})(${JSON.stringify({ messages, switches, listed })})`)) as {
      times: number[];
      listFirstPaintMs: number;
    };
    return { messagesPerConversation: messages, switches, switchMedianMs: median(times), switchMaxMs: Math.max(...times), listed, listFirstPaintMs, load: loadavg() };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runConversationBench(), null, 2));
}
