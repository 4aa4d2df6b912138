/**
 * What every browser benchmark shares: the installed Chromium, launched headless with the flags
 * this closed network needs, and a loopback server for its pages. (puppeteer-core comes with
 * `@web/test-runner-chrome`; nothing downloads a browser of its own.)
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { puppeteerCore } from '@web/test-runner-chrome';

/** The Chromium to drive: `CHROME_PATH`, else the usual Debian paths. */
export function findChromium(): string {
  const found = [process.env['CHROME_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome']
    .filter((path): path is string => Boolean(path))
    .find((path) => existsSync(path));
  if (!found) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  return found;
}

/** Root needs no sandbox; without the networking flags Chromium floods the closed network. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** A headless Chromium with the flags above and `args`. */
export function launchChromium(args: readonly string[] = [], protocolTimeout?: number) {
  return puppeteerCore.launch({ executablePath: findChromium(), headless: true, protocolTimeout, args: [...args, ...FLAGS] });
}

/** A file a benchmark page loads. */
export interface ServedFile {
  type: string;
  body: string | Buffer;
}

/** Serves `files` by path on a loopback port, with `headers` on every answer; 404 for the rest. */
export async function serveFiles(files: Readonly<Record<string, ServedFile>>, headers: Readonly<Record<string, string>> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { ...headers, 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
