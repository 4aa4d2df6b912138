/**
 * The conversations room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-conversations.js`), importing nothing, given the element's
 * Lit. It holds the conversation list and its saving (IndexedDB, the site's store, the move
 * from an earlier version's `localStorage`), the starter prompts and the feedback thumbs.
 *
 * @module
 */
import type { ReactiveControllerHost } from 'lit';
import type { ChatController } from '../chat/chat-controller.js';
import type { ConversationStore } from '../types.js';
import { withConversationStrings } from './conversation-strings.js';
import { conversationViews } from './conversation-views.js';
import { ConversationList } from './conversation-list.js';
import { ConversationSessions } from './conversation-sessions.js';
import { conversationStyles } from './conversations.styles.js';
import { indexedDbStore } from './indexeddb-store.js';
import { memoryStore } from './memory-store.js';
import type { RoomKit } from '../rooms/room-kit.js';

/** What the element hands over: itself, and how to reach and replace the chat it shows. */
export interface ConversationsHost {
  readonly element: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
  chat(): ChatController;
  show(chat: ChatController): void;
  createChat(): ChatController;
  focusInput(): void;
}

/** The element's conversations, made once the room is loaded. */
export type Conversations = ReturnType<ReturnType<typeof conversationsRoom>['conversations']>;

/** The room, made with the element's kit: its templates, its styles and its strings' defaults. */
export function conversationsRoom(kit: RoomKit) {
  function conversations({ element, chat, show, createChat, focusInput }: ConversationsHost) {
    const sessions = new ConversationSessions(
      {
        get chat() {
          return chat();
        },
        show,
        createChat,
        dropChat: (dropped) => element.removeController(dropped),
        requestUpdate: () => element.requestUpdate(),
        dispatchEvent: (event) => element.dispatchEvent(event),
      },
      kit.ConversationEvent,
    );
    const list = new ConversationList(element, sessions, kit, focusInput);
    return {
      get id() {
        return sessions.currentId;
      },
      /** Shows conversation `id` (a new one under it when nothing is saved under it); none: a new conversation. */
      open: (id: string | null | undefined) => (id ? void sessions.switchTo(id, { announce: false, orCreate: true }) : sessions.create(undefined, false)),
      /** Saves to the page's `store`, else IndexedDB under `key`, else (with the list) the page's memory. */
      use: (store: ConversationStore | undefined, key: string | undefined, listed: boolean) =>
        sessions.attach(store ?? (key ? indexedDbStore(key) : listed ? memoryStore() : undefined), store ? undefined : key),
      afterUpdate: () => sessions.afterUpdate(),
      render: (strings: Parameters<typeof withConversationStrings>[0]) => list.render(withConversationStrings(strings)),
    };
  }
  return { ...conversationViews(kit), conversations, styles: conversationStyles(kit), strings: withConversationStrings };
}

/** What {@link conversationsRoom} gives the element. */
export type ConversationsRoom = ReturnType<typeof conversationsRoom>;
