/**
 * The conversations room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-conversations.js`), importing nothing, given the element's
 * Lit. It holds the starter prompts and the feedback thumbs.
 *
 * @module
 */
import { withConversationStrings } from './conversation-strings.js';
import { conversationViews } from './conversation-views.js';
import { conversationStyles } from './conversations.styles.js';
import type { RoomKit } from '../rooms/room-kit.js';

/** The room, made with the element's kit: its templates, its styles and its strings' defaults. */
export function conversationsRoom(kit: RoomKit) {
  return { ...conversationViews(kit), styles: conversationStyles(kit), strings: withConversationStrings };
}

/** What {@link conversationsRoom} gives the element. */
export type ConversationsRoom = ReturnType<typeof conversationsRoom>;
