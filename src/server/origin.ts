import type { RequestHead } from './exchange.js';

/** Whether a request's `Origin` may use the proxy, and the CORS headers its answer carries. */
export interface OriginVerdict {
  allowed: boolean;
  corsHeaders: Record<string, string>;
}

/** Says whether the catalog served is fresh or, after a failed refresh, the last good copy. */
export const CATALOG_STATE_HEADER = 'x-openrouter-chat-catalog';
/** The response headers a cross-origin page may read: the generation id, rate-limit hint, catalog state. */
const EXPOSED_HEADERS = `x-generation-id, retry-after, ${CATALOG_STATE_HEADER}`;
/** How long a browser may cache a preflight, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Builds the origin check. Without a list, no CORS headers are ever sent, so browsers keep
 * the proxy same-origin by themselves. With a list (exact origins such as
 * `https://shop.example`, or `*` for any), the listed origins get CORS headers and every
 * other browser origin gets a 403. Pages of the proxy's own host and non-browser callers
 * (no `Origin` header) always pass: an `Origin` check cannot stop a script that omits it
 * anyway, so a rate limit is the defence there.
 *
 * @throws TypeError when an entry is neither `*` nor a valid origin.
 */
export function createOriginPolicy(
  allowedOrigins: readonly string[] | undefined,
): (request: RequestHead) => OriginVerdict {
  if (allowedOrigins === undefined) return () => ({ allowed: true, corsHeaders: {} });
  const anyOrigin = allowedOrigins.includes('*');
  const listed = new Set(allowedOrigins.filter((entry) => entry !== '*').map(normalizeOrigin));

  return (request): OriginVerdict => {
    const origin = request.headers.get('origin');
    if (origin === null || isOwnHost(origin, request.url)) {
      return { allowed: true, corsHeaders: {} };
    }
    if (!anyOrigin && !listed.has(origin)) return { allowed: false, corsHeaders: {} };
    return {
      allowed: true,
      corsHeaders: {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': EXPOSED_HEADERS,
        vary: 'Origin',
      },
    };
  };
}

/**
 * Whether `origin` is of the host the request was sent to, whatever its scheme: behind a
 * proxy that ends TLS (nginx, a platform's router), the request arrives over plain http
 * while the page's origin is https. A page of the same host is the site's own either way.
 */
function isOwnHost(origin: string, requestUrl: string): boolean {
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    // `null` (a sandboxed frame, a file) or anything unparsable is no host of ours.
    return false;
  }
}

/**
 * The headers answering an allowed CORS preflight: POST with a JSON body (and GET, the
 * catalog, which needs no preflight but is listed for clients that send one).
 */
export function preflightHeaders(corsHeaders: Record<string, string>, allow: string): Record<string, string> {
  return {
    ...corsHeaders,
    allow,
    'access-control-allow-methods': allow.replace(', OPTIONS', ''),
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
  };
}

function normalizeOrigin(entry: string): string {
  let origin: string;
  try {
    origin = new URL(entry).origin;
  } catch {
    throw new TypeError(`allowedOrigins entry "${entry}" is not an origin like https://example.com.`);
  }
  if (origin === 'null') {
    throw new TypeError(`allowedOrigins entry "${entry}" is not an http(s) origin.`);
  }
  return origin;
}
