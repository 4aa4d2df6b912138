/**
 * What the markdown renderer needs from math, which it does not hold: the math room (loaded
 * on demand, `src/math/`) gives one {@link AnswerMath} per answer. Types only, so the main
 * bundle carries no byte of it.
 *
 * @module
 */

/** One answer's formulas: found in its text before the parser, put back as DOM after it. */
export interface AnswerMath {
  /** The answer's next text with its formulas (and any `$` that is not one) taken out, for the markdown parser. */
  write(text: string, complete: boolean): string;
  /** Appends text from the parser to `parent`, with each formula where its placeholder stands. */
  appendText(parent: Element, text: string): void;
  /**
   * Shows the formulas whose placeholders the parser still holds back (`pending`: it keeps
   * the last character until the next one comes) at the end of `target`, so a formula that
   * is still streaming shows its source; the parser's text moves them to their place later.
   */
  preview(target: Element, pending: string): void;
  /** A value from the parser (a link's URL, a code block's language) as the model wrote it. */
  restore(value: string): string;
}

/** The math room as the markdown renderer sees it. */
export interface MathSupport {
  createAnswerMath(): AnswerMath;
}
