/**
 * SSE parser throughput (issue 6, item 1): our parser against eventsource-parser and against
 * a floor with no SSE rules, on a generated OpenRouter stream, decoded and JSON-parsed.
 *
 * Run: `npx tsx bench/sse-parser.bench.ts`. Not a unit test; `npm test` never runs it.
 */
import { pathToFileURL } from 'node:url';
import { randomInt, seededRandom } from '../test/browser/sse/seeded-random.js';
import { eventsourceParser, floor, ours, type Candidate } from './sse/candidates.js';
import { chunkBytes, median, timeInterleaved } from './sse/measure.js';
import { generateOpenRouterStream } from './sse/openrouter-stream.js';

const CANDIDATES: Readonly<Record<string, Candidate>> = {
  ours,
  'eventsource-parser': eventsourceParser,
  floor,
};

/** Targets from issue 6: ours at or below eventsource-parser, and within 1.10x the floor on network chunks. */
export const SSE_PARSER_TARGETS = { vsEventsourceParser: 1, vsFloorOnNetworkChunks: 1.1 } as const;

export interface CandidateFigures {
  medianMs: number;
  mbPerSecond: number;
}

export interface ChunkingFigures {
  chunks: number;
  candidates: Record<string, CandidateFigures>;
  /** Median time of ours divided by median time of the other; below 1 means ours is faster. */
  oursVsEventsourceParser: number;
  oursVsFloor: number;
  meetsTargets: boolean;
}

export interface SseParserBenchFigures {
  events: number;
  bytes: number;
  rounds: number;
  warmupRounds: number;
  targets: typeof SSE_PARSER_TARGETS;
  chunkings: { network1To16KiB: ChunkingFigures; sevenBytes: ChunkingFigures };
}

export interface SseParserBenchOptions {
  events?: number;
  rounds?: number;
  warmupRounds?: number;
}

/** Runs the benchmark and returns its figures as a plain, JSON-ready object. */
export function runSseParserBench(options: SseParserBenchOptions = {}): SseParserBenchFigures {
  const { events = 20_000, rounds = 15, warmupRounds = 3 } = options;
  const stream = generateOpenRouterStream(events);
  const bytes = new TextEncoder().encode(stream.text);
  const networkSize = seededRandom(6);
  const network = chunkBytes(bytes, () => randomInt(networkSize, 1024, 16 * 1024));
  const seven = chunkBytes(bytes, () => 7);

  for (const chunks of [network, seven]) checkAllAgree(chunks, stream.jsonEvents, stream.content);

  const measure = (chunks: Uint8Array[], isNetwork: boolean): ChunkingFigures => {
    let parsed = 0;
    const count = () => void parsed++;
    const tasks = Object.fromEntries(
      Object.entries(CANDIDATES).map(([name, candidate]) => [name, () => candidate(chunks, count)]),
    );
    const durations = timeInterleaved(tasks, rounds, warmupRounds);
    const candidates = Object.fromEntries(
      Object.entries(durations).map(([name, ms]) => {
        const medianMs = median(ms);
        return [name, { medianMs, mbPerSecond: bytes.length / 1e6 / (medianMs / 1000) }];
      }),
    );
    const oursMs = candidates['ours']!.medianMs;
    const oursVsEventsourceParser = oursMs / candidates['eventsource-parser']!.medianMs;
    const oursVsFloor = oursMs / candidates['floor']!.medianMs;
    return {
      chunks: chunks.length,
      candidates,
      oursVsEventsourceParser,
      oursVsFloor,
      meetsTargets:
        oursVsEventsourceParser <= SSE_PARSER_TARGETS.vsEventsourceParser &&
        (!isNetwork || oursVsFloor <= SSE_PARSER_TARGETS.vsFloorOnNetworkChunks),
    };
  };

  return {
    events,
    bytes: bytes.length,
    rounds,
    warmupRounds,
    targets: SSE_PARSER_TARGETS,
    chunkings: { network1To16KiB: measure(network, true), sevenBytes: measure(seven, false) },
  };
}

/** A comparison is only honest if every candidate read the same chunks out of the stream. */
function checkAllAgree(chunks: Uint8Array[], jsonEvents: number, content: string): void {
  for (const [name, candidate] of Object.entries(CANDIDATES)) {
    let count = 0;
    const pieces: string[] = [];
    candidate(chunks, (chunk) => {
      count++;
      const text = (chunk as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
      if (text) pieces.push(text);
    });
    if (count !== jsonEvents || pieces.join('') !== content) {
      throw new Error(`${name} read ${count} of ${jsonEvents} JSON chunks, or lost content`);
    }
  }
}

function printTable(figures: SseParserBenchFigures): void {
  const mb = (figures.bytes / 1e6).toFixed(1);
  console.log(`SSE parser: ${figures.events} events, ${mb} MB, median of ${figures.rounds} rounds\n`);
  const rows: Record<string, string | number>[] = [];
  for (const [chunking, result] of Object.entries(figures.chunkings)) {
    for (const [name, { medianMs, mbPerSecond }] of Object.entries(result.candidates)) {
      rows.push({ chunking, candidate: name, 'median ms': +medianMs.toFixed(2), 'MB/s': +mbPerSecond.toFixed(1) });
    }
  }
  console.table(rows);
  const { network1To16KiB: network, sevenBytes: seven } = figures.chunkings;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log(
    [
      `network 1-16 KiB: ours/eventsource-parser ${network.oursVsEventsourceParser.toFixed(3)} (target <= 1), ` +
        `ours/floor ${network.oursVsFloor.toFixed(3)} (target <= 1.10): ${verdict(network.meetsTargets)}`,
      `7-byte chunks:    ours/eventsource-parser ${seven.oursVsEventsourceParser.toFixed(3)} (target <= 1), ` +
        `ours/floor ${seven.oursVsFloor.toFixed(3)}: ${verdict(seven.meetsTargets)}`,
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(runSseParserBench());
}
