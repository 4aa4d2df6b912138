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
  /** The log, and its last child (the messages) as watched for changes of size between renders. */
  private log?: HTMLElement;
  private watched?: Element;
  /**
   * Size changes arrive after layout, before paint: reading the scroll height then costs no
   * layout of its own, and the frame shows the newest text.
   */
  private readonly resized = new ResizeObserver(() => this.scroll());

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

  /**
   * After a render: brings the newest text into view when following, and again whenever the
   * messages change size until the next render (an image or a formula arrives; a chunk of a
   * restored conversation is laid out for the first time as it comes into view).
   */
  keepUp(log: HTMLElement): void {
    this.log = log;
    const messages = log.lastElementChild;
    if (messages !== this.watched) {
      this.resized.disconnect();
      if (messages) this.resized.observe(messages);
      this.watched = messages ?? undefined;
    }
    this.scroll();
  }

  private scroll(): void {
    const log = this.log!;
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
