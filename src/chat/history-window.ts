/**
 * Which messages of a long conversation go with a request. A proxy caps the messages per
 * request (this package's `maxMessages`, 100 by default) and refuses more with a 400, so past
 * that every send would fail; the chat sends the latest messages instead, and keeps them all.
 *
 * @module
 */
import type { ChatMessage } from '../types.js';

/**
 * The latest messages of `conversation` (which ends with the new user message) that fit in a
 * request of at most `limit` messages, the system prompt included when `hasSystemPrompt`.
 * A cut window starts at a user message: some providers refuse one whose first message after
 * the system prompt is the assistant's. The new user message always goes.
 *
 * @param limit - the most messages per request; `undefined` for no limit.
 * @param fits - whether a window fits the model's context (the catalog's estimate); earlier
 *   turns are left out until it does.
 */
export function historyWindow(
  conversation: readonly ChatMessage[],
  limit: number | undefined,
  hasSystemPrompt: boolean,
  fits?: (window: readonly ChatMessage[]) => boolean,
): readonly ChatMessage[] {
  const last = conversation.length - 1;
  let start = Math.max(0, conversation.length - Math.max(1, (limit ?? Infinity) - (hasSystemPrompt ? 1 : 0)));
  for (;;) {
    // A cut window starts at a user message; an uncut one is the conversation as it is.
    if (start) while (start < last && conversation[start].role !== 'user') start++;
    const window = start ? conversation.slice(start) : conversation;
    if (start >= last || !fits || fits(window)) return window;
    start++;
  }
}
