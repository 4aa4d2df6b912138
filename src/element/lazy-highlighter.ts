/**
 * The element's code highlighter before and after the highlight room arrives: the first
 * block that names a language loads the room (once), and what that block and any other
 * receive meanwhile is handed to the room when it is there, so the first block is
 * highlighted too. Until then, and for good if the room cannot load, code stays plain.
 *
 * @module
 */
import type { CodeHighlighter, CodeWatch } from '../markdown/code-highlighter.js';

export function lazyHighlighter(load: () => Promise<CodeHighlighter>): CodeHighlighter {
  let room: CodeHighlighter | undefined;
  let loading: Promise<CodeHighlighter> | undefined;
  return {
    watch(code, language) {
      if (room) return room.watch(code, language);
      const early: Text[] = [];
      let closed = false;
      let watch: CodeWatch | undefined;
      let settled = false;
      loading ??= load().then((loaded) => (room = loaded));
      loading.then(
        (loaded) => {
          settled = true;
          watch = loaded.watch(code, language);
          for (const text of early) watch?.appended(text);
          if (closed) watch?.closed();
        },
        () => (settled = true),
      );
      return {
        appended: (text) => (settled ? watch?.appended(text) : early.push(text)),
        closed: () => (settled ? watch?.closed() : (closed = true)),
      };
    },
  };
}
