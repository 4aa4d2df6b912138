/**
 * Our renderer for streaming-markdown: the one place parsed markdown becomes DOM, and so the
 * place that decides what model output can and cannot do.
 *
 * Safe by construction rather than by cleaning: it creates elements from a fixed list keyed
 * by token type (never by a name taken from the text), puts text in text nodes only (never
 * `innerHTML`), and sets only the attributes written below, each from a checked value. The
 * parser never reads raw HTML, so `<script>` in an answer arrives here as plain text.
 *
 * The parser only appends: it opens a token (we push an element), adds text to it, sets an
 * attribute on it, closes it (we pop). So rendering a delta touches only the open elements;
 * the two edits of something already shown stay inside the token that just ended (an
 * accepted image replaces its alt text, a bare URL hands its trailing punctuation on).
 *
 * @module
 */
import { Attr, Token, type Renderer } from 'streaming-markdown';
import { bareUrlLength, closeBareUrl } from './bare-url.js';
import { BlockGroups } from './block-groups.js';
import { appendCodeBlock, setCodeLanguage } from './code-block.js';
import type { CodeHighlighter, CodeWatch } from './code-highlighter.js';
import type { CopyButtonStrings } from './copy-button.js';
import type { AnswerMath } from './math-support.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

/** What the renderer may do beyond plain markdown, and the words it shows. */
export interface SafeRendererOptions {
  /** Render `![alt](https://…)` as an image; otherwise (and for non-https) the alt text shows. */
  allowImages: boolean;
  /** Labels of the copy button on code blocks. */
  strings: CopyButtonStrings;
  /** Restyles fenced blocks that name a language; without one, code stays plain text. */
  highlighter?: CodeHighlighter | undefined;
}

/** The renderer's state: where it writes and what it may do. */
export interface SafeRendererState extends SafeRendererOptions {
  /** The open elements, outermost first; text and new elements go into the last one. */
  open: Element[];
  /** Where top-level blocks go: into groups, once there are many (see `block-groups.ts`). */
  groups: BlockGroups;
  /** The answer's formulas, with the math room: its placeholders in the parser's text become them. */
  math?: AnswerMath;
  /** The highlighter's watch of the fenced block being written (all text goes there). */
  watch?: CodeWatch | undefined;
}

/** Tokens that map to one element with no attributes of its own. */
const PLAIN_TAGS: Partial<Record<Token, keyof HTMLElementTagNameMap>> = {
  [Token.Paragraph]: 'p',
  [Token.Heading_1]: 'h1',
  [Token.Heading_2]: 'h2',
  [Token.Heading_3]: 'h3',
  [Token.Heading_4]: 'h4',
  [Token.Heading_5]: 'h5',
  [Token.Heading_6]: 'h6',
  [Token.Blockquote]: 'blockquote',
  [Token.Italic_Ast]: 'em',
  [Token.Italic_Und]: 'em',
  [Token.Strong_Ast]: 'strong',
  [Token.Strong_Und]: 'strong',
  [Token.Strike]: 'del',
  [Token.Code_Inline]: 'code',
  [Token.List_Unordered]: 'ul',
  [Token.List_Ordered]: 'ol',
  [Token.List_Item]: 'li',
  [Token.Table]: 'table',
  [Token.Line_Break]: 'br',
  [Token.Rule]: 'hr',
  // An `<a>` is a link only once the URL arrives (after its text) and passes; until then,
  // and for a refused URL, it has no href: plain text, not focusable, nothing to follow.
  [Token.Link]: 'a',
};

/** Classes that tell the stylesheet what a generic element stands for. */
const MARKER_CLASSES: Partial<Record<Token, string>> = {
  [Token.Image]: 'image-alt',
  [Token.Equation_Inline]: 'math',
};

/** The visible state of a task-list checkbox; text, so it needs no form control. */
const TASK_OPEN = '☐';
const TASK_DONE = '☑';

/** A start number for `<ol>`: digits only, short enough to mean something. */
const LIST_START = /^\d{1,9}$/;

/** The element the next text will go into. */
export function currentElement(state: SafeRendererState): Element {
  return state.open[state.open.length - 1]!;
}

/** `<tr>` goes to the table's head first (the header row), then to its body. */
function appendTableRow(table: HTMLTableElement): HTMLTableRowElement {
  const section = table.tHead ? (table.tBodies[0] ?? table.createTBody()) : table.createTHead();
  return section.appendChild(document.createElement('tr'));
}

function appendTableCell(row: Element): HTMLTableCellElement {
  const header = row.parentElement?.tagName === 'THEAD';
  return row.appendChild(document.createElement(header ? 'th' : 'td'));
}

/** The element that `type` opens, already in place under `parent`. */
function openElement(state: SafeRendererState, parent: Element, type: Token): Element {
  const tag = PLAIN_TAGS[type];
  if (tag) return parent.appendChild(document.createElement(tag));
  switch (type) {
    case Token.Code_Block:
    case Token.Code_Fence:
      return appendCodeBlock(parent, state.strings);
    case Token.Equation_Block: {
      // No TeX renderer ships in the widget: the formula shows as its source.
      const pre = parent.appendChild(document.createElement('pre'));
      pre.className = 'math';
      return pre.appendChild(document.createElement('code'));
    }
    case Token.Raw_URL: {
      const link = parent.appendChild(document.createElement('a'));
      link.className = 'bare-url';
      return link;
    }
    case Token.Table_Row:
      if (parent instanceof HTMLTableElement) return appendTableRow(parent);
      break;
    case Token.Table_Cell:
      return appendTableCell(parent);
    case Token.Checkbox: {
      const task = parent.appendChild(document.createElement('span'));
      task.className = 'task';
      task.textContent = TASK_OPEN;
      return task;
    }
  }
  // Images (alt text until a URL is accepted), inline math, and any token a later parser
  // version adds: a span holds their text, so nothing is lost and nothing is active.
  const span = parent.appendChild(document.createElement('span'));
  const marker = MARKER_CLASSES[type];
  if (marker) span.className = marker;
  return span;
}

/** Replaces the alt-text placeholder with the image, if images are on and the URL is https. */
function acceptImage(state: SafeRendererState, placeholder: Element, raw: string): void {
  const src = state.allowImages ? safeImageUrl(raw) : null;
  if (!src) return;
  const image = document.createElement('img');
  image.alt = placeholder.textContent ?? '';
  image.referrerPolicy = 'no-referrer';
  image.loading = 'lazy';
  image.src = src;
  placeholder.replaceWith(image);
  state.open[state.open.length - 1] = image;
}

function acceptLink(link: Element, raw: string): void {
  const href = safeLinkUrl(raw);
  if (!href) return;
  link.setAttribute('href', href);
  link.setAttribute('rel', 'noopener noreferrer');
  link.setAttribute('target', '_blank');
}

function setAttribute(state: SafeRendererState, type: Attr, parsed: string): void {
  const value = state.math ? state.math.restore(parsed) : parsed;
  const element = currentElement(state);
  switch (type) {
    case Attr.Href:
      if (element.tagName === 'A') {
        acceptLink(element, element.classList.contains('bare-url') ? value.slice(0, bareUrlLength(value)) : value);
      }
      return;
    case Attr.Src:
      if (element.classList.contains('image-alt')) acceptImage(state, element, value);
      return;
    case Attr.Lang:
      if (element instanceof HTMLElement && element.tagName === 'CODE') {
        const language = setCodeLanguage(element, value);
        if (language) state.watch = state.highlighter?.watch(element, language);
      }
      return;
    case Attr.Start:
      if (element.tagName === 'OL' && LIST_START.test(value)) element.setAttribute('start', value);
      return;
    case Attr.Checked:
      if (element.classList.contains('task')) element.textContent = TASK_DONE;
      return;
  }
}

/**
 * A streaming-markdown renderer that writes into `root` with only allowlisted elements and
 * checked attributes.
 */
export function createSafeRenderer(root: Element, options: SafeRendererOptions, math?: AnswerMath): Renderer<SafeRendererState> {
  return {
    data: { ...options, open: [root], groups: new BlockGroups(root), math },
    add_token: (state, type) => {
      // Only the root is open: the token is a top-level block.
      const parent = state.open.length === 1 ? state.groups.nextParent() : currentElement(state);
      state.open.push(openElement(state, parent, type));
    },
    end_token: (state) => {
      // The root is never closed: a stray end (there should be none) cannot unhook writing.
      if (state.open.length < 2) return;
      const closed = state.open.pop()!;
      if (closed.classList.contains('bare-url')) closeBareUrl(closed);
      // A watched fence holds only text, so the next `<code>` to close is its own.
      if (state.watch && closed.tagName === 'CODE') {
        state.watch.closed();
        state.watch = undefined;
      }
    },
    add_text: (state, text) => {
      const parent = currentElement(state);
      if (state.watch) {
        // A watched fence holds plain text only: what the math scanner held back is put back as written.
        const node = parent.appendChild(document.createTextNode(state.math ? state.math.restore(text) : text));
        state.watch.appended(node);
      } else if (state.math) state.math.appendText(parent, text);
      else parent.appendChild(document.createTextNode(text));
    },
    set_attr: setAttribute,
  };
}
