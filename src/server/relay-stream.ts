import { formatSeconds } from './errors.js';
import { createStreamRedactor } from './redact.js';

/** How a relayed stream ended, for the log. */
export type RelayOutcome = 'completed' | 'client-closed' | 'idle-timeout' | 'upstream-failed';

/** Options of {@link relayEventStream}. */
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
 * pulled by the client (`highWaterMark: 0`), so a slow browser slows the upstream read
 * instead of filling memory, and the idle timer only ever measures upstream's silence.
 *
 * When upstream goes silent past the idle timeout or fails mid-stream, the stream ends with
 * one OpenRouter-shaped error event (`{ error: { code, message }, choices: [{ finish_reason:
 * "error" }] }`) so the browser can say what happened; no `[DONE]` is ever invented. The
 * event is only written at an event boundary: glued to a half-sent event it would corrupt
 * both, so mid-event the stream just ends and the client sees a truncated answer.
 */
export function relayEventStream(
  upstream: ReadableStream<Uint8Array>,
  options: RelayOptions,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  const boundary = createEventBoundaryTracker();
  const redactor = createStreamRedactor(options.secret);
  let ended = false;

  /** Passes bytes on; false when there were none (all held back by the redactor). */
  function send(controller: ReadableStreamDefaultController<Uint8Array>, bytes: Uint8Array): boolean {
    if (bytes.byteLength === 0) return false;
    boundary.push(bytes);
    controller.enqueue(bytes);
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

  function endWithError(
    controller: ReadableStreamDefaultController<Uint8Array>,
    outcome: RelayOutcome,
    code: number,
    message: string,
  ): void {
    end(outcome);
    send(controller, redactor.flush());
    if (boundary.atBoundary()) controller.enqueue(midStreamErrorEvent(code, message));
    controller.close();
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A pull that enqueues nothing is not called again, so a chunk the redactor holds
        // back entirely means reading on (each read with its own idle timer).
        for (;;) {
          let result: ReadableStreamReadResult<Uint8Array> | typeof IDLE;
          try {
            result = await readWithin(reader, options.idleTimeoutMs);
          } catch {
            if (ended) return;
            if (options.isClientGone()) return end('client-closed');
            return endWithError(controller, 'upstream-failed', 502, 'The connection to OpenRouter broke off mid-answer.');
          }
          if (ended) return;
          if (result === IDLE) {
            const waited = formatSeconds(options.idleTimeoutMs);
            return endWithError(controller, 'idle-timeout', 504, `OpenRouter sent nothing for ${waited}; the answer was cut off.`);
          }
          if (result.done) {
            send(controller, redactor.flush());
            end('completed');
            return controller.close();
          }
          if (send(controller, redactor.push(result.value))) return;
        }
      },
      cancel() {
        end('client-closed');
      },
    },
    { highWaterMark: 0 },
  );
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeoutMs: number,
): Promise<ReadableStreamReadResult<Uint8Array> | typeof IDLE> {
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
