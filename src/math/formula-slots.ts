/**
 * The placeholders of one answer and the DOM each stands for.
 *
 * The scanner (`math-scanner.ts`) puts one private-use character in the parser's text for each
 * formula; the parser hands it back in the text of whatever element it is in, and
 * {@link FormulaSlots.appendText} puts the formula there. In prose a formula shows its source
 * while it streams and its MathML once closed; inside code (a span or block the parser saw
 * and the scanner did not) it stays the text the model wrote. Private-use characters of the
 * answer itself are placeholders of their own, so no text of the model can pose as ours.
 *
 * @module
 */
import { BACKSLASH, CLOSERS, DOLLAR, type FormulaSink, type MathKind } from './math-scanner.js';
import type { AnswerMath } from '../markdown/math-support.js';

/** Makes a formula's MathML, or `null` when the TeX does not typeset. */
export type Typeset = (tex: string, display: boolean) => Element | null;

const PLACEHOLDERS = /[\uE000-\uF8FF]/g;
/** The placeholders minted per answer, in a ring: one is reused only thousands of formulas later, long after it was placed. */
const FIRST = 0xe002;
const COUNT = 0xf8ff - FIRST + 1;

/** One formula: what the model wrote, and where it shows. */
class Formula {
  source = '';
  state: 'open' | 'closed' | 'text' = 'open';
  node?: HTMLElement | Text;

  constructor(readonly kind: MathKind) {}

  /** What the model wrote of it so far, delimiters included. */
  get text(): string {
    if (this.state === 'text') return this.kind;
    return this.kind + this.source + (this.state === 'closed' ? CLOSERS[this.kind] : '');
  }
}

type Slot = Formula | string;

/** The formulas of one answer, as the scanner finds them and the parser places them. */
export class FormulaSlots implements FormulaSink, Pick<AnswerMath, 'appendText' | 'preview' | 'restore'> {
  private readonly slots = new Map<string, Slot>();
  private minted = 0;
  private current?: Formula;

  constructor(private readonly typeset: Typeset) {}

  open(kind: MathKind): string {
    this.current = new Formula(kind);
    return this.mint(this.current);
  }

  grow(source: string): void {
    const formula = this.current!;
    formula.source += source;
    const node = formula.node;
    if (node instanceof Text) node.appendData(source);
    else node?.append(source);
  }

  close(): void {
    const formula = this.current!;
    formula.state = 'closed';
    this.show(formula);
    this.current = undefined;
  }

  abandon(): void {
    const formula = this.current!;
    formula.state = 'text';
    this.show(formula);
    this.current = undefined;
  }

  literal(char: string): string {
    return this.mint(char);
  }

  appendText(parent: Element, text: string): void {
    let plain = '';
    let start = 0;
    for (const match of text.matchAll(PLACEHOLDERS)) {
      plain += text.slice(start, match.index);
      start = match.index + 1;
      const slot = this.take(match[0]);
      if (typeof slot === 'string') {
        plain += slot;
        continue;
      }
      if (plain) parent.append(plain);
      plain = '';
      this.place(slot, parent);
    }
    plain += text.slice(start);
    if (plain) parent.append(plain);
  }

  preview(target: Element, pending: string): void {
    for (const char of pending) {
      const slot = this.slots.get(char);
      if (slot instanceof Formula && !slot.node) this.place(slot, target);
    }
  }

  restore(value: string): string {
    return value.replace(PLACEHOLDERS, (char) => {
      const slot = this.take(char);
      return typeof slot === 'string' ? slot : slot.text;
    });
  }

  private mint(slot: Slot): string {
    const char = String.fromCharCode(FIRST + (this.minted++ % COUNT));
    this.slots.set(char, slot);
    return char;
  }

  /** What a placeholder stands for; each is placed once, so it is forgotten then. */
  private take(char: string): Slot {
    if (char === DOLLAR) return '$';
    if (char === BACKSLASH) return '\\';
    const slot = this.slots.get(char) ?? '';
    this.slots.delete(char);
    return slot;
  }

  /**
   * A formula goes in as MathML (source while open) in prose, and as its text inside code. One
   * already shown by {@link preview} moves to its place.
   */
  private place(formula: Formula, parent: Element): void {
    const inCode = parent.closest('code') !== null;
    if (formula.node && formula.node instanceof Text === inCode) {
      parent.append(formula.node);
      return;
    }
    formula.node?.remove();
    if (inCode) {
      formula.node = document.createTextNode(formula.text);
    } else {
      const span = document.createElement('span');
      span.className = formula.kind === '$$' || formula.kind === '\\[' ? 'math math-display' : 'math';
      formula.node = span;
      this.show(formula);
    }
    parent.append(formula.node);
  }

  /** Brings a placed formula's node up to its state. */
  private show(formula: Formula): void {
    const node = formula.node;
    if (!node) return;
    if (node instanceof Text) {
      node.data = formula.text;
      return;
    }
    if (formula.state === 'text') {
      formula.node = document.createTextNode(formula.text);
      node.replaceWith(formula.node);
      return;
    }
    const math = formula.state === 'closed' ? this.typeset(formula.source, node.classList.contains('math-display')) : null;
    if (math) {
      node.replaceChildren(math);
    } else if (formula.state === 'closed') {
      // TeX that does not typeset shows as what the model wrote, in code style.
      const code = document.createElement('code');
      code.className = 'math-error';
      code.textContent = formula.text;
      node.replaceChildren(code);
    } else {
      node.replaceChildren(formula.text);
    }
  }
}
