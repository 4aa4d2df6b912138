import { expect } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import { ChatStreamError, streamChat, type ChatStreamChunk, type StreamChatOptions } from '../../../src/stream/chat-stream.js';
import {
  CHAT_ENDPOINT,
  DONE,
  KEEPALIVE,
  answerEvents,
  contentEvent,
  dataEvent,
  dripHalves,
  finishEvent,
  jsonErrorResponse,
  openSseStream,
  reasoningEvent,
  serveChat,
  sseResponse,
  usageEvent,
  utf8,
} from '../helpers/sse-mock.js';

const BODY = { model: 'test/model', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };

interface Outcome {
  chunks: ChatStreamChunk[];
  error?: unknown;
}

/** Runs a stream to its end and keeps what it yielded and how it ended. */
async function run(options: Partial<StreamChatOptions> = {}): Promise<Outcome> {
  const chunks: ChatStreamChunk[] = [];
  try {
    for await (const chunk of streamChat({ endpoint: CHAT_ENDPOINT, body: BODY, ...options })) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

function textOf(chunks: ChatStreamChunk[], type: 'content' | 'reasoning' = 'content'): string {
  return chunks.map((chunk) => (chunk.type === type ? chunk.text : '')).join('');
}

function streamError(outcome: Outcome): ChatStreamError {
  expect(outcome.error, 'the stream should fail').to.be.instanceOf(ChatStreamError);
  return outcome.error as ChatStreamError;
}

describe('streamChat', () => {
  it('POSTs the body as JSON, without an Authorization header', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    await run({ body: { ...BODY, temperature: 0.3 } });
    expect(endpoint.requests).to.have.length(1);
    const [request] = endpoint.requests;
    expect(request.body).to.deep.equal({ ...BODY, temperature: 0.3 });
    expect(request.headers.get('content-type')).to.equal('application/json');
    expect(request.headers.has('authorization')).to.equal(false);
  });

  it('refuses an Authorization header without sending anything', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['ok'])));
    const error = streamError(await run({ headers: { Authorization: 'Bearer sk-or-secret' } }));
    expect(error.kind).to.equal('invalid-request');
    expect(endpoint.requests).to.have.length(0);
  });

  it('yields content, finish and usage, and ends at [DONE]', async () => {
    await serveChat(() => sseResponse(answerEvents(['Hel', 'lo'], 'length')));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(chunks).to.deep.equal([
      { type: 'content', text: 'Hel' },
      { type: 'content', text: 'lo' },
      { type: 'finish', finishReason: 'length', model: 'test/model' },
      { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
  });

  it('joins an event whose JSON is split across network chunks', async () => {
    const event = contentEvent('split in the middle');
    const cut = event.indexOf('middle');
    await serveChat(() => sseResponse([event.slice(0, cut), event.slice(cut), finishEvent(), DONE]));
    expect(textOf((await run()).chunks)).to.equal('split in the middle');
  });

  it('reads many events from one network chunk', async () => {
    await serveChat(() => sseResponse([answerEvents(['a', 'b', 'c', 'd']).join('')]));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(textOf(chunks)).to.equal('abcd');
  });

  it('reads CRLF line endings, even with a CRLF split between chunks', async () => {
    const crlf = answerEvents(['one ', 'two']).join('').replaceAll('\n', '\r\n');
    const cut = crlf.indexOf('\r\n') + 1;
    await serveChat(() => sseResponse([crlf.slice(0, cut), crlf.slice(cut)]));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(textOf(chunks)).to.equal('one two');
  });

  it('reports keep-alive comments before and between data without mistaking them for data', async () => {
    await serveChat(() => sseResponse([KEEPALIVE, KEEPALIVE, contentEvent('a'), KEEPALIVE, ...answerEvents(['b'])]));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(textOf(chunks)).to.equal('ab');
    expect(chunks.filter((chunk) => chunk.type === 'keepalive')).to.deep.equal([
      { type: 'keepalive', comment: 'OPENROUTER PROCESSING' },
      { type: 'keepalive', comment: 'OPENROUTER PROCESSING' },
      { type: 'keepalive', comment: 'OPENROUTER PROCESSING' },
    ]);
  });

  it('stops at [DONE]: ignores what follows and cancels the body', async () => {
    const stream = openSseStream([contentEvent('kept'), DONE, contentEvent('ignored')]);
    await serveChat(() => stream.response);
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(textOf(chunks)).to.equal('kept');
    await stream.cancelled;
    expect(stream.isCancelled).to.equal(true);
  });

  it('keeps an emoji whose UTF-8 bytes are split across network chunks', async () => {
    const bytes = utf8(contentEvent('🦊 fox'));
    const cut = utf8('data: {"id":"gen-test","object":"chat.completion.chunk","created":1,"model":"test/model","choices":[{"index":0,"delta":{"content":"').length + 2;
    await serveChat(() => sseResponse([bytes.slice(0, cut), bytes.slice(cut), finishEvent(), DONE]));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(textOf(chunks)).to.equal('🦊 fox');
  });

  it('yields reasoning, from the plain field and from reasoning_details', async () => {
    const details = dataEvent({
      choices: [{ index: 0, delta: { reasoning_details: [{ type: 'reasoning.text', text: ' then' }, { type: 'reasoning.encrypted', data: 'x' }] } }],
    });
    await serveChat(() => sseResponse([reasoningEvent('First'), details, ...answerEvents(['answer'])]));
    const { chunks } = await run();
    expect(textOf(chunks, 'reasoning')).to.equal('First then');
    expect(textOf(chunks)).to.equal('answer');
  });

  it('completes when the body ends after a finish reason without [DONE]', async () => {
    await serveChat(() => sseResponse([contentEvent('done'), finishEvent('stop'), usageEvent({ total_tokens: 1 })]));
    const { chunks, error } = await run();
    expect(error).to.equal(undefined);
    expect(chunks.at(-1)).to.deep.equal({ type: 'usage', usage: { total_tokens: 1 } });
  });

  describe('after the finish reason, the answer is whole', () => {
    it('completes when the connection is lost before the usage and [DONE]', async () => {
      const stream = openSseStream([contentEvent('all '), contentEvent('said'), finishEvent('stop')]);
      await serveChat(() => stream.response);
      const chunks: ChatStreamChunk[] = [];
      for await (const chunk of streamChat({ endpoint: CHAT_ENDPOINT, body: BODY })) {
        chunks.push(chunk);
        if (chunk.type === 'finish') stream.fail();
      }
      expect(textOf(chunks)).to.equal('all said');
      expect(chunks.at(-1)).to.deep.include({ type: 'finish', finishReason: 'stop' });
    });

    it('completes when a proxy reports the upstream lost before the usage and [DONE]', async () => {
      const upstreamLost = dataEvent({
        error: { code: 502, message: 'The connection to OpenRouter was lost.' },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      });
      await serveChat(() => sseResponse([contentEvent('all said'), finishEvent('stop'), upstreamLost]));
      const outcome = await run();
      expect(outcome.error).to.equal(undefined);
      expect(textOf(outcome.chunks)).to.equal('all said');
    });

    it('still fails on a stream that breaks the format after the finish reason', async () => {
      await serveChat(() => sseResponse([contentEvent('all said'), finishEvent('stop'), 'data: {not json\n\n']));
      expect(streamError(await run()).kind).to.equal('invalid-json');
    });

    it('completes when the server goes silent instead of closing', async () => {
      const stream = openSseStream([contentEvent('all said'), finishEvent('stop')]);
      await serveChat(() => stream.response);
      const outcome = await run({ idleTimeoutMs: 50 });
      expect(outcome.error).to.equal(undefined);
      expect(textOf(outcome.chunks)).to.equal('all said');
      await stream.cancelled;
    });
  });

  describe('HTTP errors', () => {
    for (const [status, words] of [
      [401, /API key/],
      [402, /out of credits/],
      [429, /Too many requests/],
    ] as const) {
      it(`reads OpenRouter's JSON error for ${status}`, async () => {
        await serveChat(() => jsonErrorResponse(status, `upstream says ${status}`));
        const error = streamError(await run());
        expect(error.kind).to.equal('http');
        expect(error.status).to.equal(status);
        expect(error.code).to.equal(status);
        expect(error.message).to.match(words);
        expect(error.message).to.contain(`upstream says ${status}`);
      });
    }

    it('says how long to wait when a 429 carries Retry-After', async () => {
      await serveChat(() => jsonErrorResponse(429, 'Rate limit exceeded', { 'retry-after': '30' }));
      const error = streamError(await run());
      expect(error.retryAfter).to.equal(30);
      expect(error.message).to.contain('wait 30 seconds');
    });

    for (const [name, retryAfter] of [
      ['a date in the past', new Date(Date.now() - 60_000).toUTCString()],
      ['0 seconds', '0'],
    ]) {
      it(`asks for a wait of at least 1 second when Retry-After is ${name}`, async () => {
        await serveChat(() => jsonErrorResponse(429, 'Rate limit exceeded', { 'retry-after': retryAfter }));
        const error = streamError(await run());
        expect(error.retryAfter).to.equal(1);
        expect(error.message).to.contain('wait 1 second and').and.not.contain('0 seconds');
      });
    }

    // The proxy's own refusals: nothing to do with moderation.
    for (const said of ['This origin may not use this chat endpoint.', 'model "openai/gpt-4o" is not allowed by this server.']) {
      it(`describes a 403 as refused, without blaming moderation, when the server said: ${said}`, async () => {
        await serveChat(() => jsonErrorResponse(403, said));
        const { message } = streamError(await run());
        expect(message).to.equal(`The server refused this request. The server answered 403 Forbidden. It said: “${said}”`);
      });
    }

    it('names moderation for a 403 only when the server says the input was flagged', async () => {
      const said = 'openai/gpt-4o requires moderation on OpenAI. Your input was flagged for "harassment".';
      await serveChat(() => jsonErrorResponse(403, said));
      const { message } = streamError(await run());
      expect(message).to.equal(`The message was flagged by moderation, so the server refused it. The server answered 403 Forbidden. It said: “${said}”`);
    });

    it('describes a gateway HTML page without quoting its HTML', async () => {
      await serveChat(
        () =>
          new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html' },
          }),
      );
      const error = streamError(await run());
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(502);
      expect(error.code).to.equal(undefined);
      expect(error.message).to.contain('The server answered 502 Bad Gateway');
      expect(error.message).not.to.contain('<');
    });

    it('refuses a 2xx answer that is not an event stream', async () => {
      await serveChat(() => HttpResponse.json({ choices: [] }));
      const error = streamError(await run());
      expect(error.kind).to.equal('not-event-stream');
      expect(error.message).to.contain('application/json');
    });

    it('reports a failed connection as a network error', async () => {
      await serveChat(() => HttpResponse.error());
      expect(streamError(await run()).kind).to.equal('network');
    });
  });

  describe('errors inside the stream', () => {
    for (const code of [502, 'server_error']) {
      it(`ends with a midstream error carrying code ${JSON.stringify(code)}, after the partial answer`, async () => {
        const errorChunk = dataEvent({
          choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
          error: { code, message: 'Provider disconnected', metadata: { error_type: 'provider_error' } },
        });
        await serveChat(() => sseResponse([contentEvent('partial '), errorChunk, DONE]));
        const outcome = await run();
        const error = streamError(outcome);
        expect(error.kind).to.equal('midstream');
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(undefined);
        expect(error.message).to.contain('Provider disconnected');
        expect(textOf(outcome.chunks)).to.equal('partial ');
      });
    }

    it('keeps the words an error chunk carries, then fails', async () => {
      const errorChunk = dataEvent({
        choices: [{ index: 0, delta: { content: 'last words' }, finish_reason: 'error' }],
        error: { code: 502, message: 'Provider disconnected' },
      });
      await serveChat(() => sseResponse([contentEvent('partial, '), errorChunk]));
      const outcome = await run();
      expect(streamError(outcome).kind).to.equal('midstream');
      expect(textOf(outcome.chunks)).to.equal('partial, last words');
    });

    it('reports a connection lost mid-answer as a network error, after the partial answer', async () => {
      const stream = openSseStream([contentEvent('half an ')]);
      await serveChat(() => stream.response);
      const chunks: ChatStreamChunk[] = [];
      let failure: unknown;
      try {
        for await (const chunk of streamChat({ endpoint: CHAT_ENDPOINT, body: BODY })) {
          chunks.push(chunk);
          stream.fail();
        }
      } catch (error) {
        failure = error;
      }
      expect(streamError({ chunks, error: failure }).kind).to.equal('network');
      expect(textOf(chunks)).to.equal('half an ');
    });

    it('treats finish_reason "error" without an error object as an error', async () => {
      await serveChat(() => sseResponse([contentEvent('x'), finishEvent('error'), DONE]));
      expect(streamError(await run()).kind).to.equal('midstream');
    });

    it('reports a stream that ends with no finish reason and no [DONE] as truncated', async () => {
      await serveChat(() => sseResponse([contentEvent('cut '), contentEvent('off')]));
      const outcome = await run();
      expect(streamError(outcome).kind).to.equal('truncated');
      expect(textOf(outcome.chunks)).to.equal('cut off');
    });

    it('names a data event that is not JSON, after the partial answer', async () => {
      await serveChat(() => sseResponse([contentEvent('fine'), 'data: {not json\n\n', DONE]));
      const outcome = await run();
      const error = streamError(outcome);
      expect(error.kind).to.equal('invalid-json');
      expect(error.message).to.contain('{not json');
      expect(textOf(outcome.chunks)).to.equal('fine');
    });

    it('gives up on an event larger than the limit', async () => {
      await serveChat(() => sseResponse([contentEvent('x'.repeat(500)), DONE]));
      expect(streamError(await run({ maxEventSize: 100 })).kind).to.equal('oversize-event');
    });

    it('keeps a healthy stream whose reads end mid-event, however long it lasts', async () => {
      // Every other read completes no event, so the read loop waits again at once: each wait
      // must own its timer, or an earlier read's late cleanup clears the wrong one.
      const stream = openSseStream();
      await serveChat(() => stream.response);
      const pieces = Array.from({ length: 15 }, (_, index) => contentEvent(`piece ${index}. `));
      const pushing = dripHalves(stream, pieces, 50, [finishEvent('stop'), DONE]);
      const outcome = await run({ idleTimeoutMs: 300 });
      await pushing;
      expect(outcome.error).to.equal(undefined);
      expect(textOf(outcome.chunks)).to.equal(pieces.map((_, index) => `piece ${index}. `).join(''));
    });

    it('still gives up on a server that goes silent after reads that ended mid-event', async () => {
      const stream = openSseStream();
      await serveChat(() => stream.response);
      const event = contentEvent('half and half');
      const cut = Math.floor(event.length / 2);
      const started = performance.now();
      setTimeout(() => stream.push(event.slice(0, cut)), 20);
      setTimeout(() => stream.push(event.slice(cut)), 40);
      const outcome = await run({ idleTimeoutMs: 300 });
      const elapsed = performance.now() - started;
      expect(streamError(outcome).kind).to.equal('idle-timeout');
      expect(textOf(outcome.chunks)).to.equal('half and half');
      // The timeout counts from the last byte (at 40 ms), never from the first read alone.
      expect(elapsed).to.be.within(300, 1500);
      await stream.cancelled;
    });

    it('gives up when the server goes silent past the idle timeout', async () => {
      const stream = openSseStream([contentEvent('waiting')]);
      await serveChat(() => stream.response);
      const outcome = await run({ idleTimeoutMs: 50 });
      expect(streamError(outcome).kind).to.equal('idle-timeout');
      expect(textOf(outcome.chunks)).to.equal('waiting');
      await stream.cancelled;
    });
  });

  it('ends with an AbortError and hangs up on the server when the signal aborts', async () => {
    const stream = openSseStream([contentEvent('before stop')]);
    await serveChat(() => stream.response);
    const abort = new AbortController();
    const chunks: ChatStreamChunk[] = [];
    let failure: unknown;
    try {
      for await (const chunk of streamChat({ endpoint: CHAT_ENDPOINT, body: BODY, signal: abort.signal })) {
        chunks.push(chunk);
        abort.abort();
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(DOMException);
    expect((failure as DOMException).name).to.equal('AbortError');
    expect(textOf(chunks)).to.equal('before stop');
    await stream.cancelled;
    expect(stream.isCancelled).to.equal(true);
  });
});
