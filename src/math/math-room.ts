/**
 * The math room as the element loads it, on demand: a file of its own in every build
 * (`dist/openrouter-chat-math.js`), importing nothing but Temml (inside it), given the
 * element's kit. It is loaded when an answer first looks like it holds a formula, and then
 * finds and typesets the formulas of every answer (`math-scanner.ts`, `formula-slots.ts`,
 * `mathml.ts`).
 *
 * @module
 */
import { FormulaSlots } from './formula-slots.js';
import { MathScanner } from './math-scanner.js';
import { mathStyles } from './math.styles.js';
import { typesetTex } from './mathml.js';
import type { AnswerMath } from '../markdown/math-support.js';
import type { RoomKit } from '../rooms/room-kit.js';

/** One answer's math: the scanner in front of the parser, the slots behind it. */
function createAnswerMath(): AnswerMath {
  const slots = new FormulaSlots(typesetTex);
  const scanner = new MathScanner(slots);
  return {
    write: (text, complete) => scanner.write(text, complete),
    appendText: (parent, text) => slots.appendText(parent, text),
    preview: (target, pending) => slots.preview(target, pending),
    restore: (value) => slots.restore(value),
  };
}

/** The room, made with the element's kit: its styles and the answers' math. */
export function mathRoom(kit: RoomKit) {
  return { styles: mathStyles(kit), createAnswerMath };
}

/** What {@link mathRoom} gives the element. */
export type MathRoom = ReturnType<typeof mathRoom>;
