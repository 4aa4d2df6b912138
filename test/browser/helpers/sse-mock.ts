/**
 * msw helpers for streamed chat answers in browser tests: a worker started once per file,
 * an endpoint that records every request, and event streams whose chunk boundaries, pace and
 * end the test controls.
 *
 * How a client abort shows at the mock: msw does not forward the page's abort to
 * `request.signal` in the browser, but aborting the fetch (or cancelling its reader) cancels
 * the response body, which reaches the mock's stream as `cancel()`. So
 * {@link OpenSseStream.cancelled} is "the client hung up".
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';

/** The endpoint tests point the element at. */
export const CHAT_ENDPOINT = '/test-api/chat';

const encoder = new TextEncoder();

/** One network chunk: text (encoded as UTF-8) or raw bytes, to split inside a character. */
export type WireChunk = string | Uint8Array;

let worker: SetupWorker | undefined;

/**
 * Starts an msw worker once this page is controlled by the mock service worker.
 *
 * Test pages are of one origin, so they share one service worker registration. A page that
 * loaded while another page (an earlier one, or one beside it) was registering it is not yet
 * controlled, and msw's `start()` reloads such a page, which aborts its test file. The worker
 * claims every page when it activates, so waiting for that claim is enough; if it never comes
 * (a page created in the instant of the claim), `start()` goes on after a few seconds as before.
 */
export async function startWorker(mockWorker: SetupWorker): Promise<void> {
  const { serviceWorker } = navigator;
  const registrations = await serviceWorker.getRegistrations();
  if (!serviceWorker.controller && registrations.length > 0) {
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const claimed = new Promise((resolve) => {
      serviceWorker.addEventListener('controllerchange', resolve, { once: true });
      fallback = setTimeout(resolve, 5_000);
    });
    await serviceWorker.ready;
    if (!serviceWorker.controller) await claimed;
    // Not left pending for the rest of the page's tests.
    clearTimeout(fallback);
  }
  await mockWorker.start({ quiet: true, onUnhandledRequest: 'bypass' });
}

/** Starts the msw worker once and removes handlers left by earlier tests. Call in `beforeEach`. */
export async function startMockWorker(): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker();
    await startWorker(worker);
  }
  worker.resetHandlers();
  return worker;
}

/** A `data:` event carrying `value` as JSON. */
export function dataEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** The end-of-stream marker OpenRouter sends last. */
export const DONE = 'data: [DONE]\n\n';

/** A keep-alive comment, as OpenRouter sends while a model is thinking. */
export const KEEPALIVE = ': OPENROUTER PROCESSING\n\n';

/** An OpenRouter chunk with a piece of answer text. */
export function contentEvent(text: string): string {
  return dataEvent(chunk({ index: 0, delta: { content: text }, finish_reason: null }));
}

/** An OpenRouter chunk with a piece of reasoning. */
export function reasoningEvent(text: string): string {
  return dataEvent(chunk({ index: 0, delta: { reasoning: text }, finish_reason: null }));
}

/** An OpenRouter chunk that finishes the answer. */
export function finishEvent(finishReason = 'stop', model = 'test/model'): string {
  return dataEvent({ ...chunk({ index: 0, delta: {}, finish_reason: finishReason }), model });
}

/** OpenRouter's usage chunk (its `choices` are empty, as they may be on the wire). */
export function usageEvent(usage: Record<string, number>): string {
  return dataEvent({ ...chunk(), choices: [], usage });
}

/** A whole, well-formed answer: the text as content events, a finish, usage and `[DONE]`. */
export function answerEvents(pieces: string[], finishReason = 'stop'): string[] {
  return [
    ...pieces.map(contentEvent),
    finishEvent(finishReason),
    usageEvent({ prompt_tokens: 3, completion_tokens: pieces.length, total_tokens: 3 + pieces.length }),
    DONE,
  ];
}

/** An OpenRouter chunk with tool-call fragments (`delta.tool_calls`). */
export function toolFragmentsEvent(fragments: object[]): string {
  return dataEvent(chunk({ index: 0, delta: { tool_calls: fragments }, finish_reason: null }));
}

/** A call the model makes in a mocked answer: its arguments are JSON text, sent in `pieces` fragments. */
export interface MockToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * A whole tool-call answer: each call's id and name in its first fragment, its arguments cut
 * into `pieces` fragments (calls interleaved, as parallel calls stream), then the finish
 * reason `tool_calls` and `[DONE]`.
 */
export function toolCallEvents(calls: MockToolCall[], pieces = 3): string[] {
  const events: string[] = [];
  for (let piece = 0; piece < pieces; piece++) {
    const fragments = calls.map((call, index) => {
      const size = Math.ceil(call.arguments.length / pieces);
      const args = call.arguments.slice(piece * size, (piece + 1) * size);
      return piece === 0 ? { index, id: call.id, type: 'function', function: { name: call.name, arguments: args } } : { index, function: { arguments: args } };
    });
    events.push(toolFragmentsEvent(fragments));
  }
  return [...events, finishEvent('tool_calls'), DONE];
}

/** An OpenRouter-shaped chunk without choices, carrying `extra` (our proxy's `openrouter_chat` report). */
export function bareEvent(extra: Record<string, unknown>): string {
  return dataEvent({ ...chunk(), choices: [], ...extra });
}

function chunk(choice?: object): Record<string, unknown> {
  return { id: 'gen-test', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: choice ? [choice] : [] };
}

/** The UTF-8 bytes of `text`, for tests that split them at a chosen byte. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** An event-stream response that sends `chunks` as separate network chunks, then ends. */
export function sseResponse(chunks: WireChunk[]): Response {
  return new HttpResponse(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of chunks) controller.enqueue(toBytes(piece));
        controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );
}

/** A stream the test writes to while the client reads it. */
export interface OpenSseStream {
  /** The response to return from a handler. */
  readonly response: Response;
  /** Sends one network chunk now. */
  push(chunk: WireChunk): void;
  /** Ends the body cleanly (what a truncated or finished stream looks like). */
  close(): void;
  /** Breaks the body off with an error, as a connection reset does. */
  fail(): void;
  /** Resolves when the client cancels the body: an aborted fetch or a cancelled reader. */
  readonly cancelled: Promise<void>;
  /** Whether the client has cancelled the body yet. */
  readonly isCancelled: boolean;
}

/** Opens an event stream that stays open until the test closes it or the client hangs up. */
export function openSseStream(initial: WireChunk[] = []): OpenSseStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let isCancelled = false;
  let markCancelled!: () => void;
  const cancelled = new Promise<void>((resolve) => (markCancelled = resolve));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const piece of initial) c.enqueue(toBytes(piece));
    },
    cancel() {
      isCancelled = true;
      markCancelled();
    },
  });
  return {
    response: new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } }),
    push: (piece) => controller.enqueue(toBytes(piece)),
    close: () => controller.close(),
    fail: () => controller.error(new Error('connection reset')),
    cancelled,
    get isCancelled() {
      return isCancelled;
    },
  };
}

/** A request the mock endpoint received. */
export interface RecordedRequest {
  readonly body: unknown;
  readonly headers: Headers;
}

/** A mock endpoint and what it has received so far. */
export interface RecordingEndpoint {
  readonly handler: HttpHandler;
  readonly requests: RecordedRequest[];
}

/**
 * A POST endpoint at {@link CHAT_ENDPOINT} that records each request, then answers with
 * whatever `respond` returns for it (called with the request count so far, from 1).
 */
export function recordingEndpoint(respond: (requestNumber: number) => Response | Promise<Response>): RecordingEndpoint {
  const requests: RecordedRequest[] = [];
  const handler = http.post(CHAT_ENDPOINT, async ({ request }) => {
    requests.push({ body: await request.json(), headers: request.headers });
    return respond(requests.length);
  });
  return { handler, requests };
}

/** Starts the worker (if needed) and serves one recording endpoint. */
export async function serveChat(respond: (requestNumber: number) => Response | Promise<Response>): Promise<RecordingEndpoint> {
  const endpoint = recordingEndpoint(respond);
  (await startMockWorker()).use(endpoint.handler);
  return endpoint;
}

/** A JSON error in OpenRouter's shape with the given status. */
export function jsonErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return HttpResponse.json({ error: { code: status, message } }, { status, headers });
}

function toBytes(piece: WireChunk): Uint8Array {
  return typeof piece === 'string' ? encoder.encode(piece) : piece;
}

/**
 * Sends each event in two network chunks cut in its middle, one chunk every `intervalMs`
 * (as TCP reads often arrive), then `tail` at once and the end of the body. Stops early
 * when the client hangs up; the client's outcome then says why.
 */
export async function dripHalves(stream: OpenSseStream, events: string[], intervalMs: number, tail: string[]): Promise<void> {
  for (const event of events) {
    const cut = Math.floor(event.length / 2);
    for (const half of [event.slice(0, cut), event.slice(cut)]) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      if (stream.isCancelled) return;
      stream.push(half);
    }
  }
  for (const piece of tail) stream.push(piece);
  stream.close();
}
