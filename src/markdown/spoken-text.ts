/**
 * The text of a rendered answer as a screen reader should hear it once: what the answer says,
 * block by block, without the controls drawn around it. `textContent` runs blocks together
 * ("Run this:bashCopynpm test") and reads out code blocks' language labels and copy buttons.
 *
 * @module
 */
import { CODE_HEADER_CLASS } from './code-block.js';

/** Elements that each stand on a line of their own. */
const BLOCKS = 'p, li, pre, h1, h2, h3, h4, h5, h6, blockquote, tr, hr, br';

/** Table cells, read one after the other on their row's line. */
const CELLS = 'th, td';

/** The answer's text under `root`, one line per block, whitespace collapsed. */
export function spokenText(root: Element): string {
  // A copy, so the rendered answer (and the streaming renderer's place in it) is left alone.
  const copy = root.cloneNode(true) as Element;
  for (const control of copy.querySelectorAll(`.${CODE_HEADER_CLASS}`)) control.remove();
  for (const image of copy.querySelectorAll('img')) image.replaceWith(image.alt);
  for (const block of copy.querySelectorAll(BLOCKS)) {
    block.before('\n');
    block.after('\n');
  }
  for (const cell of copy.querySelectorAll(CELLS)) cell.append(' ');
  return (copy.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
