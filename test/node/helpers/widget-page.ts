/**
 * A same-origin site for driving `<openrouter-chat>` in Chromium against a proxy running in
 * this process: fixed files (pages, scripts) plus the chat endpoint at `/api/chat`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { listen, type NodeListener, type RunningServer } from '../../../src/server/node.js';

/** One file the site serves, with its own headers (a page's CSP, say). */
export interface SiteFile {
  type: string;
  body: string;
  headers?: Record<string, string>;
}

export const CHAT_PATH = '/api/chat';

/** Serves `files` by path and hands `/api/chat` to `chat`; anything else is a 404. */
export function serveSite(files: Readonly<Record<string, SiteFile>>, chat: NodeListener): Promise<RunningServer> {
  return listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    if (path === CHAT_PATH) return chat(request, response);
    const file = files[path];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers });
    response.end(file.body);
  });
}

/**
 * The element as one ES module, built from the sources now, so a test of behaviour never
 * runs a stale `dist/` (tests of the shipped files read `dist/` itself).
 */
export async function elementFromSource(): Promise<SiteFile> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../../src/index.ts', import.meta.url))],
    tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return { type: 'text/javascript', body: result.outputFiles[0]!.text };
}
