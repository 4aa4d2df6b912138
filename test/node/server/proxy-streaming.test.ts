import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import { rawRequest } from '../helpers/http.js';
import { chatBody, postChat, startProxy, startUpstream, type UpstreamResponder } from '../helpers/servers.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';
import { deferred, within } from '../helpers/async.js';

const FIRST_FRAME = 'data: {"choices":[{"index":0,"delta":{"content":"first"}}]}\n\n';
const LAST_FRAMES = 'data: {"choices":[{"index":0,"delta":{"content":" last"}}]}\n\ndata: [DONE]\n\n';

/** A 16 KiB event: a few of them fill a socket's buffers. */
const BIG_FRAME = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x'.repeat(16 * 1024) } }] })}\n\n`;

/** Upstream writing `frames` {@link BIG_FRAME}s as fast as its socket takes them, then `last`. */
function floodingUpstream(frames: number, last = ''): { respond: UpstreamResponder; sent: { bytes: number } } {
  const sent = { bytes: 0 };
  const respond: UpstreamResponder = (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let written = 0;
    const writeMore = (): void => {
      while (written < frames) {
        written += 1;
        sent.bytes += BIG_FRAME.length;
        if (!response.write(BIG_FRAME)) return void response.once('drain', writeMore);
      }
      response.end(last);
    };
    writeMore();
  };
  return { respond, sent };
}

/**
 * Posts a chat and reads nothing of the answer for `pauseMs`; then calls `onResume` and reads
 * the answer to its end.
 */
async function readAfterPause(url: string, pauseMs: number, onResume = () => {}): Promise<string> {
  const clientResponse = deferred<IncomingMessage>();
  const client = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, clientResponse.resolve);
  client.end(JSON.stringify(chatBody()));
  const response = await clientResponse.promise;
  response.pause();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  onResume();
  response.setEncoding('utf8');
  let text = '';
  response.on('data', (chunk: string) => (text += chunk));
  response.resume();
  await new Promise((resolve) => response.once('end', resolve));
  return text;
}

const servers: Array<{ close(): Promise<void> }> = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function proxyInFrontOf(respond: UpstreamResponder, options = {}) {
  const upstream = await startUpstream(respond);
  const proxy = await startProxy(upstream.url, options);
  servers.push(proxy, upstream);
  return { upstream, proxy };
}

// A guard against a hang, not a speed target: its tests wait out idle timeouts (about 3 s in
// all), which a machine busy with other work stretches past 5 s.
describe('proxy streaming', { timeout: 20_000 }, () => {
  it('is not buffered: the client reads the first chunk while upstream still holds the rest', async () => {
    const release = deferred();
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(FIRST_FRAME);
      void release.promise.then(() => response.end(LAST_FRAMES));
    });
    const response = await postChat(proxy.url);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // Upstream has not been released yet, so this read can only succeed if nothing buffers.
    const first = await reader.read();
    assert.equal(first.value, FIRST_FRAME);
    release.resolve();
    let rest = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) rest += read.value;
    assert.equal(rest, LAST_FRAMES);
  });

  it('holds upstream back while the client does not read, then delivers every byte', async () => {
    // 64 MiB of events written as fast as upstream's socket takes them: a proxy that reads
    // ahead of its client would take it all into memory within the pause below.
    const flood = floodingUpstream((64 * 1024 * 1024) / BIG_FRAME.length);
    const { proxy } = await proxyInFrontOf(flood.respond);
    let writtenWhilePaused = 0;
    const text = await readAfterPause(proxy.url, 1000, () => (writtenWhilePaused = flood.sent.bytes));
    // What the sockets' buffers hold (8 MiB here) and nothing like 64 MiB.
    assert.ok(writtenWhilePaused < 24 * 1024 * 1024, `upstream wrote ${(writtenWhilePaused / 2 ** 20).toFixed(1)} MiB while the client read nothing`);
    assert.equal(text.length, flood.sent.bytes);
  });

  it('aborts the upstream request within 100 ms when the client disconnects mid-stream', async () => {
    const upstreamClosed = deferred<number>();
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(FIRST_FRAME);
      response.on('close', () => upstreamClosed.resolve(performance.now()));
    });
    const clientResponse = deferred<IncomingMessage>();
    const client = httpRequest(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, clientResponse.resolve);
    client.on('error', () => {});
    client.end(JSON.stringify(chatBody()));
    const response = await clientResponse.promise;
    await new Promise((resolve) => response.once('data', resolve));
    const disconnectedAt = performance.now();
    client.destroy();
    const closedAt = await within(upstreamClosed.promise, 100, 'upstream seeing the disconnect');
    assert.ok(closedAt >= disconnectedAt);
  });

  it('aborts the upstream request when the client disconnects before upstream answers', async () => {
    const upstreamClosed = deferred();
    const requestArrived = deferred();
    const { proxy } = await proxyInFrontOf((response) => {
      response.on('close', () => upstreamClosed.resolve());
      requestArrived.resolve();
    });
    const abort = new AbortController();
    const pending = postChat(proxy.url, chatBody(), {}, abort.signal).catch((error: Error) => error);
    await requestArrived.promise;
    abort.abort();
    assert.equal((await pending as Error).name, 'AbortError');
    await within(upstreamClosed.promise, 100, 'upstream seeing the disconnect');
  });

  it('ends a silent stream after the idle timeout with an OpenRouter-shaped error event and no [DONE]', async () => {
    const upstreamClosed = deferred();
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(FIRST_FRAME);
      response.on('close', () => upstreamClosed.resolve());
    }, { idleTimeoutMs: 100 });
    const text = await (await postChat(proxy.url)).text();
    const parsed = parseEventStream(text);
    assert.ok(text.startsWith(FIRST_FRAME));
    assert.ok(!parsed.data.includes('[DONE]'));
    const last = jsonChunks(parsed).at(-1)!;
    assert.equal(last['error'].code, 504);
    assert.equal(last['choices'][0].finish_reason, 'error');
    await upstreamClosed.promise;
  });

  it('counts keep-alive comments as activity', async () => {
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let comments = 0;
      const timer = setInterval(() => {
        comments += 1;
        if (comments < 6) return void response.write(': OPENROUTER PROCESSING\n\n');
        clearInterval(timer);
        response.end(FIRST_FRAME + LAST_FRAMES);
      }, 100);
      // Six 100 ms gaps outlast the 400 ms idle timeout only if the comments count; each gap
      // leaves it 300 ms of slack, so a busy machine does not make the test flaky.
    }, { idleTimeoutMs: 400 });
    const parsed = parseEventStream(await (await postChat(proxy.url)).text());
    assert.equal(parsed.comments.length, 5);
    assert.equal(parsed.data.at(-1), '[DONE]');
  });

  it('does not count a client that reads slowly as upstream silence', async () => {
    // 16 MiB, far more than the sockets hold: while the client reads nothing, the proxy waits
    // for it with upstream ready to send, for three times the idle timeout. (Once the client
    // reads, upstream answers at once: 400 ms of idle timeout leave a busy machine slack.)
    const { proxy } = await proxyInFrontOf(floodingUpstream(1024, LAST_FRAMES).respond, { idleTimeoutMs: 400 });
    const parsed = parseEventStream(await readAfterPause(proxy.url, 1200));
    assert.equal(parsed.data.length, 1024 + 2);
    assert.equal(parsed.data.at(-1), '[DONE]');
    assert.ok(jsonChunks(parsed).every((chunk) => !('error' in chunk)));
  });

  it('ends without an error event when the silence falls mid-event, so no event is corrupted', async () => {
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(FIRST_FRAME + 'data: {"choi');
    }, { idleTimeoutMs: 100 });
    assert.equal(await (await postChat(proxy.url)).text(), `${FIRST_FRAME}data: {"choi`);
  });

  it('tells an event boundary by the bytes before the last chunk too', async () => {
    // The last chunk is one LF either way: after a blank-line-less half event it ends only a
    // line (an error event there would be glued to the half event), after a whole line it
    // ends the event.
    for (const [before, boundary] of [[`${FIRST_FRAME}data: {"choi`, false], [FIRST_FRAME.slice(0, -1), true]] as const) {
      const { proxy } = await proxyInFrontOf((response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        // The LF 30 ms later: a chunk of its own, with 370 ms of slack before the timeout.
        response.write(before, () => setTimeout(() => response.write('\n'), 30));
      }, { idleTimeoutMs: 400 });
      const text = await (await postChat(proxy.url)).text();
      if (!boundary) assert.equal(text, `${before}\n`);
      else {
        assert.ok(text.startsWith(`${before}\n`));
        assert.equal(jsonChunks(parseEventStream(text)).at(-1)!['error'].code, 504);
      }
    }
  });

  it('ends with a 502 error event when upstream breaks off mid-stream', async () => {
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(FIRST_FRAME, () => setTimeout(() => response.destroy(), 20));
    });
    const parsed = parseEventStream(await (await postChat(proxy.url)).text());
    assert.equal(jsonChunks(parsed).at(-1)!['error'].code, 502);
    assert.ok(!parsed.data.includes('[DONE]'));
  });

  it('passes a stream that ends without [DONE] through as it is, adding nothing', async () => {
    const { proxy } = await proxyInFrontOf((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(FIRST_FRAME);
    });
    assert.equal(await (await postChat(proxy.url)).text(), FIRST_FRAME);
  });
});

describe('the Node adapter with an event stream', { timeout: 5000 }, () => {
  /**
   * Serves a fetched event stream as it is. Upstream ends its body by closing the connection,
   * so the fetched response has no length or chunking of its own, and its headers are
   * immutable: the adapter must mark a copy.
   */
  async function passThrough(): Promise<RunningServer> {
    const upstream = createServer((socket) => {
      socket.once('data', () => {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nx-generation-id: gen-1\r\nconnection: close\r\n\r\n${FIRST_FRAME}${LAST_FRAMES}`);
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    const server = await listen(toNodeListener(() => fetch(`http://127.0.0.1:${port}/`)));
    servers.push(server, { close: () => new Promise<void>((resolve) => upstream.close(() => resolve())) });
    return server;
  }

  it('sends it to an HTTP/1.1 client chunked as it comes, headers kept', async () => {
    const server = await passThrough();
    const result = await rawRequest(server.url, 'GET / HTTP/1.1\r\nhost: 127.0.0.1');
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('transfer-encoding'), 'chunked');
    assert.equal(result.headers.get('x-generation-id'), 'gen-1');
    assert.match(result.body, /^[0-9a-f]+\r\n/, 'chunk-framed');
    assert.ok(result.body.includes(FIRST_FRAME) && result.body.includes(LAST_FRAMES));
  });

  it('sends it to an HTTP/1.0 client, which knows no chunks, delimited by the connection closing', async () => {
    const server = await passThrough();
    const result = await rawRequest(server.url, 'GET / HTTP/1.0\r\nhost: 127.0.0.1');
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('transfer-encoding'), null);
    assert.equal(result.body, FIRST_FRAME + LAST_FRAMES);
  });
});
