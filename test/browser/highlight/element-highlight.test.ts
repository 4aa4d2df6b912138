import { expect, waitUntil } from '@open-wc/testing';
import type { OpenRouterChat } from '../../../src/index.js';
import { chatFixture, shadow } from '../helpers/chat-fixture.js';
import { answerEvents, serveChat, sseResponse } from '../helpers/sse-mock.js';

const ANSWER = 'Here:\n\n```ts\n// a comment\nconst answer = "forty-two";\n```\n\nAnd plain:\n\n```\nconst not = "highlighted";\n```\n';

/**
 * The highlighted spans of the chat's answers, once the room has loaded and done its work.
 * The first load in a test page takes a while: the dev server turns each of highlight.js's
 * CommonJS files into a module on request.
 */
async function highlighted(el: OpenRouterChat): Promise<HTMLElement[]> {
  await waitUntil(() => shadow(el).querySelector('pre code .hl-comment'), 'no highlighted code', { timeout: 20_000 });
  return [...shadow(el).querySelectorAll<HTMLElement>('pre code span')];
}

describe('<openrouter-chat>: highlighted code', function () {
  this.timeout(30_000);
  it('loads the highlight room with the first fenced block that names a language and colours it', async () => {
    await serveChat(() => sseResponse(answerEvents(ANSWER.match(/[^]{1,9}/g)!)));
    const el = await chatFixture();
    await el.send('Code please');
    const spans = await highlighted(el);
    expect(spans.map((span) => [span.className, span.textContent])).to.deep.include.members([
      ['hl-comment', '// a comment'],
      ['hl-keyword', 'const'],
      ['hl-string', '"forty-two"'],
    ]);
    const codes = shadow(el).querySelectorAll('pre code');
    expect(codes[1]!.children.length, 'a block without a language stays plain').to.equal(0);
    expect(codes[0]!.textContent).to.equal('// a comment\nconst answer = "forty-two";');
  });

  it('keeps dollar signs in a highlighted block as written while the math room typesets the prose around it', async () => {
    const source = '// costs $5 and $x$ here\nconst price = `$${amount}` + "$\\frac{1}{2}$";';
    const answer = `Inline $a^2 + b^2 = c^2$ first.\n\n\`\`\`ts\n${source}\n\`\`\`\n\nThen $$\\sum_{i=1}^{n} i$$ after.\n`;
    await serveChat(() => sseResponse(answerEvents(answer.match(/[^]{1,5}/g)!)));
    const el = await chatFixture();
    await el.send('Both please');
    await highlighted(el);
    await waitUntil(() => shadow(el).querySelectorAll('.message.assistant math').length === 2, 'the formulas were not typeset', { timeout: 20_000 });
    const code = shadow(el).querySelector('pre code')!;
    await waitUntil(() => code.querySelector('.hl-string'), 'the block was not highlighted whole');
    expect(code.textContent).to.equal(source);
    expect(code.querySelector('math')).to.equal(null);
  });

  it('reads the colours from --openrouter-chat-code-* properties, with light and dark defaults', async () => {
    const el = await chatFixture();
    el.messages = [
      { role: 'user', content: 'Restored' },
      { role: 'assistant', content: ANSWER },
    ];
    const keyword = (await highlighted(el)).find((span) => span.classList.contains('hl-keyword'))!;
    const colour = () => getComputedStyle(keyword).color;
    el.theme = 'light';
    await el.updateComplete;
    expect(colour()).to.equal('rgb(207, 34, 46)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(colour()).to.equal('rgb(255, 123, 114)');
    // Set on the page, above the element: the page's value wins.
    document.body.style.setProperty('--openrouter-chat-code-keyword', 'rgb(1, 2, 3)');
    try {
      expect(colour()).to.equal('rgb(1, 2, 3)');
    } finally {
      document.body.style.removeProperty('--openrouter-chat-code-keyword');
    }
    const comment = shadow(el).querySelector('.hl-comment')!;
    el.style.setProperty('--openrouter-chat-code-comment', 'rgb(4, 5, 6)');
    expect(getComputedStyle(comment).color).to.equal('rgb(4, 5, 6)');
  });
});
