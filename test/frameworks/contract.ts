/**
 * What every framework test app does, so one browser suite (`test/browser/frameworks/`)
 * checks them all alike. Each app renders `<openrouter-chat>` with the given props set the
 * framework's way, and shows what its own event handlers saw in three outputs:
 * `[data-test=answer]` (the latest delta's `text`), `[data-test=deltas]` (how many delta events
 * it handled) and `[data-test=complete]` (the completed message's content).
 */
// Relative, not by package name: the browser tests' tsconfig (no `paths`) reads this file too.
import type { ChatMessage } from '../../src/index.js';

export interface ChatAppProps {
  endpoint: string;
  history: ChatMessage[];
  /** Offered in the element's model picker. */
  models: string[];
  temperature: number;
}

/** Renders the app into `container`; returns a function that unmounts it. */
export type MountChatApp = (container: HTMLElement, props: ChatAppProps) => Promise<() => void>;
