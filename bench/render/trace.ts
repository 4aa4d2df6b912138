/**
 * Main-thread CPU time, read from a Chromium trace of one streamed answer. Wall-clock times
 * (the page's `performance.now()`, CDP's TaskDuration, long-task reports) also count the
 * moments the renderer waited for a core, which on a shared, loaded machine is most of them;
 * the trace's thread time (`tdur`) counts only the work.
 */

/** The user-timing mark the page sets at the start of each delta's task. */
export const DELTA_MARK = 'bench-delta';
/** The mark the page sets once the last delta's frame has begun, where that delta ends. */
export const DELTAS_END_MARK = 'bench-deltas-end';

/** Categories to trace: every task, and the page's marks. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

export interface TraceFigures {
  /** CPU time of every task on the page's main thread during the trace. */
  mainThreadCpuMs: number;
  /** The same in wall time, which also counts waiting for a core. */
  mainThreadWallMs: number;
  /**
   * CPU time of each delta, in order: its own task (parse, render, style and layout) and every
   * task after it until the next delta's, which holds the frame that painted it.
   */
  deltaCpuMs: number[];
  /** The longest task by wall time, and the longest by CPU time. */
  longestTaskWallMs: number;
  longestTaskCpuMs: number;
}

/** One event of a Chromium trace, as far as the benchmarks read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const parseTrace = (trace: Uint8Array) => (JSON.parse(new TextDecoder().decode(trace)) as { traceEvents: TraceEvent[] }).traceEvents;

/** The tasks of the thread `mark` was set on (the page's main thread), in order. */
function tasksOfThread(traceEvents: readonly TraceEvent[], { pid, tid }: TraceEvent): TraceEvent[] {
  return traceEvents
    .filter((event) => event.name === 'ThreadControllerImpl::RunTask' && event.ph === 'X' && event.pid === pid && event.tid === tid)
    .sort((a, b) => a.ts - b.ts);
}

/** Main-thread work between two marks of a trace taken with {@link TRACE_CATEGORIES}. */
export interface StretchFigures {
  /** CPU time of the tasks that overlap the stretch from the first mark to the second. */
  cpuMs: number;
  /** The same tasks' wall time, which also counts waiting for a core. */
  wallMs: number;
  /** The longest of those tasks, by CPU time. */
  longestTaskCpuMs: number;
}

/** The page's main-thread work from the `start` mark to the `end` mark (each set once). */
export function readStretch(trace: Uint8Array, start: string, end: string): StretchFigures {
  const traceEvents = parseTrace(trace);
  const from = traceEvents.find((event) => event.name === start);
  const to = traceEvents.find((event) => event.name === end);
  if (!from || !to) throw new Error(`the trace holds no ${from ? end : start} mark`);
  const tasks = tasksOfThread(traceEvents, from).filter((task) => task.ts + (task.dur ?? 0) >= from.ts && task.ts <= to.ts);
  const cpu = tasks.map((task) => (task.tdur ?? 0) / 1000);
  return {
    cpuMs: cpu.reduce((total, ms) => total + ms, 0),
    wallMs: tasks.reduce((total, task) => total + (task.dur ?? 0) / 1000, 0),
    longestTaskCpuMs: Math.max(0, ...cpu),
  };
}

/** Reads the figures out of a trace taken with {@link TRACE_CATEGORIES}, with `deltas` marks in it. */
export function readTrace(trace: Uint8Array, deltas: number): TraceFigures {
  const traceEvents = parseTrace(trace);
  const marks = traceEvents.filter((event) => event.name === DELTA_MARK).sort((a, b) => a.ts - b.ts);
  if (marks.length !== deltas) throw new Error(`the trace holds ${marks.length} delta marks, not ${deltas}`);
  // The page's main thread is the renderer main thread its marks are on.
  const tasks = tasksOfThread(traceEvents, marks[0]!);
  const cpu = tasks.map((task) => (task.tdur ?? 0) / 1000);
  const wall = tasks.map((task) => (task.dur ?? 0) / 1000);
  const endMark = traceEvents.find((event) => event.name === DELTAS_END_MARK);
  if (!endMark) throw new Error('the trace holds no end mark');
  // The index of the task each mark lies in.
  const taskIndexes: number[] = [];
  let next = 0;
  for (const mark of [...marks, endMark]) {
    while (next < tasks.length && tasks[next]!.ts + (tasks[next]!.dur ?? 0) < mark.ts) next++;
    const task = tasks[next];
    if (!task || task.ts > mark.ts) throw new Error('a delta mark lies outside every task');
    taskIndexes.push(next);
  }
  // The last delta ends with the frame task that holds the end mark; each other, where the next begins.
  taskIndexes[marks.length]! += 1;
  const sum = (values: readonly number[]) => values.reduce((total, ms) => total + ms, 0);
  return {
    mainThreadCpuMs: sum(cpu),
    mainThreadWallMs: sum(wall),
    deltaCpuMs: marks.map((_, index) => sum(cpu.slice(taskIndexes[index], taskIndexes[index + 1]))),
    longestTaskWallMs: Math.max(...tasks.map((task) => (task.dur ?? 0) / 1000)),
    longestTaskCpuMs: Math.max(...cpu),
  };
}
