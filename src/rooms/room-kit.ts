/**
 * What a room (attachments, tools) borrows from the element that loads it. Each room is a
 * file of its own, loaded on demand (`dist/openrouter-chat-attachments.js`,
 * `dist/openrouter-chat-tools.js`), and imports nothing: a
 * second copy of Lit would cost its bytes and render templates the element's Lit does not
 * own. The element hands over its Lit and the pieces the room shares with the rest of the chat.
 *
 * @module
 */
import type { css, html, nothing, svg } from 'lit';
import type { OpenRouterChatAttachmentEvent, OpenRouterChatConversationEvent, OpenRouterChatToolCallEvent, OpenRouterChatToolResultEvent } from '../events.js';
import type { clearIcon, closeIcon, editIcon, icon } from '../views/icons.js';

export interface RoomKit {
  readonly html: typeof html;
  readonly svg: typeof svg;
  readonly css: typeof css;
  readonly nothing: typeof nothing;
  readonly icon: typeof icon;
  readonly closeIcon: typeof closeIcon;
  readonly editIcon: typeof editIcon;
  readonly clearIcon: typeof clearIcon;
  /** The event class, so a page's `instanceof` and typed listeners work on what the room fires. */
  readonly AttachmentEvent: typeof OpenRouterChatAttachmentEvent;
  readonly ToolCallEvent: typeof OpenRouterChatToolCallEvent;
  readonly ToolResultEvent: typeof OpenRouterChatToolResultEvent;
  readonly ConversationEvent: typeof OpenRouterChatConversationEvent;
}
