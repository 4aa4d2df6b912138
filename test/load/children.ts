import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { LoadReply, LoadRequest, LoadRole } from './serve.js';

/** A server of the load test running in its own process (see `serve.ts`). */
export interface LoadServer {
  url: string;
  /** Heap and RSS of that process after a full GC. */
  memory(): Promise<{ heapUsed: number; rss: number }>;
  /** CPU time (user + system, ms) that process has used so far. */
  cpuMs(): Promise<number>;
  /** The simulator's body digests by generation id, and how many bodies are still open. */
  digests(): Promise<{ digests: Map<string, string>; open: number }>;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

/** Starts `serve.ts` as `role` and waits until it listens. */
export async function startLoadServer(role: LoadRole, env: Record<string, string> = {}): Promise<LoadServer> {
  const child = fork(SERVE, [role], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = (await reply(child, 'ready')) as Extract<LoadReply, { type: 'ready' }>;
  return {
    url: ready.url,
    async memory() {
      const { heapUsed, rss } = (await ask(child, { type: 'memory' })) as Extract<LoadReply, { type: 'memory' }>;
      return { heapUsed, rss };
    },
    async cpuMs() {
      const { micros } = (await ask(child, { type: 'cpu' })) as Extract<LoadReply, { type: 'cpu' }>;
      return micros / 1000;
    },
    async digests() {
      const answer = (await ask(child, { type: 'digests' })) as Extract<LoadReply, { type: 'digests' }>;
      return { digests: new Map(answer.digests), open: answer.open };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

function ask(child: ChildProcess, request: LoadRequest): Promise<LoadReply> {
  const answer = reply(child, request.type);
  child.send(request);
  return answer;
}

/** The next message of this type from the child; rejects if the child exits first. */
function reply(child: ChildProcess, type: LoadReply['type']): Promise<LoadReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: LoadReply): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void => reject(new Error(`load server exited (${code}) before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
