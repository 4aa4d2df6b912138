/**
 * A Web Test Runner plugin that serves each framework test app (`test/frameworks/*.app.ts(x)`)
 * as one esbuild bundle, the way an app's own bundler would build it: React ships as
 * CommonJS, Svelte components need compiling, and React 18 and 19 must not meet in one
 * page. The package's own name resolves to `src/` through the apps' tsconfig `paths`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compile } from 'svelte/compiler';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = /^\/test\/frameworks\/([\w-]+)\.app\.tsx?$/;

/** Per app: which package stands in for which import (what npm aliases are for). */
const ALIASES = {
  'react-18': { react: 'react-18', 'react-dom': 'react-dom-18' },
  // The runtime template compiler, so the app can use a template string.
  vue: { vue: 'vue/dist/vue.esm-bundler.js' },
};

/** @type {import('esbuild').Plugin} */
const svelteComponents = {
  name: 'svelte',
  setup(bundler) {
    bundler.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { js } = compile(await readFile(path, 'utf8'), { filename: path, generate: 'client', dev: true });
      return { contents: js.code, loader: 'js' };
    });
  },
};

export function bundleFrameworkApps() {
  return {
    name: 'bundle-framework-apps',
    async serve(context) {
      const app = APP.exec(context.path)?.[1];
      if (app === undefined) return undefined;
      const result = await build({
        entryPoints: [`${ROOT}${context.path.slice(1)}`],
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        jsx: 'automatic',
        tsconfig: `${ROOT}test/frameworks/tsconfig.json`,
        alias: ALIASES[app] ?? {},
        conditions: ['svelte', 'development', 'browser'],
        define: { 'process.env.NODE_ENV': '"development"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
        plugins: [svelteComponents],
        // package.json's `sideEffects` names the built files (dist/), so a bundler would drop
        // `import 'openrouter-chat'` resolved to src/. The packed-install test checks dist/.
        ignoreAnnotations: true,
        sourcemap: 'inline',
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
