/**
 * The highlighter and the languages it knows: highlight.js's grammars through lowlight, which
 * hands back a tree of tokens (hast) instead of an HTML string, so we build the DOM ourselves.
 *
 * One set, shipped inside this room (see docs/rich-answers.md for the choice and its cost):
 * the languages answers use most. highlight.js's TypeScript grammar already holds its
 * JavaScript one, so JavaScript and JSX are aliases of it rather than a second copy; C, likewise,
 * is read by the C++ grammar (2 kB less than shipping both).
 *
 * @module
 */
import { createLowlight } from 'lowlight';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const highlighter = createLowlight({ bash, cpp, css, diff, go, java, json, python, rust, sql, typescript, xml, yaml });
highlighter.registerAlias({
  typescript: ['javascript', 'js', 'jsx', 'mjs', 'cjs', 'node'],
  bash: ['shell', 'console', 'shellsession'],
  json: ['jsonc', 'json5'],
  cpp: ['c', 'h'],
});

/** Whether `language` (a name or an alias, any case) is one this room highlights. */
export function knowsLanguage(language: string): boolean {
  return highlighter.registered(language.toLowerCase());
}

/** The tokens of `code` in `language` (which {@link knowsLanguage}), as a hast tree. */
export function tokenize(language: string, code: string) {
  return highlighter.highlight(language.toLowerCase(), code);
}
