/**
 * Languages loaded per need: the highlight room starts with no grammar and loads each one the
 * first time a block asks for it. Which grammars a room asks for is seen through the room's
 * `load` (not public: the element gives only the kit). Which files the shipped room fetches is
 * checked against `dist/` in `helpers/script-tag-suite.ts`: from source, lowlight's index
 * imports every grammar for its own `all` and `common` sets (the build drops them, unused).
 */
import { expect } from '@open-wc/testing';
import { css } from 'lit';
import { highlightRoom } from '../../../src/highlight/highlight-room.js';
import { loadGrammar } from '../../../src/highlight/languages.js';
import type { RoomKit } from '../../../src/rooms/room-kit.js';
import { codeShape, room, whenHighlighted } from '../helpers/highlight-host.js';
import { hostsRemovedAfterEach, renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';

const host = hostsRemovedAfterEach();

/** A room whose grammars arrive through `load` (the element's room uses the real loader). */
function roomLoading(load: (grammar: string) => Promise<void>) {
  return highlightRoom({ css } as unknown as RoomKit, load);
}

/** A room that loads its grammars for real and notes each one it asks for in `asked`. */
function countingRoom(asked: string[]) {
  return roomLoading((grammar) => {
    asked.push(grammar);
    return loadGrammar(grammar);
  });
}

/** A promise `open()` resolves, to hold a grammar back until the test lets it through. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const highlightedIn = (code: Element) => code.querySelectorAll('[class^="hl-"]:not(.hl-lines)').length;

const PYTHON = '```python\ndef greet(name):\n    """Says hi."""\n    return f"hi {name}"\n\nprint(greet("x"))\n```\n';

describe('code highlighting: languages loaded per need', () => {
  it('loads only the grammar of the language a block names, and highlights the block with it', async () => {
    const asked: string[] = [];
    const out = renderMarkdown(host(), `${PYTHON}\n\`\`\`brainfuck\n+.\n\`\`\`\n\n\`\`\`\nplain\n\`\`\`\n`, { highlighter: countingRoom(asked) });
    expect(highlightedIn(out.querySelector('pre code')!), 'first paint').to.equal(0);
    expect(asked, 'asked for as the block opens').to.deep.equal(['python']);
    await whenHighlighted();
    expect(out.querySelector('pre code .hl-keyword')?.textContent).to.equal('def');
    expect(asked).to.deep.equal(['python']);
  });

  it('loads a grammar once for every block in its language, whatever name or alias each uses', async () => {
    const asked: string[] = [];
    const counting = countingRoom(asked);
    const blocks = ['py', 'Python', 'python', 'js', 'ts', 'jsx', 'Python'].map((name) => `\`\`\`${name}\nreturn 1 # or // x\n\`\`\`\n`).join('\n');
    const out = renderMarkdown(host(), blocks, { highlighter: counting });
    renderMarkdown(host(), PYTHON, { highlighter: counting });
    await whenHighlighted();
    expect(asked).to.deep.equal(['python', 'typescript']);
    const plain = [...out.querySelectorAll('pre code')].filter((code) => highlightedIn(code) === 0);
    expect(plain.map((code) => code.className)).to.deep.equal([]);
  });

  it('keeps a streaming block plain until its grammar arrives, then highlights what came meanwhile and what follows', async () => {
    const held = gate();
    const late = roomLoading((grammar) => held.opened.then(() => loadGrammar(grammar)));
    const lines = Array.from({ length: 12 }, (_, index) => `fn step_${index}(x: u32) -> u32 { x + ${index} } // line ${index}\n`);
    const answer = `Rust:\n\n\`\`\`rust\n${lines.join('')}\`\`\`\n\nDone.`;
    const target = host();
    const cut = answer.indexOf(lines[5]!);
    // The first half streams while the grammar is held back: every delta renders at once, plain.
    let text = '';
    for (const delta of answer.slice(0, cut).match(/[^]{1,9}/g)!) {
      text += delta;
      const code = renderMarkdown(target, text, { highlighter: late, complete: false }).querySelector('pre code');
      expect(code && highlightedIn(code), 'plain while the grammar is on its way').to.be.oneOf([null, 0]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const code = target.querySelector('pre code')!;
    expect(code.textContent).to.contain(lines.slice(0, 5).join('').trim());
    held.open();
    await whenHighlighted();
    // The lines that arrived before it are highlighted now, while the block still streams.
    expect(code.querySelector('.hl-keyword')?.textContent).to.equal('fn');
    expect(highlightedIn(code)).to.be.greaterThan(10);
    for (const delta of answer.slice(cut).match(/[^]{1,9}/g)!) {
      text += delta;
      renderMarkdown(target, text, { highlighter: late, complete: false });
      await whenHighlighted();
    }
    renderMarkdown(target, text, { highlighter: late, complete: true });
    await whenHighlighted();
    // The same DOM as the block written whole with its grammar already there.
    const whole = renderMarkdown(host(), answer, { highlighter: room });
    await whenHighlighted();
    expect(codeShape(target)).to.deep.equal(codeShape(whole));
    expect(codeShape(target)[0]).to.contain('<span class="hl-comment">// line 11</span>');
  });

  it('highlights a block that closed before its grammar arrived', async () => {
    const held = gate();
    const late = roomLoading((grammar) => held.opened.then(() => loadGrammar(grammar)));
    const answer = '```yaml\nname: chat\nsteps:\n  - run: npm test # all of it\n```\n';
    const out = streamMarkdown(host(), answer.match(/[^]{1,4}/g)!, { highlighter: late });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(highlightedIn(out.querySelector('pre code')!), 'plain until the grammar is there').to.equal(0);
    held.open();
    await whenHighlighted();
    const whole = renderMarkdown(host(), answer, { highlighter: room });
    await whenHighlighted();
    expect(out.querySelector('pre code .hl-comment')?.textContent).to.equal('# all of it');
    expect(codeShape(out)).to.deep.equal(codeShape(whole));
  });

  it('leaves the blocks of a grammar that fails to load plain for good, without an error, and others highlighted', async () => {
    const asked: string[] = [];
    const failing = roomLoading((grammar) => {
      asked.push(grammar);
      return grammar === 'go' ? Promise.reject(new Error('offline')) : loadGrammar(grammar);
    });
    const errors: string[] = [];
    const record = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in event ? event.reason : event.message));
    window.addEventListener('error', record);
    window.addEventListener('unhandledrejection', record);
    try {
      const go = '```go\nfunc main() { fmt.Println("hi") } // go\n```\n';
      const first = streamMarkdown(host(), go.match(/[^]{1,5}/g)!, { highlighter: failing });
      const python = renderMarkdown(host(), PYTHON, { highlighter: failing });
      await whenHighlighted();
      const second = renderMarkdown(host(), `${go}\n${go.replace('```go', '```golang')}`, { highlighter: failing });
      await whenHighlighted();
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const code of [...first.querySelectorAll('pre code'), ...second.querySelectorAll('pre code')]) {
        expect(code.children.length, code.className).to.equal(0);
        expect(code.textContent).to.equal('func main() { fmt.Println("hi") } // go');
      }
      expect(python.querySelector('pre code .hl-keyword')?.textContent).to.equal('def');
      expect(asked, 'the failed grammar is not asked for again').to.deep.equal(['go', 'python']);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', record);
      window.removeEventListener('unhandledrejection', record);
    }
  });
});
