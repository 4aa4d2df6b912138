/**
 * The element's conversations: which one is shown, the list, and their saving. Each
 * conversation has a chat controller of its own while it is shown or still streaming, so an
 * answer keeps streaming into the conversation it started in when the user switches away,
 * and is there, live, on the way back.
 *
 * Every store call may fail, hang or answer garbage: each failure costs that saved copy and
 * a console warning (and a notice in the list), never the chat.
 *
 * @module
 */
import type { ChatController } from '../chat/chat-controller.js';
import type { ChatConversationDetail, OpenRouterChatConversationEvent } from '../events.js';
import type { ChatMessage, Conversation, ConversationStore, ConversationSummary } from '../types.js';
import { clipTitle, readConversation, readSummary, titleFrom } from './conversation-record.js';
import { forgetLegacyConversation, readLegacyConversation } from './legacy-storage.js';

/** What the sessions need from the element. */
export interface SessionsHost {
  /** The chat shown now. */
  readonly chat: ChatController;
  /** Shows `chat` in place of the one shown. */
  show(chat: ChatController): void;
  /** A new chat controller of the element (for a conversation made or opened). */
  createChat(): ChatController;
  /** Lets go of a chat neither shown nor streaming. */
  dropChat(chat: ChatController): void;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
}

/** What the list says besides the conversations: a deletion to undo, or a store's failure. */
export type SessionNotice = { readonly kind: 'deleted'; readonly title: string } | { readonly kind: 'save-failed' | 'open-failed' };

/** How long a deletion can be undone. */
const UNDO_MS = 6000;
/** A store call that has not answered by then counts as failed (a hung backend must not hang the chat). */
const STORE_TIMEOUT_MS = 10_000;

export class ConversationSessions {
  /** The saved conversations, newest first (with the live ones not yet saved). */
  summaries: readonly ConversationSummary[] = [];
  notice?: SessionNotice;
  private store?: ConversationStore;
  private channel?: BroadcastChannel;
  /** The chats alive: the shown one, and those streaming in the background. */
  private readonly chats = new Map<string, ChatController>();
  /** Each chat's messages as last saved (or loaded), so a conversation is written only when it changed. */
  private readonly saved = new WeakMap<ChatController, readonly ChatMessage[]>();
  /** Titles the user gave, by conversation. */
  private readonly renamed = new Map<string, string>();
  private deleted?: Conversation;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  /**
   * When each conversation was last written or removed here (a count, not a time): a list
   * read before that is older than what this chat shows, so the chat's own entry wins.
   */
  private readonly touched = new Map<string, number>();
  private count = 0;
  /** Bumped by each attach and switch, so a slow store answer never lands over a later choice. */
  private turn = 0;
  /** The page chose the conversation (`conversationId`) before the store was read: open that one, not the newest. */
  private chosen: boolean;

  constructor(
    private readonly host: SessionsHost,
    private readonly ConversationEvent: typeof OpenRouterChatConversationEvent,
  ) {
    const chat = host.chat;
    this.chosen = chat.sessionId !== undefined;
    chat.sessionId ??= newId();
    this.chats.set(chat.sessionId, chat);
  }

  /** The shown conversation's id. */
  get currentId(): string {
    return this.host.chat.sessionId!;
  }

  /**
   * Uses `store` (none: nothing is saved). With `key` (`storage-key`), moves the conversation
   * an earlier version left in `localStorage` into it, and tells other tabs on the same key
   * of each change. Then reads the list and, while the shown chat is still empty, opens the
   * conversation the page chose or the newest.
   */
  async attach(store: ConversationStore | undefined, key: string | undefined): Promise<void> {
    const turn = ++this.turn;
    this.store = store;
    this.channel?.close();
    this.channel = undefined;
    this.summaries = [];
    if (!store) return this.host.requestUpdate();
    if (key && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(`openrouter-chat:${key}`);
      this.channel.onmessage = (event: MessageEvent<{ id?: unknown }>) => void this.onOtherTab(event.data?.id);
    }
    if (key) await this.migrate(store, key);
    await this.refresh();
    const chat = this.host.chat;
    const wanted = this.chosen ? this.currentId : this.summaries[0]?.id;
    if (turn !== this.turn || chat.messages.length || chat.status === 'streaming' || !wanted) return;
    const conversation = await this.read(wanted, this.chosen);
    if (turn === this.turn && conversation && !chat.messages.length && isIdle(chat)) this.fill(chat, conversation);
  }

  /** After each render of the element: saves the chats that changed, and lets go of finished background ones. */
  afterUpdate(): void {
    // After the render, not in it: saving changes the list, which renders again.
    void Promise.resolve().then(() => this.saveChanged());
  }

  private saveChanged(): void {
    for (const [id, chat] of this.chats) {
      if (chat.messages !== this.saved.get(chat)) {
        this.saved.set(chat, chat.messages);
        void this.save(id, chat);
      }
      if (chat !== this.host.chat && chat.status !== 'streaming') this.drop(id, chat);
    }
  }

  /** Starts a new, empty conversation (New chat); the one shown stays saved, streaming on if it was. */
  create(id = newId(), announce = true): void {
    this.turn++;
    const chat = this.host.createChat();
    chat.sessionId = id;
    this.saved.set(chat, chat.messages);
    this.chats.set(id, chat);
    this.host.show(chat);
    if (announce) this.fire({ id, action: 'create' });
  }

  /**
   * Shows conversation `id`: the live one if it is still streaming, else the saved one. An
   * id nothing is saved under starts a new conversation under it when `orCreate`.
   * @returns whether it is shown.
   */
  async switchTo(id: string, { announce = true, orCreate = false } = {}): Promise<boolean> {
    if (id === this.currentId) return true;
    const turn = ++this.turn;
    const live = this.chats.get(id);
    let conversation: Conversation | undefined;
    if (!live && this.store) {
      const found = await this.read(id, orCreate);
      if (turn !== this.turn || found === undefined) return false;
      conversation = found ?? undefined;
    }
    if (live) this.host.show(live);
    else if (conversation) this.fill(this.host.createChat(), conversation, true);
    else this.create(id, false);
    if (announce) this.fire({ id, action: 'switch' });
    return true;
  }

  /** Renames conversation `id`; an empty title gives back the one from its first message. */
  async rename(id: string, title: string): Promise<void> {
    const clipped = clipTitle(title);
    if (clipped) this.renamed.set(id, clipped);
    else this.renamed.delete(id);
    const chat = this.chats.get(id);
    const conversation = chat ? this.record(id, chat) : await this.read(id);
    if (!conversation) return;
    const summary = this.summaries.find((entry) => entry.id === id);
    const renamed = { ...conversation, title: clipped || titleFrom(conversation.messages), renamed: clipped ? true : undefined, updatedAt: summary?.updatedAt ?? conversation.updatedAt };
    this.fire({ id, action: 'rename' });
    if (conversation.messages.length) await this.write(renamed);
  }

  /**
   * Deletes conversation `id` (stopping its answer if it is streaming: nothing more is saved
   * under it), for a few seconds undoable; deleting the shown one shows a new conversation.
   */
  async remove(id: string): Promise<void> {
    const chat = this.chats.get(id);
    const conversation = chat ? this.record(id, chat) : await this.read(id);
    if (chat) {
      this.chats.delete(id);
      chat.stop();
      if (chat === this.host.chat) this.create(undefined, false);
      this.host.dropChat(chat);
    }
    this.summaries = this.summaries.filter((summary) => summary.id !== id);
    this.touch(id);
    this.deleted = conversation?.messages.length ? conversation : undefined;
    this.say(this.deleted && { kind: 'deleted', title: this.deleted.title });
    this.fire({ id, action: 'delete' });
    await this.call(() => this.store?.remove(id), 'could not delete the conversation', id);
    this.tell(id);
  }

  /** Puts back the conversation deleted last, while the notice offers it. */
  async undo(): Promise<void> {
    const conversation = this.deleted;
    this.deleted = undefined;
    this.say(undefined);
    if (!conversation) return;
    if (!this.host.chat.messages.length) this.fill(this.host.chat, conversation);
    await this.write(conversation);
  }

  /** Shows `conversation` in `chat` (with its id), as loaded. */
  private fill(chat: ChatController, conversation: Conversation, show = false): void {
    const previous = chat.sessionId;
    if (previous !== undefined && this.chats.get(previous) === chat) this.chats.delete(previous);
    chat.sessionId = conversation.id;
    if (conversation.renamed) this.renamed.set(conversation.id, conversation.title);
    chat.restore(conversation.messages);
    this.saved.set(chat, chat.messages);
    this.chats.set(conversation.id, chat);
    if (show) this.host.show(chat);
    this.host.requestUpdate();
  }

  private drop(id: string, chat: ChatController): void {
    this.chats.delete(id);
    this.host.dropChat(chat);
  }

  /** The conversation in `chat` as it is saved. */
  private record(id: string, chat: ChatController): Conversation {
    const messages = chat.messages.map((message) => ({ ...message, ...chat.marksOf(message) }));
    const renamed = this.renamed.get(id);
    return { id, title: renamed ?? titleFrom(messages), ...(renamed !== undefined && { renamed: true }), updatedAt: Date.now(), messages };
  }

  /** Saves the conversation in `chat`; an emptied one (`clear()`) is not kept. */
  private async save(id: string, chat: ChatController): Promise<void> {
    if (!this.store) return;
    const conversation = this.record(id, chat);
    if (conversation.messages.length) return this.write(conversation);
    if (!this.summaries.some((summary) => summary.id === id)) return;
    this.summaries = this.summaries.filter((summary) => summary.id !== id);
    this.touch(id);
    this.host.requestUpdate();
    await this.call(() => this.store?.remove(id), 'could not delete the emptied conversation', id);
    this.tell(id);
  }

  /** Writes one conversation and puts it in the list; a failure is said, and the next change tries again. */
  private async write(conversation: Conversation): Promise<void> {
    const { id, title, updatedAt } = conversation;
    this.summaries = sorted([{ id, title, updatedAt }, ...this.summaries.filter((summary) => summary.id !== id)]);
    this.touch(id);
    this.host.requestUpdate();
    const done = await this.call(() => this.store?.save(conversation), 'could not save the conversation', id);
    if (done) this.tell(id);
    else this.say({ kind: 'save-failed' });
  }

  /**
   * The conversation saved under `id`, read as hostile; `undefined` when it cannot be had
   * (said); `null` when there is none and that is no surprise (`missingIsFine`: a new id the page chose).
   */
  private async read(id: string, missingIsFine = false): Promise<Conversation | null | undefined> {
    let value: unknown;
    const loaded = await this.call(async () => (value = await this.store?.load(id)), 'could not load the conversation', id);
    if (loaded && value === undefined && missingIsFine) return null;
    if (!loaded || value === undefined) {
      if (loaded) console.warn(`<openrouter-chat>: there is no saved conversation "${id}".`);
      this.say({ kind: 'open-failed' });
      return undefined;
    }
    const conversation = readConversation(value);
    if (!conversation || conversation.id !== id) {
      console.warn(`<openrouter-chat>: the saved conversation "${id}" is unreadable; it is left out.`);
      this.say({ kind: 'open-failed' });
      return undefined;
    }
    return conversation;
  }

  /**
   * Reads the list: well-formed summaries only (the rest said once), newest first; what
   * this chat changed meanwhile as this chat knows it.
   */
  private async refresh(): Promise<void> {
    const since = ++this.count;
    let listed: unknown;
    if (!(await this.call(async () => (listed = await this.store?.list()), 'could not list the saved conversations'))) return;
    const entries: unknown[] = Array.isArray(listed) ? listed : [];
    const summaries = entries.map(readSummary).filter((summary): summary is ConversationSummary => summary !== undefined);
    if (summaries.length < entries.length || !Array.isArray(listed)) {
      console.warn(`<openrouter-chat>: ${Array.isArray(listed) ? entries.length - summaries.length : 'the'} saved conversation list entries are unreadable; they are left out.`);
    }
    const ours = (id: string) => (this.touched.get(id) ?? 0) > since;
    this.summaries = sorted([...summaries.filter((summary) => !ours(summary.id)), ...this.summaries.filter((summary) => ours(summary.id))]);
    this.host.requestUpdate();
  }

  /** Moves the conversation an earlier version saved in `localStorage` into the store, once. */
  private async migrate(store: ConversationStore, key: string): Promise<void> {
    const messages = readLegacyConversation(key);
    if (!messages) return;
    const conversation: Conversation = { id: newId(), title: titleFrom(messages), updatedAt: Date.now(), messages };
    if (await this.call(() => store.save(conversation), 'could not move the conversation saved by an earlier version', conversation.id)) forgetLegacyConversation(key);
  }

  /** Another tab on the same key changed conversation `id`: the list anew, and the shown one if it is idle and unchanged here. */
  private async onOtherTab(id: unknown): Promise<void> {
    await this.refresh();
    const chat = typeof id === 'string' ? this.chats.get(id) : undefined;
    if (!chat || chat.status === 'streaming' || chat.messages !== this.saved.get(chat)) return;
    const conversation = await this.read(id as string);
    // Looked at again: the chat may have changed while the store answered.
    if (conversation && isIdle(chat) && chat.messages === this.saved.get(chat)) this.fill(chat, conversation);
  }

  private touch(id: string): void {
    this.touched.set(id, ++this.count);
  }

  /** Tells the other tabs on this key that conversation `id` changed. */
  private tell(id: string): void {
    this.channel?.postMessage({ id });
  }

  /** Runs a store call with a time limit; a failure is warned about. @returns whether it succeeded. */
  private async call(work: () => Promise<unknown> | undefined, problem: string, id?: string): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The store did not answer within ${STORE_TIMEOUT_MS / 1000} s.`)), STORE_TIMEOUT_MS);
    });
    try {
      await Promise.race([work(), timeout]);
      return true;
    } catch (error) {
      console.warn(`<openrouter-chat>: ${problem}${id ? ` "${id}"` : ''}.`, error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private say(notice: SessionNotice | undefined): void {
    this.notice = notice;
    clearTimeout(this.noticeTimer);
    if (notice) {
      this.noticeTimer = setTimeout(() => {
        this.notice = undefined;
        this.deleted = undefined;
        this.host.requestUpdate();
      }, UNDO_MS);
    }
    this.host.requestUpdate();
  }

  private fire(detail: ChatConversationDetail): void {
    this.host.dispatchEvent(new this.ConversationEvent(detail));
  }
}

/** Whether `chat` has no answer streaming (a function, so TypeScript reads the status afresh after an await). */
function isIdle(chat: ChatController): boolean {
  return chat.status !== 'streaming';
}

/** Newest first. */
function sorted(summaries: ConversationSummary[]): ConversationSummary[] {
  return summaries.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** A conversation id: 128 random bits in hex (`crypto.randomUUID` exists only on https pages). */
function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
