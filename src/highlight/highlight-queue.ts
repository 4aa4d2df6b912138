/**
 * When highlighting runs: in tasks of its own, after the frame that showed the text, each
 * one stopping once it has used its share of time. So a delta never waits for highlighting,
 * and a long block (a 200 kB paste, a restored conversation) is done in slices between
 * frames instead of in one task that freezes the page.
 *
 * @module
 */

/** A piece of highlighting work that can be done in steps. */
export interface HighlightJob {
  /** Does one bounded step. @returns whether more steps remain. */
  step(): boolean;
}

/** How long one task keeps highlighting before it gives the page back. */
const TASK_BUDGET_MS = 8;

const jobs = new Set<HighlightJob>();
let scheduled = false;
/** Who waits for the queue to run dry (see {@link whenHighlighted}). */
const idle: Array<() => void> = [];
/** Loads under way (grammars) whose blocks queue their work once they end. */
let loading = 0;

function run(): void {
  scheduled = false;
  const deadline = performance.now() + TASK_BUDGET_MS;
  // Round robin, so one huge block does not hold back the next block's first lines.
  while (jobs.size && performance.now() < deadline) {
    for (const job of [...jobs]) {
      if (!job.step()) jobs.delete(job);
      if (performance.now() >= deadline) break;
    }
  }
  if (jobs.size) schedule();
  else if (!loading) for (const resolve of idle.splice(0)) resolve();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(run, 0);
}

/** Runs `job` in coming tasks until it says it is done; queuing it again changes nothing. */
export function queueHighlight(job: HighlightJob): void {
  jobs.add(job);
  schedule();
}

/**
 * Counts `load` as work in the queue until it settles: the blocks waiting for it queue theirs
 * in its callbacks, which run before the task this schedules.
 */
export function waitFor(load: Promise<unknown>): void {
  loading += 1;
  const settled = () => {
    loading -= 1;
    schedule();
  };
  load.then(settled, settled);
}

/**
 * Resolves once every block queued so far is highlighted (and any queued meanwhile, or waiting
 * for its grammar): what a test or a benchmark waits for before it reads the result.
 */
export function whenHighlighted(): Promise<void> {
  if (!jobs.size && !scheduled && !loading) return Promise.resolve();
  return new Promise((resolve) => idle.push(resolve));
}
