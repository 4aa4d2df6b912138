/**
 * Takes the README's screenshots: the demo page (`npm start`'s, on the simulated OpenRouter)
 * in Chromium, after one question and its streamed answer, once in the light and once in the
 * dark colour scheme.
 *
 *   node --import tsx scripts/screenshot.ts
 *
 * Writes docs/screenshot-light.png and docs/screenshot-dark.png, and
 * docs/screenshot-attachments.png: a photo and a PDF picked in the file input and sent, with
 * the simulator's description of what it received; and docs/screenshot-catalog.png: the model
 * picker open on the simulator's catalog (names, prices, context lengths, badges). Needs a Chromium
 * (`CHROME_PATH`, else the usual Debian paths); never talks to the real OpenRouter.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
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

/**
 * Runs in the page: draws a photo, picks it with the PDF (`pdf`, base64) in the attach
 * button's file input, waits for both chips, then asks about them.
 */
const ATTACH_IN_PAGE = `async ({ pdf, height }) => {
  const chat = document.querySelector('openrouter-chat');
  chat.clear();
  chat.style.setProperty('--openrouter-chat-height', height);
  const canvas = Object.assign(document.createElement('canvas'), { width: 1600, height: 1000 });
  const context = canvas.getContext('2d');
  const sky = context.createLinearGradient(0, 0, 0, 1000);
  sky.addColorStop(0, '#7cb7f0');
  sky.addColorStop(1, '#f6d39a');
  context.fillStyle = sky;
  context.fillRect(0, 0, 1600, 1000);
  context.fillStyle = '#3f6f3a';
  context.beginPath();
  context.moveTo(0, 1000);
  context.lineTo(500, 520);
  context.lineTo(900, 800);
  context.lineTo(1250, 430);
  context.lineTo(1600, 1000);
  context.fill();
  const photo = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  const pdfBytes = Uint8Array.from(atob(pdf), (char) => char.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([photo], 'mountains.jpg', { type: 'image/jpeg' }));
  transfer.items.add(new File([pdfBytes], 'report.pdf', { type: 'application/pdf' }));
  const root = chat.shadowRoot;
  while (!root.querySelector('input[type=file]')) await new Promise((resolve) => setTimeout(resolve, 20));
  const input = root.querySelector('input[type=file]');
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  while (root.querySelectorAll('[part~="attachment"][aria-busy="false"]').length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  const finished = new Promise((resolve) => chat.addEventListener('openrouter-chat-complete', resolve, { once: true }));
  const box = root.querySelector('textarea');
  box.value = 'What is in these?';
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  await finished;
  await chat.updateComplete;
  await Promise.all([...root.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
  // The question with its attachments, and the first lines of the answer that describe them.
  const log = root.querySelector('.log');
  const question = [...root.querySelectorAll('.entry.user')].at(-1);
  log.scrollTop = question.offsetTop - log.offsetTop - 8;
  chat.shadowRoot.activeElement?.blur();
}`;

/** Runs in the page: waits for the catalog's picker and opens it. */
const OPEN_PICKER_IN_PAGE = `async ({ models, height }) => {
  const chat = document.querySelector('openrouter-chat');
  chat.style.setProperty('--openrouter-chat-height', height);
  chat.setAttribute('models', models);
  chat.setAttribute('model', models.split(',')[1].trim());
  const root = chat.shadowRoot;
  while (!root.querySelector('input[role="combobox"]')) await new Promise((resolve) => setTimeout(resolve, 20));
  root.querySelector('input[role="combobox"]').click();
  await chat.updateComplete;
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
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 760, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.goto(demo.url, { waitUntil: 'load' });
  await page.waitForFunction("customElements.get('openrouter-chat') !== undefined");
  const pdf = (await readFile(new URL('../test/browser/fixtures/hello.pdf', import.meta.url))).toString('base64');
  await page.evaluate(`(${ATTACH_IN_PAGE})(${JSON.stringify({ pdf, height: '36rem' })})`);
  const path = `${OUTPUT_DIR}screenshot-attachments.png`;
  await page.screenshot({ path: path as `${string}.png` });
  console.log(`wrote ${path}`);
  await page.close();

  const catalogPage = await browser.newPage();
  await catalogPage.setViewport({ width: 1280, height: 520, deviceScaleFactor: 1 });
  await catalogPage.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await catalogPage.goto(demo.url, { waitUntil: 'load' });
  await catalogPage.waitForFunction("customElements.get('openrouter-chat') !== undefined");
  await catalogPage.evaluate(`(${OPEN_PICKER_IN_PAGE})(${JSON.stringify({ models: `${MODELS}, openrouter/auto`, height: '22rem' })})`);
  const catalogPath = `${OUTPUT_DIR}screenshot-catalog.png`;
  await catalogPage.screenshot({ path: catalogPath as `${string}.png` });
  console.log(`wrote ${catalogPath}`);
  await catalogPage.close();
} finally {
  await browser.close();
  await demo.close();
}
