import { performance } from 'node:perf_hooks';

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What one timed run took, in ms. */
export interface Timing {
  /** Time on the clock: what a user waits, but it counts every other process on the machine too. */
  wallMs: number;
  /**
   * CPU time of this process (all its threads, so the garbage collector's helpers count):
   * the work the run itself did, which other processes on a busy machine hardly change.
   */
  cpuMs: number;
}

/**
 * Times every task once per round, after `warmupRounds` untimed rounds, and returns each
 * task's timings. The tasks are interleaved and their order rotates each round, so a slow
 * moment of the machine, or the garbage left by the previous task, is shared fairly.
 */
export async function timeInterleaved(
  tasks: Readonly<Record<string, () => void | Promise<void>>>,
  rounds: number,
  warmupRounds: number,
): Promise<Record<string, Timing[]>> {
  const names = Object.keys(tasks);
  const timings: Record<string, Timing[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(round + turn) % names.length]!;
      const cpuAtStart = process.cpuUsage();
      const started = performance.now();
      // Awaited only when a task is async (the OpenAI SDK's reader); a sync one runs as it is.
      const result = tasks[name]!();
      if (result) await result;
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuAtStart);
      if (round >= warmupRounds) timings[name]!.push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
  }
  return timings;
}

/** Splits bytes into views (no copies) whose sizes `nextSize` picks in turn. */
export function chunkBytes(bytes: Uint8Array, nextSize: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = Math.min(bytes.length, start + nextSize());
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}
