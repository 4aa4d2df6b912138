/**
 * Render cost in headless Chromium (issue 6, item 2): a long markdown answer streamed through
 * the real `<openrouter-chat>` (the built `dist/openrouter-chat.bundle.js`) at 1x, 2x and 4x
 * length, a few words per delta, every delta rendered and painted in a frame; beside it the
 * naive baseline that re-renders the whole answer each delta, and the floor that only
 * appends. Runs, candidates and lengths interleaved; medians over the rounds.
 *
 * Every run gets a page of its own, where the candidate first streams a one-section answer
 * (compiled and warm), then the measured one. Runs sharing one page got slower round after
 * round (the naive 4x run from 11.7 s to 14.8 s over five rounds, with the page's nodes, heap
 * and listeners flat), which blurred every ratio; a cold page would instead make a run's
 * first deltas dear and flatter "late / early".
 *
 * Run: `node --import tsx bench/render.bench.ts` (after `npm run build`). Not a unit test.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { puppeteerCore } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { splitIntoDeltas } from '../src/server/simulator-script.js';
import { benchAnswer, sectionOfEachDelta } from './render/answer.js';
import type { DeltaRun } from './render/page.js';
import { readTrace, TRACE_CATEGORIES, type TraceFigures } from './render/trace.js';
import { median } from './sse/measure.js';

/** Targets from issue 6, judged on main-thread CPU time (see `render/trace.ts`). */
export const RENDER_TARGETS = {
  /** Time of the 4x answer over the 1x answer: linear would be 4. */
  fourXOverOneX: 4.4,
  longestTaskMs: 50,
  /** Median of the last tenth of the 4x answer's deltas over the median of its first tenth. */
  lateOverEarlyDeltas: 1,
} as const;

/**
 * `element`: the real element. `naive`: the whole answer parsed and rendered again each delta.
 * `floor`: the parser appending each delta to one plain container and nothing else: what
 * incremental rendering costs in this browser at the least (see `render/page.ts`).
 */
const CANDIDATES = ['element', 'naive', 'floor'] as const;
type CandidateName = (typeof CANDIDATES)[number];
const LENGTHS = [1, 2, 4] as const;
type Length = (typeof LENGTHS)[number];
/**
 * Sections in the 1x answer: about 4 kB of markdown, some 330 deltas (16 kB and 1,300 at 4x).
 * More would mostly lengthen the naive baseline, whose cost grows with the square.
 */
const SECTIONS_AT_1X = 4;
const ROOT = new URL('../', import.meta.url);

/** A per-delta time: the median delta and the slowest. */
export interface DeltaTimes {
  medianMs: number;
  maxMs: number;
}

export interface LengthFigures {
  deltas: number;
  characters: number;
  /** CPU time of the page's main thread for the whole answer (script, style, layout, paint, GC). */
  mainThreadCpuMs: number;
  /** The same in wall time (CDP TaskDuration), which also counts waiting for a core. */
  mainThreadWallMs: number;
  deltaCpu: DeltaTimes;
  /** Measured in the page with performance.now(). */
  deltaWall: DeltaTimes;
  /** The longest main-thread task of any round, by CPU time and by wall time. */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
  /** Tasks the page's PerformanceObserver reported as long (over 50 ms wall), median per round. */
  longTasks: number;
  /**
   * Per-delta CPU median of each section of the answer, in order (the median over the rounds
   * of each round's median). Every section holds the same kinds of blocks, so this shows how
   * a delta's cost moves along the answer, like for like.
   */
  sectionDeltaCpuMs: number[];
}

export interface CandidateRenderFigures {
  lengths: Record<`${Length}x`, LengthFigures>;
  /** Main-thread CPU time at 4x over 1x (and the same in wall time). */
  fourXOverOneX: number;
  fourXOverOneXWall: number;
  /** Per-delta CPU medians of the 4x answer: its first tenth, its last tenth, and their ratio. */
  earlyDeltaCpuMs: number;
  lateDeltaCpuMs: number;
  lateOverEarly: number;
  /** The same ratio in wall time. */
  lateOverEarlyWall: number;
  /**
   * Per-delta CPU median of the 4x answer's last tenth over the 1x answer's last tenth: the
   * same blocks at the end of an answer, with four times the answer above them. (The first
   * tenth of an answer costs every renderer less: the screen fills at delta 44, and the
   * element groups blocks from the ninth on; see `sectionDeltaCpuMs`.)
   */
  lateOverLateAtOneX: number;
}

export interface RenderBenchFigures {
  browser: string;
  rounds: number;
  warmupRounds: number;
  targets: typeof RENDER_TARGETS;
  candidates: Record<CandidateName, CandidateRenderFigures>;
  /** Naive main-thread CPU time at 4x over the element's: what re-rendering everything costs. */
  naiveOverElementAt4x: number;
  /** The element's main-thread CPU time at 4x over the floor's: what the element adds. */
  elementOverFloorAt4x: number;
  meetsTargets: boolean;
}

export interface RenderBenchOptions {
  rounds?: number;
  /** Whole rounds run first and not counted (each run is warmed in its own page anyway). */
  warmupRounds?: number;
}

/** The Chromium to drive: `CHROME_PATH`, else the usual Debian paths. */
function findChromium(): string {
  const found = [process.env['CHROME_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome']
    .filter((path): path is string => Boolean(path))
    .find((path) => existsSync(path));
  if (!found) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  return found;
}

const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>render benchmark</title>
    <script type="importmap">{ "imports": { "streaming-markdown": "/streaming-markdown.js" } }</script>
    <style>
      body { margin: 0; font: 16px system-ui, sans-serif; }
      #stage { width: 720px; height: 600px; --openrouter-chat-height: 600px; }
      .plain-view { height: 100%; overflow: auto; }
    </style>
    <script type="module" src="/page.js"></script>
    <script type="module" src="/openrouter-chat.bundle.js"></script>
  </head>
  <body><div id="stage"></div></body>
</html>`;

/** Serves the page, its driver (TypeScript, bundled here), the built bundle and the baselines' parser. */
async function servePage(): Promise<{ url: string; server: Server }> {
  const bundle = new URL('dist/openrouter-chat.bundle.js', ROOT);
  if (!existsSync(bundle)) throw new Error('dist/openrouter-chat.bundle.js is missing: run `npm run build` first.');
  const driver = await build({
    entryPoints: [fileURLToPath(new URL('bench/render/page.ts', ROOT))],
    bundle: true,
    external: ['streaming-markdown'],
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html', body: PAGE_HTML },
    '/page.js': { type: 'text/javascript', body: driver.outputFiles[0]!.text },
    '/openrouter-chat.bundle.js': { type: 'text/javascript', body: await readFile(bundle) },
    '/streaming-markdown.js': { type: 'text/javascript', body: await readFile(new URL(import.meta.resolve('streaming-markdown'))) },
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, {
      'content-type': file?.type ?? 'text/plain',
      // Cross-origin isolated, so performance.now() has 5 µs steps instead of 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** One streamed answer, as measured: the page's own timings and Chromium's. */
interface Measured extends DeltaRun, TraceFigures {
  mainThreadWallMs: number;
}

/** Runs the benchmark and returns its figures as a plain, JSON-ready object. */
export async function runRenderBench(options: RenderBenchOptions = {}): Promise<RenderBenchFigures> {
  const { rounds = 3, warmupRounds = 0 } = options;
  const answers = Object.fromEntries(
    LENGTHS.map((length) => [length, splitIntoDeltas(benchAnswer(SECTIONS_AT_1X * length))]),
  ) as Record<Length, string[]>;
  // Run once in each fresh page before the measured run, so its code is compiled and warm.
  const warmupDeltas = splitIntoDeltas(benchAnswer(1));
  const { url, server } = await servePage();
  const browser = await puppeteerCore.launch({
    executablePath: findChromium(),
    headless: true,
    // The naive baseline at 4x takes a while in one evaluate call on a loaded machine.
    protocolTimeout: 600_000,
    // Frames as fast as the page asks for them (it asks for one per delta), not at 60 Hz.
    args: ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    /** A fresh page with the bundle loaded, and `candidate` already run once on a short answer there. */
    const warmPage = async (candidate: CandidateName) => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction("customElements.get('openrouter-chat') !== undefined && 'benchRender' in window");
      await page.evaluate(`window.benchRender.${candidate}(${JSON.stringify(warmupDeltas)})`);
      return { page, errors, cdp: await page.createCDPSession() };
    };

    const measure = async (candidate: CandidateName, deltas: readonly string[]): Promise<Measured> => {
      const { page, errors, cdp } = await warmPage(candidate);
      try {
        // Every run starts from a collected heap, so no run pays for the previous one's garbage.
        await cdp.send('HeapProfiler.collectGarbage');
        const before = await page.metrics();
        await page.tracing.start({ categories: TRACE_CATEGORIES });
        const run = (await page.evaluate(`window.benchRender.${candidate}(${JSON.stringify(deltas)})`)) as DeltaRun;
        const trace = await page.tracing.stop();
        const after = await page.metrics();
        if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
        if (!trace) throw new Error('Chromium returned no trace');
        return {
          ...run,
          ...readTrace(trace, deltas.length),
          mainThreadWallMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
        };
      } finally {
        await page.close();
      }
    };

    const runs = new Map<string, Measured[]>();
    const tasks = CANDIDATES.flatMap((candidate) => LENGTHS.map((length) => ({ candidate, length })));
    for (let round = 0; round < warmupRounds + rounds; round++) {
      for (let turn = 0; turn < tasks.length; turn++) {
        // Rotate the order each round, so no candidate always runs right after the same one.
        const { candidate, length } = tasks[(round + turn) % tasks.length]!;
        if (round < warmupRounds && length !== 1) continue;
        const measured = await measure(candidate, answers[length]);
        if (round < warmupRounds) continue;
        const key = `${candidate}:${length}`;
        runs.set(key, [...(runs.get(key) ?? []), measured]);
      }
    }

    const summarize = (candidate: CandidateName): CandidateRenderFigures => {
      const lengths = Object.fromEntries(
        LENGTHS.map((length) => [`${length}x`, lengthFigures(runs.get(`${candidate}:${length}`)!, answers[length])]),
      ) as CandidateRenderFigures['lengths'];
      const longest = runs.get(`${candidate}:4`)!;
      const [earlyDeltaCpuMs, lateDeltaCpuMs] = firstAndLastTenth(longest.map((run) => run.deltaCpuMs));
      const [earlyDeltaWallMs, lateDeltaWallMs] = firstAndLastTenth(longest.map((run) => run.deltaMs));
      const [, lateAtOneXCpuMs] = firstAndLastTenth(runs.get(`${candidate}:1`)!.map((run) => run.deltaCpuMs));
      return {
        lengths,
        fourXOverOneX: lengths['4x'].mainThreadCpuMs / lengths['1x'].mainThreadCpuMs,
        fourXOverOneXWall: lengths['4x'].mainThreadWallMs / lengths['1x'].mainThreadWallMs,
        earlyDeltaCpuMs,
        lateDeltaCpuMs,
        lateOverEarly: lateDeltaCpuMs / earlyDeltaCpuMs,
        lateOverEarlyWall: lateDeltaWallMs / earlyDeltaWallMs,
        lateOverLateAtOneX: lateDeltaCpuMs / lateAtOneXCpuMs,
      };
    };
    const element = summarize('element');
    const naive = summarize('naive');
    const floor = summarize('floor');
    return {
      browser: await browser.version(),
      rounds,
      warmupRounds,
      targets: RENDER_TARGETS,
      candidates: { element, naive, floor },
      naiveOverElementAt4x: naive.lengths['4x'].mainThreadCpuMs / element.lengths['4x'].mainThreadCpuMs,
      elementOverFloorAt4x: element.lengths['4x'].mainThreadCpuMs / floor.lengths['4x'].mainThreadCpuMs,
      meetsTargets:
        element.fourXOverOneX <= RENDER_TARGETS.fourXOverOneX &&
        LENGTHS.every((length) => element.lengths[`${length}x`].longestTaskCpuMs <= RENDER_TARGETS.longestTaskMs) &&
        element.lateOverEarly <= RENDER_TARGETS.lateOverEarlyDeltas,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/**
 * The medians of the first and of the last tenth of each run's per-delta times, each the
 * median over the runs. A tenth of the 4x answer spans a section and a half, so both ends mix
 * every kind of block.
 */
function firstAndLastTenth(runs: readonly (readonly number[])[]): [number, number] {
  const tenth = (run: readonly number[]) => Math.ceil(run.length / 10);
  return [
    median(runs.map((run) => median(run.slice(0, tenth(run))))),
    median(runs.map((run) => median(run.slice(-tenth(run))))),
  ];
}

/** Medians over the rounds of one candidate at one length; maxima over every round. */
function lengthFigures(measured: readonly Measured[], deltas: readonly string[]): LengthFigures {
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const times = (perRun: (run: Measured) => readonly number[]): DeltaTimes => ({
    medianMs: median(measured.map((run) => median(perRun(run)))),
    maxMs: Math.max(...measured.map((run) => Math.max(...perRun(run)))),
  });
  return {
    deltas: deltas.length,
    characters: sum(deltas.map((delta) => delta.length)),
    mainThreadCpuMs: median(measured.map((run) => run.mainThreadCpuMs)),
    mainThreadWallMs: median(measured.map((run) => run.mainThreadWallMs)),
    deltaCpu: times((run) => run.deltaCpuMs),
    deltaWall: times((run) => run.deltaMs),
    longestTaskCpuMs: Math.max(...measured.map((run) => run.longestTaskCpuMs)),
    longestTaskWallMs: Math.max(...measured.map((run) => run.longestTaskWallMs)),
    longTasks: median(measured.map((run) => run.longTaskMs.length)),
    sectionDeltaCpuMs: sectionMedians(measured, deltas),
  };
}

function sectionMedians(measured: readonly Measured[], deltas: readonly string[]): number[] {
  const sectionOf = sectionOfEachDelta(deltas);
  const sections = Math.max(...sectionOf) + 1;
  return Array.from({ length: sections }, (_, section) =>
    median(measured.map((run) => median(run.deltaCpuMs.filter((_, index) => sectionOf[index] === section)))),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runRenderBench({ rounds: Number(process.env['ROUNDS'] ?? 3), warmupRounds: Number(process.env['WARMUP'] ?? 0) });
  console.log(JSON.stringify(figures, null, 2));
}
