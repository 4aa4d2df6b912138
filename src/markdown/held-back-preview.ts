/**
 * Shows, while an answer streams, the characters the parser is holding back.
 *
 * streaming-markdown keeps the last character or few of its input undecided (the `e` of
 * "Hello" might still be followed by `*`; `htt` might become a URL), so without this a stream
 * that pauses shows "Hell" until the next delta. The preview is one `<span>` at the end of the
 * element text is going into, showing the held-back characters when they are plain word
 * characters; anything that may still turn into syntax (`*`, `[`, `|`, a URL) stays hidden
 * until parsed, so markup never flashes on screen. It is taken out before every write, so the
 * parser always appends after real content, and for good once the text completes.
 *
 * @module
 */
import { Token, type Parser } from 'streaming-markdown';

/** Held-back text that can only ever become plain text where it stands. */
const PLAIN = /^[\p{L}\p{N}\p{M}.,;:?'"]+$/u;

/** Elements whose held-back text is inline text; a new block could start anywhere else. */
const TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'TD', 'TH', 'STRONG', 'EM', 'DEL', 'CODE', 'A',
]);

/** The preview of one stream's held-back characters. */
export class HeldBackPreview {
  private readonly span = document.createElement('span');

  constructor() {
    this.span.className = 'held-back';
  }

  /** Takes the preview out, before the parser writes or when the text completes. */
  hide(): void {
    this.span.remove();
  }

  /** Shows what `parser` holds back at the end of `target`, if it is plain text there. */
  show(parser: Parser, target: Element): void {
    // A bare URL's held-back characters are already on screen as the link's text.
    if (parser.token === Token.Raw_URL || !TEXT_ELEMENTS.has(target.tagName) || !PLAIN.test(parser.pending)) return;
    this.span.textContent = parser.pending;
    target.append(this.span);
  }
}
