/**
 * `npm run bench`: every benchmark of issues 6 and 18, one table of figures against their
 * targets (PASS / FAIL) on screen with the peers' versions, and every figure in
 * `bench/results.json` (the committed one is the reference run).
 *
 * `npm run bench -- --only=sse,proxy` (`npm run bench:ratios`) runs only the named parts
 * (size, sse, proxy, render, startup, long) and writes no results file.
 *
 * Builds `dist/` first when it is missing (a fresh clone); otherwise measures the build that
 * is there. Needs Chromium for the render benchmark (`CHROME_PATH`, or the Debian paths).
 * Absolute times depend on the machine and its load (recorded with each benchmark); the
 * ratios, measured within one process, much less.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CATALOG_TARGETS, type CatalogBenchFigures } from './catalog.bench.js';
import { PROXY_TARGETS, type ProxyBenchFigures } from './proxy.bench.js';
import { LONG_CONVERSATION_TARGETS, runLongConversationBench } from './long-conversation.bench.js';
import { runRenderBench, RENDER_TARGETS } from './render.bench.js';
import { PEER_VERSIONS, runSseParserBench, SSE_PARSER_TARGETS } from './sse-parser.bench.js';
import { runStartupBench, STARTUP_TARGETS } from './startup.bench.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The best known peer widget's all-in bundle, min + gzip (issue 6), for context. */
const PEER_WIDGET_GZIP_KB = 111;

interface Row {
  benchmark: string;
  figure: string;
  value: string;
  target: string;
  status: 'PASS' | 'FAIL' | '';
}

/** One check of `.size-limit.mjs`, as `size-limit --json` reports it. */
interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

/** Issue 18: `npm run bench` prints every figure within 6 minutes on a clean checkout. */
const WHOLE_RUN_TARGET_SECONDS = 360;

const PARTS = ['size', 'sse', 'proxy', 'catalog', 'render', 'startup', 'long'] as const;
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const unknown = only?.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown?.length) throw new Error(`Unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}.`);
const runs = (part: (typeof PARTS)[number]) => !only || only.includes(part);

/** The versions every figure is against: the peers the parser is timed with, the element's Lit. */
const packageVersion = (name: string) => (JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
const peers = {
  ...PEER_VERSIONS,
  lit: packageVersion('lit'),
  'streaming-markdown': packageVersion('streaming-markdown'),
};

const rows: Row[] = [];
const row = (benchmark: string, figure: string, value: string, target = '', met?: boolean) =>
  rows.push({ benchmark, figure, value, target, status: met === undefined ? '' : met ? 'PASS' : 'FAIL' });
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
const times = (value: number) => `${value.toFixed(2)}x`;

/** Wall time per part, for the run's footer: issue 18 wants the whole run under 6 minutes. */
const partSeconds: Array<[string, number]> = [];

/** Runs one benchmark with the machine's load before and after, which explains absolute figures. */
async function measured<T>(name: string, run: () => T | Promise<T>): Promise<{ load: { before: number[]; after: number[] }; seconds: number; figures: T }> {
  console.error(`running ${name}…`);
  const before = loadavg();
  const startedAt = performance.now();
  const figures = await run();
  const seconds = (performance.now() - startedAt) / 1000;
  partSeconds.push([name, seconds]);
  return { load: { before, after: loadavg() }, seconds, figures };
}

/**
 * The proxy benchmark in a Node process of its own, as `node bench/proxy.bench.ts` runs it:
 * its client times single requests to a fraction of a millisecond, and should not do it in a
 * heap the other benchmarks have filled.
 */
function runProxyBenchAlone(): ProxyBenchFigures {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/proxy.bench.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as ProxyBenchFigures;
}

/** The catalog benchmark in a process of its own: it reads the heap, which needs `--expose-gc`. */
function runCatalogBenchAlone(): CatalogBenchFigures {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/catalog.bench.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as CatalogBenchFigures;
}

if (!existsSync(`${ROOT}dist/openrouter-chat.bundle.js`) || !existsSync(`${ROOT}dist/server/node.js`)) {
  console.error('dist/ is missing: building it first');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const results: Record<string, unknown> = {};
/** The Chromium the browser benchmarks ran in, as it reports its version. */
let chromium: string | undefined;
if (runs('size')) {
  const size = await measured('bundle size', () => {
    // size-limit exits 1 when a check is over budget; its JSON is on stdout either way.
    const output = (() => {
      try {
        return execFileSync('npx', ['size-limit', '--json'], { cwd: ROOT, encoding: 'utf8' });
      } catch (error) {
        return (error as { stdout: string }).stdout;
      }
    })();
    return JSON.parse(output) as SizeCheck[];
  });
  for (const check of size.figures) {
    row('size (min+gzip)', check.name, `${(check.size / 1000).toFixed(2)} kB`, `<= ${check.sizeLimit / 1000} kB`, check.passed);
  }
  row('size (min+gzip)', 'best known peer widget, all in (issue 6)', `${PEER_WIDGET_GZIP_KB} kB`);
  results['size'] = size;
}

if (runs('sse')) {
  const sse = await measured('SSE parser', () => runSseParserBench());
  for (const [chunking, comparison] of [['1-16 KiB', sse.figures.pipeline.network1To16KiB], ['7 B', sse.figures.pipeline.sevenBytes]] as const) {
    for (const [name, { medianMs, mbPerSecond }] of Object.entries(comparison.candidates)) {
      row('SSE parser', `${chunking} chunks: ${name}`, `${ms(medianMs)}, ${mbPerSecond.toFixed(0)} MB/s`);
    }
    const target = SSE_PARSER_TARGETS.vsEventsourceParser;
    row('SSE parser', `${chunking} chunks: ours / eventsource-parser 4.1.3`, times(comparison.oursVsEventsourceParser), `<= ${target}`, comparison.oursVsEventsourceParser <= target);
  }
  for (const [chunking, figures] of [['1-16 KiB', sse.figures.openAiSdk.network1To16KiB], ['7 B', sse.figures.openAiSdk.sevenBytes]] as const) {
    row('SSE parser', `${chunking} chunks: ours / OpenAI SDK reader (openai 6.49.0, own rounds)`, times(figures.oursVsSdk), 'reported');
  }
  const network = sse.figures.pipeline.network1To16KiB;
  const floorTarget = SSE_PARSER_TARGETS.vsFloorOnNetworkChunks;
  row('SSE parser', '1-16 KiB chunks: ours / floor', times(network.oursVsFloor), `<= ${floorTarget}`, network.oursVsFloor <= floorTarget);
  results['sse'] = sse;
}

if (runs('proxy')) {
  const proxy = await measured('proxy overhead (loopback)', () => runProxyBenchAlone());
  const p = proxy.figures;
  row('proxy', 'TTFB straight to upstream, median / p99', `${ms(p.direct.ttfbMedianMs, 2)} / ${ms(p.direct.ttfbP99Ms, 2)}`);
  row('proxy', 'TTFB through the proxy, median / p99', `${ms(p.viaProxy.ttfbMedianMs, 2)} / ${ms(p.viaProxy.ttfbP99Ms, 2)}`);
  row('proxy', 'added TTFB, median / p99 (clock, context)', `${ms(p.addedTtfb.medianMs, 2)} / ${ms(p.addedTtfb.p99Ms, 2)}`);
  row('proxy', 'added TTFB / bare pipe\'s, median', times(p.addedTtfbVsPipe.median), `<= ${PROXY_TARGETS.addedTtfbMedianVsPipe}`, p.addedTtfbVsPipe.median <= PROXY_TARGETS.addedTtfbMedianVsPipe);
  row('proxy', 'added TTFB / bare pipe\'s, p99', times(p.addedTtfbVsPipe.p99), `<= ${PROXY_TARGETS.addedTtfbP99VsPipe}`, p.addedTtfbVsPipe.p99 <= PROXY_TARGETS.addedTtfbP99VsPipe);
  row('proxy', 'the Web handler on the Node bridge adds, median / p99', `${ms(p.webProxyAddedTtfb.medianMs, 2)} / ${ms(p.webProxyAddedTtfb.p99Ms, 2)}`);
  row('proxy', 'floor: a bare Node pipe adds, median / p99', `${ms(p.barePipeAddedTtfb.medianMs, 2)} / ${ms(p.barePipeAddedTtfb.p99Ms, 2)}`);
  row('proxy', 'added TTFB over the bare pipe, median', ms(p.addedOverBarePipe.medianMs, 2));
  row('proxy', 'added time per chunk, median / p99', `${ms(p.addedPerChunk.medianMs, 4)} / ${ms(p.addedPerChunk.p99Ms, 4)}`);
  row(
    'proxy',
    `${p.concurrent.streams} concurrent streams`,
    `${p.concurrent.byteExact} byte-exact, ${p.concurrent.errors} errors, ${p.concurrent.megabytes.toFixed(0)} MB in ${p.concurrent.seconds.toFixed(1)} s`,
    `${PROXY_TARGETS.concurrentStreams} byte-exact, 0 errors`,
    p.concurrent.byteExact === PROXY_TARGETS.concurrentStreams && p.concurrent.errors === 0,
  );
  const cpu = p.cpuPerAnswerMs;
  row('proxy', 'CPU per answer: proxy / bare pipe', `${times(p.vsBarePipe.cpuPerAnswer)} (${ms(cpu.proxy, 2)} / ${ms(cpu.barePipe, 2)}; the Web handler on the bridge ${ms(cpu.webProxy, 2)})`, 'reported');
  row('proxy', `heap per open stream (${p.held.streams} held): proxy / bare pipe`, `${times(p.vsBarePipe.heapPerStream)} (${p.held.heapPerStreamKiB.toFixed(1)} / ${p.heldBarePipe.heapPerStreamKiB.toFixed(1)} KiB)`, 'reported');
  row('proxy', `RSS per open stream: proxy / bare pipe`, `${p.held.rssPerStreamKiB.toFixed(1)} / ${p.heldBarePipe.rssPerStreamKiB.toFixed(1)} KiB`);
  results['proxy'] = proxy;
}

if (runs('catalog')) {
  const catalog = await measured('catalog (a hostile 11 MB list of 5,000 models)', () => runCatalogBenchAlone());
  const c = catalog.figures;
  row('catalog', `trim ${c.models} models (${(c.listBytes / 1e6).toFixed(1)} MB) / a bare JSON.parse of them`, `${times(c.trimVsParse)} (${ms(c.trimMedianMs, 0)} / ${ms(c.parseMedianMs, 0)})`, `<= ${CATALOG_TARGETS.trimVsParse}`, c.trimVsParse <= CATALOG_TARGETS.trimVsParse);
  row('catalog', 'peak heap while trimming / the list', `${times(c.peakHeapVsList)} (${(c.peakHeapBytes / 1e6).toFixed(1)} MB)`, `<= ${CATALOG_TARGETS.peakHeapVsList}`, c.peakHeapVsList <= CATALOG_TARGETS.peakHeapVsList);
  results['catalog'] = catalog;
}

if (runs('render')) {
  const render = await measured('render (headless Chromium)', () => runRenderBench());
  const { element, naive, floor } = render.figures.candidates;
  for (const [name, candidate] of [['element', element], ['naive re-render', naive], ['floor (append only)', floor]] as const) {
    for (const [length, figures] of Object.entries(candidate.lengths)) {
      row(
        'render',
        `${name} ${length} (${figures.deltas} deltas): main-thread CPU`,
        `${ms(figures.mainThreadCpuMs, 0)} (wall ${ms(figures.mainThreadWallMs, 0)}), delta median ${ms(figures.deltaCpu.medianMs, 3)}`,
      );
    }
  }
  const longestTask = Math.max(...Object.values(element.lengths).map((figures) => figures.longestTaskCpuMs));
  const longestTaskWall = Math.max(...Object.values(element.lengths).map((figures) => figures.longestTaskWallMs));
  const longestDelta = Math.max(...Object.values(element.lengths).map((figures) => figures.deltaCpu.maxMs));
  row('render', 'element 4x / 1x main-thread CPU', `${times(element.fourXOverOneX)} (wall ${times(element.fourXOverOneXWall)})`, `<= ${RENDER_TARGETS.fourXOverOneX}`, element.fourXOverOneX <= RENDER_TARGETS.fourXOverOneX);
  row('render', 'naive 4x / 1x main-thread CPU', times(naive.fourXOverOneX));
  row('render', 'floor 4x / 1x main-thread CPU', times(floor.fourXOverOneX));
  row('render', 'element longest task, CPU (wall)', `${ms(longestTask)} (${ms(longestTaskWall)})`, `<= ${RENDER_TARGETS.longestTaskMs} ms`, longestTask <= RENDER_TARGETS.longestTaskMs);
  row('render', 'element slowest delta, CPU', ms(longestDelta));
  row(
    'render',
    'element 4x, below an earlier answer: last / first tenth of deltas, CPU',
    `${times(element.lateOverEarly)} (runs ${element.lateOverEarlyRuns.map((ratio) => ratio.toFixed(2)).join(' ')}; wall ${times(element.lateOverEarlyWall)})`,
    `median of runs <= ${RENDER_TARGETS.lateOverEarlyDeltas}`,
    element.lateOverEarly <= RENDER_TARGETS.lateOverEarlyDeltas,
  );
  row('render', 'element: 4x last tenth / 1x last tenth of deltas (the same blocks at the end of an answer), CPU', times(element.lateOverLateAtOneX));
  const sectionsRow = (figure: string, sections: readonly number[]) =>
    row('render', `${figure}: median delta CPU in each of its ${sections.length} sections, ms`, sections.map((value) => value.toFixed(2)).join(' '));
  for (const length of ['1x', '4x'] as const) sectionsRow(`element ${length}`, element.lengths[length].sectionDeltaCpuMs);
  const firstAnswer = render.figures.elementInEmptyLog;
  row(
    'render',
    'element 4x as the first answer, into an empty log: last / first tenth of deltas, CPU (the first ones paint a screen still filling)',
    `${times(firstAnswer.lateOverEarly)} (${ms(firstAnswer.lateDeltaCpuMs, 3)} / ${ms(firstAnswer.earlyDeltaCpuMs, 3)})`,
  );
  sectionsRow('element 4x as the first answer', firstAnswer.sectionDeltaCpuMs);
  row('render', 'naive 4x: last / first tenth of deltas, CPU', times(naive.lateOverEarly));
  row('render', 'floor 4x: last / first tenth of deltas, CPU', times(floor.lateOverEarly));
  row('render', 'naive / element at 4x, main-thread CPU', times(render.figures.naiveOverElementAt4x));
  row('render', 'element / floor at 4x, main-thread CPU', times(render.figures.elementOverFloorAt4x));
  chromium = render.figures.browser;
  const codeHeavy = render.figures.codeHeavy;
  for (const length of ['1x', '4x'] as const) {
    const figures = codeHeavy.lengths[length];
    row(
      'render',
      `element, code- and math-heavy ${length} (${figures.deltas} deltas, highlighted and typeset): main-thread CPU`,
      `${ms(figures.mainThreadCpuMs, 0)}, delta median ${ms(figures.deltaCpu.medianMs, 3)} (${times(codeHeavy.deltaOverMarkdown[length])} the markdown answer's)`,
    );
  }
  row('render', 'element, code- and math-heavy 4x / 1x main-thread CPU', times(codeHeavy.fourXOverOneX), `<= ${RENDER_TARGETS.fourXOverOneX}`, codeHeavy.fourXOverOneX <= RENDER_TARGETS.fourXOverOneX);
  row('render', 'element, code- and math-heavy longest task, CPU', ms(codeHeavy.longestTaskCpuMs), `<= ${RENDER_TARGETS.longestTaskMs} ms`, codeHeavy.longestTaskCpuMs <= RENDER_TARGETS.longestTaskMs);
  row('render', 'element, code- and math-heavy / markdown at 4x, CPU per character', times(codeHeavy.cpuPerCharacterOverMarkdownAt4x));
  results['render'] = render;
}

if (runs('startup')) {
  const startup = await measured('start-up (headless Chromium)', () => runStartupBench());
  const { element, floor } = startup.figures.candidates;
  for (const [name, candidate] of [['element (script tag, all in)', element], ['floor (plain Lit element)', floor]] as const) {
    row(
      'start-up',
      `${name}: script tag to interactive, main-thread CPU, first / second visit`,
      `${ms(candidate.firstVisit.cpuMs)} / ${ms(candidate.secondVisit.cpuMs)} (longest task ${ms(candidate.firstVisit.longestTaskCpuMs)}; ${(candidate.scriptBytes / 1000).toFixed(0)} kB script)`,
    );
  }
  row('start-up', 'element / floor, first visit', times(startup.figures.overFloor), `<= ${STARTUP_TARGETS.overFloor}`, startup.figures.overFloor <= STARTUP_TARGETS.overFloor);
  row('start-up', 'element / floor, second visit (caches warm)', times(startup.figures.secondVisitOverFloor), `<= ${STARTUP_TARGETS.secondVisitOverFloor}`, startup.figures.secondVisitOverFloor <= STARTUP_TARGETS.secondVisitOverFloor);
  chromium = startup.figures.browser;
  results['startup'] = startup;
}

if (runs('long')) {
  const long = await measured('long conversations (headless Chromium)', () => runLongConversationBench());
  const l = long.figures;
  const labels = {
    'restore-messages-500': 'restore 500 messages',
    'restore-floor-500': 'floor: a plain Lit list renders the same 500',
    'restore-messages-50': 'restore 50 messages',
    'send-in-500': `send in the 500 (${l.answerDeltas} deltas)`,
    'send-in-2': `send in 2 messages (the same ${l.answerDeltas} deltas)`,
    'send-floor-500': 'floor: the same send in the plain list of 500',
    'send-floor-2': 'floor: the same send in a plain list of 2',
  } as const;
  for (const [task, label] of Object.entries(labels) as [keyof typeof labels, string][]) {
    const figures = l.runs[task];
    row('long conversation', `${label}: main-thread CPU`, `${ms(figures.cpuMs, 0)} (wall ${ms(figures.wallMs, 0)}; longest task ${ms(figures.longestTaskCpuMs)})`);
  }
  row('long conversation', 'restore 500 / the plain Lit list', times(l.restoreOverFloor), `<= ${LONG_CONVERSATION_TARGETS.restoreOverFloor}`, l.restoreOverFloor <= LONG_CONVERSATION_TARGETS.restoreOverFloor);
  row('long conversation', 'restore 500 / 10 x restore 50', times(l.restore500Over10x50));
  row('long conversation', 'send in 500 / send in 2', times(l.sendIn500OverSendIn2), `<= ${LONG_CONVERSATION_TARGETS.sendIn500OverSendIn2}`, l.sendIn500OverSendIn2 <= LONG_CONVERSATION_TARGETS.sendIn500OverSendIn2);
  row('long conversation', 'floor: send in 500 / send in 2 (the plain list)', times(l.floorSendIn500OverSendIn2));
  row('long conversation', 'send in 500 / the floor\'s send in 500', times(l.sendIn500OverFloor));
  chromium = long.figures.browser;
  results['long'] = long;
}

const started = new Date();
const totalSeconds = performance.now() / 1000;
if (!only) row('whole run', 'wall time (the build included when dist/ was missing)', `${totalSeconds.toFixed(0)} s`, `<= ${WHOLE_RUN_TARGET_SECONDS} s`, totalSeconds <= WHOLE_RUN_TARGET_SECONDS);
console.log(`\nopenrouter-chat benchmarks, ${started.toISOString()}, node ${process.version}, ${cpus().length} cores, load ${loadavg().map((load) => load.toFixed(1)).join(' ')}, ${totalSeconds.toFixed(0)} s`);
console.log(`time per part: ${partSeconds.map(([name, seconds]) => `${name} ${seconds.toFixed(0)} s`).join(', ')}`);
console.log(`against: ${Object.entries(peers).map(([name, version]) => `${name} ${version}`).join(', ')}${chromium ? `, ${chromium}` : ''}`);
console.table(rows);
const failed = rows.filter((r) => r.status === 'FAIL').length;
console.log(`${rows.filter((r) => r.status === 'PASS').length} PASS, ${failed} FAIL`);
if (!only) {
  await writeFile(`${ROOT}bench/results.json`, `${JSON.stringify({ date: started.toISOString(), node: process.version, cores: cpus().length, peers: { ...peers, chromium }, ...results, table: rows }, null, 2)}\n`);
  console.log('wrote bench/results.json');
}
