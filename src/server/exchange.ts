/**
 * What the proxy's request handling (`proxy-chat.ts`) needs from a platform, and what it
 * gives back, without any platform's request or response objects. The Web handler fills
 * these in from a `Request` and `fetch`; the Node adapter from `node:http` objects, which
 * spares every request the Web objects' cost (see `node-chat.ts`).
 */

/** Reads a header by name, case-insensitively: a Web `Headers` is one. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Method, own absolute URL and headers of a request: a Web `Request` is one. */
export interface RequestHead {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderReader;
}

/** One read of a byte stream, as a Web stream reader gives it. */
export type ChunkRead = ReadableStreamReadResult<Uint8Array>;

/** Pulls a byte stream chunk by chunk: a Web stream reader is one. */
export interface ChunkReader {
  read(): Promise<ChunkRead>;
  /** Stops the stream and lets go of what holds it (the upstream connection). */
  cancel(): Promise<void>;
}

/** The request sent upstream: built from options and the validated body alone. */
export interface UpstreamInit {
  /** `POST` for a chat request; `GET` (with no body) for the model catalog. */
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Upstream's answer, once its headers are in. */
export interface UpstreamAnswer {
  status: number;
  headers: HeaderReader;
  body: ChunkReader | null;
}

/**
 * Sends the request upstream and resolves with the answer's headers; the body is read
 * later. Rejects when `signal` aborts or the request fails, and never follows a redirect
 * (it would carry the key to wherever it points).
 */
export type UpstreamTransport = (init: UpstreamInit, signal: AbortSignal) => Promise<UpstreamAnswer>;

/** One chat request as a platform hands it to the proxy. */
export interface ChatExchange {
  head: RequestHead;
  /** The request as a Web `Request`, for the rate-limit hook: built only when it is asked for. */
  asRequest(): Request;
  /** The client's network address, as the platform reports it. */
  clientAddress: string | undefined;
  /** The body as UTF-8 text; rejects with a 413 `HttpError` past `maxBytes`, a 400 when not UTF-8. */
  readBody(maxBytes: number): Promise<string>;
  /** Aborts when the client goes away, so the upstream request stops at once. */
  clientGone: AbortSignal;
  transport: UpstreamTransport;
}

/** Where a relayed stream's bytes go: a Web stream controller is one. */
export interface ChunkSink {
  enqueue(bytes: Uint8Array): void;
  close(): void;
}

/** An upstream event stream on its way to the client (see `relay-stream.ts`). */
export interface EventRelay {
  /** Passes on at least one chunk, or closes the sink, or ends quietly when the client is gone. */
  pull(sink: ChunkSink): Promise<void>;
  /** The client stopped reading: ends the relay and the upstream request. */
  cancel(): void;
}

/** The proxy's answer, for the platform to send: JSON text, nothing, or an event stream. */
export interface ChatReply {
  status: number;
  headers: Record<string, string>;
  body: string | null | EventRelay;
}
