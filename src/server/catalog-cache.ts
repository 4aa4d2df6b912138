/**
 * The proxy's copy of the model catalog, kept in memory: fetched once per time-to-live
 * however many clients ask (one fetch in flight), kept when a refresh fails (served marked
 * stale), and, after a failure, not asked again for a while, so an OpenRouter outage does
 * not turn every page load into an upstream request.
 */

/** The catalog as it is served: its JSON text and the entity tag of that text. */
export interface CatalogSnapshot {
  body: string;
  etag: string;
}

/** What a request gets: the newest good copy, and whether its last refresh failed. */
export interface CatalogView {
  snapshot: CatalogSnapshot;
  stale: boolean;
}

/** The in-memory catalog of one handler. */
export interface CatalogCache {
  /**
   * The catalog for a request: the cached copy while it is fresh, otherwise the result of
   * `load` (shared with every request that arrives while it runs).
   * @throws the load's error when it failed and there is no good copy to fall back on.
   */
  current(load: () => Promise<CatalogSnapshot>): Promise<CatalogView>;
}

export interface CatalogCacheSettings {
  /** How long a fetched copy is served before the next request refreshes it. */
  ttlMs: number;
  /** How long after a failed fetch no new one is tried. */
  retryAfterFailureMs: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

export function createCatalogCache({ ttlMs, retryAfterFailureMs, now = Date.now }: CatalogCacheSettings): CatalogCache {
  let good: { snapshot: CatalogSnapshot; fetchedAt: number } | undefined;
  let failure: { error: unknown; at: number } | undefined;
  let inFlight: Promise<CatalogView> | undefined;

  const refresh = async (load: () => Promise<CatalogSnapshot>): Promise<CatalogView> => {
    try {
      const snapshot = await load();
      good = { snapshot, fetchedAt: now() };
      failure = undefined;
      return { snapshot, stale: false };
    } catch (error) {
      failure = { error, at: now() };
      return fallback(error);
    } finally {
      inFlight = undefined;
    }
  };

  const fallback = (error: unknown): CatalogView => {
    if (good === undefined) throw error;
    return { snapshot: good.snapshot, stale: true };
  };

  return {
    current(load) {
      const time = now();
      if (good !== undefined && time - good.fetchedAt < ttlMs) return Promise.resolve({ snapshot: good.snapshot, stale: false });
      if (failure !== undefined && time - failure.at < retryAfterFailureMs) {
        const { error } = failure;
        return new Promise((resolve) => resolve(fallback(error)));
      }
      inFlight ??= refresh(load);
      return inFlight;
    },
  };
}
