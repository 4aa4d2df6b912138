/**
 * The conversation earlier versions saved in `localStorage` under `storage-key`
 * (`{ version: 1, messages }`), read once to be moved into the conversation store.
 *
 * @module
 */
import { isSavedMessage } from './conversation-record.js';
import type { SavedMessage } from '../types.js';

/** The shape version 1 of the element wrote. */
const LEGACY_VERSION = 1;

/**
 * The old conversation under `key`, or `undefined` when there is none, it is unreadable
 * (said in the console) or storage refuses to be read.
 */
export function readLegacyConversation(key: string): SavedMessage[] | undefined {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key);
  } catch (error) {
    console.warn(`<openrouter-chat>: could not read the conversation saved by an earlier version under "${key}".`, error);
    return undefined;
  }
  if (raw === null) return undefined;
  const messages = parse(raw);
  if (!messages) console.warn(`<openrouter-chat>: the conversation saved by an earlier version under "${key}" is unreadable; it is left as it is.`);
  return messages;
}

/** Removes the old conversation once the store holds it. */
export function forgetLegacyConversation(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Read a moment ago, so storage works; should it not, the next load moves it again.
  }
}

function parse(raw: string): SavedMessage[] | undefined {
  let stored: { version?: unknown; messages?: unknown } | null;
  try {
    stored = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const messages = stored?.messages;
  if (stored?.version !== LEGACY_VERSION || !Array.isArray(messages) || !messages.length || !messages.every(isSavedMessage)) return undefined;
  return messages;
}
