/**
 * Proxy overhead on loopback (issue 6, item 4): the simulated OpenRouter (pace 0) and the
 * proxy (the Node adapter in front of it) each in a process of its own, the client here.
 *
 * - Time to first byte and time per chunk, through the proxy, straight to the upstream,
 *   through the Web handler on the Node bridge (`toNodeListener(createChatHandler())`, what
 *   the Node adapter was before it served Node's objects itself), and through the floor (a
 *   bare Node pipe: `bare-pipe` in `test/load/serve.ts`, the least any Node proxy process
 *   adds on this machine), one request to each per round, in rotating order; the added
 *   time is each round's difference.
 * - The CPU time each relay's process spends per answer over the timed rounds (its GC
 *   included), the proxy's against the bare pipe's.
 * - 1,000 concurrent streams through the one proxy process, each compared byte for byte with
 *   what the upstream sent; then 1,000 streams held open at once, for the proxy's memory per
 *   open stream, and the same through the bare pipe.
 *
 * The servers are the load test's (`test/load/`). Loopback only, bounded in count and time.
 * Run: `node --expose-gc --import tsx bench/proxy.bench.ts`. Not a unit test.
 */
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sendChat, type ChatTarget, type ReceivedChat } from '../test/load/chat-request.js';
import { startLoadServer, type LoadServer } from '../test/load/children.js';
import { TEST_API_KEY } from '../test/node/helpers/servers.js';
import { median } from './sse/measure.js';

/**
 * Targets from issue 18, as ratios within the same rounds (the machine's speed drifts by a
 * third, which moves milliseconds but not ratios): the time to first byte that
 * `createNodeHandler` adds over going straight, against what a bare Node pipe adds.
 */
export const PROXY_TARGETS = { addedTtfbMedianVsPipe: 1.1, addedTtfbP99VsPipe: 1.25, concurrentStreams: 1000 } as const;

const MODEL = 'openai/gpt-4o-mini';

/**
 * Where a timed request goes: straight to the upstream, through the proxy (the Node
 * adapter), through the Web handler on the Node bridge, through the floor.
 */
const ROUTES = ['direct', 'proxy', 'webProxy', 'barePipe'] as const;
type Route = (typeof ROUTES)[number];

export interface ProxyBenchFigures {
  runtime: string;
  rounds: number;
  warmupRounds: number;
  targets: typeof PROXY_TARGETS;
  /** SSE events in each timed answer. */
  eventsPerAnswer: number;
  direct: { ttfbMedianMs: number; ttfbP99Ms: number };
  viaProxy: { ttfbMedianMs: number; ttfbP99Ms: number };
  viaWebProxy: { ttfbMedianMs: number; ttfbP99Ms: number };
  viaBarePipe: { ttfbMedianMs: number; ttfbP99Ms: number };
  /** Through the proxy minus straight, round by round. */
  addedTtfb: { medianMs: number; p99Ms: number };
  /** Through the Web handler on the Node bridge minus straight: what `createChatHandler` adds on Node. */
  webProxyAddedTtfb: { medianMs: number; p99Ms: number };
  /** Through the bare pipe minus straight: the floor under the figures above. */
  barePipeAddedTtfb: { medianMs: number; p99Ms: number };
  /** Through the proxy minus through the bare pipe: what the proxy's own work costs. */
  addedOverBarePipe: { medianMs: number; p99Ms: number };
  /** (First to last byte through the proxy minus straight) / events: the relay's cost per chunk. */
  addedPerChunk: { medianMs: number; p99Ms: number };
  concurrent: {
    streams: number;
    seconds: number;
    megabytes: number;
    errors: number;
    byteExact: number;
  };
  /** Memory of the proxy's process with that many streams held open at once, and the same through the bare pipe. */
  held: HeldStreams;
  heldBarePipe: HeldStreams;
  /**
   * Main-thread and GC CPU each server process spent per timed answer (its CPU time over
   * the timed rounds / the rounds; one answer per route per round).
   */
  cpuPerAnswerMs: { proxy: number; webProxy: number; barePipe: number };
  /** The proxy's CPU per answer and heap per open stream, over the bare pipe's. */
  vsBarePipe: { cpuPerAnswer: number; heapPerStream: number };
  /** Added TTFB through the proxy over added TTFB through the bare pipe: median and p99. */
  addedTtfbVsPipe: { median: number; p99: number };
  meetsTargets: boolean;
}

export interface HeldStreams {
  streams: number;
  heapIdleMiB: number;
  heapOpenMiB: number;
  rssIdleMiB: number;
  rssOpenMiB: number;
  heapPerStreamKiB: number;
  rssPerStreamKiB: number;
}

export interface ProxyBenchOptions {
  rounds?: number;
  warmupRounds?: number;
  streams?: number;
}

/** Opens a `/stall` stream (a few words, then silence) and resolves once its words came through. */
function holdStream(proxy: ChatTarget, agent: Agent): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(proxy.url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        // The simulator sends four content deltas (after the role chunk) before it stalls.
        if (text.split('"content":"').length > 5) resolve(request);
      });
      // Errors once the benchmark destroys the held request: expected then.
      response.on('error', () => {});
    });
    request.on('error', reject);
    request.end(JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'Hold /stall' }] }));
  });
}

/** Holds `streams` `/stall` streams open through `target` at once, and reads `server`'s memory before and with them. */
async function holdStreams(server: LoadServer, target: ChatTarget, agent: Agent, streams: number): Promise<HeldStreams> {
  const idle = await server.memory();
  const held = await Promise.all(Array.from({ length: streams }, () => holdStream(target, agent)));
  const open = await server.memory();
  for (const request of held) request.destroy();
  return {
    streams,
    heapIdleMiB: mib(idle.heapUsed),
    heapOpenMiB: mib(open.heapUsed),
    rssIdleMiB: mib(idle.rss),
    rssOpenMiB: mib(open.rss),
    heapPerStreamKiB: (open.heapUsed - idle.heapUsed) / streams / 1024,
    rssPerStreamKiB: (open.rss - idle.rss) / streams / 1024,
  };
}

/** SSE events in a body kept in full. */
const events = (received: ReceivedChat): number => (received.text ?? '').split('\n\n').length - 1;

/** The value below which `fraction` of the values lie (nearest rank). */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const mib = (bytes: number) => bytes / 1024 / 1024;

/** Runs the benchmark and returns its figures as a plain, JSON-ready object. */
export async function runProxyBench(options: ProxyBenchOptions = {}): Promise<ProxyBenchFigures> {
  const { rounds = 500, warmupRounds = 50, streams = PROXY_TARGETS.concurrentStreams } = options;
  let simulator: LoadServer | undefined;
  let proxyServer: LoadServer | undefined;
  let webProxyServer: LoadServer | undefined;
  let barePipeServer: LoadServer | undefined;
  // Timed requests reuse one connection per target, as a browser and the proxy's own fetch do.
  const timingAgent = () => new Agent({ keepAlive: true, maxSockets: 1 });
  const timingAgents = { direct: timingAgent(), proxy: timingAgent(), webProxy: timingAgent(), barePipe: timingAgent() };
  // No socket cap, so the streams really are open at once; no keep-alive, so none lands on a closing socket.
  const crowdAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  try {
    simulator = await startLoadServer('simulator');
    proxyServer = await startLoadServer('proxy', { UPSTREAM_URL: simulator.url });
    webProxyServer = await startLoadServer('web-proxy', { UPSTREAM_URL: simulator.url });
    barePipeServer = await startLoadServer('bare-pipe', { UPSTREAM_URL: simulator.url });
    const targets: Record<Route, ChatTarget> = {
      direct: { url: `${simulator.url}/chat/completions`, headers: { authorization: `Bearer ${TEST_API_KEY}` }, stream: true },
      proxy: { url: proxyServer.url },
      webProxy: { url: webProxyServer.url },
      barePipe: { url: barePipeServer.url },
    };
    const proxy = targets.proxy;

    const relays = { proxy: proxyServer, webProxy: webProxyServer, barePipe: barePipeServer };
    const relayCpuMs = async () =>
      Object.fromEntries(await Promise.all(Object.entries(relays).map(async ([route, server]) => [route, await server.cpuMs()] as const))) as Record<keyof typeof relays, number>;
    let cpuAtStart: Record<keyof typeof relays, number> | undefined;
    const timed: Array<Record<Route, ReceivedChat>> = [];
    for (let round = 0; round < warmupRounds + rounds; round++) {
      if (round === warmupRounds) cpuAtStart = await relayCpuMs();
      // Rotate which goes first, so none always meets a warmer or busier moment.
      // Kept in full, to count the events: the per-chunk figure is per event.
      const order = ROUTES.map((_, index) => ROUTES[(index + round) % ROUTES.length]!);
      // The client's own garbage collection is no cost of the proxy: collect between rounds,
      // outside the timed requests (`npm run bench` runs with --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const received: Partial<Record<Route, ReceivedChat>> = {};
      for (const route of order) {
        const answer = await sendChat(targets[route], `Question ${round}`, timingAgents[route], true);
        if (answer.status !== 200) throw new Error(`a timed request (${route}) failed: ${answer.status}`);
        received[route] = answer;
      }
      if (round >= warmupRounds) timed.push(received as Record<Route, ReceivedChat>);
    }
    const cpuAtEnd = await relayCpuMs();
    const cpuPerAnswer = (route: keyof typeof relays) => (cpuAtEnd[route] - cpuAtStart![route]) / rounds;
    const cpuPerAnswerMs = { proxy: cpuPerAnswer('proxy'), webProxy: cpuPerAnswer('webProxy'), barePipe: cpuPerAnswer('barePipe') };
    const spread = (values: number[]) => ({ medianMs: median(values), p99Ms: percentile(values, 0.99) });
    const addedTtfb = (from: Route, to: Route) => spread(timed.map((round) => round[to].firstByteMs - round[from].firstByteMs));
    const streaming = (received: ReceivedChat) => received.lastByteMs - received.firstByteMs;
    const eventsPerAnswer = events(timed[0]!.direct);
    const addedPerChunk = timed.map((round) => (streaming(round.proxy) - streaming(round.direct)) / events(round.direct));
    const ttfb = (route: Route) => {
      const values = timed.map((round) => round[route].firstByteMs);
      return { ttfbMedianMs: median(values), ttfbP99Ms: percentile(values, 0.99) };
    };

    const startedAt = performance.now();
    const crowd = await Promise.all(
      Array.from({ length: streams }, () => sendChat(proxy, 'Load test /long', crowdAgent).catch(() => undefined)),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const { digests } = await simulator.digests();
    const ok = crowd.filter((received): received is ReceivedChat => received?.status === 200);
    const byteExact = ok.filter((received) => digests.get(received.generationId ?? '') === received.sha256).length;

    const held = await holdStreams(proxyServer, proxy, crowdAgent, streams);
    const heldBarePipe = await holdStreams(barePipeServer, targets.barePipe, crowdAgent, streams);

    const added = addedTtfb('direct', 'proxy');
    const pipeAdded = addedTtfb('direct', 'barePipe');
    const vsPipe = { median: added.medianMs / pipeAdded.medianMs, p99: added.p99Ms / pipeAdded.p99Ms };
    return {
      runtime: `node ${process.version}`,
      rounds,
      warmupRounds,
      targets: PROXY_TARGETS,
      eventsPerAnswer,
      direct: ttfb('direct'),
      viaProxy: ttfb('proxy'),
      viaWebProxy: ttfb('webProxy'),
      viaBarePipe: ttfb('barePipe'),
      addedTtfb: added,
      webProxyAddedTtfb: addedTtfb('direct', 'webProxy'),
      barePipeAddedTtfb: pipeAdded,
      addedOverBarePipe: addedTtfb('barePipe', 'proxy'),
      addedPerChunk: spread(addedPerChunk),
      concurrent: {
        streams,
        seconds,
        megabytes: ok.reduce((total, received) => total + received.bytes, 0) / 1e6,
        errors: streams - ok.length,
        byteExact,
      },
      held,
      heldBarePipe,
      cpuPerAnswerMs,
      vsBarePipe: {
        cpuPerAnswer: cpuPerAnswerMs.proxy / cpuPerAnswerMs.barePipe,
        heapPerStream: held.heapPerStreamKiB / heldBarePipe.heapPerStreamKiB,
      },
      addedTtfbVsPipe: vsPipe,
      meetsTargets:
        vsPipe.median <= PROXY_TARGETS.addedTtfbMedianVsPipe &&
        vsPipe.p99 <= PROXY_TARGETS.addedTtfbP99VsPipe &&
        ok.length === streams &&
        byteExact === streams,
    };
  } finally {
    for (const agent of [...Object.values(timingAgents), crowdAgent]) agent.destroy();
    await barePipeServer?.stop();
    await webProxyServer?.stop();
    await proxyServer?.stop();
    await simulator?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ROUNDS, STREAMS } = process.env;
  console.log(JSON.stringify(await runProxyBench({ rounds: Number(ROUNDS ?? 500), streams: Number(STREAMS ?? 1000) }), null, 2));
}
