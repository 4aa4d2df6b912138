/**
 * The colours of highlighted code: one public `--openrouter-chat-code-ROLE` property per role
 * of `token-dom.ts`, read with its default (light and dark, after GitHub's palettes) and never
 * declared by the element, so a page's values win. `light-dark()` follows the element's
 * colour scheme, as the rest of its styles do.
 *
 * @module
 */
import type { RoomKit } from '../rooms/room-kit.js';

export function highlightStyles({ css }: RoomKit) {
  return css`
    /*
     * Each highlighted slice of lines is a block of its own, so a change to one (the next
     * lines of a streaming block, a slice of the final pass) lays out only its own lines, not
     * every line of a long block before it. A block ending in its newline adds no empty line.
     */
    .markdown .hl-lines { display: block; }
    .markdown .hl-keyword { color: var(--openrouter-chat-code-keyword, light-dark(#cf222e, #ff7b72)); }
    .markdown .hl-builtin { color: var(--openrouter-chat-code-builtin, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-type { color: var(--openrouter-chat-code-type, light-dark(#953800, #ffa657)); }
    .markdown .hl-function { color: var(--openrouter-chat-code-function, light-dark(#8250df, #d2a8ff)); }
    .markdown .hl-string { color: var(--openrouter-chat-code-string, light-dark(#0a3069, #a5d6ff)); }
    .markdown .hl-number { color: var(--openrouter-chat-code-number, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-literal { color: var(--openrouter-chat-code-literal, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-comment {
      color: var(--openrouter-chat-code-comment, light-dark(#6e7781, #8b949e));
      font-style: italic;
    }
    .markdown .hl-variable { color: var(--openrouter-chat-code-variable, light-dark(#953800, #ffa657)); }
    .markdown .hl-property { color: var(--openrouter-chat-code-property, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-attribute { color: var(--openrouter-chat-code-attribute, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-tag { color: var(--openrouter-chat-code-tag, light-dark(#116329, #7ee787)); }
    .markdown .hl-punctuation { color: var(--openrouter-chat-code-punctuation, currentColor); }
    .markdown .hl-operator { color: var(--openrouter-chat-code-operator, light-dark(#cf222e, #ff7b72)); }
    .markdown .hl-meta { color: var(--openrouter-chat-code-meta, light-dark(#0550ae, #79c0ff)); }
    .markdown .hl-addition {
      color: var(--openrouter-chat-code-addition, light-dark(#116329, #aff5b4));
      background: light-dark(#dafbe1, rgb(46 160 67 / 0.15));
    }
    .markdown .hl-deletion {
      color: var(--openrouter-chat-code-deletion, light-dark(#82071e, #ffdcd7));
      background: light-dark(#ffebe9, rgb(248 81 73 / 0.15));
    }
  `;
}
