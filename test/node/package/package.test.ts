/**
 * The package as users get it: `npm pack` of the built `dist/`, installed into an empty
 * project, imported by name. Reuses `dist/` when it is newer than `src/` (`npm test` builds
 * first), and builds it otherwise.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** What a user needs at run time: the three browser builds, the React helper, the server. */
const BUILT_ENTRIES = [
  'dist/openrouter-chat.js',
  'dist/openrouter-chat.bundle.js',
  'dist/openrouter-chat.iife.js',
  'dist/react.js',
  'dist/server/index.js',
  'dist/server/node.js',
];

async function newestSourceChange(): Promise<number> {
  // The build's own code counts too: a changed plugin changes what it builds.
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'scripts', 'vite.config.ts'], { cwd: ROOT });
  const times = await Promise.all(stdout.split('\n').filter(Boolean).map(async (file) => (await stat(join(ROOT, file))).mtimeMs));
  return Math.max(...times);
}

/** Rebuilds `dist/` unless every built entry is newer than every source file. */
async function ensureFreshBuild(): Promise<void> {
  const sourceChanged = await newestSourceChange();
  const built = await Promise.all(BUILT_ENTRIES.map((file) => stat(join(ROOT, file)).then((info) => info.mtimeMs, () => 0)));
  if (built.some((time) => time < sourceChanged)) await run('npm', ['run', 'build'], { cwd: ROOT });
}

/** Runs an ES module in the installed project, as a user's server or SSR code would. */
async function runInProject(project: string, code: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', code], { cwd: project });
  return stdout.trim();
}

describe('the packed package', { timeout: 120_000 }, () => {
  let scratch: string;
  let project: string;
  let packedFiles: string[];

  before(async () => {
    await ensureFreshBuild();
    scratch = await mkdtemp(join(tmpdir(), 'openrouter-chat-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: ROOT });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed!.files.map((file) => file.path);
    project = join(scratch, 'app');
    await run('mkdir', [project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // --prefer-offline: every dependency is in npm's cache after `npm ci` of this repository.
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, packed!.filename), 'react@^19', 'react-dom@^19', '@types/react@^19', '@types/node@^20'],
      { cwd: project },
    );
  });

  after(() => rm(scratch, { recursive: true, force: true }));

  it('contains only what users need', () => {
    const outside = packedFiles.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'custom-elements.json'].includes(path));
    assert.deepEqual(outside, []);
    for (const file of [...BUILT_ENTRIES, 'dist/types/index.d.ts', 'dist/types/react.d.ts', 'dist/types/server/index.d.ts', 'dist/types/server/node.d.ts', 'custom-elements.json']) {
      assert.ok(packedFiles.includes(file), file);
    }
    assert.ok(!packedFiles.some((path) => path.endsWith('.map') || path.includes('mockServiceWorker')), 'no source maps, no test worker');
  });

  it('ships Lit in production mode inside the self-contained bundles', async () => {
    for (const file of ['dist/openrouter-chat.bundle.js', 'dist/openrouter-chat.iife.js']) {
      const code = await readFile(join(project, 'node_modules/openrouter-chat', file), 'utf8');
      assert.match(code, /customElements/, `${file} holds the element`);
      assert.doesNotMatch(code, /Lit is in dev mode/, `${file} uses Lit's production build`);
    }
  });

  it('ships the stylesheets minified in every browser build (scripts/minify-css-templates.ts)', async () => {
    for (const file of ['dist/openrouter-chat.js', 'dist/openrouter-chat.bundle.js', 'dist/openrouter-chat.iife.js']) {
      const code = await readFile(join(project, 'node_modules/openrouter-chat', file), 'utf8');
      assert.match(code, /\.message\.user \.content,\.plain-answer\{white-space:pre-wrap\}/, `${file} holds the element's stylesheet, minified`);
      // A comment inside the template: gone once minified.
      assert.doesNotMatch(code, /before the markdown room arrives/, `${file} ships no stylesheet comment`);
    }
    // The answers' stylesheet comes with the markdown room, which every build loads.
    const room = await readFile(join(project, 'node_modules/openrouter-chat/dist/openrouter-chat-markdown.js'), 'utf8');
    assert.match(room, /\.markdown \.block-group\{content-visibility:auto;/, 'the markdown room holds the markdown stylesheet, minified');
    assert.doesNotMatch(room, /keeps these at the specificity/, 'the markdown room ships no stylesheet comment');
  });

  it('keeps the element definition when a bundler tree-shakes `import \'openrouter-chat\'` (sideEffects)', async () => {
    await writeFile(join(project, 'entry.js'), `import 'openrouter-chat';\n`);
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(project, 'entry.js')],
      absWorkingDir: project,
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    assert.equal(code.match(/customElements\.define\(/g)?.length, 1, 'one definition survives, once');
  });

  it('imports under Node without a DOM (server-side rendering)', async () => {
    // Lit's Node build brings a stand-in `customElements` for its server renderer; the
    // element registers there like in a browser, and nothing touches a real DOM.
    const output = await runInProject(
      project,
      `const chat = await import('openrouter-chat');
       console.log(typeof chat.OpenRouterChat, typeof chat.OpenRouterChatDeltaEvent, typeof document, customElements.get('openrouter-chat') === chat.OpenRouterChat);`,
    );
    assert.equal(output, 'function function undefined true');
  });

  it('exports the Web handler from openrouter-chat/server and the Node adapter from openrouter-chat/server/node', async () => {
    const output = await runInProject(
      project,
      `const { createChatHandler } = await import('openrouter-chat/server');
       const { createNodeHandler, toNodeListener } = await import('openrouter-chat/server/node');
       const handler = createChatHandler({ apiKey: 'sk-or-test' });
       const refused = await handler(new Request('http://localhost/api/chat', { method: 'PUT' }));
       console.log(typeof createNodeHandler, typeof toNodeListener, refused.status, (await refused.json()).error.code);`,
    );
    assert.equal(output, 'function function 405 405');
  });

  it('keeps browser code out of the server build and Node built-ins out of the Web handler', async () => {
    const serverFiles = packedFiles.filter((path) => path.startsWith('dist/server/') && path.endsWith('.js'));
    for (const file of serverFiles) {
      const code = await readFile(join(project, 'node_modules/openrouter-chat', file), 'utf8');
      assert.doesNotMatch(code, /from ["']lit|customElements|HTMLElement/, `${file} has no browser code`);
      if (file !== 'dist/server/node.js') assert.doesNotMatch(code, /from ["']node:|require\(/, `${file} imports no Node built-in`);
    }
  });

  it('renders on the server with React (what Next.js does with a client component)', async () => {
    const output = await runInProject(
      project,
      `const { createElement } = await import('react');
       const { renderToString } = await import('react-dom/server');
       const { OpenRouterChat } = await import('openrouter-chat/react');
       console.log(renderToString(createElement('openrouter-chat', { endpoint: '/api/chat' })));
       console.log(renderToString(createElement(OpenRouterChat, { endpoint: '/api/chat' })));`,
    );
    assert.deepEqual(output.split('\n'), ['<openrouter-chat endpoint="/api/chat"></openrouter-chat>', '<openrouter-chat></openrouter-chat>']);
  });

  it('types every entry through the exports map for a strict TypeScript user', async () => {
    await writeFile(
      join(project, 'check.tsx'),
      `import { OpenRouterChat, type ChatMessage } from 'openrouter-chat';
       import { OpenRouterChat as ReactChat } from 'openrouter-chat/react';
       import { createChatHandler } from 'openrouter-chat/server';
       import { createNodeHandler } from 'openrouter-chat/server/node';
       const element: OpenRouterChat = document.createElement('openrouter-chat');
       const history: readonly ChatMessage[] = element.messages;
       element.addEventListener('openrouter-chat-delta', (event) => event.detail.text.toUpperCase());
       export const views = [<openrouter-chat endpoint="/api/chat" messages={history} />, <ReactChat onDelta={(event) => event.detail.delta} />];
       export const handlers = [createChatHandler({ apiKey: 'key' }), createNodeHandler({ apiKey: 'key' })];
       // @ts-expect-error the detail of a delta has no such field
       element.addEventListener('openrouter-chat-delta', (event) => event.detail.missing);
      `,
    );
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--noEmit', '--strict', '--jsx', 'react-jsx', '--module', 'nodenext', '--moduleResolution', 'nodenext',
        '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', '--types', 'node', '--skipLibCheck', 'check.tsx',
      ],
      { cwd: project },
    ).catch((error: { stdout?: string }) => assert.fail(`tsc failed:\n${error.stdout ?? String(error)}`));
  });
});
