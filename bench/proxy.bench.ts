/**
 * Proxy overhead on loopback (issue 6, item 4): the simulated OpenRouter (pace 0) and the
 * proxy (the Node adapter in front of it) each in a process of its own, the client here.
 *
 * - Time to first byte and time per chunk, through the proxy and straight to the upstream,
 *   requests interleaved in pairs; the added time is each pair's difference.
 * - 1,000 concurrent streams through the one proxy process, each compared byte for byte with
 *   what the upstream sent; then 1,000 streams held open at once, for the proxy's memory per
 *   open stream.
 *
 * The servers are the load test's (`test/load/`). Loopback only, bounded in count and time.
 * Run: `node --import tsx bench/proxy.bench.ts`. Not a unit test.
 */
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sendChat, type ChatTarget, type ReceivedChat } from '../test/load/chat-request.js';
import { startLoadServer, type LoadServer } from '../test/load/children.js';
import { TEST_API_KEY } from '../test/node/helpers/servers.js';
import { median } from './sse/measure.js';

/** Targets from issue 6. */
export const PROXY_TARGETS = { addedTtfbMedianMs: 1, addedTtfbP99Ms: 5, concurrentStreams: 1000 } as const;

const MODEL = 'openai/gpt-4o-mini';

export interface ProxyBenchFigures {
  runtime: string;
  pairs: number;
  warmupPairs: number;
  targets: typeof PROXY_TARGETS;
  /** SSE events in each timed answer. */
  eventsPerAnswer: number;
  direct: { ttfbMedianMs: number; ttfbP99Ms: number };
  viaProxy: { ttfbMedianMs: number; ttfbP99Ms: number };
  /** Through the proxy minus straight, pair by pair. */
  addedTtfb: { medianMs: number; p99Ms: number };
  /** (First to last byte through the proxy minus straight) / events: the relay's cost per chunk. */
  addedPerChunk: { medianMs: number; p99Ms: number };
  concurrent: {
    streams: number;
    seconds: number;
    megabytes: number;
    errors: number;
    byteExact: number;
  };
  held: {
    streams: number;
    heapIdleMiB: number;
    heapOpenMiB: number;
    rssIdleMiB: number;
    rssOpenMiB: number;
    heapPerStreamKiB: number;
    rssPerStreamKiB: number;
  };
  meetsTargets: boolean;
}

export interface ProxyBenchOptions {
  pairs?: number;
  warmupPairs?: number;
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
  const { pairs = 500, warmupPairs = 50, streams = PROXY_TARGETS.concurrentStreams } = options;
  let simulator: LoadServer | undefined;
  let proxyServer: LoadServer | undefined;
  // Timed requests reuse one connection per target, as a browser and the proxy's own fetch do.
  const timingAgents = [new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 })] as const;
  // No socket cap, so the streams really are open at once; no keep-alive, so none lands on a closing socket.
  const crowdAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  try {
    simulator = await startLoadServer('simulator');
    proxyServer = await startLoadServer('proxy', { UPSTREAM_URL: simulator.url });
    const direct: ChatTarget = { url: `${simulator.url}/chat/completions`, headers: { authorization: `Bearer ${TEST_API_KEY}` }, stream: true };
    const proxy: ChatTarget = { url: proxyServer.url };

    const timed: Array<{ direct: ReceivedChat; proxy: ReceivedChat }> = [];
    for (let pair = 0; pair < warmupPairs + pairs; pair++) {
      // Alternate which goes first, so neither always meets a warmer or busier moment.
      // Kept in full, to count the events: the per-chunk figure is per event.
      const runDirect = () => sendChat(direct, `Question ${pair}`, timingAgents[0], true);
      const runProxy = () => sendChat(proxy, `Question ${pair}`, timingAgents[1], true);
      let straight: ReceivedChat;
      let through: ReceivedChat;
      if (pair % 2 === 0) {
        straight = await runDirect();
        through = await runProxy();
      } else {
        through = await runProxy();
        straight = await runDirect();
      }
      if (straight.status !== 200 || through.status !== 200) throw new Error(`a timed request failed: ${straight.status} ${through.status}`);
      if (pair >= warmupPairs) timed.push({ direct: straight, proxy: through });
    }
    const addedTtfb = timed.map((pair) => pair.proxy.firstByteMs - pair.direct.firstByteMs);
    const streaming = (received: ReceivedChat) => received.lastByteMs - received.firstByteMs;
    const eventsPerAnswer = events(timed[0]!.direct);
    const addedPerChunk = timed.map((pair) => (streaming(pair.proxy) - streaming(pair.direct)) / events(pair.direct));
    const ttfb = (side: 'direct' | 'proxy') => {
      const values = timed.map((pair) => pair[side].firstByteMs);
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

    const idle = await proxyServer.memory();
    const held = await Promise.all(Array.from({ length: streams }, () => holdStream(proxy, crowdAgent)));
    const open = await proxyServer.memory();
    for (const request of held) request.destroy();

    const added = { medianMs: median(addedTtfb), p99Ms: percentile(addedTtfb, 0.99) };
    return {
      runtime: `node ${process.version}`,
      pairs,
      warmupPairs,
      targets: PROXY_TARGETS,
      eventsPerAnswer,
      direct: ttfb('direct'),
      viaProxy: ttfb('proxy'),
      addedTtfb: added,
      addedPerChunk: { medianMs: median(addedPerChunk), p99Ms: percentile(addedPerChunk, 0.99) },
      concurrent: {
        streams,
        seconds,
        megabytes: ok.reduce((total, received) => total + received.bytes, 0) / 1e6,
        errors: streams - ok.length,
        byteExact,
      },
      held: {
        streams,
        heapIdleMiB: mib(idle.heapUsed),
        heapOpenMiB: mib(open.heapUsed),
        rssIdleMiB: mib(idle.rss),
        rssOpenMiB: mib(open.rss),
        heapPerStreamKiB: (open.heapUsed - idle.heapUsed) / streams / 1024,
        rssPerStreamKiB: (open.rss - idle.rss) / streams / 1024,
      },
      meetsTargets:
        added.medianMs < PROXY_TARGETS.addedTtfbMedianMs &&
        added.p99Ms < PROXY_TARGETS.addedTtfbP99Ms &&
        ok.length === streams &&
        byteExact === streams,
    };
  } finally {
    for (const agent of [...timingAgents, crowdAgent]) agent.destroy();
    await proxyServer?.stop();
    await simulator?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { PAIRS, STREAMS } = process.env;
  console.log(JSON.stringify(await runProxyBench({ pairs: Number(PAIRS ?? 500), streams: Number(STREAMS ?? 1000) }), null, 2));
}
