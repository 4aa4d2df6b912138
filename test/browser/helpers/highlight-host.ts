/**
 * The highlight room as the element makes it, for tests that render `markdown()` directly:
 * its highlighter (given to `markdown()`), its stylesheet, and a wait for its work to end.
 */
import { css } from 'lit';
import { highlightRoom } from '../../../src/highlight/highlight-room.js';
import type { RoomKit } from '../../../src/rooms/room-kit.js';
export { whenHighlighted } from '../../../src/highlight/highlight-queue.js';

/** The room needs only `css` from the element's kit. */
export const room = highlightRoom({ css } as unknown as RoomKit);

/** The code elements' children as tags, classes and text: what "the same DOM" compares. */
export function codeShape(root: Element): string[] {
  return [...root.querySelectorAll('pre code')].map((code) => code.innerHTML);
}
