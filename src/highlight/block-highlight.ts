/**
 * Highlighting one code block while it streams, and once more when it is complete.
 *
 * While the fence is open, each complete line is highlighted once, in the step after the
 * frame that showed it (and in slices of about {@link SLICE} characters when many arrive at
 * once); the line still being written stays the plain text node the renderer put there, which
 * costs nothing. A step never reads the block's text, only the new lines' nodes.
 *
 * Highlighting lines as they complete cannot know what a later line changes: a comment or
 * string spanning lines, cut at a step's edge, shows as code until its end arrives. So when
 * the fence closes, the block is highlighted again from its whole text, in slices cut at the
 * first line end past every {@link SLICE} characters. The slices depend on the text alone,
 * so however the answer was chunked, the finished block is the same DOM; and the work is
 * twice the block, still linear, in bounded steps.
 *
 * Each step's lines go into a `span.hl-lines` of their own, which the room's stylesheet makes a
 * block: a change then lays out only those lines, not every line of a long block above them.
 *
 * @module
 */
import type { CodeWatch } from '../markdown/code-highlighter.js';
import { removeCharacters } from './code-splice.js';
import { queueHighlight, type HighlightJob } from './highlight-queue.js';
import { tokenize } from './languages.js';
import { tokensToDom } from './token-dom.js';

/**
 * The size of a step's slice, in characters (it ends at the next line end). highlight.js
 * takes about 1 ms for 4 kB here, and a step's DOM is a few hundred spans: small enough for
 * a step to fit between frames, large enough that a multi-line token rarely meets an edge.
 */
const SLICE = 4096;

/** Where the slice of `text` that starts at `from` ends: whole lines, about {@link SLICE}. */
function sliceEnd(text: string, from: number): number {
  if (text.length - from <= SLICE) return text.length;
  const newline = text.indexOf('\n', from + SLICE);
  return newline < 0 ? text.length : newline + 1;
}

/** The final pass: the block's whole text and how far the pass has come. */
interface FinalPass {
  readonly source: string;
  done: number;
  /** The child of `<code>` where the rest of the pass begins. */
  next: ChildNode | null;
}

/** What the highlight room does with one block in a language it knows, once its grammar is there. */
export class BlockHighlight implements CodeWatch, HighlightJob {
  /** Characters received so far, and the end of the last complete line among them. */
  private received = 0;
  private complete = 0;
  /** Characters highlighted while streaming (always whole lines). */
  private highlighted = 0;
  /** The first node not highlighted yet (its siblings after it are the rest). */
  private next: ChildNode | null = null;
  private final?: FinalPass;

  constructor(
    private readonly code: HTMLElement,
    /** The grammar's name (`grammars.ts`), loaded by now. */
    private readonly grammar: string,
  ) {
    // The text that arrived before the room and the grammar did (the first block loads them).
    for (const node of code.childNodes) if (node instanceof Text) this.appended(node);
  }

  appended(text: Text): void {
    this.next ??= text;
    const newline = text.data.lastIndexOf('\n');
    if (newline >= 0) {
      this.complete = this.received + newline + 1;
      queueHighlight(this);
    }
    this.received += text.data.length;
  }

  closed(): void {
    this.final = { source: this.code.textContent ?? '', done: 0, next: this.code.firstChild };
    queueHighlight(this);
  }

  step(): boolean {
    const final = this.final;
    if (final) {
      const end = sliceEnd(final.source, final.done);
      final.next = this.replace(final.next, final.source.slice(final.done, end));
      final.done = end;
      return final.done < final.source.length;
    }
    if (this.complete > this.highlighted) this.streamStep();
    return this.complete > this.highlighted;
  }

  /** Highlights the next complete lines (a slice of them) in place of their text nodes. */
  private streamStep(): void {
    const wanted = this.complete - this.highlighted;
    let text = '';
    for (let node = this.next; node && text.length < wanted; node = node.nextSibling) {
      // The held-back preview (an element) may sit at the end; only text nodes are the code's.
      if (node instanceof Text) text += node.data;
    }
    text = text.slice(0, wanted);
    const lines = text.slice(0, sliceEnd(text, 0));
    if (!lines) {
      // No node holds them (never so far): give the lines up rather than wait for them forever.
      this.highlighted = this.complete;
      return;
    }
    const following = this.replace(this.next, lines);
    this.highlighted += lines.length;
    // Nothing plain left (the preview, or no node, follows): the next appended node starts it.
    this.next = following instanceof Text ? following : null;
  }

  /**
   * Puts the highlighted `text` in place of the characters it covers from `first` on.
   * @returns the node after them.
   */
  private replace(first: ChildNode | null, text: string): ChildNode | null {
    let fragment: Node | undefined;
    try {
      fragment = tokensToDom(tokenize(this.grammar, text));
    } catch {
      // A grammar that gives up (highlight.js reports it, rarely) leaves its text plain.
    }
    // The tokens must give back the text exactly (what the copy button copies): highlight.js
    // 11.11 adds a newline to CSS that ends inside an open `[`; such a slice stays plain.
    if (fragment?.textContent !== text) fragment = document.createTextNode(text);
    const lines = document.createElement('span');
    lines.className = 'hl-lines';
    lines.append(fragment);
    const following = removeCharacters(first, text.length);
    this.code.insertBefore(lines, following);
    return following;
  }
}
