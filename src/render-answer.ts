/**
 * The single place an assistant's answer becomes DOM. Plain text for now (the message keeps
 * its line breaks through CSS); the markdown renderer (`src/markdown.ts`) takes over here,
 * so nothing else in the element needs to change.
 *
 * @module
 */

/**
 * Renders an answer, finished or still streaming.
 *
 * @param text - the whole answer so far.
 * @returns anything a Lit template can render. A plain string becomes a text node, which
 * Lit updates in place as the answer grows, and which can never inject markup.
 */
export function renderAnswer(text: string): unknown {
  return text;
}
