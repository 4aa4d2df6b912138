/**
 * Finds the formulas of an answer while it streams, before the markdown parser sees the text.
 *
 * Why in front of the parser: streaming-markdown tokenizes some math itself, but not the
 * forms models write most (`$$E=mc^2$$` on one line opens a block at its closing `$$` that
 * swallows the rest of the answer; `\[x\]` on one line loses its backslashes; `$HOME and
 * $PATH` becomes a formula). So every formula is taken out here and replaced by one
 * placeholder character (see `formula-slots.ts`), and every `$` that is not math is handed on
 * as a placeholder too: the parser never sees a math delimiter, and the placeholders come
 * back as DOM exactly where the parser puts their text (in a paragraph, a list item, a table
 * cell, or as source text inside code).
 *
 * The delimiters and the rule (pandoc's `tex_math_dollars`, with the line limits below):
 * - `$...$` inline: the opening `$` is not followed by a space or a digit, the closing `$`
 *   is not preceded by a space and not followed by a digit; so `$5 and $10` stays text.
 * - `\(...\)` inline. Inline formulas end within their line: none open at a line's end.
 * - `$$...$$` and `\[...\]` display, on one line or several, but not across a blank line or
 *   a code fence (TeX refuses a blank line in math anyway).
 * - Not inside code: fenced blocks (```` ``` ```` or `~~~` at a line's start) and code spans
 *   (a run of backticks to the next run of the same length). A backslash escapes the next
 *   character (`\$` is a dollar sign), in prose and inside formulas.
 * A formula that never closes (its line or paragraph ends, or the answer does) was text after
 * all: its opener shows as text and what followed is scanned again, with that kind of
 * delimiter off until the same point, so each character is scanned a bounded number of times.
 *
 * @module
 */

/** A formula's opening delimiter, which also says how it closes and whether it is display math. */
export type MathKind = '$' | '$$' | '\\(' | '\\[';

/** Where the scanner reports what it found; it also mints the placeholders. */
export interface FormulaSink {
  /** A formula opens: returns the placeholder that stands for it in the parser's text. */
  open(kind: MathKind): string;
  /** More of the open formula's source. */
  grow(source: string): void;
  /** The open formula's closing delimiter arrived. */
  close(): void;
  /** The open formula was text after all: its placeholder shows the opener only. */
  abandon(): void;
  /** A placeholder for a character of the answer that would otherwise read as one of ours. */
  literal(char: string): string;
}

/** The parser's text for a `$` and a `\` that are not math: the parser must not see them as delimiters. */
export const DOLLAR = '\uE000';
export const BACKSLASH = '\uE001';

/** How each kind of formula closes. */
export const CLOSERS: Readonly<Record<MathKind, string>> = { $: '$', $$: '$$', '\\(': '\\)', '\\[': '\\]' };
const DISPLAY: ReadonlySet<MathKind> = new Set(['$$', '\\[']);

/** The characters each mode has to look at; everything between is handed on in one piece. */
const PROSE_SPECIAL = /[$\\`~\n\uE000-\uF8FF]/g;
const MATH_SPECIAL = /[$\\\n]/g;
const PRIVATE_USE = /[\uE000-\uF8FF]/;
/** What a backslash escapes in markdown: ASCII punctuation (the parser drops the backslash). */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const SPACE = /\s/;
const DIGIT = /\d/;
/** A code fence at a line's start (after the newline that ends the line before). */
const FENCE_AHEAD = /\n[ \t]*(?:`{3}|~{3})/y;
/** A newline whose next line is still too short to tell whether it is a fence. */
const FENCE_UNDECIDED = /^\n[ \t]*(?:`{0,2}|~{0,2})$/;

/** Longer lines of a fenced block are never its closing fence (which is a fence and spaces). */
const MAX_FENCE_LINE = 40;

type Mode = 'prose' | 'fence' | 'code' | 'math';

/** The state a formula's opener leaves, put back when the formula is scanned again as text. */
interface AfterOpener {
  readonly lineBlank: boolean;
  readonly last: string;
}

/** The formula scanner of one answer: text in, the markdown parser's text out. */
export class MathScanner {
  private mode: Mode = 'prose';
  /** The end of the last write, when the next character is needed to decide it. */
  private held = '';
  /** Whether the current line holds only spaces so far. */
  private lineBlank = true;
  /** The character before the next one. */
  private last = '\n';
  /** The open fence (its character and length), the open code span's backtick count. */
  private fence = '';
  private ticks = 0;
  /** The fenced block's current line, while it can still be its closing fence (short); else `null`. */
  private fenceLine: string | null = '';
  /** The open formula: its kind, its source so far, and the state after its opener. */
  private kind?: MathKind;
  private source = '';
  private afterOpener: AfterOpener = { lineBlank: true, last: '\n' };
  /** Delimiters off after an abandoned formula, with how many characters they stay off for. */
  private off = new Map<MathKind, number>();

  constructor(private readonly sink: FormulaSink) {}

  /**
   * Scans the next piece of the answer. With `complete`, it is the last: nothing is held back
   * and a formula still open is text.
   * @returns the text for the markdown parser.
   */
  write(text: string, complete: boolean): string {
    let input = this.held + text;
    this.held = '';
    const out: string[] = [];
    let at = 0;
    while (at < input.length || (complete && this.mode === 'math')) {
      const before = at;
      const step = at < input.length ? this.step(input, at, complete, out) : this.abandon();
      if (typeof step === 'string') {
        // An abandoned formula: its source is scanned again, in front of what is left.
        input = step + input.slice(at);
        at = 0;
        continue;
      }
      if (step === before) {
        this.held = input.slice(at);
        break;
      }
      this.consumed(step - before);
      at = step;
    }
    return out.join('');
  }

  /**
   * Handles the character at `at` (and what it needs after it).
   * @returns the index after what was handled; `at` itself when the next characters are still
   * to come; or, for a formula found to be text, the source to scan again.
   */
  private step(input: string, at: number, complete: boolean, out: string[]): number | string {
    switch (this.mode) {
      case 'prose':
        return this.prose(input, at, complete, out);
      case 'math':
        return this.math(input, at, complete);
      case 'fence':
        return this.fenced(input, at, out);
      case 'code':
        return this.codeSpan(input, at, complete, out);
    }
  }

  private prose(input: string, at: number, complete: boolean, out: string[]): number {
    const next = nextSpecial(PROSE_SPECIAL, input, at);
    if (next > at) return this.plain(input, at, next, out);
    const char = input[at]!;
    const after = input[at + 1];
    if (after === undefined && !complete && (char === '$' || char === '\\' || char === '`' || char === '~')) return at;
    switch (char) {
      case '$': {
        const kind: MathKind = after === '$' ? '$$' : '$';
        if (this.off.has(kind) || (kind === '$' && (after === undefined || SPACE.test(after) || DIGIT.test(after)))) {
          out.push(DOLLAR.repeat(kind.length));
          return this.track(at + kind.length, '$');
        }
        return this.open(kind, at, out);
      }
      case '\\': {
        if (after === '(' || after === '[') {
          const kind = `\\${after}` as MathKind;
          if (!this.off.has(kind)) return this.open(kind, at, out);
          out.push(BACKSLASH, after);
          return this.track(at + 2, after);
        }
        // An escaped character goes on with its backslash: the parser reads it as text.
        const escaped = after !== undefined && ESCAPABLE.test(after) ? after : '';
        out.push(char + escaped);
        return this.track(at + 1 + escaped.length, escaped || char);
      }
      case '`':
      case '~':
        return this.run(input, at, complete, out);
      case '\n':
        out.push(char);
        return this.newline(at);
      default:
        out.push(this.sink.literal(char));
        return this.track(at + 1, char);
    }
  }

  /** A run of backticks or tildes: a fence at a line's start, else (backticks) a code span. */
  private run(input: string, at: number, complete: boolean, out: string[]): number {
    const char = input[at]!;
    let end = at;
    while (input[end] === char) end++;
    if (end === input.length && !complete) return at;
    const length = end - at;
    out.push(input.slice(at, end));
    if (this.lineBlank && length >= 3) {
      this.mode = 'fence';
      this.fence = char.repeat(length);
      // The rest of the opening line is the info string, never a closing fence.
      this.fenceLine = null;
    } else if (char === '`') {
      this.mode = 'code';
      this.ticks = length;
    }
    return this.track(end, char);
  }

  /** Inside a fenced block: everything goes on as it is; a line of the same fence, no shorter, closes it. */
  private fenced(input: string, at: number, out: string[]): number {
    const newline = input.indexOf('\n', at);
    const end = newline === -1 ? input.length : newline;
    const piece = input.slice(at, end);
    // Only a short line can be a closing fence: longer ones are not kept.
    const line = this.fenceLine === null ? null : this.fenceLine + piece;
    this.fenceLine = line !== null && line.length <= MAX_FENCE_LINE ? line : null;
    out.push(escapePrivateUse(piece, this.sink));
    if (newline === -1) return end;
    const closing = this.fenceLine?.trim() ?? '';
    if (closing.length >= this.fence.length && closing === this.fence[0]!.repeat(closing.length)) this.mode = 'prose';
    this.fenceLine = '';
    out.push('\n');
    return this.newline(end);
  }

  /** Inside a code span: text as it is, to a backtick run of its length (or a blank line). */
  private codeSpan(input: string, at: number, complete: boolean, out: string[]): number {
    const char = input[at]!;
    if (char === '`') {
      let end = at;
      while (input[end] === '`') end++;
      if (end === input.length && !complete) return at;
      out.push(input.slice(at, end));
      if (end - at === this.ticks) this.mode = 'prose';
      return this.track(end, '`');
    }
    if (char === '\n') {
      if (this.lineBlank) this.mode = 'prose';
      out.push(char);
      return this.newline(at);
    }
    let end = input.indexOf('`', at);
    const newline = input.indexOf('\n', at);
    if (end === -1 || (newline !== -1 && newline < end)) end = newline === -1 ? input.length : newline;
    return this.plain(input, at, end, out);
  }

  /** Inside a formula: source, until its closer; a line or paragraph end first means it was text. */
  private math(input: string, at: number, complete: boolean): number | string {
    const kind = this.kind!;
    const next = nextSpecial(MATH_SPECIAL, input, at);
    if (next > at) {
      this.grow(input.slice(at, next));
      return this.track(next, input[next - 1]!);
    }
    const char = input[at]!;
    const after = input[at + 1];
    if (char === '\n') {
      if (!DISPLAY.has(kind) || this.lineBlank) return this.abandon();
      FENCE_AHEAD.lastIndex = at;
      if (FENCE_AHEAD.test(input)) return this.abandon();
      const ahead = input.slice(at, at + 6);
      if (!complete && at + ahead.length === input.length && FENCE_UNDECIDED.test(ahead)) return at;
      this.grow(char);
      return this.newline(at);
    }
    if (after === undefined && !complete) return at;
    if (char === '\\') {
      if (CLOSERS[kind] === char + after) return this.close(at + 2);
      // A control sequence or an escaped character, never a closer: `\$` is a dollar sign.
      this.grow(char + (after ?? ''));
      return this.track(at + (after === undefined ? 1 : 2), after ?? char);
    }
    // `$`
    if (kind === '$$') {
      if (after === '$') return this.close(at + 2);
    } else if (kind === '$' && !SPACE.test(this.last) && !(after !== undefined && DIGIT.test(after))) {
      return this.close(at + 1);
    }
    this.grow(char);
    return this.track(at + 1, char);
  }

  private open(kind: MathKind, at: number, out: string[]): number {
    out.push(this.sink.open(kind));
    this.mode = 'math';
    this.kind = kind;
    this.source = '';
    this.lineBlank = false;
    this.last = kind[kind.length - 1]!;
    this.afterOpener = { lineBlank: false, last: this.last };
    return at + kind.length;
  }

  private grow(source: string): void {
    this.source += source;
    this.sink.grow(source);
  }

  private close(end: number): number {
    this.sink.close();
    this.mode = 'prose';
    this.kind = undefined;
    this.source = '';
    return this.track(end, '$');
  }

  /** The open formula was text: the source to scan again, with its kind of delimiter off until its end. */
  private abandon(): string {
    const source = this.source;
    this.sink.abandon();
    this.off.set(this.kind!, source.length);
    this.mode = 'prose';
    this.kind = undefined;
    this.source = '';
    ({ lineBlank: this.lineBlank, last: this.last } = this.afterOpener);
    return source;
  }

  /** Counts down the delimiters switched off by an abandoned formula. */
  private consumed(count: number): void {
    for (const [kind, left] of this.off) {
      if (left <= count) this.off.delete(kind);
      else this.off.set(kind, left - count);
    }
  }

  /** Hands on `input[at..end)`, which holds no special character of the mode. */
  private plain(input: string, at: number, end: number, out: string[]): number {
    const piece = input.slice(at, end);
    out.push(escapePrivateUse(piece, this.sink));
    if (this.lineBlank && /\S/.test(piece)) this.lineBlank = false;
    this.last = piece[piece.length - 1]!;
    return end;
  }

  private newline(at: number): number {
    this.lineBlank = true;
    this.last = '\n';
    return at + 1;
  }

  private track(end: number, last: string): number {
    if (last !== ' ' && last !== '\t') this.lineBlank = false;
    this.last = last;
    return end;
  }
}

/** The index of the next character matching `pattern` (global) from `at`, or the end. */
function nextSpecial(pattern: RegExp, input: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(input) ? pattern.lastIndex - 1 : input.length;
}

/** `text` with any private-use character (ours are) handed on as a literal placeholder. */
function escapePrivateUse(text: string, sink: FormulaSink): string {
  if (!PRIVATE_USE.test(text)) return text;
  return text.replace(/[\uE000-\uF8FF]/g, (char) => sink.literal(char));
}
