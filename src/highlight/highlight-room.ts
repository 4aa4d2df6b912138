/**
 * The code highlighting room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-highlight.js`), importing nothing, given the element's Lit.
 * Loaded when the first fenced block names a language; it holds highlight.js (through
 * lowlight) with the common languages, the streaming line-by-line highlighting, and the
 * colours.
 *
 * @module
 */
import { BlockHighlight } from './block-highlight.js';
import { highlightStyles } from './highlight.styles.js';
import { knowsLanguage } from './languages.js';
import type { CodeHighlighter } from '../markdown/code-highlighter.js';
import type { RoomKit } from '../rooms/room-kit.js';

/** The room, made with the element's kit: the highlighter, and its styles. */
export function highlightRoom(kit: RoomKit) {
  const highlighter: CodeHighlighter = {
    // A language this room does not know stays plain text, as before.
    watch: (code, language) => (knowsLanguage(language) ? new BlockHighlight(code, language) : undefined),
  };
  return { ...highlighter, styles: highlightStyles(kit) };
}

/** What {@link highlightRoom} gives the element. */
export type HighlightRoom = ReturnType<typeof highlightRoom>;
