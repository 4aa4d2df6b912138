/**
 * The proxy's side of the fault matrix: one proxy in front of one upstream that misbehaves
 * in a different way per request. For each fault the client gets the status and JSON error,
 * or upstream's bytes exactly as sent (the proxy relays, it does not parse), the proxy never
 * retries, and the same proxy then serves a normal request. Every response and log line is
 * searched for the key at the end.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../src/server/node.js';
import {
  contentFrame,
  ERROR_STATUSES,
  FIRST,
  faultyUpstream,
  HUGE_EVENT,
  midStreamErrorFrame,
  NORMAL_FRAMES,
  NOT_JSON,
  RETRY_AFTER_SECONDS,
  upstreamFaults,
} from '../helpers/faulty-upstream.js';
import { assertJsonError, timedFetch, type HttpResult } from '../helpers/http.js';
import { recordingLogger } from '../helpers/logger.js';
import { chatBody, startProxy, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';

// Short, to keep the test quick, but long enough that a busy CI machine answering over
// loopback never looks like a silent upstream.
const IDLE_TIMEOUT_MS = 400;
const UPSTREAM_TIMEOUT_MS = 1000;

const { faults, events: upstreamEvents } = upstreamFaults(IDLE_TIMEOUT_MS / 3);

let upstream: TestUpstream;
let proxy: RunningServer;
const logger = recordingLogger();
const logLines = logger.lines;
/** Every response seen, headers and body as text, searched for the key at the end. */
const responses: string[] = [];
let faultsSurvived = 0;


before(async () => {
  upstream = await startUpstream(faultyUpstream(faults));
  proxy = await startProxy(upstream.url, { idleTimeoutMs: IDLE_TIMEOUT_MS, upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS, logger });
});
after(async () => {
  console.log(`faults survived: ${faultsSurvived} of ${Object.keys(faults).length}; log lines: ${logLines.length}; responses checked for the key: ${responses.length}`);
  await proxy.close();
  await upstream.close();
});

function record(result: HttpResult): HttpResult {
  responses.push(`${JSON.stringify([...result.headers])}\n${result.body}`);
  return result;
}

function ask(content: string, signal?: AbortSignal): Promise<HttpResult> {
  return timedFetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody({ messages: [{ role: 'user', content }] })),
    signal,
  }).then(record);
}

/**
 * Runs one fault: `check` gets what the client received for it. Then upstream must have
 * been asked exactly once (the proxy never retries) and the same proxy must serve a normal
 * request completely.
 */
async function survives(fault: string, check: (result: HttpResult) => void | Promise<void>, send = ask): Promise<void> {
  const requestsBefore = upstream.requests.length;
  await check(await send(fault));
  assert.equal(upstream.requests.length, requestsBefore + 1, 'one upstream request, no retry');
  const next = await ask('a normal question after the fault');
  assert.equal(next.status, 200);
  assert.equal(next.body, NORMAL_FRAMES.join(''));
  faultsSurvived += 1;
}

/** Sends like {@link ask}, reads for `ms`, then disconnects, as a user pressing Stop. */
function readForThenLeave(ms: number): (content: string) => Promise<HttpResult> {
  return async (content) => {
    const leave = new AbortController();
    const startedAt = performance.now();
    const response = await fetch(proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody({ messages: [{ role: 'user', content }] })),
      signal: leave.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let body = '';
    while (performance.now() - startedAt < ms) body += (await reader.read()).value ?? '';
    leave.abort();
    return record({ status: response.status, headers: response.headers, body, ms: performance.now() - startedAt });
  };
}

describe('proxy fault matrix', { timeout: 20_000 }, () => {
  for (const status of ERROR_STATUSES) {
    it(`upstream ${status} with OpenRouter's JSON error: the same status and message${status === 429 ? ', and Retry-After' : ''}`, async () => {
      await survives(`status ${status}`, (result) => {
        assert.equal(assertJsonError(result, status), `Upstream says ${status}`);
        assert.equal(result.headers.get('retry-after'), status === 429 ? String(RETRY_AFTER_SECONDS) : null);
      });
    });
  }

  it('upstream 502 with an HTML page: a JSON 502 that does not pass the HTML on', async () => {
    await survives('html 502', (result) => {
      assert.doesNotMatch(assertJsonError(result, 502), /<|cloudflare/);
    });
  });

  it('a mid-stream error chunk: relayed exactly, with nothing added', async () => {
    await survives('mid-stream error', (result) => {
      assert.equal(result.status, 200);
      assert.equal(result.body, FIRST + midStreamErrorFrame('Provider disconnected'));
    });
  });

  it('a stream that ends with no finish and no [DONE]: relayed exactly, no [DONE] invented', async () => {
    await survives('no finish, no done', (result) => {
      assert.equal(result.body, FIRST + contentFrame(' and then nothing'));
    });
  });

  it('a connection reset mid-stream: the partial answer, then a 502 error event and no [DONE]', async () => {
    await survives('connection reset', (result) => {
      assert.ok(result.body.startsWith(FIRST));
      const parsed = parseEventStream(result.body);
      assert.ok(!parsed.data.includes('[DONE]'));
      const last = jsonChunks(parsed).at(-1)!;
      assert.equal(last['error'].code, 502);
      assert.equal(last['choices'][0].finish_reason, 'error');
    });
  });

  it('a data line that is not JSON: relayed exactly (the proxy does not parse)', async () => {
    await survives('non-JSON data', (result) => {
      assert.equal(result.body, `${FIRST}${NOT_JSON}data: [DONE]\n\n`);
    });
  });

  it('only keep-alive comments, for longer than the idle timeout: they count as activity, and a client leaving ends it', async () => {
    const upstreamClosed = once(upstreamEvents, 'keep-alive closed');
    await survives('keep-alive only', async (result) => {
      const parsed = parseEventStream(result.body);
      assert.ok(parsed.comments.length >= 4, `${parsed.comments.length} comments in ${IDLE_TIMEOUT_MS * 4} ms`);
      assert.deepEqual(parsed.data, [], 'no idle-timeout error while comments flow');
      await upstreamClosed;
    }, readForThenLeave(IDLE_TIMEOUT_MS * 4));
  });

  it('no response headers within the upstream timeout: a JSON 504', async () => {
    await survives('no headers', (result) => {
      assert.equal(assertJsonError(result, 504), 'OpenRouter did not answer within 1 s.');
      assert.ok(result.ms >= UPSTREAM_TIMEOUT_MS && result.ms < UPSTREAM_TIMEOUT_MS + 1000, `answered in ${result.ms.toFixed(0)} ms`);
    });
  });

  it('a first chunk, then no byte within the idle timeout: a 504 error event and no [DONE]', async () => {
    await survives('first chunk, then silence', (result) => {
      assert.equal(result.status, 200);
      assert.ok(result.body.startsWith(FIRST));
      const chunks = jsonChunks(parseEventStream(result.body));
      assert.equal(chunks.length, 2);
      assert.equal(chunks[1]!['error'].code, 504);
      assert.equal(chunks[1]!['error'].message, 'OpenRouter sent nothing for 0.4 s; the answer was cut off.');
    });
  });

  it('one event larger than the browser parser limit: relayed exactly', async () => {
    await survives('event over the parser limit', (result) => {
      assert.equal(result.body.length, FIRST.length + HUGE_EVENT.length + 'data: [DONE]\n\n'.length);
      assert.ok(result.body === `${FIRST}${HUGE_EVENT}data: [DONE]\n\n`);
    });
  });

  it('never gives the key to a client or a log line, in any of the cases above', () => {
    assert.ok(logLines.length > Object.keys(faults).length, 'the logger saw every case');
    for (const text of [...responses, ...logLines]) assert.ok(!text.includes(TEST_API_KEY), text.slice(0, 300));
  });
});
