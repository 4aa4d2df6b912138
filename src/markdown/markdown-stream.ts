/**
 * One answer's markdown, parsed and rendered as it grows: a container element and the
 * streaming-markdown parser writing into it, plus how much of the text it has consumed.
 *
 * @module
 */
import { parser, parser_end, parser_write, type Parser } from 'streaming-markdown';
import type { CopyButtonStrings } from './copy-button.js';
import { HeldBackPreview } from './held-back-preview.js';
import type { AnswerMath, MathSupport } from './math-support.js';
import { createSafeRenderer, currentElement, type SafeRendererOptions, type SafeRendererState } from './safe-renderer.js';
import { extendsText } from './text-extension.js';

/** Everything that shapes the output besides the text; changing any of it means a re-render. */
export interface MarkdownStreamOptions extends SafeRendererOptions {
  /** The math room, once loaded: formulas are typeset. */
  math?: MathSupport;
  /** Called (without math) when the text may hold a formula, so the math room loads. */
  onMath?: () => void;
}

/** What may start a formula: `$` before a letter or sign (not a price), `\(`, `\[`. */
const MATH_HINT = /\$[^\s\d]|\\[([]/;

function sameStrings(a: CopyButtonStrings, b: CopyButtonStrings): boolean {
  return a.copy === b.copy && a.copied === b.copied && a.copyFailed === b.copyFailed;
}

/** A lone high surrogate at the end waits for its pair, so no code point is ever split in two. */
function parsableLength(text: string, complete: boolean): number {
  const last = text.charCodeAt(text.length - 1);
  return !complete && last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
}

/**
 * The incremental renderer for one text that only ever grows. It never re-reads what it
 * wrote: {@link MarkdownStream.write} hands the parser only the new suffix.
 */
export class MarkdownStream {
  /** The element the markdown renders into; the same one for the stream's whole life. */
  readonly container: HTMLDivElement = document.createElement('div');
  private readonly parser: Parser;
  private readonly renderer: SafeRendererState;
  private readonly math?: AnswerMath;
  private readonly preview = new HeldBackPreview();
  /** The prefix of the text already handed to the parser. */
  private written = '';
  /** Whether the parser was told the text is complete (after which it takes no more). */
  private ended = false;

  constructor(readonly options: MarkdownStreamOptions) {
    this.container.className = 'markdown';
    this.math = options.math?.createAnswerMath();
    const renderer = createSafeRenderer(this.container, options, this.math);
    this.renderer = renderer.data;
    this.parser = parser(renderer);
  }

  /**
   * Whether this stream can render `text` by writing more: the text extends what was written,
   * the stream has not ended (or `text` is exactly the ended text), and the options are the
   * same. If not, the caller starts a new stream. The prefix check is the one step that reads
   * the whole text: a string comparison, no parsing and no DOM ({@link extendsText}).
   */
  continues(text: string, complete: boolean, options: MarkdownStreamOptions): boolean {
    const sameOptions =
      options.allowImages === this.options.allowImages &&
      options.math === this.options.math &&
      options.highlighter === this.options.highlighter &&
      sameStrings(options.strings, this.options.strings);
    if (!sameOptions) return false;
    if (this.ended) return complete && text === this.written;
    return extendsText(this.written, text);
  }

  /**
   * Parses and renders the part of `text` not yet written, and, when `complete`, flushes what
   * the parser held back (it keeps the last character or two until it knows what they start;
   * until then a {@link HeldBackPreview} shows them). `text` must satisfy
   * {@link MarkdownStream.continues}.
   *
   * @returns how many characters were parsed by this call: the cost of the update.
   */
  write(text: string, complete: boolean): number {
    const end = parsableLength(text, complete);
    const suffix = text.slice(this.written.length, end);
    // One character back, so a `$` that ended the last delta is seen with the one after it.
    if (!this.math && MATH_HINT.test(text.slice(Math.max(0, this.written.length - 1), end))) this.options.onMath?.();
    this.preview.hide();
    const parsed = this.math ? this.math.write(suffix, complete) : suffix;
    if (parsed) parser_write(this.parser, parsed);
    this.written = text.slice(0, end);
    if (complete && !this.ended) {
      parser_end(this.parser);
      this.ended = true;
    }
    if (!this.ended) {
      const target = currentElement(this.renderer);
      this.preview.show(this.parser, target);
      this.math?.preview(target, this.parser.pending);
    }
    return suffix.length;
  }
}
