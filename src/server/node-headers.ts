import type { IncomingHttpHeaders } from 'node:http';
import type { HeaderReader } from './exchange.js';

/**
 * Reads `node:http` headers like a Web `Headers`: Node has already lower-cased the names
 * and joined repeated headers with `, ` (all but `set-cookie`, joined here the same way).
 */
export function nodeHeaderReader(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
