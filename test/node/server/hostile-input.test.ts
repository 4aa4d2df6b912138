/**
 * Hostile input to the proxy, through the Node adapter on real loopback sockets, with the
 * default limits but a 1 MiB body limit (the default, 32 MiB, fits attachments; it has its
 * own tests in proxy-attachment-limits.test.ts). Every case must be refused with a 4xx in
 * OpenRouter's error shape, well within a second, without a single request reaching upstream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../src/server/node.js';
import { assertJsonError, postInPieces, rawRequest, timedFetch, uploadPastTheAnswer, type HttpResult } from '../helpers/http.js';
import { memorySnapshot, mib } from '../helpers/memory.js';
import { chatBody, startProxy, startUpstream, type TestUpstream } from '../helpers/servers.js';

/** Each refusal must come this fast; they are all decided without any upstream call. */
const ANSWER_WITHIN_MS = 1000;
const MIB = 1024 * 1024;
/** The body limit these tests set: small enough that each oversized case is quick. */
const MAX_BODY_BYTES = MIB;
const ALLOWED_ORIGIN = 'https://shop.example';

let upstream: TestUpstream;
let proxy: RunningServer;
let casesTried = 0;

before(async () => {
  upstream = await startUpstream();
  proxy = await startProxy(upstream.url, {
    maxBodyBytes: MAX_BODY_BYTES,
    allowedModels: ['openrouter/auto', 'openai/*', 'anthropic/claude-3.5-sonnet'],
    allowedOrigins: [ALLOWED_ORIGIN],
  });
});
after(async () => {
  assert.equal(upstream.requests.length, 0, 'no hostile request reached upstream');
  console.log(`hostile inputs tried: ${casesTried}, upstream requests: ${upstream.requests.length}`);
  await proxy.close();
  await upstream.close();
});

function post(body: BodyInit, headers: Record<string, string> = {}): Promise<HttpResult> {
  return timedFetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** Asserts a prompt 4xx refusal in the JSON error shape, and counts the case. */
function assertRefused(result: HttpResult, status: number): string {
  casesTried += 1;
  assert.ok(result.ms < ANSWER_WITHIN_MS, `answered in ${result.ms.toFixed(0)} ms`);
  return assertJsonError(result, status);
}

describe('oversized bodies', () => {
  it('413 for a declared 100 MiB body, before reading it', async () => {
    const result = await postInPieces(proxy.url, { totalBytes: 100 * MIB, pieceBytes: 16 * 1024, pauseMs: 1, declareLength: true });
    assertRefused(result, 413);
    assert.ok(result.bytesSentBeforeAnswer <= 64 * 1024, `answered after ${result.bytesSentBeforeAnswer} bytes`);
  });

  it('413 for a chunked body with no content-length, once it passes the limit', async () => {
    const result = await postInPieces(proxy.url, { totalBytes: 100 * MIB, pieceBytes: 256 * 1024, pauseMs: 0, declareLength: false });
    assertRefused(result, 413);
    // Unpaced, the client writes ahead of what the proxy has read; far short of 100 MiB is the point.
    assert.ok(result.bytesSentBeforeAnswer < 8 * MIB, `answered after ${result.bytesSentBeforeAnswer} bytes`);
  });

  it('413 for a 100 MiB body sent slowly in small pieces, as soon as the limit is passed, in bounded memory', async () => {
    const before = await memorySnapshot();
    // 16 KiB every 2 ms: the whole 100 MiB would take minutes, so an answer in about a
    // second can only mean the proxy stopped at the limit instead of waiting for the rest.
    const result = await postInPieces(proxy.url, { totalBytes: 100 * MIB, pieceBytes: 16 * 1024, pauseMs: 2, declareLength: false });
    const afterward = await memorySnapshot();
    casesTried += 1;
    assertJsonError(result, 413);
    assert.ok(result.bytesSentBeforeAnswer > MAX_BODY_BYTES, 'the limit was passed');
    assert.ok(result.bytesSentBeforeAnswer < MAX_BODY_BYTES + 64 * 1024, `answered after ${result.bytesSentBeforeAnswer} bytes`);
    assert.ok(result.ms < 5000, `answered in ${result.ms.toFixed(0)} ms`);
    const rssGrowth = afterward.rss - before.rss;
    const heapGrowth = afterward.heapUsed - before.heapUsed;
    console.log(`slow 100 MiB body: 413 after ${mib(result.bytesSentBeforeAnswer)} in ${result.ms.toFixed(0)} ms; RSS ${mib(before.rss)} -> ${mib(afterward.rss)}, heap ${mib(before.heapUsed)} -> ${mib(afterward.heapUsed)}`);
    assert.ok(rssGrowth < 8 * MIB, `RSS grew ${mib(rssGrowth)}`);
    assert.ok(heapGrowth < 2 * MIB, `heap grew ${mib(heapGrowth)}`);
  });

  for (const declareLength of [true, false]) {
    it(`a client that goes on uploading past the 413 (${declareLength ? 'declared length' : 'chunked'}): read on briefly, then the connection is closed`, async () => {
      // 16 MiB a second for 3 s: without a bound the proxy would read it all and keep the
      // connection open to the end.
      const upload = await uploadPastTheAnswer(proxy.url, { declareLength, pieceBytes: 16 * 1024, pauseMs: 1, forMs: 3000 });
      casesTried += 1;
      assert.equal(upload.status, 413);
      assert.ok(upload.closedAfterAnswerMs < 1500, `closed ${upload.closedAfterAnswerMs.toFixed(0)} ms after the answer`);
    });
  }

  it('413 for a body just over the limit sent with fetch', async () => {
    assertRefused(await post(JSON.stringify(chatBody({ padding: 'x'.repeat(MAX_BODY_BYTES) }))), 413);
  });
});

describe('malformed bodies', () => {
  const invalidUtf8: Array<[string, number[]]> = [
    ['a lone 0xff byte', [0xff]],
    ['an overlong slash (0xc0 0xaf)', [0xc0, 0xaf]],
    ['an encoded surrogate (0xed 0xa0 0x80)', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF (0xf4 0x90 0x80 0x80)', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated euro sign (0xe2 0x82)', [0xe2, 0x82]],
    ['a stray continuation byte (0x80)', [0x80]],
  ];
  for (const [name, bytes] of invalidUtf8) {
    it(`400 for invalid UTF-8: ${name} inside a message`, async () => {
      const [head, tail] = JSON.stringify(chatBody({ messages: [{ role: 'user', content: 'AB' }] })).split('AB') as [string, string];
      const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
      assert.match(assertRefused(await post(body), 400), /UTF-8/);
    });
  }

  const depth = 100_000;
  const nested: Array<[string, string]> = [
    ['100k unclosed [', '['.repeat(depth)],
    ['100k nested arrays', `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ['100k nested objects', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
    ['100k nested arrays as messages', `{"messages":${'['.repeat(depth)}${']'.repeat(depth)}}`],
    ['100k nested arrays as content', `{"messages":[{"role":"user","content":${'['.repeat(depth)}${']'.repeat(depth)}}]}`],
    ['100k nested arrays as reasoning', `{"messages":[{"role":"user","content":"Hi"}],"reasoning":${'['.repeat(depth)}${']'.repeat(depth)}}`],
    ['100k nested objects as stop', `{"messages":[{"role":"user","content":"Hi"}],"stop":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`],
  ];
  for (const [name, body] of nested) {
    it(`400 for deeply nested JSON: ${name}`, async () => {
      assertRefused(await post(body), 400);
    });
  }

  const notJson: Array<[string, string]> = [
    ['an empty body', ''],
    ['a truncated object', '{"messages": ['],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['NaN', '{"messages":[{"role":"user","content":"Hi"}],"temperature":NaN}'],
    ['two JSON documents', '{}{}'],
  ];
  for (const [name, body] of notJson) {
    it(`400 for ${name}`, async () => {
      assertRefused(await post(body), 400);
    });
  }
});

describe('sizes', () => {
  const many = (count: number, message: unknown): unknown[] => Array.from({ length: count }, () => message);
  const cases: Array<[string, unknown]> = [
    ['10 000 messages', chatBody({ messages: many(10_000, { role: 'user', content: 'Hi' }) })],
    ['100 000 empty messages', chatBody({ messages: many(100_000, {}) })],
    ['101 messages, one over the default limit', chatBody({ messages: many(101, { role: 'user', content: 'Hi' }) })],
    ['a 900 000-character content', chatBody({ messages: [{ role: 'user', content: 'x'.repeat(900_000) }] })],
    ['a 900 000-character role', chatBody({ messages: [{ role: 'u'.repeat(900_000), content: 'Hi' }] })],
    ['a 900 000-character model id', chatBody({ model: `openai/${'m'.repeat(900_000)}` })],
    ['a 201-character model id', chatBody({ model: `openai/${'m'.repeat(194)}` })],
    ['a 900 000-character fallback model id', chatBody({ models: [`openai/${'m'.repeat(900_000)}`] })],
    ['11 fallback models', chatBody({ models: many(11, 'openai/gpt-4o') })],
    ['5 stop sequences', chatBody({ stop: many(5, 'END') })],
  ];
  for (const [name, body] of cases) {
    it(`400 for ${name}`, async () => {
      const message = assertRefused(await post(JSON.stringify(body)), 400);
      assert.ok(message.length < 500, 'the refusal does not echo the huge value back');
    });
  }
});

describe('wrong types for every field', () => {
  const message = { role: 'user', content: 'Hi' };
  const wrong: Record<string, unknown[]> = {
    model: [42, true, [], {}, '', ['openai/gpt-4o'], { id: 'openai/gpt-4o' }],
    messages: ['Hi', 42, true, {}, [], [null], ['Hi'], [[message]], { 0: message, length: 1 }],
    role: [42, null, true, [], {}, ['user'], 'USER', 'tool', 'function', 'developer', ''],
    content: [42, null, true, {}, [], ['Hi'], [[{ type: 'text', text: 'Hi' }]], [{ type: 'text' }], [{ type: 'image', text: 'Hi' }]],
    temperature: ['1', true, [], {}, -0.1, 2.1, 1e308],
    top_p: ['0.5', true, [], {}, -0.1, 1.1],
    max_tokens: ['100', true, [], {}, 0, -1, 1.5, 1e300, 2 ** 53],
    stop: [42, true, {}, [42], [null], [['END']], ['a', 'b', 'c', 'd', 'e']],
    seed: ['7', true, [], {}, 1.5, 1e300, 2 ** 53],
    reasoning: ['high', 42, true, [], ['high']],
    'reasoning.effort': [42, true, [], {}, 'HIGH', 'extreme', ''],
    'reasoning.max_tokens': ['100', true, 0, -1, 1.5, [], {}],
    'reasoning.exclude': ['true', 1, 0, [], {}, null],
    'reasoning.enabled': ['false', 1, 0, [], {}, null],
    models: ['openai/gpt-4o', 42, true, {}, [], [42], [null], [['openai/gpt-4o']], [''], ['gpt-4o']],
    session_id: [42, true, [], {}, ['id'], '', 'x'.repeat(257), 'id\r\nx-injected: 1', 'id\n', 'id\u0000', 'id\u007f'],
  };
  function bodyWith(field: string, value: unknown): Record<string, unknown> {
    if (field === 'role' || field === 'content') return chatBody({ messages: [{ ...message, [field]: value }] });
    if (field.startsWith('reasoning.')) return chatBody({ reasoning: { [field.slice('reasoning.'.length)]: value } });
    return chatBody({ [field]: value });
  }
  for (const [field, values] of Object.entries(wrong)) {
    it(`400 for a wrong ${field}: ${values.map((value) => JSON.stringify(value)).join(' ')}`, async () => {
      for (const value of values) {
        const result = await post(JSON.stringify(bodyWith(field, value)));
        assert.equal(result.status, 400, `${field}: ${JSON.stringify(value)} -> ${result.body}`);
        assertRefused(result, 400);
      }
    });
  }
});

describe('header injection attempts', () => {
  // A model id is the one value from the body that upstream logs and routes on; the proxy
  // builds every upstream header itself. None of these may pass, whatever the allowlist.
  const injected = [
    'openai/gpt-4o\r\nx-injected: 1',
    'openai/gpt-4o\nx-injected: 1',
    'openai/gpt-4o\rx-injected: 1',
    'openai/gpt-4o\u0000',
    'openai/gpt-4o\u0000\r\n',
    'openai/gpt-4o\u0085x',
    'openai/gpt-4o\u2028x',
    'openai/gpt-4o\u2029x',
    'openai/gpt‐4o',
    'openai/ｇｐｔ-4o',
    'openai/gpt-4ö',
    'openai/gpt-4o\u{1F600}',
    'openai/gpt-4o\ud800',
    'openai/gpt 4o',
    'openai/gpt-4o\t',
    'openai/gpt-4o%0d%0ax-injected:%201',
    'openai/gpt-4o?x=1',
    'openai/gpt-4o#x',
    ' openai/gpt-4o',
  ];
  it(`400 for each of ${injected.length} injection attempts in model and in models`, async () => {
    for (const model of injected) {
      for (const body of [chatBody({ model }), chatBody({ models: ['openai/gpt-4o', model] })]) {
        const result = await post(JSON.stringify(body));
        assert.equal(result.status, 400, `${JSON.stringify(model)} -> ${result.body}`);
        assertRefused(result, 400);
        assert.equal(result.headers.get('x-injected'), null);
      }
    }
  });

  const rawHeaderCases: Array<[string, string]> = [
    ['NUL in Origin', `Origin: ${ALLOWED_ORIGIN}\u0000`],
    ['bare CR in Origin', `Origin: ${ALLOWED_ORIGIN}\rX-Injected: 1`],
    ['bare LF in Origin', `Origin: ${ALLOWED_ORIGIN}\nX-Injected: 1`],
    ['NUL in content-type', 'content-type: application/json\u0000'],
    ['a header name with a space', 'Bad Name: 1'],
  ];
  for (const [name, header] of rawHeaderCases) {
    it(`400 in the JSON shape for ${name}, refused by the HTTP parser`, async () => {
      const result = await rawRequest(proxy.url, `POST / HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n${header}`, JSON.stringify(chatBody()));
      assertRefused(result, 400);
      assert.equal(result.headers.get('x-injected'), null);
    });
  }

  it('431 in the JSON shape for a 64 KiB header block', async () => {
    const result = await rawRequest(proxy.url, `POST / HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\nx-padding: ${'x'.repeat(64 * 1024)}`, JSON.stringify(chatBody()));
    assertRefused(result, 431);
  });

  const badTargets: Array<[string, string]> = [
    ['a userinfo Host', 'POST / HTTP/1.1\r\nHost: user@evil.example'],
    ['a backslash in the path', 'POST /\\evil.example HTTP/1.1\r\nHost: localhost'],
    ['a Host that is no host', 'POST / HTTP/1.1\r\nHost: a b'],
  ];
  for (const [name, head] of badTargets) {
    it(`400 for ${name}`, async () => {
      assertRefused(await rawRequest(proxy.url, `${head}\r\ncontent-type: application/json`, JSON.stringify(chatBody())), 400);
    });
  }

  it('403 for a non-Latin-1 Origin (obs-text bytes), never reflected', async () => {
    const result = await rawRequest(proxy.url, `POST / HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\nOrigin: ${ALLOWED_ORIGIN}\xff`, JSON.stringify(chatBody()));
    assertRefused(result, 403);
    assert.equal(result.headers.get('access-control-allow-origin'), null);
  });
});

describe('disallowed models', () => {
  const models = ['openai2/gpt-4o', 'anthropic/claude-3-opus', 'anthropic/claude-3.5-sonnet:beta', 'google/gemini-pro', '~anthropic/claude-sonnet-latest', 'openrouter/auto:online'];
  it(`403 for ${models.length} models outside the allowlist, in model and in models`, async () => {
    for (const model of models) {
      assert.match(assertRefused(await post(JSON.stringify(chatBody({ model }))), 403), /not allowed/);
      assertRefused(await post(JSON.stringify(chatBody({ models: ['openai/gpt-4o', model] }))), 403);
    }
  });
});

describe('cross-origin requests with an allowlist', () => {
  const foreign = [
    'https://evil.example',
    'null',
    'http://shop.example',
    'https://shop.example:8443',
    'https://shop.example.evil.example',
    'https://evil.example/https://shop.example',
    'https://sub.shop.example',
  ];
  it(`403 for ${foreign.length} foreign origins, on POST and on the preflight, with no CORS headers`, async () => {
    for (const origin of foreign) {
      const posted = await post(JSON.stringify(chatBody()), { origin });
      assertRefused(posted, 403);
      const preflight = await timedFetch(proxy.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assertRefused(preflight, 403);
      for (const result of [posted, preflight]) {
        assert.equal(result.headers.get('access-control-allow-origin'), null, origin);
      }
    }
  });

  it('answers the allowed origin’s preflight without calling upstream', async () => {
    const preflight = await timedFetch(proxy.url, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });

  it('405 for other methods, allowed origin or not; the catalog (GET) 403 for a foreign origin', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      for (const origin of [ALLOWED_ORIGIN, 'https://evil.example']) {
        const result = await timedFetch(proxy.url, { method, headers: { origin }, body: '{}' });
        assertRefused(result, 405);
      }
    }
    assertRefused(await timedFetch(proxy.url, { method: 'GET', headers: { origin: 'https://evil.example' } }), 403);
  });

  it('415 for a body not declared as JSON (a "simple" cross-site form post)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      assertRefused(await post(JSON.stringify(chatBody()), { 'content-type': type }), 415);
    }
  });
});

describe('floods', () => {
  it('a spoofed x-forwarded-for does not dodge the default per-address rate limit, and refusals count too', async () => {
    const limited = await startProxy(upstream.url, { rateLimit: undefined });
    try {
      const statuses: number[] = [];
      for (let count = 0; count < 21; count += 1) {
        // Invalid bodies: the limit is asked before the body is read, so they count.
        const result = await timedFetch(limited.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${count}`, 'x-real-ip': `198.51.100.${count}` },
          body: '{',
        });
        casesTried += 1;
        statuses.push(result.status);
      }
      assert.deepEqual(statuses, [...Array(20).fill(400), 429]);
    } finally {
      await limited.close();
    }
  });

  it('200 concurrent hostile requests are all refused within a few seconds, and the proxy still answers', async () => {
    const bodies = [
      JSON.stringify(chatBody({ padding: 'x'.repeat(MAX_BODY_BYTES) })),
      '['.repeat(100_000),
      JSON.stringify(chatBody({ model: 'openai/gpt-4o\r\nx-injected: 1' })),
      JSON.stringify(chatBody({ messages: Array(1000).fill({ role: 'user', content: 'Hi' }) })),
      JSON.stringify(chatBody({ model: 'google/gemini-pro' })),
    ];
    const startedAt = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => post(bodies[index % bodies.length]!)));
    const seconds = (performance.now() - startedAt) / 1000;
    casesTried += results.length;
    console.log(`200 concurrent hostile requests refused in ${seconds.toFixed(2)} s`);
    assert.deepEqual([...new Set(results.map((result) => result.status))].sort(), [400, 403, 413]);
    assert.ok(seconds < 10, `took ${seconds.toFixed(1)} s`);
    assertRefused(await post(JSON.stringify(chatBody({ model: 42 }))), 400);
  });
});
