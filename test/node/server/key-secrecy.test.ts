/**
 * Key secrecy, server half: the key reaches upstream and nothing else. An upstream that
 * echoes it back (in an error message, a header, a stream event, even split across
 * network chunks) must not get it through the proxy to the browser, and no log line may
 * carry it, whatever the failure.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RunningServer } from '../../../src/server/node.js';
import { contentFrame, faultyUpstream, keyFrom, midStreamErrorFrame, startStream } from '../helpers/faulty-upstream.js';
import { recordingLogger } from '../helpers/logger.js';
import { timedFetch, type HttpResult } from '../helpers/http.js';
import { chatBody, startProxy, startUpstream, TEST_API_KEY, type TestUpstream, type UpstreamResponder } from '../helpers/servers.js';

const REDACTED = '[redacted]';
const IDLE_TIMEOUT_MS = 400;

/** Each way a careless or hostile upstream could hand the key back. */
const echoes: Record<string, UpstreamResponder> = {
  'in a JSON error message': (response, recorded) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 401, message: `Key ${keyFrom(recorded)} is invalid` } }));
  },
  'in Retry-After and other headers of an error': (response, recorded) => {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': keyFrom(recorded), 'x-debug': keyFrom(recorded), 'set-cookie': `k=${keyFrom(recorded)}` });
    response.end(JSON.stringify({ error: { code: 429, message: 'Rate limited' } }));
  },
  'in the generation id and other headers of a stream': (response, recorded) => {
    startStream(response, { 'x-generation-id': keyFrom(recorded), 'x-debug': keyFrom(recorded), authorization: `Bearer ${keyFrom(recorded)}` });
    response.end(`${contentFrame('Hi')}data: [DONE]\n\n`);
  },
  'in a mid-stream error event': (response, recorded) => {
    startStream(response);
    response.write(contentFrame('Hi'));
    response.end(midStreamErrorFrame(`Bad key ${keyFrom(recorded)}`));
  },
  'split across network chunks of a stream': (response, recorded) => {
    const frame = contentFrame(`echo ${keyFrom(recorded)} done`);
    const cut = frame.indexOf(keyFrom(recorded)) + 9;
    startStream(response);
    response.write(frame.slice(0, cut), () => setTimeout(() => response.end(`${frame.slice(cut)}data: [DONE]\n\n`), 30));
  },
  'in a comment line of a stream': (response, recorded) => {
    startStream(response);
    response.end(`: debug ${keyFrom(recorded)}\n\n${contentFrame('Hi')}data: [DONE]\n\n`);
  },
  'at the very end of a cut-off stream': (response, recorded) => {
    startStream(response);
    response.write(contentFrame('Hi'));
    response.end(`data: ${keyFrom(recorded)}`);
  },
  'as a key prefix, then silence past the idle timeout': (response, recorded) => {
    startStream(response);
    response.write(`${contentFrame('Hi')}data: ${keyFrom(recorded).slice(0, -1)}`);
  },
  'in an HTML error page': (response, recorded) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end(`<p>Bad gateway for ${keyFrom(recorded)}</p>`);
  },
  'in a 200 that is not an event stream': (response, recorded) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ key: keyFrom(recorded) }));
  },
  'in a gzip-compressed stream, compressed unasked': (response, recorded) => compressedStream(response, 'gzip', keyFrom(recorded)),
  'in a brotli-compressed stream, compressed unasked': (response, recorded) => compressedStream(response, 'br', keyFrom(recorded)),
  'in a stream in a coding the proxy cannot read': (response, recorded) => {
    startStream(response, { 'content-encoding': 'zstd' });
    response.end(`${contentFrame(`echo ${keyFrom(recorded)} done`)}data: [DONE]\n\n`);
  },
  'in a redirect': (response, recorded) => {
    response.writeHead(307, { location: `http://127.0.0.1:9/?key=${keyFrom(recorded)}` });
    response.end();
  },
};

/**
 * A stream carrying the key, compressed as a gateway in front of OpenRouter might do
 * without being asked: in two pieces, so the proxy has to decode as it relays.
 */
function compressedStream(response: ServerResponse, coding: 'gzip' | 'br', key: string): void {
  const compressed = (coding === 'gzip' ? gzipSync : brotliCompressSync)(`${contentFrame(`echo ${key} done`)}data: [DONE]\n\n`);
  startStream(response, { 'content-encoding': coding });
  const cut = Math.floor(compressed.length / 2);
  response.write(compressed.subarray(0, cut), () => setTimeout(() => response.end(compressed.subarray(cut)), 30));
}

let upstream: TestUpstream;
let proxy: RunningServer;
const logger = recordingLogger();
const logLines = logger.lines;

before(async () => {
  upstream = await startUpstream(faultyUpstream(echoes));
  proxy = await startProxy(upstream.url, { idleTimeoutMs: IDLE_TIMEOUT_MS, logger });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

function ask(content: string): Promise<HttpResult> {
  return timedFetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody({ messages: [{ role: 'user', content }] })),
  });
}

function assertNoKey(result: HttpResult): void {
  const headers = JSON.stringify([...result.headers]);
  assert.ok(!headers.includes(TEST_API_KEY), `key in headers ${headers}`);
  assert.ok(!result.body.includes(TEST_API_KEY), `key in body ${result.body.slice(0, 300)}`);
}

describe('key secrecy when upstream echoes the key', { timeout: 10_000 }, () => {
  it('the upstream really got the key (so each echo below is a real one)', async () => {
    await ask('Hello');
    assert.equal(upstream.requests.at(-1)?.headers['authorization'], `Bearer ${TEST_API_KEY}`);
  });

  for (const echo of Object.keys(echoes)) {
    it(`never passes it on: ${echo}`, async () => {
      const result = await ask(echo);
      assertNoKey(result);
      assert.equal(result.headers.get('x-debug'), null);
      assert.equal(result.headers.get('set-cookie'), null);
    });
  }

  it('replaces an echo inside a relayed stream with [redacted], leaving every other byte as sent', async () => {
    const split = await ask('split across network chunks of a stream');
    assert.equal(split.body, `${contentFrame(`echo ${REDACTED} done`)}data: [DONE]\n\n`);
    const midStream = await ask('in a mid-stream error event');
    assert.equal(midStream.body, contentFrame('Hi') + midStreamErrorFrame(`Bad key ${REDACTED}`));
  });

  it('decodes a stream compressed unasked, so the browser can read it and the echo is redacted', async () => {
    for (const coding of ['gzip', 'brotli']) {
      const result = await ask(`in a ${coding}-compressed stream, compressed unasked`);
      assert.equal(result.status, 200);
      assert.equal(result.headers.get('content-encoding'), null);
      assert.equal(result.body, `${contentFrame(`echo ${REDACTED} done`)}data: [DONE]\n\n`, coding);
    }
  });

  it('refuses a stream in a content coding it cannot read, with a 502 naming it', async () => {
    const result = await ask('in a stream in a coding the proxy cannot read');
    assert.equal(result.status, 502);
    assert.match(JSON.parse(result.body).error.message, /content coding .*\(zstd\)/);
  });

  it('does not pass on most of the key either, when a stream stops right before its last character', async () => {
    const result = await ask('as a key prefix, then silence past the idle timeout');
    assert.equal(result.body, `${contentFrame('Hi')}data: ${REDACTED}`);
  });

  it('keeps Retry-After only when it is a delay or a date, and the generation id only when it is not the key', async () => {
    const limited = await ask('in Retry-After and other headers of an error');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), null);
    const streamed = await ask('in the generation id and other headers of a stream');
    assert.equal(streamed.status, 200);
    assert.equal(streamed.headers.get('x-generation-id'), null);
  });

  it('logs no line with the key', () => {
    assert.ok(logLines.length >= Object.keys(echoes).length);
    for (const line of logLines) assert.ok(!line.includes(TEST_API_KEY), line);
  });
});

describe('key secrecy in the logs when fetch itself fails', () => {
  it('redacts a fetch error that quotes the request headers', async () => {
    const failingLogger = recordingLogger();
    // Some fetch wrappers put the whole request, headers included, in their error messages.
    const failingFetch: typeof fetch = async (_url, init) => {
      throw new Error(`request failed: ${JSON.stringify(init?.headers)}`);
    };
    const failing = await startProxy('http://127.0.0.1:9', { fetch: failingFetch, logger: failingLogger });
    try {
      const result = await timedFetch(failing.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody()) });
      assert.equal(result.status, 502);
      assertNoKey(result);
      assert.ok(failingLogger.lines.some((line) => line.includes(REDACTED)), 'the failure was logged, redacted');
      for (const line of failingLogger.lines) assert.ok(!line.includes(TEST_API_KEY), line);
    } finally {
      await failing.close();
    }
  });
});
