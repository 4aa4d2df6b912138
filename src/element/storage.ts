/**
 * Saves and restores a conversation in `localStorage`. Storage is the page's, not ours: it
 * may be full, disabled, or hold anything under our key, so nothing here ever throws; a
 * problem costs the saved conversation and a console warning, never the chat.
 *
 * @module
 */
import type { MessageMarks, RestoredMessage } from '../chat/chat-controller.js';
import type { ChatMessage } from '../types.js';

/** Bumped when the stored shape changes, so an old shape is recognised rather than misread. */
const FORMAT_VERSION = 1;

interface StoredConversation {
  version: typeof FORMAT_VERSION;
  messages: RestoredMessage[];
}

/** The conversation saved under `key`, or `undefined` when there is none or it is unreadable. */
export function loadConversation(key: string): RestoredMessage[] | undefined {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key);
  } catch (error) {
    console.warn(`<openrouter-chat>: could not read the saved conversation "${key}"; starting empty.`, error);
    return undefined;
  }
  if (raw === null) return undefined;
  const messages = parseConversation(raw);
  if (!messages) console.warn(`<openrouter-chat>: the saved conversation "${key}" is unreadable; starting empty.`);
  return messages;
}

/** Saves `messages` under `key`; an empty conversation removes the key. */
export function saveConversation(
  key: string,
  messages: readonly ChatMessage[],
  marksOf: (message: ChatMessage) => MessageMarks,
): void {
  try {
    if (!messages.length) {
      localStorage.removeItem(key);
      return;
    }
    const stored: StoredConversation = {
      version: FORMAT_VERSION,
      messages: messages.map((message) => ({ ...message, ...marksOf(message) })),
    };
    localStorage.setItem(key, JSON.stringify(stored));
  } catch (error) {
    console.warn(`<openrouter-chat>: could not save the conversation "${key}".`, error);
  }
}

function parseConversation(raw: string): RestoredMessage[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const stored = value as Partial<StoredConversation> | null;
  if (stored?.version !== FORMAT_VERSION || !Array.isArray(stored.messages)) return undefined;
  return stored.messages.every(isStoredMessage) ? stored.messages : undefined;
}

/**
 * A stored message is read as hostile: only the user's and the assistant's turns and tool
 * results, with text or (a user's) a list of typed parts, and an assistant's tool calls
 * (with `null` content beside them) in OpenAI's shape. What the parts hold is checked where
 * it is used: the attachments room shows only well-formed parts, and the proxy refuses any
 * other; tool calls and results are shown as text only.
 */
function isStoredMessage(value: unknown): value is RestoredMessage {
  const message = value as { role?: unknown; content?: unknown; interrupted?: unknown; feedback?: unknown; tool_calls?: unknown; tool_call_id?: unknown } | null;
  if (typeof message !== 'object' || message === null) return false;
  const { role, content, interrupted, feedback, tool_calls: calls } = message;
  if (interrupted !== undefined && typeof interrupted !== 'boolean') return false;
  if (feedback !== undefined && feedback !== 'up' && feedback !== 'down') return false;
  if (role === 'tool') return typeof message.tool_call_id === 'string' && typeof content === 'string';
  if (calls !== undefined && (role !== 'assistant' || !Array.isArray(calls) || !calls.every(isStoredToolCall))) return false;
  const contentFits =
    typeof content === 'string' ||
    (content === null && calls !== undefined) ||
    (role === 'user' && Array.isArray(content) && content.length > 0 && content.every((part) => typeof part?.type === 'string'));
  return (role === 'user' || role === 'assistant') && contentFits;
}

function isStoredToolCall(value: { id?: unknown; function?: { name?: unknown; arguments?: unknown } } | null): boolean {
  return typeof value?.id === 'string' && typeof value.function?.name === 'string' && typeof value.function.arguments === 'string';
}
