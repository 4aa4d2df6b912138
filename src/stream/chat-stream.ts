/**
 * The chat request as a stream of typed chunks: POST the body, check the response, decode
 * the bytes, parse the event stream, read each OpenRouter chunk. Knows HTTP and the chunk
 * shape; knows nothing about the DOM.
 *
 * @module
 */
import { readChatChunk, type ChatStreamChunk } from './chat-chunk.js';
import { ChatStreamError } from './chat-stream-error.js';
import { createSseParser, type SseEvent } from '../sse/parser.js';
import type { ChatRequestBody } from '../types.js';

export type { ChatStreamChunk } from './chat-chunk.js';
export { ChatStreamError, type ChatStreamErrorKind } from './chat-stream-error.js';

/** Two minutes: long enough for a slow model's first token, short enough to not hang forever. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** What {@link streamChat} needs. */
export interface StreamChatOptions {
  /** The proxy URL the body is POSTed to. */
  endpoint: string;
  /** The request body; `stream: true` is part of it. */
  body: ChatRequestBody;
  /** Aborting it cancels the request and the read; the generator then throws the abort reason. */
  signal?: AbortSignal;
  /**
   * Extra request headers (e.g. a CSRF token). An `Authorization` header is refused: the
   * browser must never hold the API key, the proxy adds it.
   */
  headers?: HeadersInit;
  /**
   * Gives up with an `idle-timeout` error when no byte arrives for this long while waiting
   * for the server (keep-alive comments count). Default {@link DEFAULT_IDLE_TIMEOUT_MS};
   * `0` turns it off.
   */
  idleTimeoutMs?: number;
  /** The largest single event accepted, in UTF-16 code units; default the parser's (4 MiB). */
  maxEventSize?: number;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
}

/**
 * Streams one chat answer.
 *
 * @returns typed chunks in arrival order; the generator ends after `[DONE]`, or when the
 * body ends, the connection drops or the server goes silent after a `finish_reason`.
 * @throws {ChatStreamError} for every failure, HTTP or in the stream.
 * @throws the signal's abort reason (an `AbortError` `DOMException` for a plain `abort()`)
 * when `signal` aborts.
 */
export async function* streamChat(options: StreamChatOptions): AsyncGenerator<ChatStreamChunk, void, undefined> {
  const headers = buildHeaders(options.headers);
  options.signal?.throwIfAborted();

  // One controller for this connection: the caller's abort and the idle timeout both end it.
  const connection = new AbortController();
  const forwardAbort = () => connection.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  const idle = createIdleTimer(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () =>
    connection.abort(
      new ChatStreamError('idle-timeout', 'The server stopped responding, so the answer was given up. Please try again.'),
    ),
  );
  const fetchImpl = options.fetch ?? globalThis.fetch;

  try {
    const response = await idle.watch(
      fetchImpl(options.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(options.body),
        signal: connection.signal,
      }),
      connection.signal,
    ).catch((error: unknown) => {
      throw explain(error, connection.signal, 'Could not reach the chat server. Check your connection and try again.');
    });

    if (!response.ok) throw await httpError(response);
    const contentType = response.headers.get('content-type') ?? '';
    if (!/^\s*text\/event-stream\b/i.test(contentType) || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new ChatStreamError(
        'not-event-stream',
        `The chat server answered with ${contentType.split(';')[0] || 'no content type'} instead of a stream of events (text/event-stream). Is the endpoint a chat proxy?`,
      );
    }
    yield* readEventStream(response.body, connection.signal, idle, options.maxEventSize);
  } finally {
    idle.stop();
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * The error for a response the server refused. Reading its body and choosing the advice is
 * needed only when a request fails, so that code is a file of its own, loaded then (every
 * build leaves this import pointing at `openrouter-chat-http-error.js`, see vite.config.ts);
 * should it not load, the error still carries the status.
 */
async function httpError(response: Response): Promise<ChatStreamError> {
  const { status } = response;
  const facts = await import('./http-error.js').then(
    ({ describeHttpError }) => describeHttpError(response),
    () => ({ message: `The request failed. The server answered ${status}.`, code: undefined, retryAfter: undefined }),
  );
  return new ChatStreamError('http', facts.message, { status, code: facts.code, retryAfter: facts.retryAfter });
}

async function* readEventStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  idle: IdleTimer,
  maxEventSize: number | undefined,
): AsyncGenerator<ChatStreamChunk, void, undefined> {
  const reader = body.getReader();
  // One decoder for the whole body, in stream mode, so a character split across reads survives.
  const decoder = new TextDecoder('utf-8');
  const pending: ChatStreamChunk[] = [];
  // A failure is held until the chunks parsed before it (maybe in the same read) are yielded,
  // so the partial answer always reaches the consumer.
  let failure: unknown;
  let finished = false;
  let done = false;
  const parser = createSseParser({
    onEvent: (event) => {
      // Events after [DONE] or after a failure are not part of the answer.
      if (done || failure) return;
      try {
        done = readEvent(event, pending);
      } catch (error) {
        failure = error;
      }
    },
    onComment: (comment) => pending.push({ type: 'keepalive', comment }),
    onError: (cause) => {
      failure ??= new ChatStreamError('oversize-event', 'The server sent an event too large to read, so the answer was given up.', { cause });
    },
    maxEventSize,
  });

  let bodyEnded = false;
  try {
    while (!done) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await idle.watch(reader.read(), signal);
      } catch (error) {
        const lost = explain(error, signal, 'The connection was lost while the answer was streaming.');
        if (finished && isLostServer(lost)) break;
        throw lost;
      }
      bodyEnded = read.done;
      parser.feed(read.done ? decoder.decode() : decoder.decode(read.value, { stream: true }));
      for (const chunk of pending) {
        if (chunk.type === 'finish') finished = true;
        yield chunk;
      }
      pending.length = 0;
      if (failure) {
        if (finished && isLostServer(failure)) break;
        throw failure;
      }
      if (bodyEnded) break;
    }
    if (!done && !finished) {
      throw new ChatStreamError('truncated', 'The answer was cut off: the connection closed before the server finished it.');
    }
  } finally {
    // Stops the download after [DONE], on an error, or when the consumer stops iterating.
    if (!bodyEnded) await reader.cancel().catch(() => {});
  }
}

/**
 * Handles one SSE event: `[DONE]` ends the answer; anything else must be a JSON chunk.
 * @returns true for `[DONE]`.
 */
function readEvent(event: SseEvent, pending: ChatStreamChunk[]): boolean {
  if (event.data === '[DONE]') return true;
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch (cause) {
    const sample = event.data.length > 60 ? `${event.data.slice(0, 60)}…` : event.data;
    throw new ChatStreamError('invalid-json', `The server sent a data event that is not valid JSON: ${JSON.stringify(sample)}.`, { cause });
  }
  readChatChunk(value, pending);
  return false;
}

function buildHeaders(extra: HeadersInit | undefined): Headers {
  const headers = new Headers(extra);
  if (headers.has('authorization')) {
    throw new ChatStreamError(
      'invalid-request',
      'An Authorization header was passed to the chat stream. The browser must never hold the API key: let the proxy add it.',
    );
  }
  headers.set('content-type', 'application/json');
  headers.set('accept', 'text/event-stream');
  return headers;
}

/**
 * Names a failure: an abort by the caller stays an abort (its reason), the idle timeout and
 * our own errors stay what they are, anything else is a network failure.
 */
function explain(error: unknown, signal: AbortSignal, networkMessage: string): unknown {
  if (signal.aborted) return signal.reason;
  if (error instanceof ChatStreamError) return error;
  return new ChatStreamError('network', networkMessage, { cause: error });
}

/**
 * Whether a failure is the server or the network giving out: a lost connection, silence, or
 * the error event a proxy sends for either. After the finish reason, only the usage and
 * [DONE] were still to come, so such a failure takes nothing from the reader, and the answer
 * ends as complete (without usage), as when the body just ends there. The caller's abort and
 * a stream that breaks the format stay failures.
 */
function isLostServer(failure: unknown): boolean {
  return (
    failure instanceof ChatStreamError &&
    (failure.kind === 'network' || failure.kind === 'idle-timeout' || failure.kind === 'midstream')
  );
}

interface IdleTimer {
  /** Waits for `promise`, rejecting early when `signal` aborts; the timer runs meanwhile. */
  watch<T>(promise: Promise<T>, signal: AbortSignal): Promise<T>;
  stop(): void;
}

/**
 * The timer runs only while we wait for the server, not while the consumer holds a chunk,
 * so a slow consumer never counts as a silent server.
 *
 * Each wait owns its timer and clears it in the same callback that settles the wait. The
 * order matters: when a read completes no event, the read loop waits again at once, before
 * any later callback of the previous wait (a `finally`) would run; a timer handle shared by
 * the waits was overwritten there and the late cleanup cleared the new timer, leaving the
 * old one to fire mid-stream while bytes kept coming.
 */
function createIdleTimer(timeoutMs: number, onIdle: () => void): IdleTimer {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    stop() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
    watch(promise, signal) {
      const timer = timeoutMs > 0 ? setTimeout(onIdle, timeoutMs) : undefined;
      if (timer !== undefined) pending.add(timer);
      // Racing the abort makes stop() take effect at once, even with a fetch that ignores signals.
      return new Promise((resolve, reject) => {
        const settle = () => {
          clearTimeout(timer);
          if (timer !== undefined) pending.delete(timer);
          signal.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          settle();
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(
          (value) => {
            settle();
            resolve(value);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
      });
    },
  };
}
