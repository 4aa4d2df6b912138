/**
 * The template of the conversation list (`conversations`): New chat, then a list of buttons
 * (the shown one `aria-current`), each with Rename (an inline field: Enter keeps, Escape
 * cancels) and Delete, and a notice (a deletion's Undo, a store's failure). Titles are the
 * user's or the store's text, shown as text, one line with an ellipsis.
 *
 * @module
 */
import type { RoomKit } from '../rooms/room-kit.js';
import type { ConversationSummary } from '../types.js';
import type { SessionNotice } from './conversation-sessions.js';
import type { ConversationStrings } from './conversation-strings.js';

/** What the list shows and what its controls call. */
export interface ConversationListContext {
  readonly strings: ConversationStrings;
  readonly summaries: readonly ConversationSummary[];
  readonly currentId: string;
  /** The folded list (narrow widths, launcher) is open. */
  readonly expanded: boolean;
  /** How many of the conversations to show (the rest behind Show more, so 1,000 saved ones paint fast). */
  readonly shown: number;
  /** The conversation whose title is being edited. */
  readonly renaming?: string;
  readonly notice?: SessionNotice;
  readonly onToggle: () => void;
  readonly onCreate: () => void;
  readonly onSwitch: (id: string) => void;
  readonly onStartRename: (id: string) => void;
  readonly onRename: (id: string, title: string) => void;
  readonly onCancelRename: () => void;
  readonly onDelete: (id: string) => void;
  readonly onUndo: () => void;
  readonly onShowMore: () => void;
  readonly onListKeydown: (event: KeyboardEvent) => void;
}

/** The list's template, made with the element's own Lit (see `RoomKit`). */
export function conversationListView({ html, nothing, svg, icon, editIcon, clearIcon }: RoomKit) {
  const plusIcon = icon(svg`<path d="M12 5v14M5 12h14" />`);
  const listIcon = icon(svg`<path d="M4 6h16M4 12h16M4 18h16" />`);

  function renderItem(summary: ConversationSummary, context: ConversationListContext) {
    const { strings, currentId, renaming } = context;
    const title = summary.title || strings.untitled;
    if (summary.id === renaming) {
      // Enter keeps, Escape cancels; leaving the field keeps too, as a rename field does elsewhere.
      let settled = false;
      const settle = (input: HTMLInputElement, keep: boolean) => {
        if (settled) return;
        settled = true;
        if (keep) context.onRename(summary.id, input.value);
        else context.onCancelRename();
      };
      return html`<li class="conversation">
        <input
          class="conversation-title-field"
          aria-label=${strings.titleField}
          .value=${summary.title}
          maxlength="200"
          @keydown=${(event: KeyboardEvent) => {
            if (event.key !== 'Enter' && event.key !== 'Escape') return;
            // Escape here cancels the rename only, not the answer or the panel.
            event.preventDefault();
            event.stopPropagation();
            settle(event.target as HTMLInputElement, event.key === 'Enter');
          }}
          @blur=${(event: FocusEvent) => settle(event.target as HTMLInputElement, true)}
        />
      </li>`;
    }
    return html`<li class="conversation">
      <button
        class="conversation-switch"
        type="button"
        data-id=${summary.id}
        aria-current=${summary.id === currentId ? 'true' : nothing}
        title=${title}
        @click=${() => context.onSwitch(summary.id)}
      >
        ${title}
      </button>
      <button class="icon-button" type="button" data-rename=${summary.id} aria-label=${strings.renameConversation(title)} title=${strings.renameConversation(title)} @click=${() => context.onStartRename(summary.id)}>
        ${editIcon}
      </button>
      <button class="icon-button" type="button" aria-label=${strings.deleteConversation(title)} title=${strings.deleteConversation(title)} @click=${() => context.onDelete(summary.id)}>
        ${clearIcon}
      </button>
    </li>`;
  }

  function renderNotice({ notice, strings, onUndo }: ConversationListContext) {
    if (!notice) return nothing;
    if (notice.kind !== 'deleted') return notice.kind === 'save-failed' ? strings.saveFailed : strings.openFailed;
    return html`${strings.deleted(notice.title || strings.untitled)}
      <button class="text-button" type="button" data-undo @click=${onUndo}>${strings.undo}</button>`;
  }

  /** The list beside (or, folded, above) the conversation. */
  function renderConversationList(context: ConversationListContext) {
    const { strings, expanded } = context;
    return html`<nav part="conversation-list" class="conversations" aria-label=${strings.conversationsLabel}>
      <div class="conversations-bar">
        <button
          part="conversation-toggle"
          class="icon-button conversations-toggle"
          type="button"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="conversation-items"
          aria-label=${strings.showConversations}
          title=${strings.showConversations}
          @click=${context.onToggle}
        >
          ${listIcon}
        </button>
        <button part="new-chat-button" class="text-button new-chat" type="button" @click=${context.onCreate}>${plusIcon}${strings.newChat}</button>
      </div>
      <ul id="conversation-items" class="conversation-items" ?data-folded=${!expanded} @keydown=${context.onListKeydown}>
        ${context.summaries.slice(0, context.shown).map((summary) => renderItem(summary, context))}
        ${context.summaries.length > context.shown
          ? html`<li><button class="text-button show-more" type="button" @click=${context.onShowMore}>${strings.showMore}</button></li>`
          : nothing}
      </ul>
      <div class="conversations-notice" role="status">${renderNotice(context)}</div>
    </nav>`;
  }

  return { renderConversationList };
}
