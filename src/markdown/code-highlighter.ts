/**
 * The hook through which code blocks get highlighted, without the markdown room knowing how.
 *
 * The renderer still writes every character of a code block as a plain text node, at once:
 * that is the first paint, and the delta path. A highlighter, handed in by whoever renders
 * (the element loads one on demand), is told about the block and its text and restyles it
 * later, on its own time, so highlighting never sits in the way of a delta.
 *
 * @module
 */

/** Highlights code blocks; one for all the answers of a chat. */
export interface CodeHighlighter {
  /**
   * A fenced block named its language (`language`, checked by `setCodeLanguage`); `code` is
   * its element, still empty. Returns what follows the block, or `undefined` to leave it plain.
   */
  watch(code: HTMLElement, language: string): CodeWatch | undefined;
}

/** What the renderer tells a highlighter about one block. */
export interface CodeWatch {
  /** `text` was just appended to the end of the block's `<code>`, as its own node. */
  appended(text: Text): void;
  /** The fence closed: the block's text is final. */
  closed(): void;
}
