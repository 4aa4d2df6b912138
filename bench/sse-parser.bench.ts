/**
 * SSE parser throughput (issues 6 and 18): our parser against eventsource-parser 4.1.3 (the
 * latest major) and 3.1.1, the OpenAI SDK's own SSE reader (openai 6.49.0), and a floor with no
 * SSE rules, on a generated OpenRouter stream, decoded and JSON-parsed, all interleaved.
 *
 * Run: `node --expose-gc --import tsx bench/sse-parser.bench.ts`. Not a unit test; `npm test` never runs it.
 */
import { pathToFileURL } from 'node:url';
import { randomInt, seededRandom } from '../test/browser/sse/seeded-random.js';
import { eventsourceParser, eventsourceParser3, floor, ours, readJsonChunks, readJsonChunksWithOpenAi, type Candidate } from './sse/candidates.js';
import { chunkBytes, median, timeInterleaved, type Timing } from './sse/measure.js';
import { generateOpenRouterStream } from './sse/openrouter-stream.js';

const CANDIDATES: Readonly<Record<string, Candidate>> = {
  ours,
  'eventsource-parser': eventsourceParser,
  'eventsource-parser-3': eventsourceParser3,
  floor,
};

/** The OpenAI SDK reads bytes itself, so it runs in the decode+parse+JSON comparison only. */
const OPENAI_SDK = 'openai-sdk';
/** The exact peer versions the figures are against (pinned in package.json). */
export const PEER_VERSIONS = {
  'eventsource-parser': '4.1.3',
  'eventsource-parser-3': '3.1.1',
  [OPENAI_SDK]: 'openai 6.49.0',
} as const;

/** Targets from issue 6: ours at or below eventsource-parser (latest major), and within 1.10x the floor on network chunks. */
export const SSE_PARSER_TARGETS = { vsEventsourceParser: 1, vsFloorOnNetworkChunks: 1.1 } as const;

export interface CandidateFigures {
  /** Median CPU time of a run, in ms: the figure compared, as it holds steady on a busy machine. */
  medianMs: number;
  /** Median wall-clock time of a run, for reference. */
  medianWallMs: number;
  /** Throughput by CPU time. */
  mbPerSecond: number;
}

/** One chunking, every candidate timed on it. */
export interface Comparison {
  chunks: number;
  rounds: number;
  candidates: Record<string, CandidateFigures>;
  /**
   * Ours against the other, paired: the median over rounds of ours' CPU time over the other's
   * in the same round; below 1 means ours is faster. Each round times every candidate back to
   * back, so a slow moment of the machine or a garbage collection falls on one round's pair
   * rather than on one side of two medians taken apart (which swung 0.96-1.07x between runs
   * of the same code, against 0.96-0.98x paired).
   */
  oursVsEventsourceParser: number;
  oursVsFloor: number;
}

export interface SseParserBenchFigures {
  /** The Node version that ran it: V8 versions differ in string and JSON speed. */
  runtime: string;
  peers: typeof PEER_VERSIONS;
  events: number;
  bytes: number;
  rounds: { network: number; other: number; sdkSevenBytes: number };
  warmupRounds: number;
  targets: typeof SSE_PARSER_TARGETS;
  /** Bytes decoded, parsed and JSON-parsed, as the element reads a stream: what the targets are about. */
  pipeline: { network1To16KiB: Comparison; sevenBytes: Comparison; meetsTargets: boolean };
  /**
   * Text decoded beforehand and no JSON.parse: the parsers' own cost, which the decoder and
   * JSON.parse, the same for every candidate, dilute in the pipeline.
   */
  parseOnly: { network1To16KiB: Comparison; sevenBytes: Comparison };
  /** The OpenAI SDK's reader (decode+parse+JSON), in rounds of its own with every other candidate. */
  openAiSdk: { network1To16KiB: SdkFigures; sevenBytes: SdkFigures };
}

/** The OpenAI SDK's reader against ours in the same rounds. */
export interface SdkFigures {
  sdk: CandidateFigures;
  ours: CandidateFigures;
  /** Median CPU time of ours over the SDK's (an order of magnitude apart: no need to pair). */
  oursVsSdk: number;
}

export interface SseParserBenchOptions {
  events?: number;
  /** Rounds of the judged network-chunk comparison, cheap enough (0.2 s a round) for many. */
  rounds?: number;
  /** Rounds of every other comparison: 7-byte chunks cost 1.5 s a round. */
  otherRounds?: number;
  /** Rounds with the OpenAI SDK's reader on 7-byte chunks, which takes 3.5 s a run. */
  sdkSevenByteRounds?: number;
  warmupRounds?: number;
}

interface CompareOptions {
  timedRounds?: number;
  candidates?: string[];
  extra?: Record<string, () => Promise<number>>;
}

/** Runs the benchmark and returns its figures as a plain, JSON-ready object. */
export async function runSseParserBench(options: SseParserBenchOptions = {}): Promise<SseParserBenchFigures> {
  const { events = 20_000, rounds = 41, otherRounds = 9, sdkSevenByteRounds = 3, warmupRounds = 3 } = options;
  const stream = generateOpenRouterStream(events);
  const bytes = new TextEncoder().encode(stream.text);
  const networkSize = seededRandom(6);
  const network = chunkBytes(bytes, () => randomInt(networkSize, 1024, 16 * 1024));
  const seven = chunkBytes(bytes, () => 7);
  for (const chunks of [network, seven]) await checkAllAgree(chunks, stream.jsonEvents, stream.content);

  /**
   * Times the `candidates` (all by default) on `run`, which returns how many events it handed
   * over, for `timedRounds`; `extra` tasks (the OpenAI SDK's reader) are interleaved with them
   * and checked the same way.
   */
  const compare = async (
    chunks: number,
    expectedEvents: number,
    run: (candidate: Candidate) => number,
    { timedRounds = otherRounds, candidates: names = Object.keys(CANDIDATES), extra = {} }: CompareOptions = {},
  ): Promise<Comparison> => {
    const tasks: Record<string, () => void | Promise<void>> = Object.fromEntries(
      names.map((name) => {
        const candidate = CANDIDATES[name]!;
        return [
          name,
          () => {
            if (run(candidate) !== expectedEvents) throw new Error(`${name} lost events in a timed run`);
          },
        ];
      }),
    );
    for (const [name, task] of Object.entries(extra)) {
      tasks[name] = async () => {
        if ((await task()) !== expectedEvents) throw new Error(`${name} lost events in a timed run`);
      };
    }
    const timings = await timeInterleaved(tasks, timedRounds, warmupRounds);
    const candidates = Object.fromEntries(
      Object.entries(timings).map(([name, runs]) => {
        const medianMs = median(runs.map((timing) => timing.cpuMs));
        const medianWallMs = median(runs.map((timing) => timing.wallMs));
        return [name, { medianMs, medianWallMs, mbPerSecond: bytes.length / 1e6 / (medianMs / 1000) }];
      }),
    );
    const oursVs = (name: string) => (timings[name] ? pairedRatio(timings['ours']!, timings[name]) : NaN);
    return {
      chunks,
      rounds: timedRounds,
      candidates,
      oursVsEventsourceParser: oursVs('eventsource-parser'),
      oursVsFloor: oursVs('floor'),
    };
  };
  const pipeline = (chunks: Uint8Array[], options?: CompareOptions) =>
    compare(
      chunks.length,
      stream.jsonEvents,
      (candidate) => {
        let parsed = 0;
        readJsonChunks(candidate, chunks, () => parsed++);
        return parsed;
      },
      options,
    );
  /** The OpenAI SDK's reader against ours alone, in rounds of their own. */
  const againstSdk = async (chunks: Uint8Array[], timedRounds: number): Promise<SdkFigures> => {
    const sdk = await pipeline(chunks, { timedRounds, candidates: ['ours'], extra: { [OPENAI_SDK]: () => readJsonChunksWithOpenAi(chunks, () => {}) } });
    return { sdk: sdk.candidates[OPENAI_SDK]!, ours: sdk.candidates['ours']!, oursVsSdk: sdk.candidates['ours']!.medianMs / sdk.candidates[OPENAI_SDK]!.medianMs };
  };
  const parseOnly = (chunks: Uint8Array[]) => {
    const decoder = new TextDecoder('utf-8');
    const texts = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
    // Every JSON chunk, and `[DONE]`.
    return compare(texts.length, stream.jsonEvents + 1, (candidate) => {
      let handed = 0;
      const feed = candidate(() => handed++);
      for (const text of texts) feed(text);
      return handed;
    });
  };

  // The judged ratios come from rounds without the OpenAI SDK's reader: its async iteration
  // leaves several times the others' garbage, which the next task in the rotation then
  // collects (measured: ours/eventsource-parser 0.98 without it, 1.04-1.06 with it). It gets
  // short rounds of its own with ours, for its ratio to ours (an order of magnitude, not a line).
  const onNetwork = await pipeline(network, { timedRounds: rounds });
  const onSeven = await pipeline(seven);
  const sdkOnNetwork = await againstSdk(network, otherRounds);
  const sdkOnSeven = await againstSdk(seven, sdkSevenByteRounds);
  const parseOnlyNetwork = await parseOnly(network);
  const parseOnlySeven = await parseOnly(seven);
  return {
    runtime: `node ${process.version}`,
    peers: PEER_VERSIONS,
    events,
    bytes: bytes.length,
    rounds: { network: rounds, other: otherRounds, sdkSevenBytes: sdkSevenByteRounds },
    warmupRounds,
    targets: SSE_PARSER_TARGETS,
    pipeline: {
      network1To16KiB: onNetwork,
      sevenBytes: onSeven,
      meetsTargets:
        onNetwork.oursVsEventsourceParser <= SSE_PARSER_TARGETS.vsEventsourceParser &&
        onSeven.oursVsEventsourceParser <= SSE_PARSER_TARGETS.vsEventsourceParser &&
        onNetwork.oursVsFloor <= SSE_PARSER_TARGETS.vsFloorOnNetworkChunks,
    },
    parseOnly: { network1To16KiB: parseOnlyNetwork, sevenBytes: parseOnlySeven },
    openAiSdk: { network1To16KiB: sdkOnNetwork, sevenBytes: sdkOnSeven },
  };
}

/** The median over rounds of `ours`' time over `other`'s in the same round. */
function pairedRatio(ours: readonly Timing[], other: readonly Timing[]): number {
  return median(ours.map((timing, round) => timing.cpuMs / other[round]!.cpuMs));
}

/** A comparison is only honest if every candidate read the same chunks out of the stream. */
async function checkAllAgree(chunks: Uint8Array[], jsonEvents: number, content: string): Promise<void> {
  const readers: Record<string, (sink: (chunk: unknown) => void) => void | Promise<unknown>> = Object.fromEntries(
    Object.entries(CANDIDATES).map(([name, candidate]) => [name, (sink: (chunk: unknown) => void) => readJsonChunks(candidate, chunks, sink)]),
  );
  readers[OPENAI_SDK] = (sink) => readJsonChunksWithOpenAi(chunks, sink);
  for (const [name, read] of Object.entries(readers)) {
    let count = 0;
    const pieces: string[] = [];
    await read((chunk) => {
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
  console.log(
    `SSE parser: ${figures.events} events, ${mb} MB, medians of ${figures.rounds.network} rounds (network chunks) ` +
      `and ${figures.rounds.other} (the rest), ${figures.runtime}. Ratios compare CPU time, paired by round.\n`,
  );
  const { network1To16KiB: network, sevenBytes: seven } = figures.pipeline;
  const rows: Record<string, string | number>[] = [];
  const sections = [
    ['decode+parse+JSON', figures.pipeline],
    ['parse only', figures.parseOnly],
  ] as const;
  for (const [work, { network1To16KiB, sevenBytes }] of sections) {
    for (const [chunking, comparison] of [['1-16 KiB', network1To16KiB], ['7 B', sevenBytes]] as const) {
      for (const [name, figures] of Object.entries(comparison.candidates)) {
        rows.push({
          work,
          chunks: chunking,
          candidate: name,
          'CPU ms': +figures.medianMs.toFixed(2),
          'wall ms': +figures.medianWallMs.toFixed(2),
          'MB/s': +figures.mbPerSecond.toFixed(1),
        });
      }
    }
  }
  console.table(rows);
  const ratio = (value: number) => value.toFixed(3);
  console.log(
    [
      `decode+parse+JSON, 1-16 KiB: ours/eventsource-parser ${ratio(network.oursVsEventsourceParser)} (target <= 1), ` +
        `ours/floor ${ratio(network.oursVsFloor)} (target <= 1.10)`,
      `decode+parse+JSON, 7 B:      ours/eventsource-parser ${ratio(seven.oursVsEventsourceParser)} (target <= 1), ` +
        `ours/floor ${ratio(seven.oursVsFloor)}`,
      `parse only: ours/eventsource-parser ${ratio(figures.parseOnly.network1To16KiB.oursVsEventsourceParser)} ` +
        `on 1-16 KiB, ${ratio(figures.parseOnly.sevenBytes.oursVsEventsourceParser)} on 7 B`,
      `OpenAI SDK (openai 6.49.0, own rounds): ours/SDK ${ratio(figures.openAiSdk.network1To16KiB.oursVsSdk)} on 1-16 KiB, ` +
        `${ratio(figures.openAiSdk.sevenBytes.oursVsSdk)} on 7 B`,
      `targets: ${figures.pipeline.meetsTargets ? 'met' : 'MISSED'}`,
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await runSseParserBench());
}
