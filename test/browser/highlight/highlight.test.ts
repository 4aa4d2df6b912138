import { expect, waitUntil } from '@open-wc/testing';
import { hostsRemovedAfterEach, renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';
import { codeShape, room, whenHighlighted } from '../helpers/highlight-host.js';
import { randomInt, seededRandom } from '../sse/seeded-random.js';

const host = hostsRemovedAfterEach();

const options = { highlighter: room };

/** Code with what streaming line by line gets wrong until the block is whole. */
const TS = [
  '/**',
  ' * A doc comment over several lines: if, for, return are words here.',
  ' */',
  'export async function load(url: string): Promise<number> {',
  '  const text = `a template',
  '  across lines ${url}`;',
  "  return text.length + 42; // done",
  '}',
].join('\n');
const PYTHON = ['def greet(name: str) -> str:', '    """A docstring', '    over lines, with def and class inside."""', '    return f"hi {name}"', 'print(greet("x"))'].join('\n');
const ANSWER = `Intro paragraph.\n\n\`\`\`ts\n${TS}\n\`\`\`\n\nBetween.\n\n\`\`\`python\n${PYTHON}\n\`\`\`\n\nEnd.`;

/** Deltas of `text` cut at `count` seeded random places. */
function randomChunks(text: string, seed: number, count = 12): string[] {
  const random = seededRandom(seed);
  const cuts = [...new Set(Array.from({ length: count }, () => randomInt(random, 1, text.length - 1)))].sort((a, b) => a - b);
  return [0, ...cuts].map((cut, index, all) => text.slice(cut, all[index + 1]));
}

describe('code highlighting: a block that names a language', () => {
  it('paints plain text first, then highlights it with role spans', async () => {
    const out = renderMarkdown(host(), '```ts\nconst answer: number = 42; // yes\n```\n', options);
    const code = out.querySelector('pre code')!;
    expect(code.querySelector('span'), 'first paint').to.equal(null);
    expect(code.textContent).to.equal('const answer: number = 42; // yes');
    await whenHighlighted();
    const roles = [...code.querySelectorAll('span')].map((span) => [span.className, span.textContent]);
    expect(roles).to.deep.include.members([
      ['hl-keyword', 'const'],
      ['hl-number', '42'],
      ['hl-comment', '// yes'],
    ]);
    expect(code.textContent).to.equal('const answer: number = 42; // yes');
  });

  it('highlights every shipped language the /code answer uses, by name or alias', async () => {
    const names = ['ts', 'typescript', 'js', 'javascript', 'tsx', 'python', 'py', 'rust', 'rs', 'bash', 'sh', 'shell', 'json', 'html', 'xml', 'css', 'sql', 'yaml', 'go', 'java', 'c', 'cpp', 'diff'];
    const out = renderMarkdown(host(), names.map((name) => `\`\`\`${name}\n// x "y" 1 <a href="b">\n+ added\n\`\`\`\n`).join('\n'), options);
    await whenHighlighted();
    const plain = [...out.querySelectorAll('pre code')].filter((code) => !code.querySelector('[class^="hl-"]')).map((code) => code.className);
    expect(plain).to.deep.equal([]);
  });

  it('leaves a language it does not know as plain text', async () => {
    const out = renderMarkdown(host(), '```brainfuck\n++[>+<-]>.\n```\n\n```\nno language\n```\n', options);
    await whenHighlighted();
    for (const code of out.querySelectorAll('pre code')) expect(code.children.length).to.equal(0);
    expect(out.querySelector('pre code')!.textContent).to.equal('++[>+<-]>.');
  });

  it('creates nothing but spans with a role class inside the code', async () => {
    const out = renderMarkdown(host(), ANSWER, options);
    await whenHighlighted();
    const elements = [...out.querySelectorAll('pre code *')];
    expect(elements.length).to.be.greaterThan(10);
    for (const element of elements) {
      expect(element.tagName).to.equal('SPAN');
      expect([...element.attributes].map((attribute) => attribute.name)).to.deep.equal(['class']);
      expect(element.className).to.match(/^hl-[a-z]+$/);
    }
  });
});

describe('code highlighting: streaming', () => {
  async function settledShape(deltas: readonly string[]): Promise<string[]> {
    const out = streamMarkdown(host(), deltas, options);
    await whenHighlighted();
    return codeShape(out);
  }

  it('gives the same DOM streamed by character, by words and in 20 random chunkings as written whole', async () => {
    const whole = await settledShape([ANSWER]);
    // The multi-line comment, template and docstring come out whole, as in one chunk.
    expect(whole[0]).to.contain('<span class="hl-comment">/**\n * A doc comment');
    expect(whole[1]).to.contain('<span class="hl-string">"""A docstring\n    over lines');
    expect(await settledShape([...ANSWER])).to.deep.equal(whole);
    expect(await settledShape(ANSWER.match(/\s*\S+\s*/g)!)).to.deep.equal(whole);
    for (let seed = 1; seed <= 20; seed += 1) expect(await settledShape(randomChunks(ANSWER, seed)), `seed ${seed}`).to.deep.equal(whole);
  });

  it('gives the same DOM when highlighting runs between every delta', async () => {
    const whole = await settledShape([ANSWER]);
    const target = host();
    let text = '';
    for (const delta of randomChunks(ANSWER, 99, 60)) {
      text += delta;
      renderMarkdown(target, text, { ...options, complete: false });
      await whenHighlighted();
    }
    renderMarkdown(target, text, { ...options, complete: true });
    await whenHighlighted();
    expect(codeShape(target)).to.deep.equal(whole);
  });

  it('highlights complete lines while the block streams and keeps the open line plain', async () => {
    const target = host();
    const out = renderMarkdown(target, '```ts\nconst a = 1;\nlet b = "open', { ...options, complete: false });
    await whenHighlighted();
    const code = out.querySelector('pre code')!;
    expect(code.querySelector('.hl-keyword')?.textContent).to.equal('const');
    // The open line: text nodes (and the parser's held-back preview), no role span.
    const open = [...code.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('held-back'))).at(-1)!;
    expect(open.nodeType, 'the open line is text').to.equal(Node.TEXT_NODE);
    expect(code.textContent!.startsWith('const a = 1;\nlet b = "open')).to.equal(true);
    expect([...code.querySelectorAll('span')].some((span) => span.textContent!.includes('let'))).to.equal(false);
    // The next line completes it: now it is highlighted, once, with nothing redone before it.
    const first = code.firstChild;
    renderMarkdown(target, '```ts\nconst a = 1;\nlet b = "open";\nb', { ...options, complete: false });
    await whenHighlighted();
    expect(code.firstChild, 'the first line was not redone').to.equal(first);
    expect([...code.querySelectorAll('.hl-keyword')].map((span) => span.textContent)).to.deep.equal(['const', 'let']);
  });

  it('never reads the block while it streams: each step handles only its new lines', async () => {
    const target = host();
    const line = 'const value = compute(1, "two", [3]); // four\n';
    let text = '```ts\n';
    let spans = 0;
    const added: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      text += line;
      renderMarkdown(target, text, { ...options, complete: false });
      await whenHighlighted();
      const now = target.querySelectorAll('pre code span').length;
      added.push(now - spans);
      spans = now;
    }
    // Every line adds the same spans: none from the lines before is made again.
    expect(new Set(added.slice(1)).size).to.equal(1);
  });
});

describe('code highlighting: the copy button', () => {
  let copied: string[];
  let original: PropertyDescriptor | undefined;
  beforeEach(() => {
    copied = [];
    original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
  });
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('copies the source exactly, highlighted and streamed in pieces', async () => {
    const out = streamMarkdown(host(), randomChunks(ANSWER, 7), options);
    await whenHighlighted();
    const buttons = out.querySelectorAll<HTMLButtonElement>('[part="copy-button"]');
    for (const button of buttons) button.click();
    await waitUntil(() => copied.length === 2, 'nothing copied');
    expect(copied).to.deep.equal([TS, PYTHON]);
  });
});

describe('code highlighting: the text stays the source', () => {
  it('keeps a slice plain where the grammar would change its text (CSS ending inside an open "[")', async () => {
    const out = streamMarkdown(host(), ['```css\na[x\n', 'b { color: red; }\n```\n'], options);
    await whenHighlighted();
    expect(out.querySelector('pre code')!.textContent).to.equal('a[x\nb { color: red; }');
  });
});
