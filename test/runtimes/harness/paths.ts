import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, where `npm run build` writes `dist/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** This package's folder, whose node_modules hold the runtimes. */
export const RUNTIMES_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** An entry file under `test/runtimes/entries/`. */
export function entryPath(name: string): string {
  return fileURLToPath(new URL(`../entries/${name}`, import.meta.url));
}

/** A binary that one of this package's dependencies installed. */
export function binPath(name: 'deno' | 'bun'): string {
  return fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
}

const BUILT_ENTRIES = ['dist/server/index.js', 'dist/server/node.js'];

/**
 * The tests exercise what users import, the built entries, never `src/`. Failing here, with
 * the fix in the message, beats four runtimes each failing to load a missing module.
 */
export function assertServerBuilt(): void {
  const missing = BUILT_ENTRIES.filter((file) => !existsSync(new URL(file, `file://${REPO_ROOT}`)));
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.join(', ')}: run \`npm run build\` first (npm run test:runtimes does).`);
  }
}
