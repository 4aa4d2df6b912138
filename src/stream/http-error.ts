/**
 * Describes a non-2xx response in a message a person can act on, with the code and the wait
 * the server gave. OpenRouter answers errors as JSON `{ error: { code, message } }`, but a
 * gateway in between may answer with an HTML page, which must never end up in the message.
 *
 * Only a failed request needs this, so it ships as a file of its own that `chat-stream.ts`
 * loads then (`dist/openrouter-chat-http-error.js`, see vite.config.ts ROOMS), and it imports
 * nothing: the caller makes the `ChatStreamError`, so there is one class for `instanceof`.
 *
 * @module
 */

/** What a failed response says about itself. */
export interface HttpErrorFacts {
  message: string;
  code?: number | string;
  retryAfter?: number;
}

/** Server-provided detail longer than this is cut: the message is for people, not logs. */
const MAX_DETAIL_LENGTH = 200;

const ADVICE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'The server refused the request as invalid.',
  401: 'The API key was refused: the chat server needs a valid OpenRouter key.',
  402: 'The OpenRouter account is out of credits.',
  // A 403 comes from many places (the proxy's origin and model allowlists, the provider):
  // only the server's own words can say it was moderation.
  403: 'The server refused this request.',
  404: 'The chat endpoint or the model was not found.',
  408: 'The model took too long to answer. Please try again.',
  413: 'The conversation is too long for the server.',
};

/** How OpenRouter words a moderation refusal ("… requires moderation … Your input was flagged for …"). */
const MODERATION_WORDS = /\bmoderation\b|\bflagged\b/i;

/**
 * Reads the body of a failed response and describes the failure.
 *
 * @param response - a response whose `ok` is false; its body is consumed.
 */
export async function describeHttpError(response: Response): Promise<HttpErrorFacts> {
  const body = await response.text().catch(() => '');
  const { code, detail } = parseErrorBody(body);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const said = detail ? ` It said: “${detail}”` : '';
  const message = `${adviceFor(response.status, retryAfter, detail)} The server answered ${statusLine}.${said}`;
  return { message, code, retryAfter };
}

function adviceFor(status: number, retryAfter: number | undefined, detail: string | undefined): string {
  if (status === 403 && detail !== undefined && MODERATION_WORDS.test(detail)) {
    return 'The message was flagged by moderation, so the server refused it.';
  }
  if (status === 429) {
    const wait = retryAfter === undefined ? 'a moment' : `${retryAfter} second${retryAfter === 1 ? '' : 's'}`;
    return `Too many requests: please wait ${wait} and try again.`;
  }
  if (status >= 500) return 'The AI provider is having trouble. Please try again in a moment.';
  return ADVICE_BY_STATUS[status] ?? 'The request failed.';
}

function parseErrorBody(body: string): { code?: number | string; detail?: string } {
  const text = body.trim();
  if (!text) return {};
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'number' || typeof error?.code === 'string' ? error.code : undefined;
    const detail = typeof error?.message === 'string' ? shorten(error.message) : undefined;
    return { code, detail };
  } catch {
    // Not JSON: plain text is worth showing; a gateway's HTML page is not.
    return text.startsWith('<') ? {} : { detail: shorten(text) };
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH - 1)}…` : line;
}

/**
 * `Retry-After` is either whole seconds or an HTTP date; both become seconds from now, at
 * least 1 (as the proxy sends it): a date already past or a `0` still means "wait", and
 * "please wait 0 seconds" reads as a bug.
 */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Math.max(1, Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}
