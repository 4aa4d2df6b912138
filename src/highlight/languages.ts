/**
 * The highlighter: highlight.js's core through lowlight, which hands back a tree of tokens
 * (hast) instead of an HTML string, so we build the DOM ourselves. It starts with no language;
 * each grammar of `grammars.ts` is loaded the first time a block asks for it, once a page,
 * and registered here.
 *
 * @module
 */
import { createLowlight } from 'lowlight';
import { GRAMMARS } from './grammars.js';

const highlighter = createLowlight();
/** Each grammar's load, begun by the first block in its language on this page. */
const loads = new Map<string, Promise<void>>();

/**
 * Loads the grammar called `name` (a key of `GRAMMARS`) and registers it, once a page: every
 * later call (another chat on the page) gets the same promise, which rejects for good if the
 * file could not be loaded.
 */
export function loadGrammar(name: string): Promise<void> {
  let load = loads.get(name);
  if (!load) {
    load = GRAMMARS[name]!.load().then((module) => highlighter.register(name, module.default));
    loads.set(name, load);
  }
  return load;
}

/** The tokens of `code` in the grammar `name` (loaded by {@link loadGrammar}), as a hast tree. */
export function tokenize(name: string, code: string) {
  return highlighter.highlight(name, code);
}
