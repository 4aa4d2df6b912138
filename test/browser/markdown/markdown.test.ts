import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { css, LitElement, render } from 'lit';
import { markdownStyles } from '../../../src/markdown/markdown.styles.js';
import { styles as elementStyles } from '../../../src/element/openrouter-chat.styles.js';
import { markdown } from '../../../src/markdown/markdown.js';
import { MarkdownStream } from '../../../src/markdown/markdown-stream.js';
import { DEFAULT_COPY_BUTTON_STRINGS } from '../../../src/markdown/copy-button.js';
import { spokenText } from '../../../src/markdown/spoken-text.js';
import { connectedHost, renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';
import { randomInt, seededRandom } from '../sse/seeded-random.js';

// Hosts are made synchronously rather than with fixture(), which waits for an animation
// frame: frames pause in a page the browser does not show, and tests run in parallel pages.
const hosts: HTMLElement[] = [];
afterEach(() => hosts.splice(0).forEach((element) => element.remove()));

/** A new empty element in the document, removed after the test. */
function host(): HTMLElement {
  const element = connectedHost();
  hosts.push(element);
  return element;
}

/** Renders a finished text into a fresh host. */
function rendered(text: string, options = {}): HTMLElement {
  return renderMarkdown(host(), text, options);
}

/** Text with runs of whitespace collapsed, the way a reader sees it. */
const visible = (node: Node | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** One section of an answer using every construct; long answers repeat it. */
const SECTION = [
  '## Section heading',
  '',
  'A paragraph with **bold**, *emphasis*, ~~strike~~, `inline code` and a [link](https://example.com/docs).',
  'A second line in the same paragraph, with https://example.org/raw and more.',
  '',
  '- first item',
  '- second item',
  '  - nested item',
  '',
  '1. one',
  '2. two',
  '',
  '> a quote',
  '> over two lines',
  '',
  '| name | value |',
  '|------|-------|',
  '| a    | 1     |',
  '| b    | 2     |',
  '',
  '```ts',
  'const answer = 42;',
  'console.log(answer);',
  '```',
  '',
  '',
].join('\n');

/** `text` cut into pieces of `size` characters (the last may be shorter). */
function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

/** `text` cut at seeded random places into pieces of 1 to 12 characters. */
function randomPieces(text: string, seed: number): string[] {
  const random = seededRandom(seed);
  const pieces: string[] = [];
  let rest = text;
  while (rest) {
    const size = randomInt(random, 1, 12);
    pieces.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  return pieces;
}

/** The answer's top-level blocks that match `selector`, whichever groups they sit in. */
function topLevel(container: Element, selector: string): Element[] {
  return topLevelBlocks(container).filter((block) => block.matches(selector));
}

describe('markdown(): each construct', () => {
  it('renders paragraphs, with a line break for a single newline', () => {
    const out = rendered('First paragraph,\nsame paragraph.\n\nSecond paragraph.');
    const paragraphs = topLevel(out, 'p');
    expect([...paragraphs].map(visible)).to.deep.equal(['First paragraph,same paragraph.', 'Second paragraph.']);
    expect(paragraphs[0]!.querySelectorAll('br')).to.have.length(1);
  });

  it('renders strong, emphasis and strikethrough', () => {
    const out = rendered('Mix **strong** and __also__, *em* and _also_, ~~gone~~.');
    expect([...out.querySelectorAll('strong')].map(visible)).to.deep.equal(['strong', 'also']);
    expect([...out.querySelectorAll('em')].map(visible)).to.deep.equal(['em', 'also']);
    expect(visible(out.querySelector('del'))).to.equal('gone');
    expect(visible(out)).to.equal('Mix strong and also, em and also, gone.');
  });

  it('renders headings of every level', () => {
    const out = rendered('# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n');
    const headings = topLevelBlocks(out).map((element) => [element.tagName, visible(element)]);
    expect(headings).to.deep.equal([
      ['H1', 'One'],
      ['H2', 'Two'],
      ['H3', 'Three'],
      ['H4', 'Four'],
      ['H5', 'Five'],
      ['H6', 'Six'],
    ]);
  });

  it('renders unordered, ordered and nested lists, keeping a start number', () => {
    const out = rendered('- apple\n- pear\n  - conference\n  - williams\n\n3. third\n4. fourth\n');
    const outer = topLevel(out, 'ul')[0]!;
    expect([...outer.querySelectorAll(':scope > li')].map((li) => visible(li.firstChild))).to.deep.equal(['apple', 'pear']);
    expect([...outer.querySelectorAll(':scope > li > ul > li')].map(visible)).to.deep.equal(['conference', 'williams']);
    const ordered = topLevel(out, 'ol')[0]!;
    expect(ordered.getAttribute('start')).to.equal('3');
    expect([...ordered.children].map(visible)).to.deep.equal(['third', 'fourth']);
  });

  it('renders task list items with their state as text', () => {
    const out = rendered('- [ ] open task\n- [x] done task\n');
    const items = [...out.querySelectorAll('li')];
    expect(items.map((li) => visible(li).slice(1).trim())).to.deep.equal(['open task', 'done task']);
    expect(items[0]!.querySelector('.task')!.textContent).not.to.equal(items[1]!.querySelector('.task')!.textContent);
    expect(out.querySelector('input')).to.equal(null);
  });

  it('renders blockquotes, nested too', () => {
    const out = rendered('> outer\n>> inner\n');
    const quote = topLevel(out, 'blockquote')[0]!;
    expect(visible(quote.querySelector(':scope > p'))).to.equal('outer');
    expect(visible(quote.querySelector(':scope > blockquote'))).to.equal('inner');
  });

  it('renders a table with a header row and body rows', () => {
    const out = rendered('| name | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n');
    const table = out.querySelector('table')!;
    expect([...table.querySelectorAll('thead th')].map(visible)).to.deep.equal(['name', 'value']);
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(visible));
    expect(rows).to.deep.equal([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('renders links and bare URLs as safe new-tab links', () => {
    const out = rendered('See [the docs](https://example.com/docs?a=1), https://example.org/raw or [mail](mailto:team@example.com).');
    const links = [...out.querySelectorAll('a')];
    expect(links.map((a) => [visible(a), a.getAttribute('href')])).to.deep.equal([
      ['the docs', 'https://example.com/docs?a=1'],
      ['https://example.org/raw', 'https://example.org/raw'],
      ['mail', 'mailto:team@example.com'],
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(link.getAttribute('target')).to.equal('_blank');
    }
  });

  it('leaves trailing punctuation and an unmatched parenthesis out of a bare URL', () => {
    const text = 'See https://example.com/docs. Or (see https://example.com/a) or https://en.wikipedia.org/wiki/Rust_(language)!';
    const out = rendered(text);
    const links = [...out.querySelectorAll('a')].map((a) => [visible(a), a.getAttribute('href')]);
    expect(links).to.deep.equal([
      ['https://example.com/docs', 'https://example.com/docs'],
      ['https://example.com/a', 'https://example.com/a'],
      ['https://en.wikipedia.org/wiki/Rust_(language)', 'https://en.wikipedia.org/wiki/Rust_(language)'],
    ]);
    expect(visible(out)).to.equal(text);
    expect(streamMarkdown(host(), [...text]).innerHTML).to.equal(out.innerHTML);
  });

  it('renders a refused or relative link as its text, with no href', () => {
    const out = rendered('[bad](javascript:alert(1)) [rel](/local/path) [frag](#top) [ok](http://example.com/)');
    const links = [...out.querySelectorAll('a')];
    expect(links.map(visible)).to.deep.equal(['bad', 'rel', 'frag', 'ok']);
    expect(links.map((a) => a.hasAttribute('href'))).to.deep.equal([false, false, false, true]);
    expect(links.slice(0, 3).some((a) => a.hasAttribute('rel') || a.hasAttribute('target'))).to.equal(false);
  });

  it('renders inline code literally', () => {
    const out = rendered('Use `a **not bold** <b>` here.');
    expect(out.querySelector('code')!.textContent).to.equal('a **not bold** <b>');
    expect(out.querySelector('strong, b')).to.equal(null);
  });

  it('renders a fenced code block with its language as a visible label and a copy button', () => {
    const out = rendered('```python\nprint("hi")\nprint(2)\n```\nafter');
    const block = out.querySelector('[part="code-block"]')!;
    expect(visible(block.querySelector('.code-language'))).to.equal('python');
    const code = block.querySelector('pre > code')!;
    expect(code.textContent).to.equal('print("hi")\nprint(2)');
    expect(code.getAttribute('data-language')).to.equal('python');
    expect(code.classList.contains('language-python')).to.equal(true);
    const button = block.querySelector('button')!;
    expect(button.getAttribute('part')).to.equal('copy-button');
    expect(button.type).to.equal('button');
    expect(visible(button)).to.equal(DEFAULT_COPY_BUTTON_STRINGS.copy);
    expect(topLevel(out, 'p').map(visible)).to.deep.equal(['after']);
  });

  it('labels with the first word of the info string, and keeps an unsafe language out of attributes', () => {
    const out = rendered('```ts title="x.ts"\nlet a\n```\n\n```"><b>x</b>\ny\n```\n');
    const [first, second] = [...out.querySelectorAll('[part="code-block"]')];
    expect(visible(first!.querySelector('.code-language'))).to.equal('ts');
    expect(first!.querySelector('code')!.getAttribute('data-language')).to.equal('ts');
    expect(second!.querySelector('.code-language')!.textContent).to.equal('"><b>x</b>');
    const code = second!.querySelector('code')!;
    expect(code.hasAttribute('data-language') || code.hasAttribute('class')).to.equal(false);
    expect(out.querySelector('b')).to.equal(null);
  });

  it('renders an indented code block as a code block', () => {
    const out = rendered('    indented line\n    second line\n');
    expect(out.querySelector('[part="code-block"] pre > code')!.textContent).to.equal('indented line\nsecond line');
  });

  it('shows raw HTML as text', () => {
    const out = rendered('<b>bold?</b> <script>alert(1)</script>');
    expect(visible(out)).to.equal('<b>bold?</b> <script>alert(1)</script>');
    expect(out.querySelector('b, script')).to.equal(null);
  });
});

describe('markdown(): images', () => {
  it('shows the alt text and no image by default', () => {
    const out = rendered('Look: ![a red square](https://example.invalid/red.png)');
    expect(out.querySelector('img')).to.equal(null);
    expect(visible(out)).to.equal('Look: a red square');
  });

  it('shows https images when allowed, without a referrer and lazily', () => {
    const out = rendered('![a red square](https://example.invalid/red.png)', { allowImages: true });
    const image = out.querySelector('img')!;
    expect(image.getAttribute('src')).to.equal('https://example.invalid/red.png');
    expect(image.alt).to.equal('a red square');
    expect(image.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(image.getAttribute('loading')).to.equal('lazy');
  });

  it('refuses images that are not https even when allowed, showing the alt text', () => {
    const text = '![plain](http://example.invalid/a.png) ![data](data:image/png;base64,AAAA) ![rel](/a.png)';
    const out = rendered(text, { allowImages: true });
    expect(out.querySelector('img')).to.equal(null);
    expect(visible(out)).to.equal('plain data rel');
  });
});

describe('markdown(): streaming', () => {
  const answer = SECTION.repeat(3);
  let whole: string;
  before(() => (whole = rendered(answer).innerHTML));

  it('renders the same DOM streamed one character at a time as written whole', () => {
    expect(streamMarkdown(host(), [...answer]).innerHTML).to.equal(whole);
  });

  it('renders the same DOM streamed a few words at a time', () => {
    const words = answer.match(/(\S+\s*){1,3}|\s+/g)!;
    expect(words.join('')).to.equal(answer);
    expect(streamMarkdown(host(), words).innerHTML).to.equal(whole);
  });

  it('renders the same DOM in 25 seeded random chunkings', () => {
    for (let seed = 1; seed <= 25; seed++) {
      expect(streamMarkdown(host(), randomPieces(answer, seed)).innerHTML, `seed ${seed}`).to.equal(whole);
    }
  });

  it('renders an unclosed fence as a code block while it streams', () => {
    const target = host();
    const out = renderMarkdown(target, 'Here:\n\n```js\nconst x = 1;\nconst y', { complete: false });
    const code = out.querySelector('[part="code-block"] pre > code')!;
    expect(visible(out.querySelector('.code-language'))).to.equal('js');
    expect(code.textContent).to.match(/^const x = 1;\nconst/);
    renderMarkdown(target, 'Here:\n\n```js\nconst x = 1;\nconst y = 2;\n', { complete: false });
    expect(out.querySelectorAll('[part="code-block"]')).to.have.length(1);
    expect(code.textContent).to.match(/^const x = 1;\nconst y = 2;/);
  });

  it('previews the characters the parser holds back, then parses them when the text completes, once', () => {
    const target = host();
    const streaming = renderMarkdown(target, 'Hello world', { complete: false });
    const preview = streaming.querySelector('.held-back');
    expect(preview?.textContent).to.have.length.greaterThan(0);
    expect(visible(streaming)).to.equal('Hello world');
    const completed = renderMarkdown(target, 'Hello world', { complete: true });
    expect(completed).to.equal(streaming);
    expect(completed.querySelector('.held-back')).to.equal(null);
    expect(visible(completed)).to.equal('Hello world');
    renderMarkdown(target, 'Hello world', { complete: true });
    expect(visible(target)).to.equal('Hello world');
  });

  it('never previews held-back characters that may still become syntax', () => {
    const target = host();
    const shown = (text: string) => visible(renderMarkdown(target, text, { complete: false }));
    expect(shown('Some **')).to.equal('Some');
    expect(shown('Some **bold')).to.equal('Some bold');
    expect(shown('Some **bold** and [a link](https://exa')).to.equal('Some bold and a link');
    expect(shown('Some **bold** and [a link](https://example.com/) and ~')).to.equal('Some bold and a link and');
    expect(target.querySelectorAll('.held-back')).to.have.length.at.most(1);
  });

  it('shows a paused stream word by word, with nothing missing', () => {
    const target = host();
    const words = 'The quick brown fox, in a list:\n\n- jumps over\n- the lazy dog.'.split(/(?<= )/);
    let text = '';
    for (const word of words) {
      text += word;
      const out = renderMarkdown(target, text, { complete: false });
      expect(visible(out).replace(/ /g, ''), JSON.stringify(text)).to.equal(text.replace(/[\s-]/g, ''));
    }
  });

  it('takes text without options as final', () => {
    expect(visible(rendered('Hello world'))).to.equal('Hello world');
  });

  it('keeps a code point whole when an update ends between its two halves', () => {
    const text = 'Smile 😀 and *more* 🎉!';
    const target = host();
    const pieces = [...Array(text.length).keys()].map((index) => text[index]!);
    expect(visible(streamMarkdown(target, pieces))).to.equal('Smile 😀 and more 🎉!');
    for (const node of textNodes(target)) expect(node.data).not.to.match(/[\uD800-\uDBFF]$/);
  });
});

/** Every text node under `root`, in order. */
function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  return nodes;
}

describe('markdown(): replacing the text', () => {
  it('starts over when the new text does not extend the old one', () => {
    const target = host();
    const first = renderMarkdown(target, '# First answer\n\nwith a paragraph', { complete: false });
    const second = renderMarkdown(target, 'A *different* answer', { complete: true });
    expect(second).not.to.equal(first);
    expect(target.children).to.have.length(1);
    expect(visible(target)).to.equal('A different answer');
    expect(target.querySelector('h1')).to.equal(null);
  });

  // A longer text that differs only early on (its end still matches the written part's end)
  // must not pass for an extension: the check reads the whole written part, not its length or edge.
  it('starts over when a longer text differs only in its first character', () => {
    const target = host();
    const first = renderMarkdown(target, 'Hello there', { complete: false });
    const second = renderMarkdown(target, 'Jello there, friend', { complete: false });
    expect(second).not.to.equal(first);
    expect(visible(target)).to.match(/^Jello there, frien/);
    expect(visible(target)).not.to.contain('Hello');
  });

  it('starts over when a completed text is followed by a longer one', () => {
    const target = host();
    renderMarkdown(target, 'Hello', { complete: true });
    const out = renderMarkdown(target, 'Hello **world**', { complete: true });
    expect(visible(out)).to.equal('Hello world');
    expect(visible(out.querySelector('strong'))).to.equal('world');
  });

  it('starts over when images get allowed', () => {
    const target = host();
    const text = '![pic](https://example.invalid/p.png)';
    renderMarkdown(target, text);
    expect(target.querySelector('img')).to.equal(null);
    renderMarkdown(target, text, { allowImages: true });
    expect(target.querySelectorAll('img')).to.have.length(1);
  });

  it('renders an empty text as an empty container', () => {
    const target = host();
    renderMarkdown(target, 'Something', { complete: true });
    expect(renderMarkdown(target, '', { complete: true }).childNodes).to.have.length(0);
  });

  it('refuses attribute positions', () => {
    const target = host();
    expect(() => render(html`<div title=${markdown('x')}></div>`, target)).to.throw(/child position/);
  });
});

/** DOM work of one update, as a MutationObserver saw it. */
interface UpdateWork {
  /** Nodes added, not counting the groups that wrap top-level blocks (`addedGroups`). */
  addedNodes: number;
  addedGroups: number;
  removedNodes: number;
  addedTextChars: number;
  changedTexts: number;
}

/** Text of the answer itself, not of a code block's header (its label and button). */
function isAnswerText(node: Node): node is Text {
  return node instanceof Text && !node.parentElement?.closest('.code-header');
}

/** The held-back preview, which each update takes out, refills and puts back. */
function isPreview(node: Node): boolean {
  return node instanceof Element && node.classList.contains('held-back');
}

/** A wrapper of top-level blocks (`src/markdown/block-groups.ts`). */
function isGroup(node: Node): boolean {
  return node instanceof Element && node.classList.contains('block-group');
}

function workOf(records: MutationRecord[]): UpdateWork {
  const work = { addedNodes: 0, addedGroups: 0, removedNodes: 0, addedTextChars: 0, changedTexts: 0 };
  for (const record of records) {
    if (isPreview(record.target)) continue;
    if (record.type === 'characterData') work.changedTexts++;
    for (const node of record.addedNodes) {
      if (isGroup(node)) work.addedGroups++;
      else work.addedNodes++;
    }
    for (const node of record.removedNodes) if (!isPreview(node)) work.removedNodes++;
    for (const node of record.addedNodes) if (isAnswerText(node)) work.addedTextChars += node.data.length;
  }
  return work;
}

describe('markdown(): incremental work', () => {
  const SECTIONS = 12;
  const DELTA = 16;
  // Each section is cut the same way, so every section after the first sees the same deltas
  // from the same parser state: any work that grows with the answer shows as a difference.
  const deltas = Array.from({ length: SECTIONS }, () => piecesOf(SECTION, DELTA)).flat();
  const answer = deltas.join('');

  it('does the same DOM work for a delta late in a long answer as early on, and never redoes any', () => {
    const target = host();
    const container = renderMarkdown(target, '', { complete: false });
    const observer = new MutationObserver(() => {});
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    const work: UpdateWork[] = [];
    streamMarkdown(target, deltas, {}, (_text, current) => {
      expect(current).to.equal(container);
      work.push(workOf(observer.takeRecords()));
    });
    const completion = workOf(observer.takeRecords());
    observer.disconnect();

    // A group starts every 8 blocks, so the sections differ in that alone: compare the rest,
    // and count the groups over the whole answer.
    const perSection = deltas.length / SECTIONS;
    const section = (index: number) =>
      work.slice(index * perSection, (index + 1) * perSection).map(({ addedGroups: _, ...rest }) => rest);
    for (let index = 2; index < SECTIONS; index++) expect(section(index), `section ${index + 1}`).to.deep.equal(section(1));
    expect(work.every((update) => update.removedNodes === 0 && update.changedTexts === 0)).to.equal(true);
    const groups = work.reduce((sum, update) => sum + update.addedGroups, 0);
    expect(groups).to.equal(container.querySelectorAll('.block-group').length);
    // One group per 8 blocks, and one per 8 groups above those: fewer than one per 6 blocks.
    expect(groups).to.be.greaterThan(0).and.at.most(topLevelBlocks(container).length / 6);

    // Every character on screen was added once, by the update that brought it (or by the
    // completion, which flushes what the parser held back), and never again.
    const added = [...work, completion].reduce((sum, update) => sum + update.addedTextChars, 0);
    const shown = textNodes(container).filter(isAnswerText);
    expect(added).to.be.greaterThan(0);
    expect(added).to.equal(shown.reduce((sum, node) => sum + node.data.length, 0));
  });

  it('parses each character of the answer exactly once, only the delta per update', () => {
    const stream = new MarkdownStream({ allowImages: false, strings: DEFAULT_COPY_BUTTON_STRINGS });
    let text = '';
    const parsed = deltas.map((delta) => {
      text += delta;
      expect(stream.continues(text, false, stream.options)).to.equal(true);
      return stream.write(text, false);
    });
    expect(parsed).to.deep.equal(deltas.map((delta) => delta.length));
    expect(stream.write(text, true)).to.equal(0);
    expect(parsed.reduce((sum, count) => sum + count, 0)).to.equal(answer.length);
  });
});

/** The answer's top-level blocks in reading order, whichever groups they sit in. */
function topLevelBlocks(container: Element): Element[] {
  return [...container.querySelectorAll(':scope > :not(.block-group), .block-group > :not(.block-group)')];
}

describe('markdown(): long answers', () => {
  const PARAGRAPHS = Array.from({ length: 1000 }, (_, index) => `Paragraph ${index + 1}.\n\n`);

  it('keeps every element of a 1,000-block answer to 12 children or fewer, in reading order', () => {
    const out = streamMarkdown(host(), PARAGRAPHS);
    const counts = [out, ...out.querySelectorAll('*')].map((element) => element.children.length);
    expect(Math.max(...counts)).to.be.at.most(12);
    expect(topLevelBlocks(out).map(visible)).to.deep.equal(PARAGRAPHS.map((paragraph) => paragraph.trim()));
    // Groups nest with the log of the length: 1,000 blocks sit at most four groups deep.
    expect(out.querySelector('.block-group .block-group .block-group .block-group')).to.exist;
    expect(out.querySelector('.block-group .block-group .block-group .block-group .block-group')).to.equal(null);
  });

  it('wraps blocks in plain divs only, with nothing for assistive technology to announce', () => {
    const groups = [...streamMarkdown(host(), PARAGRAPHS.slice(0, 100)).querySelectorAll('.block-group')];
    expect(groups).to.have.length.greaterThan(0);
    for (const group of groups) expect([group.tagName, group.getAttributeNames()]).to.deep.equal(['DIV', ['class']]);
  });

  it('groups even a short answer, so that once out of view all of it can be skipped', () => {
    const out = rendered(PARAGRAPHS.slice(0, 3).join(''));
    expect([...out.children].map((child) => child.className)).to.deep.equal(['block-group']);
    expect(topLevelBlocks(out).map(visible)).to.deep.equal(PARAGRAPHS.slice(0, 3).map((paragraph) => paragraph.trim()));
  });
});

describe('markdown(): copy button', () => {
  let copied: string[];
  let refuse: boolean;
  let original: PropertyDescriptor | undefined;
  beforeEach(() => {
    copied = [];
    refuse = false;
    original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (text: string) => {
          if (refuse) throw new DOMException('denied', 'NotAllowedError');
          copied.push(text);
        },
      },
    });
  });
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else delete (navigator as { clipboard?: unknown }).clipboard;
  });

  function codeBlockWithFocusedInput() {
    const target = host();
    const input = target.appendChild(document.createElement('input'));
    input.setAttribute('aria-label', 'elsewhere');
    const out = renderMarkdown(target.appendChild(document.createElement('div')), 'Text\n\n```sh\nnpm install\nnpm test\n```\n');
    input.focus();
    return { out, input, button: out.querySelector<HTMLButtonElement>('[part="copy-button"]')! };
  }

  it('copies the code, says so, and returns to its label; focus and scroll stay put', async () => {
    const { out, input, button } = codeBlockWithFocusedInput();
    const scroll = [window.scrollX, window.scrollY];
    button.click();
    await waitUntil(() => button.textContent === DEFAULT_COPY_BUTTON_STRINGS.copied, 'never said copied');
    expect(copied).to.deep.equal([out.querySelector('pre code')!.textContent]);
    expect(copied[0]).to.equal('npm install\nnpm test');
    expect(document.activeElement).to.equal(input);
    expect([window.scrollX, window.scrollY]).to.deep.equal(scroll);
    await waitUntil(() => button.textContent === DEFAULT_COPY_BUTTON_STRINGS.copy, 'label never came back', { timeout: 4000 });
  });

  it('says when the clipboard refused', async () => {
    refuse = true;
    const { button } = codeBlockWithFocusedInput();
    button.click();
    await waitUntil(() => button.textContent === DEFAULT_COPY_BUTTON_STRINGS.copyFailed, 'never said it failed');
    expect(copied).to.deep.equal([]);
  });

  it('uses the labels it is given', () => {
    const out = rendered('```\nx\n```\n', { strings: { copy: 'Kopieren' } });
    expect(out.querySelector('[part="copy-button"]')!.textContent).to.equal('Kopieren');
  });
});

/** An answer bubble styled as in the element, for checks that need the real styles. */
class StyledAnswer extends LitElement {
  static override styles = [elementStyles, markdownStyles({ css })];
  static override properties = { text: {} };
  declare text: string;
  override render() {
    return html`<div class="message assistant"><div class="content">${markdown(this.text)}</div></div>`;
  }
}
customElements.define('styled-markdown-answer', StyledAnswer);

/** After two frames, groups that came into or out of view have been shown or skipped. */
async function nextFrames(): Promise<void> {
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
}

describe('markdown(): styled', () => {
  for (const theme of ['light', 'dark']) {
    it(`passes the axe check with every construct, ${theme}`, async () => {
      const answer = `${SECTION}- [x] done\n\n![alt text](https://example.invalid/a.png) and [refused](javascript:x)\n`;
      const el = await fixture<StyledAnswer>(html`<styled-markdown-answer theme=${theme} .text=${answer}></styled-markdown-answer>`);
      expect(el.shadowRoot!.querySelector('[part="code-block"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('lays out a grouped answer exactly as the same blocks side by side, margins included', async () => {
    // Every construct (7 blocks, the first a heading) and a paragraph, then headings and
    // paragraphs, so that every group (one per 8 blocks) starts with a heading: its top margin,
    // kept inside the group, must make the same gap as between flat blocks, and the answer's
    // first block, inside the first group, must have none.
    const answer = SECTION + 'Text.\n\n' + '## Heading\n\nText.\n\n'.repeat(16);
    // Tall enough that every group is in view, so each is laid out with its containment.
    await setViewport({ width: 800, height: 4000 });
    let el: StyledAnswer;
    try {
      el = await fixture<StyledAnswer>(html`<styled-markdown-answer .text=${answer}></styled-markdown-answer>`);
      await nextFrames();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
    const grouped = el.shadowRoot!.querySelector<HTMLElement>('.markdown')!;
    expect([...grouped.querySelectorAll('.block-group')].map((group) => topLevelBlocks(group)[0]!.tagName)).to.deep.equal(Array(6).fill('H2'));
    const blocks = topLevelBlocks(grouped);
    const flat = grouped.cloneNode(false) as HTMLElement;
    flat.append(...blocks.map((block) => block.cloneNode(true)));
    // Each in a box that keeps the margins of its first and last blocks inside, where they show.
    const boxed = (markdown: HTMLElement) => {
      const box = document.createElement('div');
      box.style.display = 'flow-root';
      grouped.parentElement!.append(box);
      box.append(markdown);
      return box;
    };
    const layout = (box: HTMLElement, items: readonly Element[]) => {
      const top = box.getBoundingClientRect().top;
      return [box.offsetHeight, ...items.map((item) => item.getBoundingClientRect().top - top)];
    };
    expect(layout(boxed(grouped), blocks)).to.deep.equal(layout(boxed(flat), [...flat.children]));
    const margins = (items: readonly Element[]) => items.map((item) => getComputedStyle(item).margin);
    expect(margins(blocks)).to.deep.equal(margins([...flat.children]));
  });

  it('skips the groups out of view', async () => {
    const answer = 'Text.\n\n' + '## Heading\n\nText.\n\n'.repeat(40);
    // As tall as its answer (not the element's fixed height), so the page scrolls it.
    const el = await fixture<StyledAnswer>(html`<styled-markdown-answer style="height: auto" .text=${answer}></styled-markdown-answer>`);
    await nextFrames();
    const blocks = topLevelBlocks(el.shadowRoot!.querySelector('.markdown')!);
    const shown = () => [blocks[10]!, blocks.at(-1)!].map((block) => block.checkVisibility({ contentVisibilityAuto: true }));
    expect(el.getBoundingClientRect().height, 'the answer is several viewports tall').to.be.greaterThan(3 * innerHeight);
    expect(shown(), 'at the top').to.deep.equal([true, false]);
    try {
      // Twice: groups never shown stand at an estimated height until they are.
      for (let pass = 0; pass < 2; pass++) {
        scrollTo(0, document.documentElement.scrollHeight);
        await nextFrames();
      }
      expect(shown(), 'at the bottom').to.deep.equal([false, true]);
    } finally {
      scrollTo(0, 0);
    }
  });

  it('keeps no outer margin: none above the first block, none below the last, flat or grouped', async () => {
    for (const answer of ['## Title\n\nText.\n', '## Title\n\n' + 'Text.\n\n'.repeat(40) + '- last\n']) {
      const el = await fixture<StyledAnswer>(html`<styled-markdown-answer .text=${answer}></styled-markdown-answer>`);
      const blocks = topLevelBlocks(el.shadowRoot!.querySelector<HTMLElement>('.markdown')!);
      expect(getComputedStyle(blocks[0]!).marginBlockStart).to.equal('0px');
      expect(getComputedStyle(blocks.at(-1)!).marginBlockEnd).to.equal('0px');
      expect(getComputedStyle(blocks[1]!).marginBlockStart).to.not.equal('0px');
    }
    // Nor inside a quote: its first paragraph starts at the quote's edge.
    const el = await fixture<StyledAnswer>(html`<styled-markdown-answer .text=${'Text.\n\n> first\n>\n> second\n'}></styled-markdown-answer>`);
    const quote = el.shadowRoot!.querySelector('.markdown blockquote')!;
    expect([...quote.children].map((paragraph) => getComputedStyle(paragraph).marginBlockStart)).to.deep.equal(['0px', getComputedStyle(quote).marginBlockStart]);
  });

  it('keeps code left-to-right in a right-to-left answer', async () => {
    const el = await fixture<StyledAnswer>(html`<styled-markdown-answer dir="rtl" .text=${'שלום\n\n```\nx = 1\n```\n'}></styled-markdown-answer>`);
    const root = el.shadowRoot!;
    expect(getComputedStyle(root.querySelector('.markdown p')!).direction).to.equal('rtl');
    expect(getComputedStyle(root.querySelector('.markdown pre')!).direction).to.equal('ltr');
  });
});

describe('spokenText', () => {
  it('reads images by their alt text and nested list items on lines of their own, leaving the answer as it was', () => {
    const out = rendered('- Item\n  - Sub item\n\n![a red square](https://example.invalid/red.png) shown', { allowImages: true });
    const before = out.innerHTML;
    expect(out.querySelector('img')).not.to.equal(null);
    expect(spokenText(out)).to.equal('Item\nSub item\na red square shown');
    expect(out.innerHTML).to.equal(before);
  });
});
