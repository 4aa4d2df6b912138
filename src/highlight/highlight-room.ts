/**
 * The code highlighting room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-highlight.js`), given the element's Lit. Loaded when the first
 * fenced block names a language; it holds highlight.js's core (through lowlight), the
 * streaming line-by-line highlighting, and the colours. Each grammar is a file of its own
 * beside it, loaded by the first block in its language (`grammars.ts`).
 *
 * @module
 */
import { BlockHighlight } from './block-highlight.js';
import { grammarOf } from './grammars.js';
import { highlightStyles } from './highlight.styles.js';
import { waitFor } from './highlight-queue.js';
import { loadGrammar } from './languages.js';
import { lazyHighlighter } from '../element/lazy-highlighter.js';
import type { CodeHighlighter } from '../markdown/code-highlighter.js';
import type { RoomKit } from '../rooms/room-kit.js';

/**
 * The room, made with the element's kit: the highlighter, and its styles. `load` is how a
 * grammar arrives (a test makes one fail); the element gives only the kit.
 */
export function highlightRoom(kit: RoomKit, load: (grammar: string) => Promise<void> = loadGrammar) {
  /**
   * Each grammar's highlighter, made by its first block: until the grammar is there, one that
   * loads it (once) and then hands it every block seen meanwhile, with the text the block holds
   * by then, as the element's own loader does with the room; a block whose grammar does not
   * load stays plain, and so do the next ones. Once it is there, blocks go straight to it.
   */
  const byGrammar = new Map<string, CodeHighlighter>();
  const highlighterOf = (grammar: string): CodeHighlighter => {
    const known = byGrammar.get(grammar);
    if (known) return known;
    const blocks: CodeHighlighter = { watch: (code) => new BlockHighlight(code, grammar) };
    const loading = load(grammar);
    // Work is on its way: `whenHighlighted` waits for what the blocks queue once it is there.
    waitFor(loading);
    const ready = loading.then(() => {
      byGrammar.set(grammar, blocks);
      return blocks;
    });
    const waiting = lazyHighlighter(() => ready);
    byGrammar.set(grammar, waiting);
    return waiting;
  };
  const highlighter: CodeHighlighter = {
    watch(code, language) {
      const grammar = grammarOf(language);
      // A language this room does not know stays plain text, as before.
      return grammar === undefined ? undefined : highlighterOf(grammar).watch(code, language);
    },
  };
  return { ...highlighter, styles: highlightStyles(kit) };
}

/** What {@link highlightRoom} gives the element. */
export type HighlightRoom = ReturnType<typeof highlightRoom>;
