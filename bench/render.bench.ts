/**
 * Render cost in headless Chromium (issue 6, item 2): a long markdown answer streamed through
 * the real `<openrouter-chat>` (the built `dist/openrouter-chat.bundle.js`) at 1x and 4x
 * length, a few words per delta, every delta rendered and painted in a frame; beside it the
 * naive baseline that re-renders the whole answer each delta, and the floor that only
 * appends. Runs, candidates and lengths interleaved; medians over the rounds.
 *
 * Every run gets a page of its own, where the candidate first streams a one-section answer
 * (compiled and warm), then the measured one below it, as the next answer of a conversation.
 * The element loads its markdown room (`dist/openrouter-chat-markdown.js`) at that first send;
 * the page checks that both answers end as rendered markdown, so the measured one renders with
 * the room from its first delta, as every answer after the first on a page does.
 * Runs sharing one page got slower round after round (the naive 4x run from 11.7 s to 14.8 s
 * over five rounds, with the page's nodes, heap and listeners flat), which blurred every
 * ratio; a cold page would instead make a run's first deltas dear and flatter "late / early".
 *
 * Why the measured answer follows another: into an empty log, an answer's first deltas
 * (about 44, the first third of the 4x answer's first tenth) paint a screen that is still
 * filling, and cost less for that alone, not for being early in the answer; the same goes
 * for the 1x answer against the 4x. Below an earlier answer, the screen is full from the
 * first delta to the last, so "late / early" and "4x / 1x" compare like with like. The
 * element's 4x answer into an empty log (the first answer of a conversation) is measured too
 * and reported beside it.
 *
 * A code- and math-heavy answer of about the same length (an inline and a display formula and
 * three fenced blocks a section, in five languages) runs at 1x and 4x too, after a warm-up
 * section of its own (both rooms loaded): the element typesets its formulas with the math room
 * and highlights its code with the highlight room, in
 * tasks of its own between the deltas, and ends with a final pass per block after the last
 * delta; the page waits for that, so main-thread CPU counts all of it.
 *
 * Run: `node --import tsx bench/render.bench.ts` (after `npm run build`). Not a unit test.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { splitIntoDeltas } from '../src/server/simulator-script.js';
import { benchAnswer, codeBenchAnswer, sectionOfEachDelta } from './render/answer.js';
import { launchChromium, serveFiles, type ServedFile } from './render/browser.js';
import type { DeltaRun } from './render/page.js';
import { readTrace, TRACE_CATEGORIES, type TraceFigures } from './render/trace.js';
import { median } from './sse/measure.js';

/** Targets from issue 6, judged on main-thread CPU time (see `render/trace.ts`). */
export const RENDER_TARGETS = {
  /** Time of the 4x answer over the 1x answer: linear would be 4. */
  fourXOverOneX: 4.4,
  longestTaskMs: 50,
  /**
   * Median delta of the 4x answer's last tenth over that of its first tenth, each end a whole
   * number of sections (so both hold the same kinds of blocks), with the screen full at both
   * ends (the answer follows an earlier one), judged as the median of the runs' ratios
   * (issue 18): one run's ratio moves by a fifth either way.
   */
  lateOverEarlyDeltas: 1.05,
} as const;

/**
 * `element`: the real element. `naive`: the whole answer parsed and rendered again each delta.
 * `floor`: the parser appending each delta to one plain container and nothing else: what
 * incremental rendering costs in this browser at the least (see `render/page.ts`).
 */
const CANDIDATES = ['element', 'naive', 'floor'] as const;
type CandidateName = (typeof CANDIDATES)[number];
/**
 * The judged ratio is 4x / 1x; each section's median delta (reported) shows the cost along
 * the way. A 2x length, once run too, told nothing those two did not, for a fifth of the
 * benchmark's time.
 */
const LENGTHS = [1, 4] as const;
type Length = (typeof LENGTHS)[number];
/**
 * Sections in the 1x answer: about 3 kB of markdown, some 250 deltas (12 kB and 960 at 4x).
 * More would mostly lengthen the run (issue 18 wants all of `npm run bench` within 6 minutes)
 * and the naive baseline, whose cost grows with the square.
 */
const SECTIONS_AT_1X = 3;
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
  /** The same in wall time (the trace's task durations), which also counts waiting for a core. */
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
  /**
   * Per-delta CPU medians of the 4x answer: its first tenth and its last tenth (in whole
   * sections), and the median of each run's ratio of the two.
   */
  earlyDeltaCpuMs: number;
  lateDeltaCpuMs: number;
  lateOverEarly: number;
  /** Each run's ratio, in the order they ran: how far one run is from the median. */
  lateOverEarlyRuns: number[];
  /** The same ratio in wall time. */
  lateOverEarlyWall: number;
  /**
   * Per-delta CPU median of the 4x answer's last tenth over the 1x answer's last tenth: the
   * same blocks at the end of an answer, with four times the answer above them.
   */
  lateOverLateAtOneX: number;
}

export interface RenderBenchFigures {
  browser: string;
  elementRounds: number;
  codeRounds: number;
  contextRounds: number;
  targets: typeof RENDER_TARGETS;
  candidates: Record<CandidateName, CandidateRenderFigures>;
  /** Naive main-thread CPU time at 4x over the element's: what re-rendering everything costs. */
  naiveOverElementAt4x: number;
  /** The element's main-thread CPU time at 4x over the floor's: what the element adds. */
  elementOverFloorAt4x: number;
  /** The element's 4x answer streamed into an empty log, as the first answer of a conversation. */
  elementInEmptyLog: FirstAnswerFigures;
  /** The element with a code-heavy answer, highlighted by the highlight room (issue 16). */
  codeHeavy: CodeHeavyFigures;
  meetsTargets: boolean;
}

/** The code-heavy answer at 1x and 4x, against the markdown answer of about the same length. */
export interface CodeHeavyFigures {
  lengths: Record<'1x' | '4x', LengthFigures>;
  /** Main-thread CPU at 4x over 1x, highlighting's own tasks and its final passes included. */
  fourXOverOneX: number;
  /** The longest task of any code-heavy run, by CPU time. */
  longestTaskCpuMs: number;
  /** Median delta CPU of the code-heavy answer over the markdown answer's, at 1x and at 4x. */
  deltaOverMarkdown: Record<'1x' | '4x', number>;
  /** Main-thread CPU per character over the markdown answer's, at 4x. */
  cpuPerCharacterOverMarkdownAt4x: number;
}

/** The element's 4x answer as the first of a conversation: its screen fills as it streams. */
export interface FirstAnswerFigures {
  earlyDeltaCpuMs: number;
  lateDeltaCpuMs: number;
  lateOverEarly: number;
  sectionDeltaCpuMs: number[];
}

export interface RenderBenchOptions {
  /**
   * Runs of the element's markdown answer at each length: its ratios are judged, and one
   * run's "late / early" varies by a fifth either way with this VM's speed.
   */
  elementRounds?: number;
  /** Runs of the code- and math-heavy answer at each length (its 4x / 1x is judged too). */
  codeRounds?: number;
  /**
   * Runs of what only gives context: the naive baseline and the floor at each length, and the
   * element's first answer into an empty log. The naive 4x run alone takes 20 s, and the gaps
   * these show (about 6x for the naive one) do not need a median to read.
   */
  contextRounds?: number;
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
  const files: Record<string, ServedFile> = {
    '/': { type: 'text/html', body: PAGE_HTML },
    '/page.js': { type: 'text/javascript', body: driver.outputFiles[0]!.text },
    '/openrouter-chat.bundle.js': { type: 'text/javascript', body: await readFile(bundle) },
    // Loaded by the bundle at the first send (the warm-up answer's): the markdown renderer.
    '/openrouter-chat-markdown.js': { type: 'text/javascript', body: await readFile(new URL('dist/openrouter-chat-markdown.js', ROOT)) },
    // Loaded by the bundle on the first fenced block that names a language.
    '/openrouter-chat-highlight.js': { type: 'text/javascript', body: await readFile(new URL('dist/openrouter-chat-highlight.js', ROOT)) },
    // Loaded by the highlight room, each by the first block in its language.
    ...Object.fromEntries(
      await Promise.all(
        (await readdir(new URL('dist/', ROOT)))
          .filter((file) => file.startsWith('openrouter-chat-grammar-'))
          .map(async (file) => [`/${file}`, { type: 'text/javascript', body: await readFile(new URL(`dist/${file}`, ROOT)) }] as const),
      ),
    ),
    // Loaded by the bundle on the first text that may hold a formula.
    '/openrouter-chat-math.js': { type: 'text/javascript', body: await readFile(new URL('dist/openrouter-chat-math.js', ROOT)) },
    '/streaming-markdown.js': { type: 'text/javascript', body: await readFile(new URL(import.meta.resolve('streaming-markdown'))) },
  };
  // Cross-origin isolated, so performance.now() has 5 µs steps instead of 100 µs.
  return serveFiles(files, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
}

/** One streamed answer, as measured: the page's own timings and Chromium's. */
type Measured = DeltaRun & TraceFigures;

/** Runs the benchmark and returns its figures as a plain, JSON-ready object. */
export async function runRenderBench(options: RenderBenchOptions = {}): Promise<RenderBenchFigures> {
  const { elementRounds = 6, codeRounds = 3, contextRounds = 1 } = options;
  const answers = Object.fromEntries(
    LENGTHS.map((length) => [length, splitIntoDeltas(benchAnswer(SECTIONS_AT_1X * length))]),
  ) as Record<Length, string[]>;
  const codeAnswers = { 1: splitIntoDeltas(codeBenchAnswer(SECTIONS_AT_1X)), 4: splitIntoDeltas(codeBenchAnswer(SECTIONS_AT_1X * 4)) };
  // Run once in each fresh page before the measured run, so its code is compiled and warm.
  const warmupDeltas = splitIntoDeltas(benchAnswer(1));
  // The code- and math-heavy runs warm up with two sections of their own, so both rooms and
  // every grammar the answer uses (three blocks a section, five languages) are loaded (and their
  // code compiled) before the measured answer, as on a page that has shown one.
  const codeWarmupDeltas = splitIntoDeltas(codeBenchAnswer(2));
  const { url, server } = await servePage();
  // Frames as fast as the page asks for them (it asks for one per delta), not at 60 Hz. The
  // naive baseline at 4x takes a while in one evaluate call on a loaded machine.
  const browser = await launchChromium(['--disable-frame-rate-limit', '--disable-gpu-vsync'], 600_000);
  try {
    /**
     * A fresh page with the bundle loaded, where `candidate` already streamed a short answer
     * (left on the stage, unless `emptyLog`), and the measured answer is open.
     */
    const warmPage = async (candidate: CandidateName, emptyLog: boolean, warmup: readonly string[]) => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction("customElements.get('openrouter-chat') !== undefined && 'benchRender' in window");
      await page.evaluate(`window.benchRender.warm('${candidate}', ${JSON.stringify(warmup)})`);
      if (emptyLog) await page.evaluate('window.benchRender.clear()');
      await page.evaluate(`window.benchRender.open('${candidate}')`);
      return { page, errors, cdp: await page.createCDPSession() };
    };

    const measure = async (candidate: CandidateName, deltas: readonly string[], emptyLog: boolean, warmup = warmupDeltas): Promise<Measured> => {
      const { page, errors, cdp } = await warmPage(candidate, emptyLog, warmup);
      try {
        // Every run starts from a collected heap, so no run pays for the previous one's garbage.
        await cdp.send('HeapProfiler.collectGarbage');
        await page.tracing.start({ categories: TRACE_CATEGORIES });
        const run = (await page.evaluate(`window.benchRender.measure(${JSON.stringify(deltas)})`)) as DeltaRun;
        const trace = await page.tracing.stop();
        if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
        if (!trace) throw new Error('Chromium returned no trace');
        return { ...run, ...readTrace(trace, deltas.length) };
      } finally {
        await page.close();
      }
    };

    const runs = new Map<string, Measured[]>();
    const tasks = [
      ...CANDIDATES.flatMap((candidate) => LENGTHS.map((length) => ({ candidate, length, emptyLog: false }))),
      { candidate: 'element' as const, length: 4 as const, emptyLog: true },
      { candidate: 'element' as const, length: 1 as const, emptyLog: false, code: true },
      { candidate: 'element' as const, length: 4 as const, emptyLog: false, code: true },
    ];
    for (let round = 0; round < Math.max(elementRounds, codeRounds, contextRounds); round++) {
      for (let turn = 0; turn < tasks.length; turn++) {
        // Rotate the order each round, so no candidate always runs right after the same one.
        const { candidate, length, emptyLog, code } = tasks[(round + turn) % tasks.length] as (typeof tasks)[number] & { code?: boolean };
        const wanted = code ? codeRounds : candidate === 'element' && !emptyLog ? elementRounds : contextRounds;
        if (round >= wanted) continue;
        const measured = code
          ? await measure(candidate, codeAnswers[length as 1 | 4], emptyLog, codeWarmupDeltas)
          : await measure(candidate, answers[length], emptyLog);
        const key = `${candidate}:${length}${emptyLog ? ':empty' : ''}${code ? ':code' : ''}`;
        runs.set(key, [...(runs.get(key) ?? []), measured]);
      }
    }

    const summarize = (candidate: CandidateName): CandidateRenderFigures => {
      const lengths = Object.fromEntries(
        LENGTHS.map((length) => [`${length}x`, lengthFigures(runs.get(`${candidate}:${length}`)!, answers[length])]),
      ) as CandidateRenderFigures['lengths'];
      const longest = runs.get(`${candidate}:4`)!;
      const cpu = earlyAndLate(longest, answers[4], 'cpu');
      const lateAtOneX = earlyAndLate(runs.get(`${candidate}:1`)!, answers[1], 'cpu');
      return {
        lengths,
        fourXOverOneX: lengths['4x'].mainThreadCpuMs / lengths['1x'].mainThreadCpuMs,
        fourXOverOneXWall: lengths['4x'].mainThreadWallMs / lengths['1x'].mainThreadWallMs,
        earlyDeltaCpuMs: cpu.earlyMs,
        lateDeltaCpuMs: cpu.lateMs,
        lateOverEarly: cpu.lateOverEarly,
        lateOverEarlyRuns: cpu.runs,
        lateOverEarlyWall: earlyAndLate(longest, answers[4], 'wall').lateOverEarly,
        lateOverLateAtOneX: cpu.lateMs / lateAtOneX.lateMs,
      };
    };
    const element = summarize('element');
    const naive = summarize('naive');
    const floor = summarize('floor');
    const firstAnswers = runs.get('element:4:empty')!;
    const codeLengths = {
      '1x': lengthFigures(runs.get('element:1:code')!, codeAnswers[1]),
      '4x': lengthFigures(runs.get('element:4:code')!, codeAnswers[4]),
    };
    const perCharacter = (figures: LengthFigures) => figures.mainThreadCpuMs / figures.characters;
    const codeHeavy: CodeHeavyFigures = {
      lengths: codeLengths,
      fourXOverOneX: codeLengths['4x'].mainThreadCpuMs / codeLengths['1x'].mainThreadCpuMs,
      longestTaskCpuMs: Math.max(codeLengths['1x'].longestTaskCpuMs, codeLengths['4x'].longestTaskCpuMs),
      deltaOverMarkdown: {
        '1x': codeLengths['1x'].deltaCpu.medianMs / element.lengths['1x'].deltaCpu.medianMs,
        '4x': codeLengths['4x'].deltaCpu.medianMs / element.lengths['4x'].deltaCpu.medianMs,
      },
      cpuPerCharacterOverMarkdownAt4x: perCharacter(codeLengths['4x']) / perCharacter(element.lengths['4x']),
    };
    const inEmptyLog = earlyAndLate(firstAnswers, answers[4], 'cpu');
    return {
      browser: await browser.version(),
      elementRounds,
      codeRounds,
      contextRounds,
      targets: RENDER_TARGETS,
      candidates: { element, naive, floor },
      naiveOverElementAt4x: naive.lengths['4x'].mainThreadCpuMs / element.lengths['4x'].mainThreadCpuMs,
      elementOverFloorAt4x: element.lengths['4x'].mainThreadCpuMs / floor.lengths['4x'].mainThreadCpuMs,
      elementInEmptyLog: {
        earlyDeltaCpuMs: inEmptyLog.earlyMs,
        lateDeltaCpuMs: inEmptyLog.lateMs,
        lateOverEarly: inEmptyLog.lateOverEarly,
        sectionDeltaCpuMs: sectionMedians(firstAnswers, answers[4]),
      },
      codeHeavy,
      meetsTargets:
        codeHeavy.fourXOverOneX <= RENDER_TARGETS.fourXOverOneX &&
        codeHeavy.longestTaskCpuMs <= RENDER_TARGETS.longestTaskMs &&
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
 * The first tenth of the answer's deltas against its last tenth: each run's median delta of
 * both, the median over the runs of each, and the median of each run's ratio. Each end is a
 * whole number of sections (a tenth, rounded up: 2 of the 4x answer's 12), so both hold the
 * same kinds of blocks; cut at a tenth of the deltas, the first end held an extra heading
 * and prose where the last held an extra table and closing prose.
 */
function earlyAndLate(runs: readonly Measured[], answer: readonly string[], time: 'cpu' | 'wall'): { earlyMs: number; lateMs: number; lateOverEarly: number; runs: number[] } {
  const sectionOf = sectionOfEachDelta(answer);
  const sections = Math.max(...sectionOf) + 1;
  const ends = Math.ceil(sections / 10);
  const pairs = runs.map((run) => {
    const deltas = time === 'cpu' ? run.deltaCpuMs : run.deltaMs;
    return {
      early: median(deltas.filter((_, index) => sectionOf[index]! < ends)),
      late: median(deltas.filter((_, index) => sectionOf[index]! >= sections - ends)),
    };
  });
  return {
    earlyMs: median(pairs.map((pair) => pair.early)),
    lateMs: median(pairs.map((pair) => pair.late)),
    lateOverEarly: median(pairs.map((pair) => pair.late / pair.early)),
    runs: pairs.map((pair) => pair.late / pair.early),
  };
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
  const figures = await runRenderBench({
    elementRounds: Number(process.env['ELEMENT_ROUNDS'] ?? 6),
    codeRounds: Number(process.env['CODE_ROUNDS'] ?? 3),
    contextRounds: Number(process.env['CONTEXT_ROUNDS'] ?? 1),
  });
  console.log(JSON.stringify(figures, null, 2));
}
