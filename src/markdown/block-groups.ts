/**
 * Where an answer's top-level blocks go, so that no element of a long answer holds more than
 * a dozen or so children.
 *
 * Why: when a delta changes the last block, Blink lays out its ancestors again, and each of
 * them walks all of its children (clean ones included) to place the changed one. With every
 * block a child of the container, a late delta of a long answer walked every block before it,
 * so deltas got slower as the answer grew (issue 6). Grouped, a delta walks the children of
 * the few elements on the path down to it: a cost that grows with the log of the answer.
 *
 * The layout: the container holds groups only, each one level taller than the one before: a
 * level-1 group holds {@link GROUP_SIZE} blocks, a level-n group holds {@link GROUP_SIZE}
 * level-(n-1) groups, filled in order, a new one started only when the last is full.
 * Everything is appended where it will stay: nothing already shown is moved (which would
 * cost a walk of the answer, and drop a reader's selection).
 *
 * Even the first block goes into a group, so every block of every answer can be skipped
 * once out of view. With the first eight blocks left straight in the container, they stayed
 * in every frame's layout and paint walk for the rest of the conversation: in the render
 * benchmark (an answer below an earlier one, 12 interleaved runs each) grouping from the
 * first block took 10% less main-thread time at 4x, and its deltas cost the same from the
 * first section to the last (1.42-1.60 ms) where they had grown (1.53 to 1.83 ms).
 *
 * Groups are plain `<div class="block-group">`s: no role, so assistive technology sees the
 * blocks as before. The stylesheet (`src/markdown/markdown.styles.ts`) lets the browser skip a group
 * out of view (`content-visibility: auto`), which keeps its blocks' margins inside it; blocks
 * are spaced by top margins alone, so that changes nothing on screen.
 *
 * @module
 */

/**
 * Children per group: the most any element walks per delta, and the width of each level.
 * A delta costs about (children walked per level) x (levels), and the levels grow with the
 * log of the answer: 8 walks fewer children than 16 for one level more, which measured
 * cheaper late in a long answer (render benchmark, late/early deltas 1.02-1.06 against
 * 1.06-1.11); 4, with more levels still, measured no better than 8 in a trace.
 */
const GROUP_SIZE = 8;

/** The class that marks a group, which the stylesheet lets the browser skip out of view. */
const GROUP_CLASS = 'block-group';

/** A group still taking children, and how many it has. */
interface OpenGroup {
  readonly element: HTMLDivElement;
  children: number;
}

/** The parents of one container's top-level blocks, handed out in order. */
export class BlockGroups {
  /**
   * The groups that can still take children, outermost first: each is the last child of the
   * one before it (the first, of the container), and the last one takes blocks.
   */
  private readonly open: OpenGroup[] = [];

  constructor(private readonly container: Element) {}

  /** The element the next top-level block is to be appended to. */
  nextParent(): Element {
    // Keep the open groups down to the deepest one with room; below it, start new ones.
    let kept = this.open.length;
    while (kept > 0 && this.open[kept - 1]!.children === GROUP_SIZE) kept -= 1;
    // When every level is full, the container gets a group one level taller than the last.
    const levels = kept === 0 ? this.open.length + 1 : this.open.length;
    this.open.length = kept;
    while (this.open.length < levels) {
      const parent = this.open.at(-1);
      const element = (parent?.element ?? this.container).appendChild(document.createElement('div'));
      element.className = GROUP_CLASS;
      if (parent) parent.children += 1;
      this.open.push({ element, children: 0 });
    }
    const leaf = this.open.at(-1)!;
    leaf.children += 1;
    return leaf.element;
  }
}
