/**
 * Key secrecy, browser half: no built file carries a key, even when the build runs with one
 * in its environment, and the element sends no `Authorization` header of its own (it has no
 * way to be given one), so the only key on the wire is the one the proxy adds upstream.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunningServer } from '../../../src/server/node.js';
import { launchChromium, type Browser } from '../helpers/chromium.js';
import { nodeProxy, respondWithStream, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';
import { CHAT_PATH, elementFromSource, serveSite } from '../helpers/widget-page.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** What any real OpenRouter key starts with. */
const KEY_PREFIX = 'sk-or-';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

function assertNoKeyIn(dir: string): number {
  const files = filesUnder(dir);
  for (const file of files) {
    const text = readFileSync(file, 'latin1');
    assert.ok(!text.includes(TEST_API_KEY), `the key is in ${file}`);
    assert.ok(!text.includes(KEY_PREFIX), `something key-shaped (${KEY_PREFIX}…) is in ${file}`);
  }
  return files.length;
}

describe('no key in what is built', { timeout: 120_000 }, () => {
  it('dist/ (built by npm test before the Node tests) holds no key', () => {
    assert.ok(existsSync(join(REPO_ROOT, 'dist/openrouter-chat.iife.js')), 'no dist/: run `npm run build` first (npm test does)');
    assert.ok(assertNoKeyIn(join(REPO_ROOT, 'dist')) >= 8);
  });

  it('every build target, built with the key in OPENROUTER_API_KEY and VITE_OPENROUTER_API_KEY, holds no key', async () => {
    // Bundlers inline some environment variables (Vite: VITE_*); a key in the build's
    // environment must still never reach a file. Each target of `npm run build`, into a
    // scratch folder, so the dist/ other tests read is left alone.
    const script = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build']!;
    const modes = [...script.matchAll(/vite build --mode (\w+)/g)].map((match) => match[1]!);
    assert.deepEqual(modes.sort(), ['bundle', 'esm', 'iife', 'rooms', 'server']);
    const scratch = mkdtempSync(join(tmpdir(), 'key-secrecy-build-'));
    try {
      const env = { ...process.env, OPENROUTER_API_KEY: TEST_API_KEY, VITE_OPENROUTER_API_KEY: TEST_API_KEY };
      const vite = join(REPO_ROOT, 'node_modules/.bin/vite');
      await Promise.all(modes.map((mode) => promisify(execFile)(vite, ['build', '--mode', mode, '--outDir', join(scratch, mode)], { cwd: REPO_ROOT, env })));
      assert.ok(assertNoKeyIn(scratch) >= 6);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('the element sends no Authorization header of its own', { timeout: 60_000 }, () => {
  let upstream: TestUpstream;
  let site: RunningServer;
  let browser: Browser;
  /** The headers of each request the endpoint got from the browser. */
  const arrived: IncomingHttpHeaders[] = [];

  before(async () => {
    upstream = await startUpstream(respondWithStream());
    const proxy = nodeProxy({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false });
    site = await serveSite(
      {
        '/': { type: 'text/html', body: `<!doctype html><script type="module" src="/element.js"></script><openrouter-chat endpoint="${CHAT_PATH}"></openrouter-chat>` },
        '/element.js': await elementFromSource(),
      },
      (request, response) => {
        arrived.push(request.headers);
        return proxy(request, response);
      },
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await upstream?.close();
  });

  it('not even when a page tries to hand it one as a property or an attribute', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'load' });
    await page.waitForFunction("customElements.get('openrouter-chat') !== undefined");
    // Every spelling a page author might guess; none is an option, so none may reach the wire.
    const attempt = `(async (key) => {
      const chat = document.querySelector('openrouter-chat');
      chat.headers = { Authorization: 'Bearer ' + key };
      chat.authorization = 'Bearer ' + key;
      chat.apiKey = key;
      chat.setAttribute('authorization', 'Bearer ' + key);
      chat.setAttribute('api-key', key);
      chat.setAttribute('headers', JSON.stringify({ Authorization: 'Bearer ' + key }));
      await chat.send('Hello');
      return chat.messages.at(-1).content;
    })(${JSON.stringify(TEST_API_KEY)})`;
    assert.equal(await page.evaluate(attempt), 'Hi');
    await page.close();
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0]!['authorization'], undefined);
    assert.ok(!JSON.stringify(arrived[0]).includes(TEST_API_KEY));
    // The one key on the wire is the proxy's, upstream.
    assert.equal(upstream.requests.at(-1)?.headers['authorization'], `Bearer ${TEST_API_KEY}`);
  });
});
