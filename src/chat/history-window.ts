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
 */
export function historyWindow(conversation: readonly ChatMessage[], limit: number | undefined, hasSystemPrompt: boolean): readonly ChatMessage[] {
  const room = Math.max(1, (limit ?? Infinity) - (hasSystemPrompt ? 1 : 0));
  if (conversation.length <= room) return conversation;
  let start = conversation.length - room;
  while (start < conversation.length - 1 && conversation[start].role !== 'user') start++;
  return conversation.slice(start);
}
