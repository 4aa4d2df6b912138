import { clientKey } from './client-key.js';
import type { HeaderReader } from './exchange.js';

/** What the handler knows about the caller when it asks the rate limiter. */
export interface RateLimitInfo {
  /**
   * The client's address as the platform reported it (see `ChatHandlerContext`), or from
   * `x-forwarded-for` when `trustedProxyCount` allows; `undefined` when nobody said.
   */
  clientAddress: string | undefined;
}

/** A rate limiter's verdict. `retryAfterSeconds` becomes the 429's `Retry-After`. */
export interface RateLimitDecision {
  ok: boolean;
  retryAfterSeconds?: number;
}

/**
 * The rate-limit hook: called once per chat request, before the body is read. Plug in a
 * shared limiter (Redis, Cloudflare's rate limiting binding, Upstash...) when the proxy
 * runs as several instances, since the in-memory default counts per instance only.
 */
export type RateLimiter = (
  request: Request,
  info: RateLimitInfo,
) => RateLimitDecision | Promise<RateLimitDecision>;

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Requests allowed per client per window. Default 20. */
  limit?: number;
  /** Window length in milliseconds. Default 60 000 (one minute). */
  windowMs?: number;
  /**
   * Most clients remembered at once; past it, the oldest windows are forgotten first so a
   * flood of spoofed addresses cannot grow memory without bound. Default 10 000.
   */
  maxClients?: number;
  /** Clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
}

interface ClientWindow {
  startedAt: number;
  count: number;
}

/**
 * The limiters made by {@link createMemoryRateLimiter}, which read the client's address and
 * nothing else: the Node adapter asks them without building the Web `Request` the hook's
 * signature promises (about 0.08 ms per request there).
 */
const ADDRESS_LIMITS = new WeakMap<RateLimiter, (clientAddress: string | undefined) => RateLimitDecision>();

/**
 * A fixed-window counter per client address, in memory: enough for one process, and
 * stateless across instances. An IPv6 client counts by its /64 network, which it can pick
 * addresses from at will (see `client-key.ts`). Requests whose address is unknown share a
 * single window, which errs on the side of refusing rather than letting anonymous traffic
 * through freely.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const { limit = 20, windowMs = 60_000, maxClients = 10_000, now = Date.now } = options;
  if (!(Number.isSafeInteger(limit) && limit > 0) || !(windowMs > 0) || !(maxClients > 0)) {
    throw new TypeError('createMemoryRateLimiter: limit, windowMs and maxClients must be > 0.');
  }
  // A Map keeps insertion order, and each client is re-inserted when its window restarts,
  // so the first entries are always the oldest windows: eviction is a walk from the front.
  const windows = new Map<string, ClientWindow>();

  function evict(time: number): void {
    for (const [key, window] of windows) {
      if (windows.size < maxClients && time - window.startedAt < windowMs) return;
      windows.delete(key);
    }
  }

  const limitAddress = (clientAddress: string | undefined): RateLimitDecision => {
    const time = now();
    const key = clientAddress === undefined ? 'unknown' : clientKey(clientAddress);
    let window = windows.get(key);
    if (window === undefined || time - window.startedAt >= windowMs) {
      windows.delete(key);
      evict(time);
      window = { startedAt: time, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.ceil((window.startedAt + windowMs - time) / 1000) };
  };
  const limiter: RateLimiter = (_request, { clientAddress }) => limitAddress(clientAddress);
  ADDRESS_LIMITS.set(limiter, limitAddress);
  return limiter;
}

/** How to ask `limiter` with the client's address alone, when it needs nothing else. */
export function addressOnlyLimit(limiter: RateLimiter): ((clientAddress: string | undefined) => RateLimitDecision) | undefined {
  return ADDRESS_LIMITS.get(limiter);
}

/**
 * The client address to rate-limit by. `x-forwarded-for` is only believed as far as the
 * operator says proxies of their own append to it: with N trusted proxies, the Nth entry
 * from the right is what the outermost trusted proxy saw; anything left of it is whatever
 * the client chose to write.
 */
export function resolveClientAddress(
  request: { headers: HeaderReader },
  reportedAddress: string | undefined,
  trustedProxyCount: number,
): string | undefined {
  if (trustedProxyCount === 0) return reportedAddress;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  return hops[hops.length - trustedProxyCount] ?? reportedAddress;
}
