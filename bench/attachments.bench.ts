/**
 * Adding a photo: main-thread CPU to take a 12-megapixel JPEG (4000x3000) from the picker to
 * a ready chip (sniff, decode, scale to 2048 px, re-encode, base64, thumbnail), with the image
 * step in its worker and with it on the main thread (the path of a page whose CSP refuses
 * `blob:` workers), interleaved, fresh page per run; and the bytes sent against the original.
 *
 *   node --import tsx bench/attachments.bench.ts   (prints the figures as JSON)
 *
 * Measures the built files (`npm run build`): dist/openrouter-chat.bundle.js and the
 * attachments room beside it. CPU time comes from Chromium's trace (`tdur` of the page's
 * main-thread tasks between two marks), not from clocks the machine's load inflates.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { launchChromium, serveFiles, type ServedFile } from './render/browser.js';
import { readStretch, TRACE_CATEGORIES } from './render/trace.js';
import { median } from './sse/measure.js';

const ROOT = new URL('../', import.meta.url);
const START_MARK = 'bench-attach-start';
const END_MARK = 'bench-attach-end';

export interface AttachmentBenchFigures {
  photo: { width: number; height: number; bytes: number };
  sent: { width: number; height: number; bytes: number };
  /** Main-thread CPU per add, median of the rounds. */
  workerMainThreadCpuMs: number;
  mainThreadPathCpuMs: number;
  /** Wall time per add (context: it includes waiting for a core), median. */
  workerWallMs: number;
  mainThreadPathWallMs: number;
  rounds: number;
}

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>attachments benchmark</title>
<script type="module" src="/openrouter-chat.bundle.js"></script></head>
<body><openrouter-chat endpoint="/api/chat" accept="image/*"></openrouter-chat></body></html>`;

/**
 * Runs in the page: makes the photo (not measured), then adds it between two marks and
 * waits for its chip's thumbnail to decode. The send event is cancelled: it only reports
 * what would be sent.
 */
const ADD_IN_PAGE = `async ({ mainThread, start, end }) => {
  if (mainThread) window.Worker = undefined;
  const chat = document.querySelector('openrouter-chat');
  const canvas = Object.assign(document.createElement('canvas'), { width: 4000, height: 3000 });
  const context = canvas.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, 4000, 3000);
  gradient.addColorStop(0, '#204080');
  gradient.addColorStop(1, '#e0a040');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 4000, 3000);
  // Noise, so the JPEG is photo-sized rather than a flat gradient.
  for (let i = 0; i < 40000; i++) {
    context.fillStyle = 'hsl(' + (i % 360) + ' 60% 50% / 0.5)';
    context.fillRect((i * 7919) % 4000, (i * 104729) % 3000, 12, 12);
  }
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  const photo = new File([blob], 'photo.jpg', { type: 'image/jpeg' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  performance.mark(start);
  const wallStart = performance.now();
  await chat.addAttachments([photo]);
  await chat.updateComplete;
  await chat.shadowRoot.querySelector('[part~="attachment"] img').decode();
  const wallMs = performance.now() - wallStart;
  performance.mark(end);
  const sent = await new Promise((resolve) => {
    chat.addEventListener('openrouter-chat-send', (event) => {
      event.preventDefault();
      resolve(event.detail.messages.at(-1).content.find((part) => part.type === 'image_url').image_url.url);
    }, { once: true });
    chat.shadowRoot.querySelector('textarea').value = 'x';
    chat.shadowRoot.querySelector('form').requestSubmit();
  });
  const bytes = Uint8Array.from(atob(sent.slice(sent.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes]));
  return { wallMs, photoBytes: photo.size, sentBytes: bytes.length, width: bitmap.width, height: bitmap.height };
}`;

async function servePage(): Promise<{ url: string; server: Server }> {
  const files: Record<string, ServedFile> = { '/': { type: 'text/html', body: PAGE_HTML } };
  for (const name of ['openrouter-chat.bundle.js', 'openrouter-chat-attachments.js']) {
    const file = new URL(`dist/${name}`, ROOT);
    if (!existsSync(file)) throw new Error(`dist/${name} is missing: run \`npm run build\` first.`);
    files[`/${name}`] = { type: 'text/javascript', body: await readFile(file) };
  }
  return serveFiles(files);
}

/** Runs both paths `rounds` times each, interleaved, and returns the medians. */
export async function runAttachmentBench(rounds = 5): Promise<AttachmentBenchFigures> {
  const { url, server } = await servePage();
  const browser = await launchChromium();
  const cpu = { worker: [] as number[], main: [] as number[] };
  const wall = { worker: [] as number[], main: [] as number[] };
  let last: { photoBytes: number; sentBytes: number; width: number; height: number } | undefined;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const path of ['worker', 'main'] as const) {
        const page = await browser.newPage();
        if (process.env['BENCH_DEBUG']) page.on('console', (message) => console.error('page:', message.text()));
        try {
          await page.goto(url, { waitUntil: 'load' });
          await page.waitForFunction("document.querySelector('openrouter-chat')?.shadowRoot?.querySelector('[part~=\"attach-button\"]')");
          await page.tracing.start({ categories: TRACE_CATEGORIES });
          const result = (await page.evaluate(`(${ADD_IN_PAGE})(${JSON.stringify({ mainThread: path === 'main', start: START_MARK, end: END_MARK })})`)) as {
            wallMs: number;
            photoBytes: number;
            sentBytes: number;
            width: number;
            height: number;
          };
          const trace = await page.tracing.stop();
          if (!trace) throw new Error('Chromium returned no trace');
          cpu[path].push(readStretch(trace, START_MARK, END_MARK).cpuMs);
          wall[path].push(result.wallMs);
          last = result;
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return {
    photo: { width: 4000, height: 3000, bytes: last!.photoBytes },
    sent: { width: last!.width, height: last!.height, bytes: last!.sentBytes },
    workerMainThreadCpuMs: median(cpu.worker),
    mainThreadPathCpuMs: median(cpu.main),
    workerWallMs: median(wall.worker),
    mainThreadPathWallMs: median(wall.main),
    rounds,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runAttachmentBench(), null, 2));
}
