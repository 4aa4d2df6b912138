/**
 * Start-up (issue 18): main-thread CPU from the script tag to an interactive element, in
 * headless Chromium. The page holds `<openrouter-chat>` and loads the script-tag build
 * (`dist/openrouter-chat.iife.js`, everything inside, as the README's first example does; the
 * markdown room beside it, which the open element fetches once the page is idle, after the
 * measured stretch, and which the page checks it has not fetched before);
 * the floor is the same page with a plain Lit element (`startup/plain-lit-element.ts`: a log, a
 * text box and a button, Lit's production build, minified the same way). Interactive means:
 * the element is defined, has rendered its text box, and the browser has painted that frame.
 *
 * Measured from a mark just before the script tag to a mark in the task after that first
 * frame: every main-thread task in between, by its CPU time in Chromium's trace (parse and
 * compile, running the script, defining and rendering the element, adopting its stylesheets,
 * style, layout, paint). Loading the file from the loopback server costs no main-thread CPU.
 *
 * Each run opens a fresh browser context (its own renderer, empty caches): a first visit. The
 * same page then loads again in that context, with the script in the HTTP cache and V8's
 * compile cache, as a second visit. Candidates interleaved, medians.
 *
 *   node --import tsx bench/startup.bench.ts   (after `npm run build`; prints the figures as JSON)
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { launchChromium, serveFiles } from './render/browser.js';
import { readStretch, TRACE_CATEGORIES, type StretchFigures } from './render/trace.js';
import { median } from './sse/measure.js';

/**
 * Ratios to the floor, as every timing target of issue 18 (this VM's speed drifts by a third;
 * two candidates in the same rounds drift together). The element does more before its first
 * frame than any plain Lit element: five times the script to compile and run (85 kB against
 * 16 kB; 66 kB since the markdown renderer became a room), a toolbar, the composer's controls
 * and their strings, the live region, and its own stylesheet (and, until that room, the
 * markdown's: about 10 kB of CSS against 0.4 kB). Measured when this benchmark was written:
 * 3.1x on a first visit, 1.6x on a second. The targets hold that line
 * with a margin for noise (a tenth), so that a change that makes the start dearer has to be
 * a decision (or go to a room loaded on demand), as the size budgets do for bytes.
 */
export const STARTUP_TARGETS = {
  /** First visit, main-thread CPU of the element over the floor's. */
  overFloor: 3.5,
  /** Second visit (caches warm), the same ratio. */
  secondVisitOverFloor: 1.75,
} as const;

const START_MARK = 'bench-startup-start';
const END_MARK = 'bench-startup-end';
const ROOT = new URL('../', import.meta.url);

const CANDIDATES = {
  element: { tag: 'openrouter-chat', script: '/openrouter-chat.iife.js' },
  floor: { tag: 'plain-chat', script: '/plain-lit-element.js' },
} as const;
type CandidateName = keyof typeof CANDIDATES;

/**
 * The page: a mark, the script tag, then a watcher (an inline script, so it costs the same
 * for both) that marks the task after the first frame showing the text box, and resolves
 * `benchStarted` with what it saw.
 */
function pageHtml({ tag, script }: (typeof CANDIDATES)[CandidateName]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>start-up benchmark</title>
<style>body { margin: 0; font: 16px system-ui, sans-serif; } ${tag} { width: 720px; }</style></head>
<body><${tag} endpoint="/api/chat"></${tag}>
<script>performance.mark('${START_MARK}');</script>
<script src="${script}"></script>
<script>
  window.benchStarted = customElements.whenDefined('${tag}')
    .then(() => document.querySelector('${tag}').updateComplete)
    .then(() => new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        performance.mark('${END_MARK}');
        // The element's markdown room is fetched when the page is idle, after this: never before.
        const roomEarly = performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/openrouter-chat-markdown.js'));
        resolve(!roomEarly && document.querySelector('${tag}').shadowRoot.querySelector('textarea') !== null);
      };
      channel.port2.postMessage(null);
    })));
</script>
</body></html>`;
}

export interface StartupCandidateFigures {
  /** A first visit: fresh context, nothing cached. Medians over the rounds. */
  firstVisit: { cpuMs: number; wallMs: number; longestTaskCpuMs: number };
  /** The same page loaded again in that context (HTTP and code caches warm). */
  secondVisit: { cpuMs: number; wallMs: number; longestTaskCpuMs: number };
  /** Bytes of the script, as served. */
  scriptBytes: number;
}

export interface StartupBenchFigures {
  browser: string;
  rounds: number;
  targets: typeof STARTUP_TARGETS;
  candidates: Record<CandidateName, StartupCandidateFigures>;
  /** First visit, element over floor, main-thread CPU. */
  overFloor: number;
  secondVisitOverFloor: number;
  meetsTargets: boolean;
}

/** The floor's script: the plain Lit element with Lit's production build, minified, as a classic script. */
async function floorScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('bench/startup/plain-lit-element.ts', ROOT))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    conditions: ['production'],
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

const summary = (runs: readonly StretchFigures[]) => ({
  cpuMs: median(runs.map((run) => run.cpuMs)),
  wallMs: median(runs.map((run) => run.wallMs)),
  longestTaskCpuMs: median(runs.map((run) => run.longestTaskCpuMs)),
});

/** Runs both candidates `rounds` times each, interleaved, and returns the medians. */
export async function runStartupBench(rounds = 9): Promise<StartupBenchFigures> {
  const bundle = new URL('dist/openrouter-chat.iife.js', ROOT);
  if (!existsSync(bundle)) throw new Error('dist/openrouter-chat.iife.js is missing: run `npm run build` first.');
  const scripts = { element: await readFile(bundle), floor: Buffer.from(await floorScript()) };
  const { url, server } = await serveFiles({
    '/element.html': { type: 'text/html', body: pageHtml(CANDIDATES.element) },
    '/floor.html': { type: 'text/html', body: pageHtml(CANDIDATES.floor) },
    [CANDIDATES.element.script]: { type: 'text/javascript', body: scripts.element },
    // Beside the script, as deployed: the open element fetches it once the page is idle.
    '/openrouter-chat-markdown.js': { type: 'text/javascript', body: await readFile(new URL('dist/openrouter-chat-markdown.js', ROOT)) },
    [CANDIDATES.floor.script]: { type: 'text/javascript', body: scripts.floor },
  });
  const browser = await launchChromium();
  const runs = { element: { first: [] as StretchFigures[], second: [] as StretchFigures[] }, floor: { first: [] as StretchFigures[], second: [] as StretchFigures[] } };
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on the heels of the other.
      const order: CandidateName[] = round % 2 === 0 ? ['element', 'floor'] : ['floor', 'element'];
      for (const candidate of order) {
        const context = await browser.createBrowserContext();
        try {
          const page = await context.newPage();
          await page.setViewport({ width: 1280, height: 800 });
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(String(error)));
          const visit = async (load: () => Promise<unknown>) => {
            await page.tracing.start({ categories: TRACE_CATEGORIES });
            await load();
            const interactive = await page.evaluate('window.benchStarted');
            const trace = await page.tracing.stop();
            if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
            if (interactive !== true) throw new Error(`${candidate} rendered no text box, or fetched the markdown room before it was interactive`);
            if (!trace) throw new Error('Chromium returned no trace');
            return readStretch(trace, START_MARK, END_MARK);
          };
          runs[candidate].first.push(await visit(() => page.goto(`${url}${candidate}.html`, { waitUntil: 'load' })));
          runs[candidate].second.push(await visit(() => page.reload({ waitUntil: 'load' })));
        } finally {
          await context.close();
        }
      }
    }
    const figures = (candidate: CandidateName): StartupCandidateFigures => ({
      firstVisit: summary(runs[candidate].first),
      secondVisit: summary(runs[candidate].second),
      scriptBytes: scripts[candidate].length,
    });
    const element = figures('element');
    const floor = figures('floor');
    const overFloor = element.firstVisit.cpuMs / floor.firstVisit.cpuMs;
    const secondVisitOverFloor = element.secondVisit.cpuMs / floor.secondVisit.cpuMs;
    return {
      browser: await browser.version(),
      rounds,
      targets: STARTUP_TARGETS,
      candidates: { element, floor },
      overFloor,
      secondVisitOverFloor,
      meetsTargets: overFloor <= STARTUP_TARGETS.overFloor && secondVisitOverFloor <= STARTUP_TARGETS.secondVisitOverFloor,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runStartupBench(Number(process.env['ROUNDS'] ?? 9)), null, 2));
}
