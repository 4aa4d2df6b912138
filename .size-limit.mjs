/**
 * Size budgets, min + gzip, checked by `npm run size` (part of `npm test`, after the build).
 * Issue 6: the all-in script-tag bundle at most 30 kB gzipped; the best known peer widget
 * ships 111 kB. The bundler builds get a budget a little above their size, so growth is a
 * decision someone makes, not an accident.
 */

/**
 * The script-tag files are already minified by the build: measure the bytes we ship, as they
 * are. esbuild's `copy` loader hands the file through untouched (size-limit 11 refuses a
 * per-check `esbuild: false`). size-limit still subtracts its 32-byte "empty esbuild project"
 * from these two figures.
 */
const asShipped = (config) => ({ ...config, loader: { '.js': 'copy' } });

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
    name: 'bundler build without Lit (element + streaming-markdown)',
    path: 'dist/openrouter-chat.js',
    ignore: ['lit'],
    gzip: true,
    limit: '20 kB',
  },
  {
    name: 'bundler build, element code only (Lit and streaming-markdown external)',
    path: 'dist/openrouter-chat.js',
    ignore: ['lit', 'streaming-markdown'],
    gzip: true,
    limit: '17 kB',
  },
];
