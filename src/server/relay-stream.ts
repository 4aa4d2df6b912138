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
  // Silence stops the pending read by cancelling the reader; the read then settles, and the
  // flag tells the pull why.
  let fellSilent = false;
  const silence = createSilenceWatch(options.idleTimeoutMs, () => {
    fellSilent = true;
    reader.cancel().catch(() => {});
  });

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
    silence.stop();
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
      // A chunk the redactor holds back entirely means reading on, since the caller waits for
      // a chunk or the end.
      for (;;) {
        let result: ChunkRead | undefined;
        silence.waitStarted();
        try {
          result = await reader.read();
        } catch {
          // Handled below: a read that failed because the watch cancelled it is silence.
        } finally {
          silence.waitEnded();
        }
        if (ended) return;
        if (fellSilent) {
          const waited = formatSeconds(options.idleTimeoutMs);
          return endWithError(sink, 'idle-timeout', 504, `OpenRouter sent nothing for ${waited}; the answer was cut off.`);
        }
        if (!result) {
          if (options.isClientGone()) return end('client-closed');
          return endWithError(sink, 'upstream-failed', 502, 'The connection to OpenRouter broke off mid-answer.');
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

/**
 * Calls `onSilent` once a wait for upstream has lasted `timeoutMs`. Only time spent waiting
 * counts: between waits the relay waits for the client, and a slow reader is not a silent
 * upstream.
 *
 * Why not a timer per read: a stream is thousands of short reads, and a timer, a promise and
 * a race each per read were garbage for every chunk. Here one timer serves the whole stream;
 * it is re-armed only when it fires early, so a stream that keeps flowing sets one timer
 * per `timeoutMs` at most.
 */
function createSilenceWatch(
  timeoutMs: number,
  onSilent: () => void,
): { waitStarted(): void; waitEnded(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSince: number | undefined;
  let stopped = false;
  const arm = (delayMs: number) => {
    timer = setTimeout(check, delayMs);
  };
  function check(): void {
    timer = undefined;
    if (waitingSince === undefined || stopped) return;
    const waited = performance.now() - waitingSince;
    if (waited >= timeoutMs) onSilent();
    else arm(timeoutMs - waited);
  }
  return {
    waitStarted() {
      waitingSince = performance.now();
      if (timer === undefined && !stopped) arm(timeoutMs);
    },
    waitEnded() {
      waitingSince = undefined;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
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
 * It copies them into a fixed buffer: this runs for every chunk, and makes no garbage.
 */
function createEventBoundaryTracker(): { push(bytes: Uint8Array): void; atBoundary(): boolean } {
  const LONGEST_BOUNDARY = 4; // "\r\n\r\n"
  const tail = new Uint8Array(LONGEST_BOUNDARY);
  let held = 0;
  return {
    push(bytes) {
      const taken = Math.min(bytes.byteLength, LONGEST_BOUNDARY);
      const kept = Math.min(held, LONGEST_BOUNDARY - taken);
      tail.copyWithin(0, held - kept, held);
      for (let index = 0; index < taken; index++) tail[kept + index] = bytes[bytes.byteLength - taken + index]!;
      held = kept + taken;
    },
    atBoundary() {
      if (held === 0) return true;
      const text = String.fromCharCode(...tail.subarray(0, held));
      const lastLine = /(\r\n|\r|\n)$/.exec(text);
      if (lastLine === null) return false;
      const before = text.slice(0, -lastLine[0].length);
      return before === '' || /[\r\n]$/.test(before);
    },
  };
}
