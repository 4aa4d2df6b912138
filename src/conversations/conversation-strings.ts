/**
 * The texts of the conversations (the list, starter prompts, feedback), in English. Part of
 * the element's `strings` (`ChatStrings`), whose page overrides win; their defaults live
 * here so that a chat without them never loads them.
 *
 * @module
 */

/** The conversations' texts. */
export interface ConversationStrings {
  /** Accessible name of the starter prompts shown in the empty conversation (`suggestions`). */
  suggestionsLabel: string;
  /** Rates an answer as helpful (`feedback`). */
  feedbackUp: string;
  /** Rates an answer as not helpful (`feedback`). */
  feedbackDown: string;
  /** Accessible name of the conversation list (`conversations`). */
  conversationsLabel: string;
  /** Folds the list open and shut at narrow widths and in the launcher. */
  showConversations: string;
  /** Shows more of a long list. */
  showMore: string;
  /** Starts a new conversation. */
  newChat: string;
  /** Shown for a conversation whose first message has no text. */
  untitled: string;
  /** Accessible name of a conversation's rename button. */
  renameConversation: (title: string) => string;
  /** Accessible name of the title field while renaming (Enter keeps, Escape cancels). */
  titleField: string;
  /** Accessible name of a conversation's delete button. */
  deleteConversation: (title: string) => string;
  /** Said after a deletion, beside Undo. */
  deleted: (title: string) => string;
  /** Brings a deleted conversation back. */
  undo: string;
  /** Said when the store refused a save (tried again at the next change). */
  saveFailed: string;
  /** Said when a saved conversation could not be loaded. */
  openFailed: string;
}

/** The English defaults of the conversations' texts. */
export const defaultConversationStrings: Readonly<ConversationStrings> = Object.freeze<ConversationStrings>({
  suggestionsLabel: 'Suggestions',
  feedbackUp: 'Good answer',
  feedbackDown: 'Bad answer',
  conversationsLabel: 'Conversations',
  showConversations: 'Chats',
  newChat: 'New chat',
  showMore: 'Show more',
  untitled: 'New chat',
  renameConversation: (title) => `Rename "${title}"`,
  titleField: 'Title',
  deleteConversation: (title) => `Delete "${title}"`,
  deleted: (title) => `Deleted "${title}".`,
  undo: 'Undo',
  saveFailed: 'The conversation could not be saved; it is tried again with the next message.',
  openFailed: 'That conversation could not be opened.',
});

/** The page's strings (their `undefined` members already dropped) with these defaults under them. */
export function withConversationStrings<Strings extends Partial<ConversationStrings>>(strings: Strings): Strings & ConversationStrings {
  return { ...defaultConversationStrings, ...strings };
}
