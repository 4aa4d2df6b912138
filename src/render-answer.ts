/**
 * The single place an assistant's answer becomes DOM: markdown, rendered safely and
 * incrementally (`src/markdown.ts`), so nothing else in the element needs to know how.
 *
 * @module
 */
import { markdown, type MarkdownOptions } from './markdown.js';

/** How an answer renders: whether it is final, whether images show, the copy labels. */
export type RenderAnswerOptions = MarkdownOptions;

/**
 * Renders an answer, finished or still streaming.
 *
 * @param text - the whole answer so far.
 * @param options - pass `{ complete: false }` while the answer streams (see
 * {@link MarkdownOptions.complete}); without options the text is taken as final.
 * @returns a Lit directive result for a child position in a template.
 */
export function renderAnswer(text: string, options: RenderAnswerOptions = {}): unknown {
  return markdown(text, options);
}
