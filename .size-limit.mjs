/**
 * Size budgets, min + gzip, checked by `npm run size` (part of `npm test`, after the build).
 * Issue 6: the all-in script-tag bundle at most 30 kB gzipped; the best known peer widget
 * ships 111 kB. The bundler builds get a budget a little above their size, so growth is a
 * decision someone makes, not an accident.
 */
import { existsSync, readdirSync } from 'node:fs';

/**
 * The script-tag files are already minified by the build: measure the bytes we ship, as they
 * are. esbuild's `copy` loader hands the file through untouched (size-limit 11 refuses a
 * per-check `esbuild: false`). size-limit still subtracts its 32-byte "empty esbuild project"
 * from these two figures.
 */
const asShipped = (config) => ({ ...config, loader: { '.js': 'copy' } });

/**
 * The rooms the element loads on demand (`vite.config.ts`) are files of their own, each with
 * its own budget: the element's checks leave them out, as a page that never uses one does.
 */
const ROOM_FILES = ['./openrouter-chat-attachments.js', './openrouter-chat-tools.js', './openrouter-chat-conversations.js', './openrouter-chat-catalog.js', './openrouter-chat-math.js', './openrouter-chat-images.js', './openrouter-chat-highlight.js', './openrouter-chat-http-error.js', './openrouter-chat-markdown.js'];
const withoutRooms = (config) => ({ ...config, external: [...(config.external ?? []), ...ROOM_FILES, ...GRAMMAR_FILES] });

/**
 * The highlight room's grammars, one file each (`src/highlight/grammars.ts`, `grammarFile` in
 * `vite.config.ts`), each loaded by the first block in its language: their budgets, measured
 * and a little. A grammar the build ships without a budget here fails the check below.
 */
const GRAMMAR_BUDGETS = {
  bash: '1.6 kB',
  cpp: '2.5 kB',
  css: '4.25 kB',
  diff: '300 B',
  go: '700 B',
  java: '1.22 kB',
  json: '300 B',
  python: '1.5 kB',
  rust: '1.45 kB',
  sql: '2.42 kB',
  typescript: '3.1 kB',
  xml: '780 B',
  yaml: '830 B',
};
const GRAMMAR_PREFIX = 'openrouter-chat-grammar-';
const grammarFile = (name) => `${GRAMMAR_PREFIX}${name}.js`;
const GRAMMAR_FILES = Object.keys(GRAMMAR_BUDGETS).map((name) => `./${grammarFile(name)}`);
const unbudgeted = existsSync('dist') ? readdirSync('dist').filter((file) => file.startsWith(GRAMMAR_PREFIX) && !GRAMMAR_FILES.includes(`./${file}`)) : [];
if (unbudgeted.length) throw new Error(`.size-limit.mjs: no budget for ${unbudgeted.join(', ')} (GRAMMAR_BUDGETS)`);

export default [
  {
    name: 'script tag, all in (dist/openrouter-chat.iife.js)',
    path: 'dist/openrouter-chat.iife.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '30 kB',
  },
  {
    name: 'single-file ES module, all in (dist/openrouter-chat.bundle.js)',
    path: 'dist/openrouter-chat.bundle.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '30 kB',
  },
  // The npm build is not minified (apps minify it with the rest of their code): esbuild
  // minifies it here the way an app's bundler would, with the shared dependencies left out.
  {
    name: 'bundler build without Lit (element; the markdown renderer is a room)',
    path: 'dist/openrouter-chat.js',
    ignore: ['lit'],
    modifyEsbuildConfig: withoutRooms,
    gzip: true,
    // 20 kB until attachments (issue 14): messages with content parts, the attach glue and
    // the attachment event cost 1.15 kB here (20.51 kB measured). Tools (issue 19) add 1.5 kB
    // (21.99 kB): the properties, the loop's glue in the controller, the tool events, saved
    // tool turns and the room loader; the loop itself, the runner and the views load on demand.
    // Starter prompts and feedback (issue 15) add 0.43 kB (22.42 kB measured): two properties,
    // the feedback event and the rating kept with the conversation; their views load on demand.
    // The conversation list (issue 15) costs 288 bytes less than nothing: its glue (three
    // properties, a chat per conversation, session_id, the conversation event) is smaller than
    // the localStorage code it moved into the conversations room. The model catalog (issue 17)
    // adds 0.22 kB: the room loader, the history window's fit to the context, the picker slot
    // and the running cost's place. 22.36 kB measured with both.
    // Rich answers (issue 16) add 0.54 kB: 0.21 kB of math glue (the hint that loads the math
    // room, its loader, the renderer's hand-over of text and attributes) and 0.33 kB for
    // generated images (`image-output`, `modalities`, reading `images` from chunks, keeping them
    // on the answer, leaving them out of requests, the room's loader).
    // Code highlighting (issue 16) adds 0.19 kB: the hook in the markdown renderer, the glue
    // that loads the highlight room on the first block naming a language and hands it the
    // blocks begun meanwhile, the room's import; everything else loads on demand. 23.11 kB
    // measured with all of the above.
    // Issue 18: the reader of failed responses moved to a file of its own, loaded when a
    // request fails (-0.50 kB): 22.56 kB measured with everything above.
    // Long conversations (issue 18) add 0.41 kB: the log's chunks and their styles (which
    // chunks and messages to render again), the chat keeping unchanged entries and the resolved
    // strings from render to render, and following size changes between renders (a restored
    // conversation opens at its end). A delta in 500 messages went from 5.00x its cost in 2 to
    // 1.31x (median of 5 runs); none of it can load later, it runs on every render. 23.01 kB measured.
    // Issue 18's 20 kB, met: the markdown renderer is a room of its own (streaming-markdown, the
    // safe renderer, the code blocks' copy buttons, the spoken text and the answers' stylesheet:
    // -5.99 kB here), loaded when a chat has answers to show, at the first send, or when an open
    // chat is idle; until then an answer shows as plain text. What stays is a thin directive with
    // the page's loader (0.34 kB) and the element's glue for it (about 0.25 kB). How, and what
    // else was weighed: docs/performance.md, "Size". 17.00 kB measured with both (16.57 kB before the
    // chunked log); 17.10 kB with the SSE parser's one-line event shortcut (issue 18).
    limit: '17.15 kB',
  },
  {
    name: 'bundler build, element code only (Lit and streaming-markdown external)',
    path: 'dist/openrouter-chat.js',
    ignore: ['lit', 'streaming-markdown'],
    modifyEsbuildConfig: withoutRooms,
    gzip: true,
    // 19.69 kB measured with issue 16's glue (math, images, highlighting) and the HTTP error reader out;
    // 20.1 kB with issue 18's chunked log (above). With the markdown renderer a room, the main
    // bundle no longer imports streaming-markdown: the same bytes as the check above
    // (17.10 kB), kept so that a new import of it from the main bundle shows as a difference here.
    limit: '17.15 kB',
  },
  // Loaded once `accept` is set or a message carries attachments: the tray, the image step
  // (decode, scale, re-encode; also run in a worker), the file checks, views and styles.
  {
    name: 'attachments room, on demand (dist/openrouter-chat-attachments.js)',
    path: 'dist/openrouter-chat-attachments.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '6.25 kB',
  },
  // Loaded once `tools` or `web-search` is set or a stream or the conversation carries a tool
  // call or a source: the tool loop (collect, approve, run with a time limit, send back), the
  // tool-call blocks, the approval buttons, the sources list, their styles and strings.
  {
    name: 'tools room, on demand (dist/openrouter-chat-tools.js)',
    path: 'dist/openrouter-chat-tools.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '4.25 kB',
  },
  // Loaded on the first text that may hold a formula: Temml (TeX to MathML, about 60 kB of
  // it), the formula scanner in front of the markdown parser, the allowlisted MathML builder.
  {
    name: 'math room, on demand (dist/openrouter-chat-math.js)',
    path: 'dist/openrouter-chat-math.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '63.25 kB',
  },
  // Loaded once `image-output` is set or an answer carries images: the data-URL check, the
  // figure with its download link, their styles and strings.
  {
    name: 'images room, on demand (dist/openrouter-chat-images.js)',
    path: 'dist/openrouter-chat-images.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '850 B',
  },
  // Loaded once `conversations`, `storage-key`, `store`, `suggestions` or `feedback` is set:
  // the list (views, focus, keyboard), the sessions (a chat per conversation, saving,
  // other tabs), the IndexedDB store, the move from localStorage, the hostile-record checks,
  // the starter prompts and the thumbs (6.07 kB measured).
  {
    name: 'conversations room, on demand (dist/openrouter-chat-conversations.js)',
    path: 'dist/openrouter-chat-conversations.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '6.25 kB',
  },
  // Loaded once `models`, `accept` or `show-usage` is set: asks the endpoint for its catalog,
  // the picker with names, prices and badges, the attachment gate, the context fit, the cost.
  {
    name: 'catalog room, on demand (dist/openrouter-chat-catalog.js)',
    path: 'dist/openrouter-chat-catalog.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '4.4 kB',
  },
  // Loaded by the first fenced block that names a language: highlight.js's core (through
  // lowlight), the streaming line-by-line highlighting, the token-to-DOM step, the colours and
  // the table of grammars it loads on need (below; docs/rich-answers.md). 26.82 kB with its 13
  // grammars inside, 10.99 kB measured without them.
  {
    name: 'highlight room, on demand (dist/openrouter-chat-highlight.js)',
    path: 'dist/openrouter-chat-highlight.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '11.05 kB',
  },
  ...Object.entries(GRAMMAR_BUDGETS).map(([name, limit]) => ({
    name: `${name} grammar, on need (dist/${grammarFile(name)})`,
    path: `dist/${grammarFile(name)}`,
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit,
  })),
  // Loaded when a chat has answers to show (messages set or restored; not by a closed launcher),
  // at the first send, or when an open chat is idle: streaming-markdown (3.0 kB), the safe
  // renderer, the copy buttons, the spoken text and the answers' stylesheet (1.1 kB).
  {
    name: 'markdown room, on demand (dist/openrouter-chat-markdown.js)',
    path: 'dist/openrouter-chat-markdown.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '6.9 kB',
  },
  // Loaded when a request fails with an HTTP status: reads the error body, picks the advice.
  {
    name: 'HTTP error reader, on demand (dist/openrouter-chat-http-error.js)',
    path: 'dist/openrouter-chat-http-error.js',
    modifyEsbuildConfig: asShipped,
    gzip: true,
    limit: '1 kB',
  },
];
