/**
 * Safe, incremental markdown for assistant answers, as a Lit directive: the thin part of the
 * markdown room that the main bundle holds.
 *
 * The renderer itself (streaming-markdown and `safe-renderer.ts`) is the markdown room,
 * loaded on demand once per page (`markdown-loader.ts`). Until it is there, the directive
 * shows the answer as plain text: one text node (never HTML) that grows by each delta. The
 * first render after the room arrives parses the text so far once, whole, and continues from
 * there; from then on every render on the page goes straight to the renderer. The host
 * renders again when the room arrives (the element does, `loadMarkdownRoom().then(...)`).
 *
 * Cost model, with the room: each directive instance (one per rendered answer) keeps one
 * container and one streaming-markdown parser. An update whose text extends the previous one
 * parses only the new suffix, and the parser only appends DOM for it: the parse and DOM work
 * of an update are proportional to the delta, never to the answer, and every character is
 * parsed once (plus a constant-size preview of the few characters the parser holds back).
 * The one whole-text step is checking that the new text starts with the old: a string
 * compare, no parse, no DOM. Text that is not an extension (a conversation restored or
 * cleared, an answer replaced) or changed options start a new container and parse the text
 * once, whole. The plain text before the room follows the same rule: a delta appends its
 * characters to the text node.
 *
 * Batching is the caller's: the element renders at most once per animation frame, and each
 * render writes whatever arrived since the last.
 *
 * @module
 */
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import type { CodeHighlighter } from './code-highlighter.js';
import type { CopyButtonStrings } from './copy-button.js';
import { loadedMarkdownRoom } from './markdown-loader.js';
import type { MarkdownStream } from './markdown-stream.js';
import type { MathSupport } from './math-support.js';
import { extendsText } from './text-extension.js';

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
  /** Before the room: the answer's text node, in its own element, and the text it shows. */
  private plain?: { readonly element: HTMLElement; readonly node: Text; text: string };

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.CHILD) throw new Error('markdown() renders content: use it in a child position');
  }

  render(text: string, options: MarkdownOptions = {}): HTMLElement {
    const room = loadedMarkdownRoom();
    if (!room) return this.renderPlain(text);
    this.plain = undefined;
    this.stream = room.writeAnswer(this.stream, text, options);
    // The same node on every update, so Lit leaves it in place and the parser keeps appending.
    return this.stream.container;
  }

  /** The text as it is, in a text node: appended to when it grew, made anew when it changed. */
  private renderPlain(text: string): HTMLElement {
    const plain = this.plain;
    if (plain && extendsText(plain.text, text)) {
      plain.node.appendData(text.slice(plain.text.length));
      plain.text = text;
      return plain.element;
    }
    const element = document.createElement('div');
    element.className = 'plain-answer';
    const node = element.appendChild(document.createTextNode(text));
    this.plain = { element, node, text };
    return element;
  }
}

/**
 * Renders markdown `text` as safe DOM, incrementally: call it again with a longer text and
 * only the new part is parsed and appended. Plain text until the page has the markdown room.
 *
 * Safe by construction: raw HTML stays text, only a fixed set of elements is created, links
 * are http, https or mailto only (absolute; open in a new tab with `rel="noopener
 * noreferrer"`), images are off unless `allowImages` (then https only). Code blocks get a
 * language label and a copy button (`::part(code-block)`, `::part(copy-button)`).
 *
 * @example html`${markdown(answer, { complete: !streaming })}`
 */
export const markdown = directive(MarkdownDirective);
