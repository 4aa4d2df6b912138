import { answerCoding } from './content-coding.js';
import { ClientGoneError, formatSeconds, HttpError } from './errors.js';
import type { ResolvedChatOptions } from './options.js';
import { redactText } from './redact.js';
import type { UpstreamAnswer, UpstreamInit, UpstreamTransport } from './exchange.js';
import type { UpstreamChatBody } from './validate.js';

/** `Retry-After` as RFC 9110 allows it: a delay in seconds, or an IMF-fixdate. */
const RETRY_AFTER = /^(?:\d{1,10}|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

/** Upstream error bodies are short JSON; anything longer is not worth reading. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The request for OpenRouter: the validated body with the server's key and attribution.
 * The headers are built here from options alone, so nothing the browser sent can set or
 * override them.
 */
export function upstreamInit(body: UpstreamChatBody, options: ResolvedChatOptions): UpstreamInit {
  return {
    method: 'POST',
    url: options.upstreamUrl,
    headers: {
      ...options.attributionHeaders,
      authorization: `Bearer ${options.apiKey}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(body),
  };
}

/**
 * Sends the request upstream through `transport` and waits for the response headers only
 * (the body is streamed later).
 *
 * @param abort aborted by the caller when the browser leaves; aborted here on timeout.
 * @throws HttpError 504 on timeout, 502 when upstream is unreachable; ClientGoneError.
 */
export async function requestUpstream(
  transport: UpstreamTransport,
  init: UpstreamInit,
  options: ResolvedChatOptions,
  abort: AbortController,
): Promise<UpstreamAnswer> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.upstreamTimeoutMs);
  try {
    return await transport(init, abort.signal);
  } catch (error) {
    if (timedOut) {
      throw new HttpError(
        504,
        `OpenRouter did not answer within ${formatSeconds(options.upstreamTimeoutMs)}.`,
      );
    }
    if (abort.signal.aborted) throw new ClientGoneError('The client went away before upstream answered.');
    // The transport's own verdict on an answer it got (one it cannot read, say).
    if (error instanceof HttpError) throw error;
    options.logger.warn('openrouter-chat: upstream unreachable', { reason: describe(error) });
    throw new HttpError(502, 'Could not reach OpenRouter.');
  } finally {
    clearTimeout(timer);
  }
}

/** The upstream transport of the Web handler: a `fetch`. */
export function fetchTransport(fetchUpstream: typeof fetch): UpstreamTransport {
  return async ({ method, url, headers, body }, signal) => {
    // A redirect would carry the key to wherever it points: treat it as an error instead.
    const response = await fetchUpstream(url, { method, headers, body: body ?? null, signal, redirect: 'manual' });
    try {
      // fetch decodes the codings it knows and hands any other on as it came.
      answerCoding(response.headers.get('content-encoding'));
    } catch (error) {
      await response.body?.cancel().catch(() => {});
      throw error;
    }
    return { status: response.status, headers: response.headers, body: response.body?.getReader() ?? null };
  };
}

/**
 * Turns an upstream non-2xx answer into our JSON error: same status (502 for anything that
 * is not a 4xx/5xx), OpenRouter's own message when its body had one (an HTML page from a
 * gateway gets a generic message instead), and its `Retry-After`.
 */
export async function describeUpstreamFailure(
  response: UpstreamAnswer,
  apiKey: string,
  timeoutMs: number,
): Promise<HttpError> {
  const isErrorStatus = response.status >= 400 && response.status <= 599;
  const status = isErrorStatus ? response.status : 502;
  const upstreamMessage = await readErrorMessage(response, timeoutMs);
  const message =
    upstreamMessage === undefined
      ? `OpenRouter answered with HTTP ${response.status}.`
      : // Defence in depth: an upstream that echoes the key must not hand it to the browser.
        redactText(upstreamMessage, apiKey);
  // Passed on only in a valid form, which leaves no room for an echoed key or other junk.
  const retryAfter = response.headers.get('retry-after');
  return new HttpError(status, message, retryAfter !== null && RETRY_AFTER.test(retryAfter) ? { 'retry-after': retryAfter } : {});
}

async function readErrorMessage(
  response: UpstreamAnswer,
  timeoutMs: number,
): Promise<string | undefined> {
  const reader = response.body;
  if (reader === null) return undefined;
  // An upstream that sends error headers and then stalls must not hold the browser forever.
  const timer = setTimeout(() => reader.cancel().catch(() => {}), timeoutMs);
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > MAX_ERROR_BODY_BYTES) return undefined;
    }
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === 'string' && message !== '' ? message : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
