/**
 * The DOM of one code block (fenced or indented): a `part="code-block"` box with a header
 * (language label, copy button) above `<pre><code>`, which the markdown text streams into.
 *
 * @module
 */
import { createCopyButton, type CopyButtonStrings } from './copy-button.js';

/**
 * A language that may also go into `class` and `data-language`, where a highlighter or a
 * stylesheet would read it. Anything else is still shown, but only as label text.
 */
const SAFE_LANGUAGE = /^[A-Za-z0-9][\w+#.-]{0,31}$/;

/** The class of a code block's header: its controls (language label, copy button), not its code. */
export const CODE_HEADER_CLASS = 'code-header';

/** Appends an empty code block to `parent` and returns its `<code>`, where text goes. */
export function appendCodeBlock(parent: Element, strings: CopyButtonStrings): HTMLElement {
  const code = document.createElement('code');
  const pre = document.createElement('pre');
  pre.append(code);
  const label = document.createElement('span');
  label.className = 'code-language';
  const header = document.createElement('div');
  header.className = CODE_HEADER_CLASS;
  header.append(label, createCopyButton(strings, () => code.textContent ?? ''));
  const block = document.createElement('div');
  block.className = 'code-block';
  block.setAttribute('part', 'code-block');
  block.append(header, pre);
  parent.append(block);
  return code;
}

/**
 * Labels the block around `code` with the language named by a fence's info string
 * (its first word: "ts title=x" is TypeScript).
 * @returns the language, if it is one a highlighter may be asked about.
 */
export function setCodeLanguage(code: HTMLElement, info: string): string | undefined {
  const language = info.trim().split(/\s+/, 1)[0] ?? '';
  const label = code.closest('.code-block')?.querySelector('.code-language');
  if (label) label.textContent = language;
  if (!SAFE_LANGUAGE.test(language)) return undefined;
  code.className = `language-${language}`;
  code.dataset.language = language;
  return language;
}
