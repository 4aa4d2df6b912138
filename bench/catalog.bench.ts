/**
 * The proxy's catalog on a hostile upstream list (issue 17): 5,000 models in 10 MB, trimmed
 * as `loadCatalog` does (JSON.parse, `trimCatalog`, JSON.stringify), against the floor of
 * JSON.parse alone, interleaved in rounds; the heap the trim holds at its peak, against the
 * list's size. Run: `node --expose-gc --import tsx bench/catalog.bench.ts`. Not a unit test.
 */
import { pathToFileURL } from 'node:url';
import { trimCatalog } from '../src/server/catalog.js';
import { median } from './sse/measure.js';

/**
 * Targets: the whole trim (its parse included) within 3 × a bare parse of the same text, the
 * floor any reader of the list pays; the peak heap within 10 × the list (docs/proxy.md).
 */
export const CATALOG_TARGETS = { trimVsParse: 3, peakHeapVsList: 10 } as const;

export interface CatalogBenchFigures {
  models: number;
  listBytes: number;
  rounds: number;
  parseMedianMs: number;
  trimMedianMs: number;
  trimVsParse: number;
  peakHeapBytes: number;
  peakHeapVsList: number;
  servedBytes: number;
}

const ROUNDS = 15;

function hostileList(count: number): string {
  const padding = 'p'.repeat(1900);
  const models = Array.from({ length: count }, (_, index) => ({
    id: `vendor${index % 50}/model-${index}`,
    name: `<b>Model</b> \u202e${index}`,
    description: padding,
    context_length: 8192,
    architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'], tokenizer: 'x' },
    pricing: { prompt: '0.000001', completion: '0.000002', request: '0', image: '0.001' },
    top_provider: { max_completion_tokens: 1024 },
    supported_parameters: ['tools', 'reasoning', 'temperature'],
  }));
  return JSON.stringify({ data: models });
}

const allowAll = (): boolean => true;

function trim(text: string): string {
  return JSON.stringify(trimCatalog(JSON.parse(text), allowAll));
}

/** The heap above the settled baseline while `run` holds its result, sampled before release. */
function peakHeap(run: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - before)), 1);
  const held = run();
  peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  clearInterval(sampler);
  void held;
  return peak;
}

export function runCatalogBench(): CatalogBenchFigures {
  const text = hostileList(5000);
  const parse: number[] = [];
  const trimmed: number[] = [];
  let served = '';
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ['trim', 'parse'] : ['parse', 'trim'];
    for (const which of order) {
      const started = performance.now();
      if (which === 'parse') JSON.parse(text);
      else served = trim(text);
      (which === 'parse' ? parse : trimmed).push(performance.now() - started);
    }
  }
  // The list's text is held by the caller already (as `loadCatalog` holds it): the peak is
  // what parsing and trimming add, the parsed document being the largest part.
  const peakHeapBytes = peakHeap(() => trim(text));
  const parseMedianMs = median(parse);
  const trimMedianMs = median(trimmed);
  return {
    models: 5000,
    listBytes: text.length,
    rounds: ROUNDS,
    parseMedianMs,
    trimMedianMs,
    trimVsParse: trimMedianMs / parseMedianMs,
    peakHeapBytes,
    peakHeapVsList: peakHeapBytes / text.length,
    servedBytes: served.length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = runCatalogBench();
  // The figures on stdout (as `npm run bench` reads them), the summary on stderr.
  console.log(JSON.stringify(figures, null, 2));
  console.error(
    `catalog: ${figures.models} models, ${(figures.listBytes / 1e6).toFixed(1)} MB -> ${(figures.servedBytes / 1e3).toFixed(0)} kB served; ` +
      `trim ${figures.trimMedianMs.toFixed(0)} ms median vs parse ${figures.parseMedianMs.toFixed(0)} ms = ${figures.trimVsParse.toFixed(2)}x (target <= ${CATALOG_TARGETS.trimVsParse}x); ` +
      `peak heap ${(figures.peakHeapBytes / 1e6).toFixed(1)} MB = ${figures.peakHeapVsList.toFixed(1)}x the list (target <= ${CATALOG_TARGETS.peakHeapVsList}x)`,
  );
}
