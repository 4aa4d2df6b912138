import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../../src/server/', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm;

/** Every module the entry reaches, following relative imports, and every bare import seen. */
function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier!.startsWith('.')) visit(join(dirname(file), specifier!.replace(/\.js$/, '.ts')));
      else bare.add(specifier!);
    }
  };
  visit(entry);
  return { files, bare };
}

describe('openrouter-chat/server stays Web-standard', () => {
  it('reaches no Node built-in and no Node-only package from its entry point', () => {
    const { files, bare } = importGraph(join(SERVER_DIR, 'index.ts'));
    assert.ok(files.size > 5, 'the walk followed the imports');
    assert.deepEqual([...bare], [], 'only relative, Web-standard modules');
    assert.ok(![...files].some((file) => relative(SERVER_DIR, file) === 'node.ts'), 'the Node adapter is a separate entry');
  });

  it('keeps the Node adapter the only server module that imports Node', () => {
    const { bare } = importGraph(join(SERVER_DIR, 'node.ts'));
    assert.ok(bare.has('node:http') && bare.has('@hono/node-server'));
  });
});
