/**
 * The store of a conversation list kept for the page's life only (`conversations` without
 * `storage-key` or `store`): switching away from a conversation must not lose it.
 *
 * @module
 */
import type { Conversation, ConversationStore } from '../types.js';

export function memoryStore(): ConversationStore {
  const records = new Map<string, Conversation>();
  return {
    list: async () => [...records.values()].map(({ id, title, updatedAt }) => ({ id, title, updatedAt })),
    load: async (id) => records.get(id),
    save: async (conversation) => void records.set(conversation.id, conversation),
    remove: async (id) => void records.delete(id),
  };
}
