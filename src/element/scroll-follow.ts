/**
 * Keeps a scrolling log at its newest text while the reader is there, and leaves it alone
 * once they scroll up to read: following resumes when they come back to the bottom, jump,
 * or send a message.
 *
 * @module
 */

/** How close to the bottom (px) still counts as "reading the latest". */
const AT_BOTTOM_PX = 32;

/** Whether a log follows new text; call {@link onScroll} from its scroll events and {@link keepUp} after each render. */
export class ScrollFollow {
  private isFollowing = true;
  /** Where the log was last seen, to tell a reader's scroll up from text growing below. */
  private lastTop = 0;

  /** @param onChange - called when following starts or stops (e.g. to show a "jump" button). */
  constructor(private readonly onChange: () => void) {}

  /** Whether new text scrolls into view. */
  get following(): boolean {
    return this.isFollowing;
  }

  /**
   * Only a move up stops following: text growing while the log catches up moves the bottom
   * away without moving the reader, and must not count as "the reader left".
   */
  onScroll(log: HTMLElement): void {
    const movedUp = log.scrollTop < this.lastTop;
    this.lastTop = log.scrollTop;
    if (isAtBottom(log)) this.set(true);
    else if (movedUp) this.set(false);
  }

  /** After a render: brings the newest text into view when following. */
  keepUp(log: HTMLElement): void {
    if (this.isFollowing) log.scrollTop = log.scrollHeight;
    this.lastTop = log.scrollTop;
  }

  /** Follows again from now on, and scrolls to the newest text. */
  jump(log: HTMLElement, behavior: ScrollBehavior): void {
    this.set(true);
    log.scrollTo({ top: log.scrollHeight, behavior });
  }

  /** Follows again at the next render. */
  follow(): void {
    this.set(true);
  }

  private set(following: boolean): void {
    if (following === this.isFollowing) return;
    this.isFollowing = following;
    this.onChange();
  }
}

function isAtBottom(log: HTMLElement): boolean {
  return log.scrollHeight - log.scrollTop - log.clientHeight <= AT_BOTTOM_PX;
}
