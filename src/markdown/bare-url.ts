/**
 * Where a bare URL in prose ends. The parser ends it at the next space, so "see
 * https://example.com/docs." would link the full stop too; GFM's autolink rule leaves
 * trailing punctuation, and a `)` without its `(`, to the sentence.
 *
 * @module
 */

const TRAILING_PUNCTUATION = new Set(['.', ',', ':', ';', '!', '?', "'", '"', '*', '_', '~']);

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** How many leading characters of `text` (a bare URL as the parser ended it) are the URL. */
export function bareUrlLength(text: string): number {
  let end = text.length;
  while (end > 0) {
    const last = text[end - 1]!;
    const unbalancedParen = last === ')' && count(text.slice(0, end), ')') > count(text.slice(0, end), '(');
    if (!TRAILING_PUNCTUATION.has(last) && !unbalancedParen) break;
    end--;
  }
  return end;
}

/**
 * Moves the trailing punctuation of a finished bare-URL link out of it, into the text after.
 * A local edit of the token that just closed, proportional to the URL's length.
 */
export function closeBareUrl(link: Element): void {
  const text = link.textContent ?? '';
  const end = bareUrlLength(text);
  if (end === text.length) return;
  link.textContent = text.slice(0, end);
  link.after(document.createTextNode(text.slice(end)));
}
