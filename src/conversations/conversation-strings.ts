/**
 * The texts of the conversations' extras (starter prompts, feedback), in English. Part of
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
}

/** The English defaults of the conversations' texts. */
export const defaultConversationStrings: Readonly<ConversationStrings> = Object.freeze({
  suggestionsLabel: 'Suggestions',
  feedbackUp: 'Good answer',
  feedbackDown: 'Bad answer',
});

/** The page's strings (their `undefined` members already dropped) with these defaults under them. */
export function withConversationStrings<Strings extends Partial<ConversationStrings>>(strings: Strings): Strings & ConversationStrings {
  return { ...defaultConversationStrings, ...strings };
}
