/**
 * The Node adapter's default upstream `fetch`, on `node:http`/`node:https`. Node's global
 * `fetch` (undici) spends 0.4 to 0.65 ms more per request than `node:http` before upstream's
 * headers are in (measured against the simulator on loopback): on a proxy whose whole budget
 * is 1 ms of added time to first byte, that is half of it or more. This is no general `fetch`: it does what the chat handler asks of one (see
 * `upstream.ts`) and refuses the rest, so nothing it skips can pass unnoticed.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One keep-alive pool per protocol, for every handler in the process, as the global fetch
 * has. No cap on sockets: each open chat stream holds its upstream socket for the whole
 * answer, so a cap would make new chats wait for long answers to end. Idle sockets are
 * unreferenced by the agent, so the pool never keeps the process alive.
 *
 * `timeout` closes idle sockets after 4 s, undici's default; only with it set does the
 * agent also honour a server's `Keep-Alive: timeout=N` (closing at N - 1 s), so it never
 * sends a request on a socket the server is closing. A busy socket is not affected: a
 * stream's silences are the handler's idle timeout to judge.
 */
const IDLE_SOCKET_MS = 4_000;
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: Infinity, timeout: IDLE_SOCKET_MS }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: Infinity, timeout: IDLE_SOCKET_MS }),
} as const;

/**
 * Unread bytes held before the socket is paused: a socket read's worth (64 KiB), as the
 * global fetch holds. Queuing one chunk only paused and resumed the socket for every SSE
 * event, which cost a quarter more time per streamed answer under load.
 */
const BODY_HIGH_WATER_MARK = 64 * 1024;

/** Statuses whose response has no body, for which `new Response(body)` throws. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * `fetch(url, { method, headers, body, signal })` for a string or URL and a string or byte
 * body. Redirects are never followed: a 3xx comes back as it is, which is what the handler's
 * `redirect: 'manual'` asks for (it then answers 502 without sending the key anywhere else).
 * Aborting destroys the upstream socket at once, before or after the headers. A failure to
 * connect or a broken response rejects with `TypeError('fetch failed', { cause })`, as the
 * global fetch does, so the handler's 502/504 logic sees the same thing.
 *
 * The body is a byte stream that reads from the socket only as fast as it is read itself:
 * the socket is paused once 64 KiB wait unread, so a slow client slows upstream down.
 */
export const nodeFetch: typeof fetch = (input, init = {}) => {
  if (input instanceof Request) return Promise.reject(new TypeError('nodeFetch: pass a URL and an init, not a Request.'));
  const { body } = init;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return Promise.reject(new TypeError('nodeFetch: the body must be a string or bytes.'));
  }
  const url = new URL(input);
  const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
  if (agent === undefined) return Promise.reject(new TypeError(`nodeFetch: ${url.protocol} is not http(s).`));
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(signal.reason);

  return new Promise<Response>((resolve, reject) => {
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init.headers));
    if (body !== undefined && body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers, agent });

    const onAbort = (): void => {
      // Rejects a pending promise, errors a body being read: whichever is waiting gets it.
      request.destroy(signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): void => signal?.removeEventListener('abort', onAbort);
    // Once aborted, the reason is what the caller expects to see, whatever error it caused.
    const failure = (error: unknown): unknown =>
      signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error });

    // `on`, not `once`: a socket can fail more than once, and an unheard error would crash.
    request.on('error', (error) => {
      cleanUp();
      reject(failure(error));
    });
    request.once('response', (message) => {
      const status = message.statusCode ?? 0;
      // A body broken mid-way is reported through the stream (its `close`); unheard here,
      // the same error would crash the process.
      message.on('error', () => {});
      try {
        const hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(status);
        const responseBody = hasBody ? bodyStream(message, () => request.destroy(), failure) : null;
        if (!hasBody) message.resume();
        message.once('close', cleanUp);
        resolve(new Response(responseBody, { status, statusText: message.statusMessage ?? '', headers: headersOf(message) }));
      } catch (error) {
        // A status or header value `Response` refuses (a status of 600, say): upstream is broken.
        request.destroy();
        cleanUp();
        reject(failure(error));
      }
    });
    request.end(body ?? undefined);
  });
};

/** Header pairs as sent, so repeated headers (`set-cookie`) stay apart as in `fetch`. */
function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/**
 * The response body as a Web stream. Up to {@link BODY_HIGH_WATER_MARK} bytes wait unread;
 * past that the message is paused, and resumed when the reader pulls. Cancelling the
 * stream (the relay giving up, the client leaving) destroys the socket, which ends
 * upstream's generation rather than letting it run into a pooled socket.
 */
function bodyStream(
  message: IncomingMessage,
  destroy: () => void,
  failure: (error: unknown) => unknown,
): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      message.on('data', (chunk: Buffer) => {
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) message.pause();
      });
      message.once('end', () => {
        settled = true;
        controller.close();
      });
      // `close` without `end`: the socket broke or was destroyed mid-body.
      message.once('close', () => {
        if (settled) return;
        settled = true;
        controller.error(failure(message.errored ?? new Error('upstream closed the connection mid-body')));
      });
    },
    pull() {
      message.resume();
    },
    cancel() {
      settled = true;
      destroy();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: BODY_HIGH_WATER_MARK }));
}
