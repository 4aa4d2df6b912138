/**
 * Asks an endpoint for its catalog once per page, however many chats use it: every element
 * on the page shares the answer (this module is loaded once). A failure (a proxy without a
 * catalog answers 404 or 405, or a network error) gives `undefined`, and the chat works as
 * it does without a catalog; the next element to ask tries again.
 *
 * @module
 */
import { readCatalog, type ModelCatalog } from './model-catalog.js';

/** A catalog is a few hundred kB at most once trimmed; anything far larger is no catalog. */
const MAX_CATALOG_CHARS = 8 * 1024 * 1024;

const catalogs = new Map<string, Promise<ModelCatalog | undefined>>();

/** The catalog of `endpoint` (resolved against the page), fetched on first use. */
export function catalogOf(endpoint: string): Promise<ModelCatalog | undefined> {
  const url = new URL(endpoint, document.baseURI).href;
  let catalog = catalogs.get(url);
  if (!catalog) {
    catalog = fetchCatalog(url);
    catalogs.set(url, catalog);
    void catalog.then((read) => read || catalogs.delete(url));
  }
  return catalog;
}

async function fetchCatalog(url: string): Promise<ModelCatalog | undefined> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const text = await response.text();
    return text.length > MAX_CATALOG_CHARS ? undefined : readCatalog(JSON.parse(text));
  } catch {
    return undefined;
  }
}
