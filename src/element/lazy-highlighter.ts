/**
 * The element's code highlighter before and after the highlight room arrives: the first
 * block that names a language loads the room (once), and every block is handed to it a
 * microtask or a download later, with the text it holds by then (the room picks that up from
 * the block itself). So the first block is highlighted too; until then, and for good if the
 * room cannot load, code stays plain. The highlight room does the same with each grammar it
 * loads (`src/highlight/highlight-room.ts`).
 *
 * @module
 */
import type { CodeHighlighter, CodeWatch } from '../markdown/code-highlighter.js';

export function lazyHighlighter(load: () => Promise<CodeHighlighter>): CodeHighlighter {
  let loading: Promise<CodeHighlighter> | undefined;
  return {
    watch(code, language) {
      let watch: CodeWatch | undefined;
      let closed = false;
      (loading ??= load()).then(
        (room) => {
          watch = room.watch(code, language);
          if (closed) watch?.closed();
        },
        () => {},
      );
      return {
        appended: (text) => watch?.appended(text),
        closed: () => {
          closed = true;
          watch?.closed();
        },
      };
    },
  };
}
