/**
 * The one error type {@link streamChat} throws (apart from an abort), so callers can branch
 * on `kind` and show `message` to people as it is.
 *
 * @module
 */

/**
 * What failed:
 * - `http`: the server answered with a non-2xx status.
 * - `not-event-stream`: a 2xx answer that is not `text/event-stream`.
 * - `network`: the connection failed or was lost.
 * - `idle-timeout`: no byte arrived for too long.
 * - `midstream`: the server reported an error inside the stream.
 * - `truncated`: the stream ended before the answer was finished.
 * - `invalid-json`: a data event was not a JSON chat chunk.
 * - `oversize-event`: one event was larger than the limit.
 * - `invalid-request`: the request was refused before sending (e.g. an Authorization header).
 */
export type ChatStreamErrorKind =
  | 'http'
  | 'not-event-stream'
  | 'network'
  | 'idle-timeout'
  | 'midstream'
  | 'truncated'
  | 'invalid-json'
  | 'oversize-event'
  | 'invalid-request';

/** Optional facts an error carries besides its kind and message. */
export interface ChatStreamErrorInit {
  /** The HTTP status, when the server answered with an error. */
  status?: number;
  /** OpenRouter's error code (seen as a number and as a string). */
  code?: number | string;
  /** Seconds the server asked us to wait (`Retry-After`), when it said. */
  retryAfter?: number;
  /** The lower-level error behind this one. */
  cause?: unknown;
}

/** A failure of a chat stream, with a `message` written for people. */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';
  readonly kind: ChatStreamErrorKind;
  readonly status?: number;
  readonly code?: number | string;
  readonly retryAfter?: number;

  constructor(kind: ChatStreamErrorKind, message: string, init: ChatStreamErrorInit = {}) {
    super(message, { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.retryAfter = init.retryAfter;
  }
}
