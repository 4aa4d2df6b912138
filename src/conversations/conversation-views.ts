/**
 * The templates of the conversations' extras: the starter prompts of the empty conversation
 * and the thumbs under a finished answer. Prompts are the page's text, shown as text.
 *
 * @module
 */
import type { ChatEntry, Rating } from '../chat/chat-controller.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { ConversationStrings } from './conversation-strings.js';

/** The templates, made with the element's own Lit (see `RoomKit`). */
export function conversationViews({ html, svg, icon }: RoomKit) {
  const thumbUpIcon = icon(svg`<path d="M7 10v11H4V10zM7 10l4-7a2 2 0 0 1 3 2l-1 4h6a2 2 0 0 1 2 2.3l-1.4 7A2 2 0 0 1 17.6 20H7" />`);
  const thumbDownIcon = icon(svg`<path d="M17 14V3h3v11zM17 14l-4 7a2 2 0 0 1-3-2l1-4H5a2 2 0 0 1-2-2.3l1.4-7A2 2 0 0 1 6.4 4H17" />`);

  /** Starter prompts; a click picks one. */
  function renderSuggestions(prompts: readonly string[], strings: ConversationStrings, onPick: (prompt: string) => void) {
    return html`<ul class="suggestions" aria-label=${strings.suggestionsLabel}>
      ${prompts.map(
        (prompt) => html`<li><button part="suggestion" class="text-button" type="button" @click=${() => onPick(prompt)}>${prompt}</button></li>`,
      )}
    </ul>`;
  }

  /** The thumbs under a finished answer; the chosen one is pressed. */
  function renderFeedback(entry: ChatEntry, strings: ConversationStrings, onRate: (entry: ChatEntry, rating: Rating) => void) {
    const thumb = (rating: Rating, label: string, glyph: unknown) =>
      html`<button part="feedback-button" class="icon-button" type="button" aria-label=${label} title=${label}
        aria-pressed=${entry.feedback === rating ? 'true' : 'false'} @click=${() => onRate(entry, rating)}>${glyph}</button>`;
    return html`${thumb('up', strings.feedbackUp, thumbUpIcon)}${thumb('down', strings.feedbackDown, thumbDownIcon)}`;
  }

  return { renderSuggestions, renderFeedback };
}
