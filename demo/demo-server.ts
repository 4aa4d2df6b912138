/**
 * The server behind `npm start`: the demo page (through Vite, so the element's TypeScript
 * sources load as they are) and the real proxy at `/api/chat`, in one Node process. With
 * `OPENROUTER_API_KEY` the proxy talks to OpenRouter; without, to the simulated OpenRouter,
 * in-process. `serve.ts` runs it; tests call `startDemoServer` directly.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { createChatHandler } from '../src/server/handler.js';
import { fetchFromHandler } from '../src/server/in-process-fetch.js';
import { listen, toNodeListener } from '../src/server/node.js';
import type { ChatHandlerOptions, ServerTool } from '../src/server/options.js';
import { createMemoryRateLimiter } from '../src/server/rate-limit.js';
import { SIMULATOR_COMMANDS } from '../src/server/simulator-script.js';
import { createSimulatedOpenRouter, type SimulatedOpenRouterOptions } from '../src/server/simulator.js';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Port to listen on; 0 picks a free one. Default 5173. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`, so the demo is not exposed to the network. */
  host?: string;
  /** The environment to read `OPENROUTER_*` and `RATE_LIMIT_PER_MINUTE` from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Pace of the simulated OpenRouter (tests set 0). Default: its realistic pace. */
  simulator?: SimulatedOpenRouterOptions;
}

/** A running demo server. */
export interface DemoServer {
  /** The page's URL, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** `live` with an API key, `simulated` without. */
  upstream: 'live' | 'simulated';
  /** Stops the server, Vite and every open connection. */
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE_PATH = fileURLToPath(new URL('./index.html', import.meta.url));
/**
 * The page is served under the strict policy the README recommends, so `npm start` shows
 * the widget needing nothing inline and nothing evaluated. Vite's dev client fits too: it
 * loads as a module from this origin and its HMR socket is same-origin (`connect-src`
 * falls back to `'self'`). Trusted Types are left out here only because Vite's error
 * overlay writes HTML from strings; the built bundles are tested with them enforced. The
 * demo takes attachments, so it adds what they need: `blob:` and `data:` images for the
 * thumbnails, and a `blob:` worker for the image step.
 */
export const DEMO_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; worker-src blob:";
/** Requests per minute per client address when `RATE_LIMIT_PER_MINUTE` is not set. */
const DEFAULT_RATE_LIMIT_PER_MINUTE = 20;

/** Starts the demo: the page at `/`, the proxy at `/api/chat`. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const env = options.env ?? process.env;
  const upstream = env['OPENROUTER_API_KEY'] ? 'live' : 'simulated';
  const proxy = toNodeListener(createChatHandler(proxyOptions(env, options.simulator)));

  // Vite needs the HTTP server for its HMR socket, and the server needs Vite for requests:
  // Vite is created right after listening, and this promise resolves before anyone is told
  // the URL, so no page request can arrive before Vite is ready.
  let vite: ViteDevServer | undefined;
  const server = await listen(
    (request, response) => {
      const path = new URL(request.url ?? '/', 'http://demo').pathname;
      if (path === '/api/chat') return proxy(request, response);
      if (vite === undefined) return void response.writeHead(503).end();
      if (path === '/' || path === '/index.html') return void servePage(vite, upstream, request, response);
      vite.middlewares(request, response, () => response.writeHead(404).end('Not found'));
    },
    { port: options.port ?? 5173, host: options.host ?? '127.0.0.1' },
  );
  try {
    vite = await createViteServer({
      configFile: false,
      root: REPO_ROOT,
      appType: 'custom',
      logLevel: 'warn',
      server: { middlewareMode: true, hmr: { server: server.server } },
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const startedVite = vite;
  return {
    url: `${server.url}/`,
    upstream,
    async close() {
      await startedVite.close();
      await server.close();
    },
  };
}

function proxyOptions(
  env: Record<string, string | undefined>,
  simulatorOptions: SimulatedOpenRouterOptions | undefined,
): ChatHandlerOptions {
  const apiKey = env['OPENROUTER_API_KEY'];
  const common = {
    rateLimit: rateLimitFrom(env['RATE_LIMIT_PER_MINUTE']),
    logger: console,
  };
  if (!apiKey) {
    return {
      ...common,
      // Any key will do: the simulator only checks that the proxy sends one.
      apiKey: 'simulated-key',
      fetch: fetchFromHandler(createSimulatedOpenRouter(simulatorOptions)),
      // Offline only: the simulated model calls it first, so every answer shows a server tool.
      tools: { get_server_time: SERVER_TIME_TOOL },
    };
  }
  return {
    ...common,
    apiKey,
    baseUrl: env['OPENROUTER_BASE_URL'] || undefined,
    siteUrl: env['OPENROUTER_SITE_URL'] || undefined,
    // OpenRouter only credits a localhost referer when a title comes with it.
    siteName: env['OPENROUTER_SITE_NAME'] || 'openrouter-chat demo',
  };
}

/** The demo's server tool: harmless, and visibly the server's (its clock and time zone). */
const SERVER_TIME_TOOL: ServerTool = {
  description: "The demo server's date, time and time zone.",
  parameters: { type: 'object', properties: {} },
  execute: () => ({ time: new Date().toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
};

/** `RATE_LIMIT_PER_MINUTE`: requests per minute per client address; `0` turns limiting off. */
function rateLimitFrom(setting: string | undefined): ChatHandlerOptions['rateLimit'] {
  const perMinute = setting === undefined || setting === '' ? DEFAULT_RATE_LIMIT_PER_MINUTE : Number(setting);
  if (!Number.isSafeInteger(perMinute) || perMinute < 0) {
    throw new TypeError(`RATE_LIMIT_PER_MINUTE must be a whole number, got "${setting}".`);
  }
  return perMinute === 0 ? false : createMemoryRateLimiter({ limit: perMinute, windowMs: 60_000 });
}

async function servePage(
  vite: ViteDevServer,
  upstream: 'live' | 'simulated',
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const template = await readFile(PAGE_PATH, 'utf8');
    const html = await vite.transformIndexHtml(request.url ?? '/', renderPage(template, upstream));
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': DEMO_CONTENT_SECURITY_POLICY,
    });
    response.end(html);
  } catch (error) {
    vite.ssrFixStacktrace(error as Error);
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}

/**
 * Keeps the page block for the current upstream (`<!-- upstream:live -->...<!-- /upstream:live -->`)
 * and drops the other, then fills in the simulator's command list from the one source of it.
 */
export function renderPage(template: string, upstream: 'live' | 'simulated'): string {
  const other = upstream === 'live' ? 'simulated' : 'live';
  const commands = SIMULATOR_COMMANDS.map(
    ({ command, effect }) => `<li><code>${escapeHtml(command)}</code> ${escapeHtml(effect)}</li>`,
  ).join('\n          ');
  return template
    .replace(new RegExp(`<!-- upstream:${other} -->[\\s\\S]*?<!-- /upstream:${other} -->`, 'g'), '')
    .replace('<!-- simulator-commands -->', commands);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
