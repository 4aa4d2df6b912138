/**
 * Takes the README's screenshots: the demo page (`npm start`'s, on the simulated OpenRouter)
 * in Chromium, after one question and its streamed answer, once in the light and once in the
 * dark colour scheme.
 *
 *   node --import tsx scripts/screenshot.ts
 *
 * Writes docs/screenshot-light.png and docs/screenshot-dark.png. Needs a Chromium
 * (`CHROME_PATH`, else the usual Debian paths); never talks to the real OpenRouter.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { puppeteerCore } from '@web/test-runner-chrome';
import { startDemoServer } from '../demo/demo-server.js';

const OUTPUT_DIR = fileURLToPath(new URL('../docs/', import.meta.url));
const QUESTION = 'How do I embed this chat on my site?';
/** The simulator streams reasoning for model ids that contain "thinking". */
const MODELS = 'anthropic/claude-3.7-sonnet:thinking, openai/gpt-4o-mini, meta-llama/llama-3.1-8b-instruct:free';
const VIEWPORT = { width: 1280, height: 1060, deviceScaleFactor: 1 };
/** Tall enough for the whole exchange, so the picture shows the question, the thinking and the answer. */
const CHAT_HEIGHT = '53rem';

const executablePath = [process.env['CHROME_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome']
  .filter((path): path is string => Boolean(path))
  .find((path) => existsSync(path));
if (!executablePath) {
  console.error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  process.exit(1);
}

/**
 * Runs in the page: shows the optional features the screenshot should include, then sends
 * the question through the box as a person would and waits for the answer. Source text,
 * because tsx's compiled functions reference helpers that exist only in Node.
 */
const ASK_IN_PAGE = `async ({ question, models, height }) => {
  const chat = document.querySelector('openrouter-chat');
  chat.style.setProperty('--openrouter-chat-height', height);
  chat.setAttribute('models', models);
  chat.setAttribute('model', models.split(',')[0].trim());
  chat.setAttribute('show-usage', '');
  await chat.updateComplete;
  const finished = new Promise((resolve, reject) => {
    chat.addEventListener('openrouter-chat-complete', resolve, { once: true });
    chat.addEventListener('openrouter-chat-error', (event) => reject(new Error(event.detail.message)), { once: true });
  });
  const box = chat.shadowRoot.querySelector('textarea');
  box.value = question;
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  await finished;
  await chat.updateComplete;
  // Blur, so no focus ring is left in the picture.
  chat.shadowRoot.activeElement?.blur();
}`;

const demo = await startDemoServer({ port: 0, env: {}, simulator: { chunkDelayMs: 2, firstTokenDelayMs: 50 } });
const browser = await puppeteerCore.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  await mkdir(OUTPUT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.emulateMediaFeatures([
      { name: 'prefers-color-scheme', value: scheme },
      { name: 'prefers-reduced-motion', value: 'reduce' },
    ]);
    await page.goto(demo.url, { waitUntil: 'load' });
    await page.waitForFunction("customElements.get('openrouter-chat') !== undefined");
    await page.evaluate(`(${ASK_IN_PAGE})(${JSON.stringify({ question: QUESTION, models: MODELS, height: CHAT_HEIGHT })})`);
    const path = `${OUTPUT_DIR}screenshot-${scheme}.png`;
    await page.screenshot({ path: path as `${string}.png` });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
