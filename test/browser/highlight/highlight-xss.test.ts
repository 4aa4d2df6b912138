import { expect } from '@open-wc/testing';
import hljs from 'highlight.js/lib/core';
import { GRAMMARS, grammarOf } from '../../../src/highlight/grammars.js';
import { codeShape, room, whenHighlighted } from '../helpers/highlight-host.js';
import { renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';
import { installTrap, settle, violations, type Trap } from '../helpers/xss-check.js';
import { randomInt, seededRandom } from '../sse/seeded-random.js';
import { XSS_PAYLOADS } from '../markdown/xss-payloads.js';

/** Every grammar the room ships, by its own name, and the aliases answers use most. */
const LANGUAGES = ['bash', 'cpp', 'css', 'diff', 'go', 'java', 'json', 'python', 'rust', 'sql', 'typescript', 'xml', 'yaml', 'js', 'html', 'c'];

/** All the payloads, each in a fence of `language` (a payload with a fence in it breaks out: fine, markdown's rules then hold). */
const answerIn = (language: string) => XSS_PAYLOADS.map((payload) => `\`\`\`${language}\n${payload}\n\`\`\`\n`).join('\n');

/** Problems inside highlighted code: anything but a span with one role class. */
function codeViolations(root: Element): string[] {
  return [...root.querySelectorAll('pre code *')]
    // The parser's preview of the characters it holds back sits at the end while text streams.
    .filter((element) => element.tagName !== 'SPAN' || element.attributes.length !== 1 || !/^(hl-[a-z]+|held-back)$/.test(element.className))
    .map((element) => element.outerHTML.slice(0, 120));
}

function chunksOf(text: string, size: number): string[] {
  return text.match(new RegExp(`[^]{1,${size}}`, 'g'))!;
}

function randomChunks(text: string, seed: number): string[] {
  const random = seededRandom(seed);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = randomInt(random, 1, 40);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

describe('code highlighting: the XSS corpus in code fences of every shipped language', function () {
  this.timeout(120_000);
  let trap: Trap;
  let root: HTMLElement;
  beforeEach(() => {
    trap = installTrap();
    root = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    root.remove();
    trap.restore();
  });
  const newHost = () => root.appendChild(document.createElement('div'));

  it('ships the languages named here', () => {
    expect(LANGUAGES.filter((language) => grammarOf(language) === undefined)).to.deep.equal([]);
  });

  it("finds each grammar by every alias the grammar itself declares (known only once it is loaded)", async () => {
    const missed: string[] = [];
    for (const [name, grammar] of Object.entries(GRAMMARS)) {
      const { aliases = [] } = (await grammar.load()).default(hljs);
      for (const alias of aliases) if (grammarOf(alias) !== name) missed.push(`${name}: ${alias}`);
    }
    expect(missed).to.deep.equal([]);
  });

  for (const language of LANGUAGES) {
    it(`${language}: ${XSS_PAYLOADS.length} payloads whole, in 7-character and random chunks, and highlighted between deltas leave nothing active`, async () => {
      const answer = answerIn(language);
      const report: string[] = [];
      const check = (how: string, container: Element) => {
        for (const problem of [...violations(container, false), ...codeViolations(container)]) report.push(`${how}: ${problem}`);
      };
      const whole = renderMarkdown(newHost(), answer, { highlighter: room });
      await whenHighlighted();
      check('whole', whole);
      const expected = codeShape(whole);
      expect(whole.querySelectorAll('pre code [class^="hl-"]').length, 'highlighted at all').to.be.greaterThan(0);
      for (const [how, deltas] of [
        ['7-character chunks', chunksOf(answer, 7)],
        ['random chunks, seed 1', randomChunks(answer, 1)],
        ['random chunks, seed 2', randomChunks(answer, 2)],
      ] as const) {
        const out = streamMarkdown(newHost(), deltas, { highlighter: room });
        await whenHighlighted();
        check(how, out);
        expect(codeShape(out), how).to.deep.equal(expected);
      }
      // Highlighting in between deltas, as in a live answer: streaming steps, then the final pass.
      const live = newHost();
      let text = '';
      for (const delta of chunksOf(answer, 211)) {
        text += delta;
        check('live, streaming', renderMarkdown(live, text, { highlighter: room, complete: false }));
        await whenHighlighted();
      }
      check('live', renderMarkdown(live, text, { highlighter: room, complete: true }));
      await whenHighlighted();
      expect(codeShape(live), 'live').to.deep.equal(expected);
      // Every block holds its source exactly, whatever the grammar made of it.
      const sources = [...renderMarkdown(newHost(), answer).querySelectorAll('pre code')].map((code) => code.textContent);
      expect([...live.querySelectorAll('pre code')].map((code) => code.textContent)).to.deep.equal(sources);
      expect(report).to.deep.equal([]);
      await settle();
      expect(trap.calls).to.deep.equal([]);
    });
  }
});
