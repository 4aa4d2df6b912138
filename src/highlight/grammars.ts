/**
 * The grammars the highlight room can load, each when the first block in its language (or an
 * alias) arrives, and the names that pick each one. A grammar is one of highlight.js's own
 * files, imported as it is: the build makes each a file of its own beside the room
 * (`dist/openrouter-chat-grammar-NAME.js`, see `grammarFile` in `vite.config.ts`), so a page
 * downloads only the languages its answers use. Why one file each and not a common set:
 * docs/rich-answers.md, "Languages".
 *
 * highlight.js's TypeScript grammar already holds its JavaScript one, so JavaScript and JSX
 * are aliases of it rather than a second download; C, likewise, is read by the C++ grammar.
 *
 * @module
 */
import type { LanguageFn } from 'highlight.js';

/** One grammar: how to load it, and every name besides its own that picks it. */
interface Grammar {
  readonly load: () => Promise<{ default: LanguageFn }>;
  /**
   * The grammar's own aliases (highlight.js knows them only once it is loaded, and the file to
   * load must be found before) and ours, which answers use.
   */
  readonly aliases: readonly string[];
}

/**
 * Every grammar, by highlight.js's name. Each `import()` names its file literally, so the
 * build can find and ship it (a computed path could be neither).
 */
export const GRAMMARS: Readonly<Record<string, Grammar>> = {
  bash: { load: () => import('highlight.js/lib/languages/bash'), aliases: ['sh', 'zsh', 'shell', 'console', 'shellsession'] },
  cpp: { load: () => import('highlight.js/lib/languages/cpp'), aliases: ['cc', 'c++', 'h++', 'hpp', 'hh', 'hxx', 'cxx', 'c', 'h'] },
  css: { load: () => import('highlight.js/lib/languages/css'), aliases: [] },
  diff: { load: () => import('highlight.js/lib/languages/diff'), aliases: ['patch'] },
  go: { load: () => import('highlight.js/lib/languages/go'), aliases: ['golang'] },
  java: { load: () => import('highlight.js/lib/languages/java'), aliases: ['jsp'] },
  json: { load: () => import('highlight.js/lib/languages/json'), aliases: ['jsonc', 'json5'] },
  python: { load: () => import('highlight.js/lib/languages/python'), aliases: ['py', 'gyp', 'ipython'] },
  rust: { load: () => import('highlight.js/lib/languages/rust'), aliases: ['rs'] },
  sql: { load: () => import('highlight.js/lib/languages/sql'), aliases: [] },
  typescript: {
    load: () => import('highlight.js/lib/languages/typescript'),
    aliases: ['ts', 'tsx', 'mts', 'cts', 'javascript', 'js', 'jsx', 'mjs', 'cjs', 'node'],
  },
  xml: { load: () => import('highlight.js/lib/languages/xml'), aliases: ['html', 'xhtml', 'rss', 'atom', 'xjb', 'xsd', 'xsl', 'plist', 'wsf', 'svg'] },
  yaml: { load: () => import('highlight.js/lib/languages/yaml'), aliases: ['yml'] },
};

/** Each name and alias, lower case, to its grammar's name. */
const NAMES = new Map(Object.entries(GRAMMARS).flatMap(([name, { aliases }]) => [name, ...aliases].map((alias) => [alias, name] as const)));

/** The grammar `language` (a name or an alias, any case) picks, if the room has one. */
export function grammarOf(language: string): string | undefined {
  return NAMES.get(language.toLowerCase());
}
