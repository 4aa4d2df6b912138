/**
 * The Node adapter's own upstream fetch (`src/server/node-fetch.ts`), on real loopback
 * sockets: by itself, and as the fetch `createNodeHandler` uses by default.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nodeFetch } from '../../src/server/node-fetch.js';
import { listen, type RunningServer } from '../../src/server/node.js';
import { deferred, within } from './helpers/async.js';
import { assertJsonError, type HttpResult } from './helpers/http.js';
import { chatBody, postChat, respondWith, startProxy, startUpstream, type TestUpstream } from './helpers/servers.js';

/** The proxy's answer, read to the end, for `assertJsonError`. */
async function result(response: Response): Promise<HttpResult> {
  return { status: response.status, headers: response.headers, body: await response.text(), ms: 0 };
}

/** A loopback URL nothing listens on: a port just freed. */
async function deadUrl(): Promise<string> {
  const server = await listen((_, response) => response.end());
  await server.close();
  return server.url;
}

describe('nodeFetch', () => {
  it('sends the method, headers and body, and returns status and headers as sent', async () => {
    const upstream = await startUpstream((response) => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.writeHead(201, 'Made', { 'content-type': 'text/plain', 'x-generation-id': 'gen-7' });
      response.end('done');
    });
    try {
      const response = await nodeFetch(`${upstream.url}/chat/completions?x=1`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'X-Title': 'Shop' },
        body: 'héllo',
      });
      assert.equal(response.status, 201);
      assert.equal(response.statusText, 'Made');
      assert.equal(response.headers.get('x-generation-id'), 'gen-7');
      assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
      assert.equal(await response.text(), 'done');
      const seen = upstream.requests[0]!;
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, '/chat/completions?x=1');
      assert.equal(seen.headers['authorization'], 'Bearer k');
      assert.equal(seen.headers['x-title'], 'Shop');
      assert.equal(seen.headers['content-length'], String(Buffer.byteLength('héllo')));
      assert.equal(seen.body, 'héllo');
    } finally {
      await upstream.close();
    }
  });

  it('reuses one upstream connection for requests in turn', async () => {
    const ports: Array<number | undefined> = [];
    const upstream = await startUpstream((response, _recorded, request) => {
      ports.push(request.socket.remotePort);
      response.end('ok');
    });
    try {
      for (let count = 0; count < 3; count++) await (await nodeFetch(upstream.url, { method: 'POST', body: '{}' })).text();
      assert.equal(new Set(ports).size, 1, `client ports ${ports.join(', ')}`);
    } finally {
      await upstream.close();
    }
  });

  it('hands each chunk over as it arrives, while upstream holds the rest', async () => {
    const release = deferred();
    const upstream = await startUpstream((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      void release.promise.then(() => response.end('data: last\n\n'));
    });
    try {
      const response = await nodeFetch(upstream.url, { method: 'POST', body: '{}' });
      const reader = response.body!.getReader();
      const first = await within(reader.read(), 5000, 'the first chunk while upstream holds the rest');
      assert.equal(new TextDecoder().decode(first.value), 'data: first\n\n');
      release.resolve();
      let rest = '';
      for (let read = await reader.read(); !read.done; read = await reader.read()) rest += new TextDecoder().decode(read.value);
      assert.equal(rest, 'data: last\n\n');
    } finally {
      release.resolve();
      await upstream.close();
    }
  });

  it('stops reading from upstream while the body goes unread', async () => {
    const total = 32 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    const upstream = await startUpstream((response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const pump = (): void => {
        while (written < total) {
          written += chunk.byteLength;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    try {
      const response = await nodeFetch(upstream.url, { method: 'POST', body: '{}' });
      // Long enough for loopback to carry all 32 MiB, were the body read into memory unasked.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(written < total, `upstream wrote all ${written} bytes with nobody reading`);
      const reader = response.body!.getReader();
      let received = 0;
      for (let read = await reader.read(); !read.done; read = await reader.read()) received += read.value.byteLength;
      assert.equal(received, total);
    } finally {
      await upstream.close();
    }
  });

  it('closes the upstream connection at once on abort, before and after the headers', async () => {
    const arrived = deferred();
    const closed = [deferred(), deferred()];
    let seen = 0;
    const upstream = await startUpstream((response, _recorded, request) => {
      const upstreamClosed = closed[seen++]!;
      request.socket.once('close', () => upstreamClosed.resolve());
      // The first request never gets its headers; the second gets headers and one chunk.
      if (seen === 1) arrived.resolve();
      else {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: first\n\n');
      }
    });
    try {
      const beforeHeaders = new AbortController();
      const pending = nodeFetch(upstream.url, { method: 'POST', body: '{}', signal: beforeHeaders.signal });
      await arrived.promise;
      beforeHeaders.abort();
      await assert.rejects(pending, { name: 'AbortError' });
      await within(closed[0]!.promise, 100, 'upstream seeing the abort before headers');

      const midBody = new AbortController();
      const response = await nodeFetch(upstream.url, { method: 'POST', body: '{}', signal: midBody.signal });
      const reader = response.body!.getReader();
      await reader.read();
      midBody.abort();
      await assert.rejects(reader.read(), { name: 'AbortError' });
      await within(closed[1]!.promise, 100, 'upstream seeing the abort mid-body');
    } finally {
      await upstream.close();
    }
  });

  it('closes the upstream connection when the body is cancelled', async () => {
    const closed = deferred();
    const upstream = await startUpstream((response, _recorded, request) => {
      request.socket.once('close', () => closed.resolve());
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
    });
    try {
      const response = await nodeFetch(upstream.url, { method: 'POST', body: '{}' });
      await response.body!.cancel();
      await within(closed.promise, 100, 'upstream seeing the cancel');
    } finally {
      await upstream.close();
    }
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startUpstream();
    const upstream = await startUpstream(respondWith(307, '', { location: `${elsewhere.url}/steal` }));
    try {
      const response = await nodeFetch(upstream.url, { method: 'POST', body: '{}', redirect: 'manual' });
      assert.equal(response.status, 307);
      assert.equal(response.headers.get('location'), `${elsewhere.url}/steal`);
      await response.text();
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await upstream.close();
      await elsewhere.close();
    }
  });

  it('rejects with TypeError("fetch failed") when nothing listens', async () => {
    await assert.rejects(nodeFetch(await deadUrl(), { method: 'POST', body: '{}' }), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(error.message, 'fetch failed');
      assert.equal((error.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('refuses what it does not implement instead of half-doing it', async () => {
    await assert.rejects(nodeFetch(new Request('http://127.0.0.1:1/')), TypeError);
    await assert.rejects(nodeFetch('http://127.0.0.1:1/', { method: 'POST', body: new Blob(['x']) }), TypeError);
    await assert.rejects(nodeFetch('file:///etc/passwd'), TypeError);
  });
});

describe('createNodeHandler with its default fetch', () => {
  let elsewhere: TestUpstream;
  let redirecting: TestUpstream;
  let proxy: RunningServer;

  before(async () => {
    elsewhere = await startUpstream();
    redirecting = await startUpstream(respondWith(302, '', { location: `${elsewhere.url}/chat/completions` }));
    proxy = await startProxy(redirecting.url);
  });
  after(async () => {
    await proxy.close();
    await redirecting.close();
    await elsewhere.close();
  });

  it('answers 502 for a redirect, and the key goes nowhere else', async () => {
    assertJsonError(await result(await postChat(proxy.url, chatBody())), 502);
    assert.equal(redirecting.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('answers 502 when upstream is unreachable', async () => {
    const unreachable = await startProxy(await deadUrl());
    try {
      assert.equal(assertJsonError(await result(await postChat(unreachable.url, chatBody())), 502), 'Could not reach OpenRouter.');
    } finally {
      await unreachable.close();
    }
  });
});
