import { formatSeconds } from './errors.js';
import type { ChunkRead, ChunkReader, ChunkSink, EventRelay } from './exchange.js';
import { createStreamRedactor } from './redact.js';

/** How a relayed stream ended, for the log. */
export type RelayOutcome = 'completed' | 'client-closed' | 'idle-timeout' | 'upstream-failed';

/** Options of {@link createEventRelay}. */
export interface RelayOptions {
  /** Longest wait for the next upstream byte before giving up. */
  idleTimeoutMs: number;
  /** Never relayed: replaced with `[redacted]` wherever upstream echoes it (the API key). */
  secret: string;
  /** Stops the upstream request (and so OpenRouter's generation and billing). */
  abortUpstream: () => void;
  /** True once the browser has gone away, so an upstream read failing then is no failure. */
  isClientGone: () => boolean;
  /** Called once, when the relay ends for whatever reason. */
  onEnd: (outcome: RelayOutcome) => void;
}

/** Marks the idle timer winning its race against an upstream read. */
const IDLE = Symbol('idle');

/**
 * Passes an upstream event stream through chunk by chunk, never collecting it. Reads are
 * pulled by the client (each `pull` reads until it has a chunk to pass on), so a slow
 * browser slows the upstream read instead of filling memory, and the idle timer only ever
 * measures upstream's silence.
 *
 * When upstream goes silent past the idle timeout or fails mid-stream, the stream ends with
 * one OpenRouter-shaped error event (`{ error: { code, message }, choices: [{ finish_reason:
 * "error" }] }`) so the browser can say what happened; no `[DONE]` is ever invented. The
 * event is only written at an event boundary: glued to a half-sent event it would corrupt
 * both, so mid-event the stream just ends and the client sees a truncated answer.
 */
export function createEventRelay(reader: ChunkReader, options: RelayOptions): EventRelay {
  const boundary = createEventBoundaryTracker();
  const redactor = createStreamRedactor(options.secret);
  let ended = false;

  /** Passes bytes on; false when there were none (all held back by the redactor). */
  function send(sink: ChunkSink, bytes: Uint8Array): boolean {
    if (bytes.byteLength === 0) return false;
    boundary.push(bytes);
    sink.enqueue(bytes);
    return true;
  }

  function end(outcome: RelayOutcome): void {
    if (ended) return;
    ended = true;
    if (outcome !== 'completed') {
      options.abortUpstream();
      reader.cancel().catch(() => {});
    }
    options.onEnd(outcome);
  }

  function endWithError(sink: ChunkSink, outcome: RelayOutcome, code: number, message: string): void {
    end(outcome);
    send(sink, redactor.flush());
    if (boundary.atBoundary()) sink.enqueue(midStreamErrorEvent(code, message));
    sink.close();
  }

  return {
    async pull(sink) {
      // A chunk the redactor holds back entirely means reading on (each read with its own
      // idle timer), since the caller waits for a chunk or the end.
      for (;;) {
        let result: ChunkRead | typeof IDLE;
        try {
          result = await readWithin(reader, options.idleTimeoutMs);
        } catch {
          if (ended) return;
          if (options.isClientGone()) return end('client-closed');
          return endWithError(sink, 'upstream-failed', 502, 'The connection to OpenRouter broke off mid-answer.');
        }
        if (ended) return;
        if (result === IDLE) {
          const waited = formatSeconds(options.idleTimeoutMs);
          return endWithError(sink, 'idle-timeout', 504, `OpenRouter sent nothing for ${waited}; the answer was cut off.`);
        }
        if (result.done) {
          send(sink, redactor.flush());
          end('completed');
          return sink.close();
        }
        if (send(sink, redactor.push(result.value))) return;
      }
    },
    cancel() {
      end('client-closed');
    },
  };
}

/**
 * The relay as a Web stream, pulled by the client: `highWaterMark: 0` reads upstream only
 * when the client asks for more.
 */
export function relayEventStream(relay: EventRelay): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    { pull: (controller) => relay.pull(controller), cancel: () => relay.cancel() },
    { highWaterMark: 0 },
  );
}

async function readWithin(reader: ChunkReader, timeoutMs: number): Promise<ChunkRead | typeof IDLE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), timeoutMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

function midStreamErrorEvent(code: number, message: string): Uint8Array {
  const chunk = {
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    error: { code, message },
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
  };
  return new TextEncoder().encode(`data: ${JSON.stringify(chunk)}\n\n`);
}

/**
 * Remembers the last few bytes sent, enough to tell whether the stream so far ends with a
 * blank line (an event boundary) under any of SSE's line endings: LF, CRLF or a lone CR.
 */
function createEventBoundaryTracker(): { push(bytes: Uint8Array): void; atBoundary(): boolean } {
  const LONGEST_BOUNDARY = 4; // "\r\n\r\n"
  let tail = '';
  return {
    push(bytes) {
      tail = (tail + String.fromCharCode(...bytes.subarray(-LONGEST_BOUNDARY))).slice(-LONGEST_BOUNDARY);
    },
    atBoundary() {
      if (tail === '') return true;
      const lastLine = /(\r\n|\r|\n)$/.exec(tail);
      if (lastLine === null) return false;
      const before = tail.slice(0, -lastLine[0].length);
      return before === '' || /[\r\n]$/.test(before);
    },
  };
}
