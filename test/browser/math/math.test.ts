import { expect } from '@open-wc/testing';
import { css, html, nothing, svg } from 'lit';
import { mathRoom } from '../../../src/math/math-room.js';
import { MAX_FORMULA_LENGTH } from '../../../src/math/mathml.js';
import type { RoomKit } from '../../../src/rooms/room-kit.js';
import { connectedHost, renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';

/** The math room as the element makes it (only `css` is read). */
const math = mathRoom({ html, svg, css, nothing } as unknown as RoomKit);

/** Every way to cut `text` into `pieces` streamed deltas of about equal length. */
function chunked(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** Keeps the main thread busy for `ms`. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

let host: HTMLElement;
beforeEach(() => (host = connectedHost()));
afterEach(() => host.remove());

describe('math: formulas render as MathML', () => {
  const cases: [string, string, boolean][] = [
    ['$...$', 'Euler: $e^{i\\pi}+1=0$.', false],
    ['\\(...\\)', 'Euler: \\(e^{i\\pi}+1=0\\).', false],
    ['$$...$$ on one line', 'Euler:\n\n$$e^{i\\pi}+1=0$$\n\nafter', true],
    ['$$...$$ on lines of its own', 'Euler:\n\n$$\ne^{i\\pi}+1=0\n$$\n\nafter', true],
    ['\\[...\\] on one line', 'Euler: \\[e^{i\\pi}+1=0\\] after', true],
    ['\\[...\\] on lines of its own', 'Euler:\n\\[\ne^{i\\pi}+1=0\n\\]\nafter', true],
  ];
  for (const [name, text, display] of cases) {
    it(`${name}, whole and streamed in every chunking`, () => {
      for (const size of [text.length, 1, 2, 3, 5]) {
        const container = streamMarkdown(host, chunked(text, size), { math });
        const formulas = container.querySelectorAll('math');
        expect(formulas.length, `${name} in pieces of ${size}`).to.equal(1);
        const formula = formulas[0]!;
        expect(formula.namespaceURI).to.equal('http://www.w3.org/1998/Math/MathML');
        expect(formula.closest('.math')!.classList.contains('math-display')).to.equal(display);
        expect(formula.querySelector('msup')).to.exist;
        expect(formula.textContent).to.contain('π');
        expect(container.textContent).not.to.contain('\\pi');
        expect(container.textContent).to.contain('Euler');
      }
    });
  }

  it('puts formulas where the markdown puts them: lists, tables, bold; none inside code', () => {
    const text = '- item $a_1$\n- **bold $b^2$**\n\n| x | y |\n|---|---|\n| $c|d$ | `$e$` |\n\n```sh\necho $$ $f$\n```\n';
    const container = renderMarkdown(host, text, { math });
    expect(container.querySelector('li math')).to.exist;
    expect(container.querySelector('strong math')).to.exist;
    expect(container.querySelector('td math')?.textContent).to.equal('c|d');
    expect(container.querySelector('td code')?.textContent).to.equal('$e$');
    expect(container.querySelector('pre code')?.textContent).to.equal('echo $$ $f$');
    expect(container.querySelectorAll('math').length).to.equal(3);
  });
});

describe('math: what is not a formula stays text', () => {
  const texts = [
    'It costs $5 and $10, or $20,000 and $30,000.',
    'Set $HOME and $PATH in your shell.',
    'A $ sign, and $ 3 apart.',
    'Escaped: \\$x\\$ stays.',
    'Open \\( never closed',
    'Display $$ never closed\n\nnext paragraph',
  ];
  for (const text of texts) {
    it(JSON.stringify(text), () => {
      for (const size of [text.length, 1, 3]) {
        const container = streamMarkdown(host, chunked(text, size), { math });
        expect(container.querySelector('math, .math'), `in pieces of ${size}`).to.equal(null);
        expect(container.textContent).to.equal(text.replace('\\$x\\$', '$x$').replace('\n\n', ''));
      }
    });
  }
});

describe('math: while a formula streams', () => {
  it('shows its source until it closes, then the MathML', () => {
    const seen: string[] = [];
    streamMarkdown(host, ['Energy: $E = m', 'c^2', '$ done'], { math }, (_text, container) => {
      const formula = container.querySelector('.math');
      seen.push(formula?.querySelector('math') ? 'math' : (formula?.textContent ?? ''));
    });
    expect(seen).to.deep.equal(['$E = m', '$E = mc^2', 'math']);
    expect(host.querySelector('.math math mi')?.textContent).to.equal('E');
  });

  it('shows a display formula across lines as source, then typesets it', () => {
    const seen: string[] = [];
    streamMarkdown(host, ['Sum:\n\n$$\n\\sum_{i=1}', '^n i\n', '$$\n\nend'], { math }, (_text, container) => {
      const formula = container.querySelector('.math');
      seen.push(formula?.querySelector('math') ? 'math' : (formula?.textContent ?? ''));
    });
    // The newline waits for the next line's start: a code fence there would end the formula.
    expect(seen).to.deep.equal(['$$\n\\sum_{i=1}', '$$\n\\sum_{i=1}^n i', 'math']);
  });
});

describe('math: TeX that does not typeset', () => {
  for (const tex of ['\\frac{a', '\\undefinedcommand{x}', 'x^^^', '{'.repeat(20_000) + 'x' + '}'.repeat(20_000)]) {
    it(`shows its source in code style: ${tex.slice(0, 24)}`, () => {
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error);
      window.addEventListener('error', onError);
      const container = renderMarkdown(host, `Before $${tex}$ after`, { math });
      window.removeEventListener('error', onError);
      const code = container.querySelector('.math > code.math-error');
      expect(code?.textContent).to.equal(`$${tex}$`);
      expect(container.querySelector('math')).to.equal(null);
      expect(errors).to.deep.equal([]);
    });
  }
});

describe('math: a 50,000-character formula', () => {
  it('streams and ends without a long task freezing the page', async () => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    // The observer sees long tasks here: a 70 ms task of our own must show up first.
    await new Promise((resolve) => setTimeout(() => resolve(busy(70)), 0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(longTasks.length, 'the long task observer works').to.be.greaterThan(0);
    longTasks.length = 0;
    const unit = 'x_{1}^{2} + \\frac{a}{b} - ';
    const tex = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000);
    const text = `Long: $$${tex}$$ end`;
    const deltas = chunked(text, 500);
    let shown = '';
    for (let at = 1; at <= deltas.length; at++) {
      renderMarkdown(host, deltas.slice(0, at).join(''), { math, complete: false });
      // One delta per task, as the element renders at most one per frame.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const container = renderMarkdown(host, text, { math });
    shown = container.querySelector('.math')?.textContent ?? '';
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    expect(tex.length).to.be.greaterThan(MAX_FORMULA_LENGTH);
    expect(shown).to.equal(`$$${tex}$$`);
    expect(container.querySelector('.math > code.math-error')).to.exist;
    const longest = Math.max(0, ...longTasks);
    expect(longest, `long tasks: ${longTasks.map(Math.round).join(', ')} ms`).to.be.below(150);
  });

  it(`typesets the longest formula it accepts (${MAX_FORMULA_LENGTH} characters) well within a frame budget of a few`, async () => {
    const unit = 'x_{1}^{2} + \\frac{a}{b} - ';
    const tex = unit.repeat(Math.floor(MAX_FORMULA_LENGTH / unit.length)) + 'x';
    const started = performance.now();
    const container = renderMarkdown(host, `$$${tex}$$`, { math });
    const took = performance.now() - started;
    expect(container.querySelector('math')).to.exist;
    expect(took).to.be.below(400);
  });
});
