/**
 * The conversation list's state between renders (folded open, the title being edited) and
 * where focus goes after each action: the views hold no state, the sessions no DOM.
 *
 * @module
 */
import type { RoomKit } from '../rooms/room-kit.js';
import { conversationListView, type ConversationListContext } from './conversation-list-view.js';
import type { ConversationSessions } from './conversation-sessions.js';
import type { ConversationStrings } from './conversation-strings.js';

/** What the list needs of the element: its rendering, to move focus once a change is shown. */
export interface ConversationListHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/** Conversations shown at first, and added by each Show more. */
const PAGE = 50;

export class ConversationList {
  private expanded = false;
  private shown = PAGE;
  private renaming?: string;
  private readonly view: ReturnType<typeof conversationListView>['renderConversationList'];

  constructor(
    private readonly host: ConversationListHost,
    private readonly sessions: ConversationSessions,
    kit: RoomKit,
    /** Moves focus to the message box. */
    private readonly focusInput: () => void,
  ) {
    this.view = conversationListView(kit).renderConversationList;
  }

  render(strings: ConversationStrings) {
    const { sessions } = this;
    const context: ConversationListContext = {
      strings,
      summaries: sessions.summaries,
      currentId: sessions.currentId,
      expanded: this.expanded,
      // The shown conversation is always among those shown.
      shown: Math.max(this.shown, sessions.summaries.findIndex((summary) => summary.id === sessions.currentId) + 1),
      renaming: this.renaming,
      notice: sessions.notice,
      onToggle: () => this.set(() => (this.expanded = !this.expanded)),
      onCreate: () => {
        this.set(() => (this.expanded = false));
        sessions.create();
        this.focusInput();
      },
      onSwitch: (id) => {
        this.set(() => (this.expanded = false));
        void sessions.switchTo(id).then((shown) => shown && this.focusInput());
      },
      onStartRename: (id) => {
        this.set(() => (this.renaming = id));
        void this.focus('.conversation-title-field', (field) => (field as HTMLInputElement).select());
      },
      onRename: (id, title) => {
        this.set(() => (this.renaming = undefined));
        void sessions.rename(id, title);
        void this.focus(`[data-id="${CSS.escape(id)}"]`);
      },
      onCancelRename: () => {
        const id = this.renaming;
        this.set(() => (this.renaming = undefined));
        if (id) void this.focus(`[data-id="${CSS.escape(id)}"]`);
      },
      onDelete: (id) => {
        // Undo is the way back, and the natural next stop.
        void sessions.remove(id);
        void this.focus('[data-undo]');
      },
      onUndo: () => {
        void sessions.undo();
        this.focusInput();
      },
      onListKeydown: (event) => this.moveFocus(event),
      onShowMore: () => {
        const next = this.shown;
        this.set(() => (this.shown += PAGE));
        // Focus goes to the first of the conversations just shown.
        void this.focus(`.conversation:nth-child(${next + 1}) .conversation-switch`);
      },
    };
    return this.view(context);
  }

  private set(change: () => void): void {
    change();
    this.host.requestUpdate();
  }

  /** Focuses what `selector` finds once rendered. */
  private async focus(selector: string, then?: (element: HTMLElement) => void): Promise<void> {
    await this.host.updateComplete;
    const element = this.host.renderRoot.querySelector<HTMLElement>(selector);
    element?.focus();
    if (element) then?.(element);
  }

  /** Arrow keys, Home and End move between the conversations' buttons. */
  private moveFocus(event: KeyboardEvent): void {
    const buttons = [...this.host.renderRoot.querySelectorAll<HTMLElement>('.conversation-switch')];
    const at = buttons.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
  }
}
