import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Miniflare } from 'miniflare';
import { binPath, entryPath, REPO_ROOT, RUNTIMES_ROOT } from './paths.js';

/** A proxy running in one of the runtimes, listening on loopback. */
export interface RuntimeServer {
  /** Origin without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops the runtime; resolves once it is gone. */
  close(): Promise<void>;
}

/** What every recipe reads from its environment (Worker bindings on Cloudflare). */
export interface ProxyEnv {
  OPENROUTER_API_KEY: string;
  OPENROUTER_BASE_URL: string;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
/** The compatibility date the Worker is tested under (without one workerd refuses streams). */
export const COMPATIBILITY_DATE = '2025-06-01';

// Children still alive when the test process ends (a crash, a failed `before`, the test
// runner's or a user's signal) are killed here, so no runtime outlives its test.
const children = new Set<ChildProcess>();
const killChildren = (): void => {
  for (const child of children) child.kill('SIGKILL');
};
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren();
    process.kill(process.pid, signal); // the default action, now that no listener is left
  });
}

/** Cloudflare's Rate Limiting bindings, as Miniflare simulates them (period in seconds: 10 or 60). */
export type RateLimitBindings = Record<string, { simple: { limit: number; period?: 10 | 60 } }>;

/** `entries/worker.js` (or another Worker entry) under workerd, through Miniflare, in-process. */
export async function startWorkerd(
  env: ProxyEnv,
  { entry = 'worker.js', ratelimits = {} }: { entry?: string; ratelimits?: RateLimitBindings } = {},
): Promise<RuntimeServer> {
  const miniflare = new Miniflare({
    scriptPath: entryPath(entry),
    // Miniflare follows the entry's imports up to the repository root, so the Worker loads
    // the built `dist/server/index.js` as its own module, as a bundler would inline it.
    // Our `.js` files are ES modules (`"type": "module"`); Miniflare's default takes them
    // for CommonJS.
    modules: true,
    modulesRoot: REPO_ROOT,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { ...env },
    host: HOST,
    port: 0,
    ratelimits,
  });
  const url = await miniflare.ready;
  return { url: url.origin, close: () => miniflare.dispose() };
}

/** `entries/deno.ts` under `deno run`, allowed loopback networking and its env only. */
export function startDeno(env: ProxyEnv): Promise<RuntimeServer> {
  return startChild(binPath('deno'), [
    'run',
    `--allow-net=${HOST}`,
    `--allow-env=${[...Object.keys(env), 'HOST', 'PORT'].join(',')}`,
    '--no-prompt',
    entryPath('deno.ts'),
  ], env);
}

/** `entries/bun.ts` under `bun run`. */
export function startBun(env: ProxyEnv): Promise<RuntimeServer> {
  return startChild(binPath('bun'), ['run', entryPath('bun.ts')], env);
}

/** `entries/node.mjs` under this same Node binary, with nothing preloaded. */
export function startNode(env: ProxyEnv): Promise<RuntimeServer> {
  return startChild(process.execPath, [entryPath('node.mjs')], env);
}

async function startChild(
  command: string,
  args: string[],
  env: ProxyEnv,
): Promise<RuntimeServer> {
  const port = await freePort();
  // A clean environment: the test runner's NODE_OPTIONS (tsx) must not leak into the
  // runtimes, and the recipes must get by on what they read themselves.
  const child = spawn(command, args, {
    cwd: RUNTIMES_ROOT,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], HOST, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const close = () => stopChild(child);
  try {
    await waitForListener(port, child, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `http://${HOST}:${port}`, close };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

/** A port that was free a moment ago; the child binds it by itself. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts connections; rejects with the child's output if it died. */
async function waitForListener(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.spawnfile} exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`${child.spawnfile} did not listen on ${port}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
