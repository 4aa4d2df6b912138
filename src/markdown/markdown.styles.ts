import type { css as litCss } from 'lit';

/**
 * Styles for rendered answers (`.markdown`), in the markdown room: made with the element's `css`
 * (the room imports nothing) and adopted by each element once the room is there. They read the
 * element's private `--_*` properties, each with a fallback so the sheet also works on its own.
 * Logical properties throughout, so `dir="rtl"` mirrors everything but code, which stays
 * left-to-right. Spacing is tight: an answer sits in a bubble, not on a page.
 *
 * Blocks are spaced by top margins only, and nothing starts a box with a gap (not the
 * answer, nor a quote; streaming-markdown puts no paragraphs in list items). Blocks sit in
 * groups (`src/markdown/block-groups.ts`), the first block in the first group; a group out
 * of view is skipped by style, layout and paint (`content-visibility: auto`) and keeps the
 * size it last had, so a long answer's deltas cost no more than a short one's, and answers
 * scrolled away cost a frame nothing (render benchmark). Skipping keeps a group's
 * margins inside it; with no bottom margins there is nothing to collapse across groups, so
 * a grouped answer lays out exactly as a flat one. The intrinsic-size estimate only stands
 * in for a group never yet shown (a restored conversation). A heading sits closer to what
 * follows it (the next block's own 0.6em) than to what precedes it; it cannot have less
 * below it, since a sibling rule would miss a heading that ends a group.
 *
 * (The build strips comments inside the template, `scripts/minify-css-templates.ts`; the
 * why still lives here, beside the rest.)
 */
export function markdownStyles({ css }: { readonly css: typeof litCss }) {
  return css`
    .markdown {
      --_code-background: light-dark(rgb(0 0 0 / 0.05), rgb(255 255 255 / 0.07));
      --_code-font: ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, monospace;
      white-space: normal;
      overflow-wrap: anywhere;
    }

    .markdown > :first-child,
    .markdown > .block-group:first-child > :first-child,
    .markdown blockquote > :first-child {
      margin-block-start: 0;
    }

    .markdown .block-group {
      content-visibility: auto;
      contain-intrinsic-size: auto 20em;
    }

    /*
     * \`:where()\` keeps these at the specificity of \`.markdown\` alone, so the first-child
     * rules above and the nested-list rule below can override them.
     */
    .markdown :where(p, ul, ol, blockquote, table, .code-block, pre.math, hr) {
      margin-block: 0.6em 0;
    }

    .markdown :where(h1, h2, h3, h4, h5, h6) {
      margin-block: 0.9em 0;
      font-weight: 650;
      line-height: 1.25;
    }

    .markdown h1 {
      font-size: 1.3em;
    }

    .markdown h2 {
      font-size: 1.17em;
    }

    .markdown h3 {
      font-size: 1.05em;
    }

    .markdown :is(h4, h5, h6) {
      font-size: 1em;
    }

    .markdown h6 {
      color: var(--_muted, GrayText);
    }

    .markdown :is(ul, ol) {
      padding-inline-start: 1.4em;
    }

    .markdown li > :is(ul, ol) {
      margin-block: 0.15em 0;
    }

    .markdown li + li {
      margin-block-start: 0.15em;
    }

    .markdown li:has(> .task) {
      list-style: none;
    }

    .markdown .task {
      margin-inline: -1.2em 0.2em;
    }

    .markdown blockquote {
      margin-inline: 0;
      padding-inline-start: 0.8em;
      border-inline-start: 3px solid var(--_border, currentColor);
      color: var(--_muted, inherit);
    }

    .markdown a {
      color: var(--_accent, LinkText);
      text-underline-offset: 0.15em;
    }

    .markdown a:not([href]) {
      color: inherit;
      text-decoration: none;
    }

    .markdown a:focus-visible {
      outline: 2px solid var(--_accent, Highlight);
      outline-offset: 1px;
      border-radius: 2px;
    }

    .markdown hr {
      border: 0;
      border-block-start: 1px solid var(--_border, currentColor);
    }

    .markdown :not(pre) > code {
      padding: 0.1em 0.35em;
      border-radius: 0.3em;
      background: var(--_code-background);
      font: 0.88em var(--_code-font);
    }

    .markdown .math {
      font-family: var(--_code-font);
    }

    .markdown table {
      display: block;
      max-inline-size: 100%;
      overflow-x: auto;
      border-collapse: collapse;
      font-size: 0.92em;
    }

    .markdown :is(th, td) {
      padding: 0.3em 0.6em;
      border: 1px solid var(--_border, currentColor);
      text-align: start;
    }

    .markdown th {
      background: var(--_code-background);
      font-weight: 600;
    }

    .markdown .code-block {
      overflow: hidden;
      border: 1px solid var(--_border, currentColor);
      border-radius: calc(var(--_radius, 12px) * 0.6);
      background: var(--_background, Canvas);
    }

    .markdown .code-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
      padding: 0.15em 0.25em 0.15em 0.7em;
      border-block-end: 1px solid var(--_border, currentColor);
      background: var(--_code-background);
      color: var(--_muted, inherit);
      font-size: 0.78em;
    }

    .markdown .code-language {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-family: var(--_code-font);
    }

    .markdown .copy-button {
      margin-inline-start: auto;
      padding: 0.2em 0.6em;
      border: 0;
      border-radius: 0.4em;
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 500;
      cursor: pointer;
    }

    .markdown .copy-button:hover {
      background: var(--_code-background);
      color: var(--_text, inherit);
    }

    .markdown .copy-button:focus-visible {
      outline: 2px solid var(--_accent, Highlight);
      outline-offset: -2px;
    }

    .markdown pre {
      margin: 0;
      padding: 0.6em 0.8em;
      overflow-x: auto;
      direction: ltr;
      text-align: left;
      tab-size: 2;
    }

    .markdown pre code {
      font: 0.86em / 1.5 var(--_code-font);
      white-space: pre;
    }

    .markdown pre.math {
      border-radius: calc(var(--_radius, 12px) * 0.6);
      background: var(--_code-background);
    }

    .markdown img {
      max-inline-size: 100%;
      block-size: auto;
      border-radius: calc(var(--_radius, 12px) * 0.5);
    }
  `;
}
