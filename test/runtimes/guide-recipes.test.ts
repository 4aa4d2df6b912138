import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { entryPath, REPO_ROOT } from './harness/paths.js';

/** Every entry the runtime tests run, each shown in the proxy guide's deployment section (`docs/proxy.md`). */
const ENTRIES = ['worker.js', 'worker-shared-limit.js', 'deno.ts', 'bun.ts', 'node.mjs'];

/**
 * The guide's form of an entry: without its header comment (which only says where the
 * file differs), importing the package by name instead of the built file's path.
 */
function asInReadme(source: string): string {
  return source
    .replace(/^(?:\/\/.*\n)+/, '')
    .replaceAll("'../../../dist/server/index.js'", "'openrouter-chat/server'")
    .replaceAll("'../../../dist/server/node.js'", "'openrouter-chat/server/node'")
    .trim();
}

describe('the deployment recipes of docs/proxy.md', () => {
  const guide = readFileSync(`${REPO_ROOT}docs/proxy.md`, 'utf8');
  for (const entry of ENTRIES) {
    it(`shows entries/${entry} exactly as the runtime tests run it`, () => {
      const recipe = asInReadme(readFileSync(entryPath(entry), 'utf8'));
      assert.ok(guide.includes(recipe), `docs/proxy.md lacks this recipe, verbatim:\n\n${recipe}\n`);
    });
  }
});
