/**
 * Coalesces many "please render" requests into one per animation frame.
 *
 * @module
 */

/**
 * Frames stop in hidden tabs and in pages the browser decides not to paint (a background
 * test page, an occluded window); a timer makes sure the work still happens, just later.
 * Longer than a frame, so it only fires when frames are not coming.
 */
const FALLBACK_MS = 100;

/** Runs `work` at most once per animation frame, however often {@link schedule} is called. */
export class FrameScheduler {
  private frame = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly work: () => void) {}

  /** Runs the work at the next frame (or after the fallback delay), once. */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.frame = requestAnimationFrame(() => this.runNow());
    this.timer = setTimeout(() => this.runNow(), FALLBACK_MS);
  }

  /** Runs the work now, dropping the scheduled run. */
  runNow(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.work();
  }
}
