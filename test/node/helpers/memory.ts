import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap and resident set size, in bytes, after a full garbage collection. */
export interface MemorySnapshot {
  heapUsed: number;
  rss: number;
}

/**
 * The engine's `gc()`, whether or not node was started with `--expose-gc`: `node --test`
 * runs each file in a child without our flags, and a heap figure taken without a full
 * collection is mostly garbage waiting to be swept.
 */
const gc: () => void = (() => {
  const global = globalThis as { gc?: () => void };
  if (typeof global.gc === 'function') return global.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Collects garbage (several passes, so finalizers and weak references settle) and measures. */
export async function memorySnapshot(): Promise<MemorySnapshot> {
  for (let pass = 0; pass < 3; pass += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

/** Bytes as MiB with one decimal, for test names and reports. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
