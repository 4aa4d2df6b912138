/**
 * `npm run size:report` (and the first step of `npm run size`): what each module of the element's
 * main bundle costs, minified and gzipped, so a change that adds bytes shows where they went.
 * The budgets themselves stay with size-limit (`.size-limit.mjs`); this only explains them.
 *
 * The bundle is built here from `src/index.ts` as size-limit's "without Lit" check measures the
 * bundler build: minified by esbuild, Lit left out, the lazily loaded rooms left out (each is a
 * file of its own, `vite.config.ts` ROOMS), the stylesheets in `css` templates minified as the
 * build does. Its total lands within a few bytes of size-limit's figure; the rooms get a table
 * each below it.
 *
 * Minified bytes per module are exact (esbuild's metafile). Gzip has no per-module size, so each
 * module's is estimated from the source map: how much the bundle's gzip shrinks when that
 * module's bytes are taken out, scaled so that the column adds up to the bundle's gzip size.
 * A module whose text repeats others' costs less there than alone, as it does in the real file.
 *
 *   npm run size:report            the tables
 *   npm run size:report -- --json  the same as JSON
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { build, type Plugin } from 'esbuild';
import { grammarFile, ROOMS } from '../vite.config.js';
import { minifyCssTemplates } from './minify-css-templates.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where esbuild is told the output lives; nothing is written there. */
const OUT_DIR = resolve(ROOT, 'dist');

/** One module's share of a bundle. */
export interface ModuleCost {
  /** The source file, from the repository root, or the npm package it belongs to. */
  module: string;
  /** Its minified bytes in the bundle. */
  minBytes: number;
  /** Its estimated share of the bundle's gzip size (see the module doc). */
  gzipBytes: number;
}

export interface BundleReport {
  name: string;
  minBytes: number;
  gzipBytes: number;
  modules: ModuleCost[];
}

/** The build's stylesheet minifier, on the files the Vite plugin minifies. */
const cssTemplates: Plugin = {
  name: 'minify-css-templates',
  setup(build) {
    build.onLoad({ filter: /\.styles\.ts$/ }, async ({ path }) => ({
      contents: await minifyCssTemplates(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
};

/**
 * Each room's import becomes its shipped file, and each grammar the highlight room imports
 * its own, as `vite.config.ts`'s `roomsAsFilesPlugin` does.
 */
const roomsAsFiles: Plugin = {
  name: 'rooms-as-files',
  setup(build) {
    build.onResolve({ filter: /^highlight\.js\/lib\/languages\// }, ({ path, importer }) => {
      const file = importer.startsWith(resolve(ROOT, 'src')) ? grammarFile(path) : undefined;
      return file ? { path: `./${file}.js`, external: true } : undefined;
    });
    build.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
      const source = relative(ROOT, resolve(resolveDir, path)).replace(/\.js$/, '.ts');
      const file = ROOMS[source as keyof typeof ROOMS];
      return file ? { path: `./${file}.js`, external: true } : undefined;
    });
  },
};

/** npm packages count as one module each; our files by their path. */
function moduleOf(path: string): string {
  const parts = path.split('/');
  const packageAt = parts.lastIndexOf('node_modules');
  if (packageAt === -1) return path;
  const name = parts[packageAt + 1]!;
  return name.startsWith('@') ? `${name}/${parts[packageAt + 2]}` : name;
}

/** Builds `entry` minified and splits its bytes by module. */
async function bundleReport(name: string, entry: string): Promise<BundleReport> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    external: ['lit', 'lit/*', '@lit/*'],
    plugins: [cssTemplates, roomsAsFiles],
    outdir: OUT_DIR,
    sourcemap: 'external',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.js.map'))!.text) as { sources: string[]; mappings: string };
  const sourceModules = map.sources.map((source) => moduleOf(relative(ROOT, resolve(OUT_DIR, source))));

  // Every stretch of the output, from one mapping to the next, belongs to the mapped module
  // (stretches before any mapping, esbuild's own glue, to none).
  const lineStarts = [0];
  for (let at = code.indexOf('\n'); at !== -1; at = code.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const stretches: { from: number; to: number; module: string | undefined }[] = [];
  let current: { from: number; module: string | undefined } = { from: 0, module: undefined };
  decode(map.mappings).forEach((segments, line) => {
    for (const segment of segments) {
      const at = lineStarts[line]! + segment[0];
      const module = segment.length > 1 ? sourceModules[segment[1]!] : undefined;
      if (module === current.module) continue;
      stretches.push({ ...current, to: at });
      current = { from: at, module };
    }
  });
  stretches.push({ ...current, to: code.length });

  const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
  const total = gzip(code);
  const minBytes = new Map<string, number>();
  for (const [path, input] of Object.entries(result.metafile.outputs[relative(ROOT, OUT_DIR) + '/' + entry.split('/').pop()!.replace(/\.ts$/, '.js')]!.inputs)) {
    const module = moduleOf(path);
    minBytes.set(module, (minBytes.get(module) ?? 0) + input.bytesInOutput);
  }
  const saved = [...minBytes.keys()].map((module) => {
    const without = stretches.filter((stretch) => stretch.module !== module).map((stretch) => code.slice(stretch.from, stretch.to)).join('');
    return { module, saved: total - gzip(without) };
  });
  const savedInAll = saved.reduce((sum, { saved }) => sum + saved, 0);
  return {
    name,
    minBytes: Buffer.byteLength(code),
    gzipBytes: total,
    modules: saved
      .map(({ module, saved }) => ({ module, minBytes: minBytes.get(module)!, gzipBytes: Math.round((saved * total) / savedInAll) }))
      .sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The modules by folder, each folder with its total, largest first. */
function printReport(report: BundleReport): void {
  console.log(`\n${report.name}: ${kB(report.minBytes)} minified, ${kB(report.gzipBytes)} gzipped`);
  const folderOf = (module: string) => (module.startsWith('src/') ? module.slice(0, module.lastIndexOf('/') + 1) : 'npm packages');
  const folders = new Map<string, ModuleCost[]>();
  for (const cost of report.modules) folders.set(folderOf(cost.module), [...(folders.get(folderOf(cost.module)) ?? []), cost]);
  const sum = (costs: ModuleCost[], key: 'minBytes' | 'gzipBytes') => costs.reduce((total, cost) => total + cost[key], 0);
  const line = (label: string, min: number, gz: number) => console.log(`  ${label.padEnd(52)} ${kB(min).padStart(9)} ${kB(gz).padStart(9)}`);
  console.log(`  ${'module'.padEnd(52)} ${'min'.padStart(9)} ${'gzip'.padStart(9)}`);
  for (const [folder, costs] of [...folders].sort(([, a], [, b]) => sum(b, 'gzipBytes') - sum(a, 'gzipBytes'))) {
    line(folder, sum(costs, 'minBytes'), sum(costs, 'gzipBytes'));
    for (const cost of costs) line(`  ${cost.module.slice(folder === 'npm packages' ? 0 : folder.length)}`, cost.minBytes, cost.gzipBytes);
  }
}

const reports = [
  await bundleReport('main bundle without Lit (the budget\'s "bundler build without Lit"; rooms left out)', 'src/index.ts'),
  ...(await Promise.all(Object.entries(ROOMS).map(([source, file]) => bundleReport(`room ${file}.js, on demand`, source)))),
];
if (process.argv.includes('--json')) console.log(JSON.stringify(reports, null, 2));
else {
  for (const report of reports) printReport(report);
  console.log('\ngzip per module: what the bundle\'s gzip loses without it, scaled to add up (scripts/size-report.ts)');
}
