/**
 * A request the proxy refuses or cannot serve, carried up to the handler so every refusal
 * leaves through one place and in one shape.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  /**
   * @param status HTTP status, also used as the error body's numeric `code`.
   * @param message Human-readable reason, shown to the browser as is: never put secrets in it.
   * @param headers Extra response headers (e.g. `Retry-After`, `Allow`).
   */
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The browser left before the proxy could answer (while sending its request, or before
 * upstream answered): there is nobody to answer, and nothing failed on this side.
 */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}

/** The 400 for a request target or Host no URL can be made of, on either way of serving Node. */
export const MALFORMED_TARGET_MESSAGE = 'The request line or Host header is malformed.';

/** The headers of every error answer, JSON and never cached. */
export const ERROR_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
};

/**
 * An error response in OpenRouter's own shape, `{ "error": { "code": status, "message" } }`,
 * so a browser client reads proxy refusals and upstream failures with the same code.
 */
export function errorResponse(
  status: number,
  message: string,
  headers: HeadersInit = {},
): Response {
  const responseHeaders = new Headers(headers);
  for (const [name, value] of Object.entries(ERROR_HEADERS)) responseHeaders.set(name, value);
  return new Response(errorBody(status, message), { status, headers: responseHeaders });
}

/** The JSON text of an error response, for adapters that write bytes rather than a `Response`. */
export function errorBody(status: number, message: string): string {
  return JSON.stringify({ error: { code: status, message } });
}

/** A timeout for a message: `30 s`, and `0.4 s` rather than `0 s` for a short one. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
