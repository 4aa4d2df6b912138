/**
 * Safe, incremental markdown for assistant answers, as a Lit directive.
 *
 * Cost model: each directive instance (one per rendered answer) keeps one container and one
 * streaming-markdown parser. An update whose text extends the previous one parses only the
 * new suffix, and the parser only appends DOM for it: the parse and DOM work of an update are
 * proportional to the delta, never to the answer, and every character is parsed once (plus a
 * constant-size preview of the few characters the parser holds back). The one whole-text
 * step is checking that the new text starts with the old: a string compare, no parse, no DOM.
 * Text that is not an extension (a conversation restored or cleared, an answer replaced) or
 * changed options start a new container and parse the text once, whole.
 *
 * Batching is the caller's: the element renders at most once per animation frame, and each
 * render writes whatever arrived since the last.
 *
 * @module
 */
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import type { CodeHighlighter } from './code-highlighter.js';
import { DEFAULT_COPY_BUTTON_STRINGS, type CopyButtonStrings } from './copy-button.js';
import { MarkdownStream } from './markdown-stream.js';
import type { MathSupport } from './math-support.js';

export type { CopyButtonStrings } from './copy-button.js';
export type { CodeHighlighter, CodeWatch } from './code-highlighter.js';

/** How {@link markdown} renders a text. */
export interface MarkdownOptions {
  /**
   * Whether the text is final. Default `true`. Pass `false` while the answer streams: the
   * parser then holds back the last characters it cannot decide yet (a `*` may open emphasis,
   * the last letter may end a URL), and completing flushes them. Rendering a final text with
   * `false` would leave those characters out; streaming with `true` would end the parse on
   * every update and re-render the whole answer each time.
   */
  complete?: boolean;
  /** Show `![alt](https://…)` images (https only). Default `false`: the alt text shows instead. */
  allowImages?: boolean;
  /** Labels of the code blocks' copy buttons; English by default. */
  strings?: Partial<CopyButtonStrings>;
  /** The math room, once loaded: formulas render as MathML. Changing it renders the text again. */
  math?: MathSupport;
  /** Called while `math` is unset when the text may hold a formula (to load the math room). */
  onMath?: () => void;
  /**
   * Highlights fenced blocks that name a language, after their text shows (see
   * `code-highlighter.ts`). Keep the same one across updates: another one re-renders.
   */
  highlighter?: CodeHighlighter | undefined;
}

class MarkdownDirective extends Directive {
  private stream?: MarkdownStream;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.CHILD) throw new Error('markdown() renders content: use it in a child position');
  }

  render(text: string, options: MarkdownOptions = {}): HTMLElement {
    const complete = options.complete ?? true;
    const streamOptions = {
      allowImages: options.allowImages ?? false,
      strings: { ...DEFAULT_COPY_BUTTON_STRINGS, ...options.strings },
      math: options.math,
      onMath: options.onMath,
      highlighter: options.highlighter,
    };
    if (!this.stream?.continues(text, complete, streamOptions)) this.stream = new MarkdownStream(streamOptions);
    this.stream.write(text, complete);
    // The same node on every update, so Lit leaves it in place and the parser keeps appending.
    return this.stream.container;
  }
}

/**
 * Renders markdown `text` as safe DOM, incrementally: call it again with a longer text and
 * only the new part is parsed and appended.
 *
 * Safe by construction: raw HTML stays text, only a fixed set of elements is created, links
 * are http, https or mailto only (absolute; open in a new tab with `rel="noopener
 * noreferrer"`), images are off unless `allowImages` (then https only). Code blocks get a
 * language label and a copy button (`::part(code-block)`, `::part(copy-button)`).
 *
 * @example html`${markdown(answer, { complete: !streaming })}`
 */
export const markdown = directive(MarkdownDirective);
