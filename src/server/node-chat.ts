import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ClientGoneError, HttpError, MALFORMED_TARGET_MESSAGE } from './errors.js';
import type { ChatReply, ChunkSink, EventRelay, UpstreamTransport } from './exchange.js';
import { nodeHeaderReader } from './node-headers.js';
import type { ResolvedChatOptions } from './options.js';
import { errorReply, proxyChat } from './proxy-chat.js';
import { createBodyCollector } from './read-body.js';

/** A Host header that names a host (and port) and nothing else: no userinfo, no spaces. */
const HOST = /^(?:[a-z0-9\-._~!$&'()*+,;=%]+|\[[0-9a-f:.]+\])(?::\d*)?$/i;

/**
 * Serves one chat request straight on `node:http`'s objects: the same handling as the Web
 * handler (`proxyChat`), without building a `Request`, Web streams or a `Response` for it.
 * Those cost this adapter about a millisecond per request on a small machine, more than
 * the rest of the proxy's work together (measured in `bench/proxy.bench.ts`).
 *
 * The client leaving (the response closing before it finished) aborts the upstream request
 * at once, before or during the stream; writing respects backpressure (`drain`).
 */
export async function serveChat(
  request: IncomingMessage,
  response: ServerResponse,
  options: ResolvedChatOptions,
  transport: UpstreamTransport,
): Promise<void> {
  const clientGone = new AbortController();
  // Behind slow middleware the client may have left already, and 'close' will not come again.
  if (response.destroyed) clientGone.abort();
  else {
    response.once('close', () => {
      if (!response.writableFinished) clientGone.abort();
    });
  }
  const url = requestUrl(request);
  const reply =
    url === undefined
      ? errorReply(400, MALFORMED_TARGET_MESSAGE)
      : await proxyChat(
          {
            head: { method: request.method ?? 'GET', url, headers: nodeHeaderReader(request.headers) },
            asRequest: () => new Request(url, { method: request.method ?? 'GET', headers: headerPairs(request) }),
            clientAddress: request.socket.remoteAddress,
            readBody: (maxBytes) => readNodeBody(request, maxBytes),
            clientGone: clientGone.signal,
            transport,
          },
          options,
        );
  await writeReply(reply, response, clientGone.signal);
  // A request refused before its body was read (or while reading it) still has the rest of
  // its body coming.
  if (!request.complete && !request.destroyed) dropRestOfBody(request);
}

/**
 * How long, and how much of, the rest of a refused request's body is read and dropped. The
 * client is most likely still sending: reading on lets it finish and read the answer, where
 * closing at once would reset the connection and could lose the answer. Past either bound
 * the connection is closed, so a refused upload costs no more. The bounds of
 * `@hono/node-server`'s bridge, which the Web handler on Node goes through.
 */
const DROP_BODY_MS = 500;
const DROP_BODY_BYTES = 64 * 1024 * 1024;

/** Reads the rest of `request`'s body and drops it, within the bounds above. */
function dropRestOfBody(request: IncomingMessage): void {
  let dropped = 0;
  const stop = (): void => {
    clearTimeout(timer);
    request.off('data', count).off('end', stop).off('close', stop);
  };
  const close = (): void => {
    stop();
    request.destroy();
  };
  const count = (chunk: Buffer): void => {
    dropped += chunk.byteLength;
    if (dropped > DROP_BODY_BYTES) close();
  };
  const timer = setTimeout(close, DROP_BODY_MS).unref();
  request.on('data', count).on('end', stop).on('close', stop);
  request.resume();
}

/**
 * The request's absolute URL, for the same-origin check; undefined for a target or Host
 * no URL can be made of, or one a URL parser would read differently from Node (a
 * backslash in the path, userinfo in the Host).
 */
function requestUrl(request: IncomingMessage): string | undefined {
  const target = request.url ?? '';
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target).href;
    } catch {
      return undefined;
    }
  }
  const host = request.headers.host;
  if (host === undefined || !HOST.test(host) || !target.startsWith('/')) return undefined;
  if (target.split('?', 1)[0]!.includes('\\')) return undefined;
  const scheme = (request.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
  return `${scheme}://${host}${target}`;
}

/** The raw header pairs, for a Web `Headers`: HTTP/2 pseudo-headers (`:path`) left out. */
function headerPairs(request: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    if (!raw[index]!.startsWith(':')) pairs.push([raw[index]!, raw[index + 1]!]);
  }
  return pairs;
}

/** Reads the body as UTF-8 text, keeping none of it once it passes `maxBytes`. */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  if (request.readableEnded) {
    return Promise.reject(
      new HttpError(500, 'The request body was read before the chat proxy could: mount it before any body parser.'),
    );
  }
  // A request its client left before now emits nothing more: waiting for its end would hang.
  if (request.destroyed) return Promise.reject(new ClientGoneError('The client went away while sending its request.'));
  const collector = createBodyCollector(maxBytes);
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => string): void => {
      request.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const onData = (chunk: Buffer): void => {
      try {
        collector.add(chunk);
      } catch (error) {
        // The rest is dropped once the 413 is out (`dropRestOfBody`).
        request.pause();
        settle(() => {
          throw error;
        });
      }
    };
    const onEnd = (): void => settle(() => collector.text());
    const onGone = (): void =>
      settle(() => {
        throw new ClientGoneError('The client went away while sending its request.');
      });
    request.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
}

async function writeReply(
  reply: ChatReply,
  response: ServerResponse,
  clientGone: AbortSignal,
): Promise<void> {
  const { body } = reply;
  const relay = typeof body === 'object' && body !== null ? body : undefined;
  if (clientGone.aborted) {
    relay?.cancel();
    return;
  }
  if (relay === undefined) {
    if (typeof body === 'string') reply.headers['content-length'] = String(Buffer.byteLength(body));
    response.writeHead(reply.status, reply.headers).end(body ?? undefined);
    return;
  }
  response.writeHead(reply.status, reply.headers);
  await pumpRelay(relay, response, clientGone);
}

/** Writes the relay into the response as the client takes it, until the end or the client leaves. */
async function pumpRelay(relay: EventRelay, response: ServerResponse, clientGone: AbortSignal): Promise<void> {
  let open = true;
  const sink: ChunkSink = {
    enqueue(bytes) {
      if (!response.destroyed) response.write(bytes);
    },
    close() {
      open = false;
      response.end();
    },
  };
  clientGone.addEventListener('abort', () => relay.cancel(), { once: true });
  while (open && !clientGone.aborted) {
    await relay.pull(sink);
    if (response.writableNeedDrain) await once(response, 'drain', { signal: clientGone }).catch(() => {});
  }
}
