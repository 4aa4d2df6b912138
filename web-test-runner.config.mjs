// Browser tests run in the machine's Chromium (never a downloaded one: this network has no
// browser downloads). msw's service worker must be served from the root so its scope covers
// every request the tests make.
import { existsSync, readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { transform } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { bundleFrameworkApps } from './test/frameworks/wtr-bundle-apps.mjs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);
const executablePath = candidates.find((path) => existsSync(path));
if (!executablePath) {
  console.error(
    'No Chromium found for the browser tests.\n' +
      'Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu),\n' +
      'or point CHROME_PATH at a Chrome or Chromium binary.',
  );
  process.exit(1);
}

/**
 * highlight.js ships its grammars and core as CommonJS (its `es/` files only re-export them),
 * which a browser cannot import; Vite's builds and dev server convert them, and so does this
 * for the tests, with esbuild.
 */
function commonJsAsModules(path) {
  return {
    name: 'commonjs-as-modules',
    async transform(context) {
      if (!path.test(context.path)) return undefined;
      return { body: (await transform(context.body, { format: 'esm', loader: 'js' })).code };
    },
  };
}

const mswWorker = readFileSync(new URL('./public/mockServiceWorker.js', import.meta.url), 'utf8');

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: only the page in front gets animation frames for sure, and tests of
  // what the browser decides in frames (which answer groups are in view) waited forever in a
  // page behind another. Costs about 7 s of a 22 s run.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [bundleFrameworkApps(), commonJsAsModules(/\/node_modules\/highlight\.js\/lib\//), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [
    /**
     * The built package as jsDelivr serves it: `/npm/openrouter-chat` is its `jsdelivr` file
     * (the IIFE) under the bare package URL, and `/npm/openrouter-chat/dist/...` its files.
     */
    function servePackageUrls(context, next) {
      const match = /^\/npm\/openrouter-chat(?:\/dist\/([\w.-]+\.js))?$/.exec(context.path);
      if (!match) return next();
      const file = new URL(`./dist/${match[1] ?? 'openrouter-chat.iife.js'}`, import.meta.url);
      if (!existsSync(file)) return next();
      context.type = 'application/javascript';
      context.body = readFileSync(file, 'utf8');
    },
    function serveMswWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.set('Service-Worker-Allowed', '/');
      context.body = mswWorker;
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
          // For runs with more than one page (`--concurrency`): without these, Chromium
          // throttles timers and pauses rendering in the pages behind the one in front. Even
          // with them, frames there are not sure to come, hence one page by default.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
