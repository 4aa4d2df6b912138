/**
 * The `accept` attribute, read as `<input type=file accept>` reads it: MIME types, `type/*`
 * wildcards and `.ext` file name endings, separated by commas.
 *
 * @module
 */
import type { SniffedFormat } from './sniff.js';

/**
 * Whether `accept` lets in a file of `format`, as its bytes say: the type the browser
 * guessed from the name and the name's ending play no part, so `.png` in `accept` takes a
 * PNG under any name and never a program named `x.png`.
 */
export function isAccepted(accept: string, format: SniffedFormat): boolean {
  return accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .some((token) => {
      if (token.startsWith('.')) return format.extensions.includes(token);
      if (token.endsWith('/*')) return format.mime.startsWith(token.slice(0, -1));
      return token === format.mime || (token === 'audio/mp3' && format.mime === 'audio/mpeg');
    });
}
