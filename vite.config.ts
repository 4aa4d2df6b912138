/**
 * `npm run build`: one Vite build per target, picked by `--mode` (Vite 8 cannot keep `lit`
 * external for one format and bundle it for another in a single build). The targets:
 *
 * - `esm`: `dist/openrouter-chat.js` and `dist/react.js` for bundlers; every dependency stays
 *   an import, so the app's bundler dedupes Lit and picks its dev or production build.
 * - `bundle`: `dist/openrouter-chat.bundle.js`, one minified ES module with everything inside.
 * - `iife`: `dist/openrouter-chat.iife.js`, the same as a classic `<script>` (CDNs).
 * - `server`: `dist/server/index.js` (Web-standard) and `dist/server/node.js` (the Node
 *   adapter, the only file with `node:` imports).
 * - `rooms`: the capabilities the element loads on demand (and the reader of failed responses),
 *   one file each beside the element's
 *   files (`dist/openrouter-chat-attachments.js`). Each imports nothing and is given the
 *   element's Lit, so every build above loads the same file: the bundler build through its
 *   app's bundler (a plain dynamic import), the script tags straight from the CDN (a dynamic
 *   import resolves against the script's own URL, in classic scripts too).
 *   The highlight room's grammars ship the same way, a file each (`grammarFile`).
 *
 * Declarations come from `tsc -p tsconfig.build.json` afterwards.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyCssTemplatesPlugin } from './scripts/minify-css-templates.js';

const ELEMENT_ENTRY = 'src/index.ts';
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Each on-demand room: its source entry, and the file it ships as. */
export const ROOMS = {
  'src/attachments/attachments-room.ts': 'openrouter-chat-attachments',
  'src/tools/tools-room.ts': 'openrouter-chat-tools',
  'src/conversations/conversations-room.ts': 'openrouter-chat-conversations',
  'src/stream/http-error.ts': 'openrouter-chat-http-error',
  'src/catalog/catalog-room.ts': 'openrouter-chat-catalog',
  'src/math/math-room.ts': 'openrouter-chat-math',
  'src/images/images-room.ts': 'openrouter-chat-images',
  'src/highlight/highlight-room.ts': 'openrouter-chat-highlight',
  'src/markdown/markdown-room.ts': 'openrouter-chat-markdown',
} as const;

/**
 * The file a highlight.js grammar the highlight room imports ships as
 * (`highlight.js/lib/languages/python` is `openrouter-chat-grammar-python`), or `undefined`
 * for any other import. The room's table (`src/highlight/grammars.ts`) is the list.
 */
export function grammarFile(source: string): string | undefined {
  const name = /^highlight\.js\/lib\/languages\/([\w-]+)$/.exec(source)?.[1];
  return name && `openrouter-chat-grammar-${name}`;
}

/**
 * The element's builds keep each room out, importing its shipped file instead, so a page
 * that never attaches a file never loads (or parses) the attachments code, and one without
 * tools never loads the tools' views. Likewise the highlight room keeps each grammar out: the
 * rooms build ships every grammar it imports as a file of its own (an entry of the build), and
 * the room imports that file when a block first asks for the language.
 */
function roomsAsFilesPlugin(): Plugin {
  return {
    name: 'rooms-as-files',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      // Ours only: lowlight's own sets (`all`, `common`) import every grammar, and stay unused.
      const grammar = importer.startsWith(`${ROOT}src/`) ? grammarFile(source) : undefined;
      if (grammar) {
        this.emitFile({ type: 'chunk', id: source, fileName: `${grammar}.js` });
        return { id: `./${grammar}.js`, external: true };
      }
      if (!source.startsWith('.')) return null;
      const imported = relative(ROOT, resolve(dirname(importer), source)).replace(/\.js$/, '.ts');
      const file = ROOMS[imported as keyof typeof ROOMS];
      return file ? { id: `./${file}.js`, external: true } : null;
    },
  };
}

/**
 * The script tag's rooms, found from a bare package URL too. A classic script's `import()`
 * resolves against the script's own URL, which is right for `.../dist/openrouter-chat.iife.js`
 * but not for jsDelivr's short URL (`https://cdn.jsdelivr.net/npm/openrouter-chat`, the
 * package's `jsdelivr` file served at the package's name, without a redirect): there
 * `./openrouter-chat-markdown.js` is looked for at `/npm/`, and every room fails (answers stay
 * plain text). So the IIFE works out where its rooms are while it runs (`document.currentScript`
 * is only there then): beside the script when its URL names a `.js` file, else in the package's
 * `dist/`; and each room's `import()` takes that as its base.
 */
function roomsBesideThePackagePlugin(): Plugin {
  const ROOM_IMPORT = /import\(`\.\/(openrouter-chat-[\w-]+\.js)`\)/g;
  const IIFE_START = /^(var OpenRouterChatElement=\(function\(\w*\)\{)/;
  const base =
    'const roomBase=(()=>{const s=document.currentScript?.src;if(!s)return"./";const u=new URL(s);' +
    'return/\\.m?js$/.test(u.pathname)?new URL(".",u).href:u.origin+u.pathname.replace(/\\/?$/,"/")+"dist/"})();';
  return {
    name: 'rooms-beside-the-package',
    // On the finished file: the IIFE wrapper and the minifier's output are only there by then.
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        if (!IIFE_START.test(output.code)) throw new Error('rooms-beside-the-package: the IIFE no longer starts as this plugin expects.');
        const rewritten = output.code.replace(ROOM_IMPORT, (_, file: string) => `import(roomBase+\`${file}\`)`);
        if (rewritten === output.code) throw new Error('rooms-beside-the-package: the IIFE imports no room.');
        output.code = rewritten.replace(IIFE_START, `$1${base}`);
      }
    },
  };
}

/** Self-contained builds load Lit's production code: its dev build warns in the console. */
const PRODUCTION_CONDITIONS = ['production', 'browser', 'module', 'import', 'default'];

/**
 * Shared by every target: a library build, not an app (no `public/`, no HTML), with the
 * stylesheets in Lit's `css` templates minified (which no JavaScript minifier does), and the target's own `plugins` after.
 */
function library(outDir: string, build: NonNullable<UserConfig['build']>, plugins: Plugin[] = []): UserConfig {
  return {
    logLevel: 'warn',
    plugins: [minifyCssTemplatesPlugin(), roomsAsFilesPlugin(), ...plugins],
    build: {
      outDir,
      // Targets share dist/: the script empties it once, before the first build.
      emptyOutDir: false,
      // public/ holds msw's worker for the tests; it must never ship.
      copyPublicDir: false,
      target: 'es2022',
      ...build,
    },
  };
}

const targets: Record<string, UserConfig> = {
  esm: library('dist', {
    minify: false,
    lib: {
      entry: { 'openrouter-chat': ELEMENT_ENTRY, react: 'src/react.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, 'react'],
      preserveEntrySignatures: 'allow-extension',
    },
  }),

  bundle: {
    ...library('dist', {
      lib: { entry: ELEMENT_ENTRY, formats: ['es'], fileName: () => 'openrouter-chat.bundle.js' },
      // Lib-mode ES output keeps whitespace (for consumers' tree-shaking); this file is final.
      rolldownOptions: { output: { minify: true } },
    }),
    resolve: { conditions: PRODUCTION_CONDITIONS },
  },

  iife: {
    ...library(
      'dist',
      { lib: { entry: ELEMENT_ENTRY, formats: ['iife'], name: 'OpenRouterChatElement', fileName: () => 'openrouter-chat.iife.js' } },
      [roomsBesideThePackagePlugin()],
    ),
    resolve: { conditions: PRODUCTION_CONDITIONS },
  },

  rooms: library('dist', {
    lib: {
      entry: Object.fromEntries(Object.entries(ROOMS).map(([source, name]) => [name, source])),
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    // Loaded as it is by script tags: shipped minified, like the bundles.
    rolldownOptions: { output: { minify: true } },
  }),

  server: library('dist/server', {
    minify: false,
    lib: {
      entry: { index: 'src/server/index.ts', node: 'src/server/node.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: [/^node:/, '@hono/node-server'],
      output: { chunkFileNames: 'chunks/[name].js' },
    },
  }),
};

export default defineConfig(({ mode }) => {
  const target = targets[mode];
  if (!target) throw new Error(`Unknown build target "${mode}"; use --mode ${Object.keys(targets).join('|')}.`);
  return target;
});
