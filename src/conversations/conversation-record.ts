/**
 * Reading saved conversations as hostile: a store (IndexedDB, the site's backend, an older
 * version's `localStorage`) may hold anything. What does not have the shape is refused
 * whole, and the caller says so in the console; a title is text, clipped.
 *
 * @module
 */
import type { Conversation, ConversationSummary, SavedMessage } from '../types.js';

/** The longest title kept (a pasted essay, a hostile store); the list also ends a long one with an ellipsis. */
export const MAX_TITLE_LENGTH = 200;

/** A title as kept: whitespace runs made one space, clipped to {@link MAX_TITLE_LENGTH}. */
export function clipTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE_LENGTH ? `${line.slice(0, MAX_TITLE_LENGTH - 1)}…` : line;
}

/** The title a conversation has until renamed: its first user message's text ('' when it has none). */
export function titleFrom(messages: readonly SavedMessage[]): string {
  const first = messages.find((message) => message.role === 'user');
  const content = first?.content;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => (part.type === 'text' ? part.text : '')).join(' ') : '';
  return clipTitle(text);
}

/** A summary for the list, or `undefined` when `value` is not one. */
export function readSummary(value: unknown): ConversationSummary | undefined {
  const summary = value as Partial<ConversationSummary> | null;
  if (typeof summary?.id !== 'string' || !summary.id || typeof summary.title !== 'string' || !Number.isFinite(summary.updatedAt)) return undefined;
  return { id: summary.id, title: clipTitle(summary.title), updatedAt: summary.updatedAt! };
}

/** A whole conversation, or `undefined` when `value` (or any of its messages) is not one. */
export function readConversation(value: unknown): Conversation | undefined {
  const summary = readSummary(value);
  const { messages, renamed } = (value ?? {}) as Partial<Conversation>;
  if (!summary || !Array.isArray(messages) || !messages.every(isSavedMessage)) return undefined;
  return { ...summary, ...(renamed === true && { renamed }), messages };
}

/**
 * A stored message: only the user's and the assistant's turns and tool results, with text
 * or (a user's) a list of typed parts, and an assistant's tool calls (with `null` content
 * beside them) in OpenAI's shape. What the parts hold is checked where it is used: the
 * attachments room shows only well-formed parts, and the proxy refuses any other; tool calls
 * and results are shown as text only.
 */
export function isSavedMessage(value: unknown): value is SavedMessage {
  const message = value as { role?: unknown; content?: unknown; interrupted?: unknown; feedback?: unknown; tool_calls?: unknown; tool_call_id?: unknown } | null;
  if (typeof message !== 'object' || message === null) return false;
  const { role, content, interrupted, feedback, tool_calls: calls } = message;
  if (interrupted !== undefined && typeof interrupted !== 'boolean') return false;
  if (feedback !== undefined && feedback !== 'up' && feedback !== 'down') return false;
  if (role === 'tool') return typeof message.tool_call_id === 'string' && typeof content === 'string';
  if (calls !== undefined && (role !== 'assistant' || !Array.isArray(calls) || !calls.every(isSavedToolCall))) return false;
  const contentFits =
    typeof content === 'string' ||
    (content === null && calls !== undefined) ||
    (role === 'user' && Array.isArray(content) && content.length > 0 && content.every((part) => typeof part?.type === 'string'));
  return (role === 'user' || role === 'assistant') && contentFits;
}

function isSavedToolCall(value: { id?: unknown; function?: { name?: unknown; arguments?: unknown } } | null): boolean {
  return typeof value?.id === 'string' && typeof value.function?.name === 'string' && typeof value.function.arguments === 'string';
}
