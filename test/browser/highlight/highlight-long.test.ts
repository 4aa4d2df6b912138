import { expect } from '@open-wc/testing';
import { connectedHost, renderMarkdown } from '../helpers/markdown-host.js';
import { room, whenHighlighted } from '../helpers/highlight-host.js';

/**
 * The longest task a 200 kB block may cost, in wall time (all a long-task observer sees). The
 * benchmark holds the element to 50 ms of CPU on a quiet machine; this runs beside other test
 * pages on two shared cores, where wall time stretches (a 4x markdown answer without code
 * showed 150 ms long tasks at a load of 8, for 8 ms of CPU). What it catches is a task that
 * grows with the block: highlight.js alone takes 190-420 ms to tokenize this block in one go
 * (Node, here), before any DOM, where a slice of the final pass takes about 5 ms.
 */
const LONGEST_TASK_MS = 200;

/** About 200 kB of TypeScript: a function repeated, with comments, strings and a template. */
function bigCode(): string {
  const unit = [
    '/** Adds the totals of one batch; a comment over',
    ' *  two lines. */',
    'export function total(items: readonly { price: number; count: number }[]): number {',
    '  let sum = 0;',
    "  for (const item of items) sum += item.price * item.count; // each line",
    '  return Math.round(sum * 100) / 100 + `${"x"}`.length;',
    '}',
    '',
  ].join('\n');
  return unit.repeat(Math.ceil(200_000 / unit.length));
}

describe('code highlighting: a 200 kB block', function () {
  this.timeout(120_000);
  // The room's styles, as the element adopts them: its slices are blocks (see highlight.styles.ts).
  before(() => void (document.adoptedStyleSheets = [...document.adoptedStyleSheets, room.styles.styleSheet!]));

  it(`streams and highlights without a task over ${LONGEST_TASK_MS} ms, and ends highlighted`, async () => {
    const code = bigCode();
    const answer = `Here it is:\n\n\`\`\`ts\n${code}\`\`\`\n\nDone.`;
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration)));
    observer.observe({ type: 'longtask' });
    const host = connectedHost();
    try {
      // As the element streams: one render per frame with what arrived (here about 600
      // characters), the page free in between for highlighting's own tasks.
      let text = '';
      for (let at = 0; at < answer.length; at += 600) {
        text = answer.slice(0, at + 600);
        renderMarkdown(host, text, { highlighter: room, complete: false });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const out = renderMarkdown(host, text, { highlighter: room, complete: true });
      await whenHighlighted();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const block = out.querySelector('pre code')!;
      expect(block.textContent).to.equal(code.replace(/\n$/, ''));
      expect(block.querySelectorAll('.hl-keyword').length).to.be.greaterThan(5_000);
      // The last line is highlighted too: the final pass went through to the end.
      let after = '';
      for (let node = block.lastElementChild!.nextSibling; node; node = node.nextSibling) after += node.textContent;
      expect(after.length).to.be.below(20);
      expect(Math.max(0, ...tasks), `long tasks: ${tasks.map(Math.round).join(', ')}`).to.be.below(LONGEST_TASK_MS);
    } finally {
      observer.disconnect();
      host.remove();
    }
  });
});
