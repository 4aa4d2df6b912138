/**
 * The shared set-up of tests that check rendered markdown: the page's markdown room, loaded
 * for real (the module the element loads on demand, not a stand-in) before the importing test
 * file's tests run. Answers then render as markdown at once, as on a page that already has the
 * room; what happens before it arrives is `test/browser/markdown/markdown-room*.test.ts`'s.
 */
import { loadMarkdownRoom } from '../../../src/markdown/markdown-loader.js';

await loadMarkdownRoom();
