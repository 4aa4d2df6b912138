/**
 * The DOM events `<openrouter-chat>` fires. All bubble and cross shadow roots, so a page
 * can listen on any ancestor; each has its own class, so `instanceof` and the typed
 * `HTMLElementEventMap` entries work.
 *
 * @module
 */
import type { AssistantMessage, ChatMessage, ChatUsage } from './types.js';

/** Shared plumbing: every chat event bubbles, is composed, and carries a readonly `detail`. */
abstract class ChatEvent<Detail> extends Event {
  /** What happened; never mutated after dispatch. */
  readonly detail: Detail;

  protected constructor(type: string, detail: Detail, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}

/** Detail of {@link OpenRouterChatSendEvent}. */
export interface ChatSendDetail {
  /**
   * The messages the request carries, ending with the new user message: the whole
   * conversation, or its latest messages when it is longer than `history-limit` allows. The
   * system prompt, sent before them, is not among them.
   */
  readonly messages: readonly ChatMessage[];
  /** The model id that will be requested; `undefined` lets the proxy choose. */
  readonly model: string | undefined;
}

/**
 * Fired before the request. Cancelable: `preventDefault()` stops it, and `send()` then
 * resolves without a request and without adding the message.
 */
export class OpenRouterChatSendEvent extends ChatEvent<ChatSendDetail> {
  static readonly eventName = 'openrouter-chat-send';

  constructor(detail: ChatSendDetail) {
    super(OpenRouterChatSendEvent.eventName, detail, true);
  }
}

/** Detail of {@link OpenRouterChatDeltaEvent}. */
export interface ChatDeltaDetail {
  /** The new piece of answer text; empty when this piece is reasoning only. */
  readonly delta: string;
  /** The new piece of reasoning text, when the model streams its reasoning. */
  readonly reasoning?: string;
  /** The whole answer so far. */
  readonly text: string;
}

/** Fired for each piece of streamed text or reasoning. */
export class OpenRouterChatDeltaEvent extends ChatEvent<ChatDeltaDetail> {
  static readonly eventName = 'openrouter-chat-delta';

  constructor(detail: ChatDeltaDetail) {
    super(OpenRouterChatDeltaEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatCompleteEvent}. */
export interface ChatCompleteDetail {
  /** The finished answer; its `content` is always its text, as before tools existed. */
  readonly message: AssistantMessage & { content: string };
  /**
   * Why the model stopped (`stop`, `length`, `content_filter`, `tool_calls`...); `null` when
   * the server ended with `[DONE]` without naming a reason.
   */
  readonly finishReason: string | null;
  /** Token accounting, when the server sent it. */
  readonly usage?: ChatUsage;
  /** The model that actually answered (it may differ from the one requested, e.g. with routers). */
  readonly model?: string;
}

/** Fired when the answer finished. */
export class OpenRouterChatCompleteEvent extends ChatEvent<ChatCompleteDetail> {
  static readonly eventName = 'openrouter-chat-complete';

  constructor(detail: ChatCompleteDetail) {
    super(OpenRouterChatCompleteEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatErrorEvent}. */
export interface ChatErrorDetail {
  /** A sentence for people: what went wrong and, where known, what to do. */
  readonly message: string;
  /** The HTTP status, when the server answered with an error. */
  readonly status?: number;
  /** OpenRouter's error code, from the error body or a mid-stream error chunk. */
  readonly code?: number | string;
  /** The answer text received before the failure (maybe empty). */
  readonly partial: string;
}

/** Fired on any failure: HTTP, mid-stream, network, or validation before the request. */
export class OpenRouterChatErrorEvent extends ChatEvent<ChatErrorDetail> {
  static readonly eventName = 'openrouter-chat-error';

  constructor(detail: ChatErrorDetail) {
    super(OpenRouterChatErrorEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatAbortEvent}. */
export interface ChatAbortDetail {
  /** The answer text received before the stop (maybe empty). */
  readonly partial: string;
}

/** Fired when a streaming answer is stopped: `stop()`, Esc, or the element removed mid-stream. */
export class OpenRouterChatAbortEvent extends ChatEvent<ChatAbortDetail> {
  static readonly eventName = 'openrouter-chat-abort';

  constructor(detail: ChatAbortDetail) {
    super(OpenRouterChatAbortEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatAttachmentEvent}. */
export interface ChatAttachmentDetail {
  /** The file picked, dropped or pasted, as the browser gave it. */
  readonly file: File;
}

/**
 * Fired for each file the user picks, drops or pastes, before the chat checks and adds it.
 * Cancelable: `preventDefault()` leaves the file out, e.g. for a page that uploads it to its
 * own storage and adds the link with `addAttachments()`.
 */
export class OpenRouterChatAttachmentEvent extends ChatEvent<ChatAttachmentDetail> {
  static readonly eventName = 'openrouter-chat-attachment';

  constructor(detail: ChatAttachmentDetail) {
    super(OpenRouterChatAttachmentEvent.eventName, detail, true);
  }
}

/** Detail of {@link OpenRouterChatToolCallEvent}. */
export interface ChatToolCallDetail {
  /** The call's id, which its result answers. */
  readonly id: string;
  readonly name: string;
  /** The arguments as the model wrote them (JSON text). */
  readonly arguments: string;
  /** The same, parsed. */
  readonly args: Record<string, unknown>;
  /**
   * Answers the call with `result` (sent as JSON, a string as it is), now or later: for a
   * tool without `execute`, or after `preventDefault()`. The first answer counts.
   */
  readonly respond: (result: unknown) => void;
}

/**
 * Fired when a tool call is about to run (after approval, when the tool needs it).
 * Cancelable: `preventDefault()` keeps the tool's `execute` from running, and the chat waits
 * for `detail.respond()` (up to the time limit).
 */
export class OpenRouterChatToolCallEvent extends ChatEvent<ChatToolCallDetail> {
  static readonly eventName = 'openrouter-chat-tool-call';

  constructor(detail: ChatToolCallDetail) {
    super(OpenRouterChatToolCallEvent.eventName, detail, true);
  }
}

/** Detail of {@link OpenRouterChatToolResultEvent}. */
export interface ChatToolResultDetail {
  readonly id: string;
  readonly name: string;
  /** What the tool returned; `undefined` when it failed. */
  readonly result: unknown;
  /** Why the call failed (threw, timed out, was denied, unknown tool, bad arguments); what the model was told. */
  readonly error?: string;
}

/** Fired when a tool call has a result (or failed), before the result goes to the model. */
export class OpenRouterChatToolResultEvent extends ChatEvent<ChatToolResultDetail> {
  static readonly eventName = 'openrouter-chat-tool-result';

  constructor(detail: ChatToolResultDetail) {
    super(OpenRouterChatToolResultEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatFeedbackEvent}. */
export interface ChatFeedbackDetail {
  /** The answer rated. */
  readonly message: ChatMessage;
  /** Its index in `messages`. */
  readonly index: number;
  readonly rating: 'up' | 'down';
}

/** Fired when the reader rates an answer with the `feedback` thumbs. */
export class OpenRouterChatFeedbackEvent extends ChatEvent<ChatFeedbackDetail> {
  static readonly eventName = 'openrouter-chat-feedback';

  constructor(detail: ChatFeedbackDetail) {
    super(OpenRouterChatFeedbackEvent.eventName, detail);
  }
}

/** Detail of {@link OpenRouterChatConversationEvent}. */
export interface ChatConversationDetail {
  /** The conversation made, switched to, renamed or deleted. */
  readonly id: string;
  readonly action: 'create' | 'switch' | 'rename' | 'delete';
}

/** Fired when the user makes, switches to, renames or deletes a conversation in the list (`conversations`). */
export class OpenRouterChatConversationEvent extends ChatEvent<ChatConversationDetail> {
  static readonly eventName = 'openrouter-chat-conversation';

  constructor(detail: ChatConversationDetail) {
    super(OpenRouterChatConversationEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'openrouter-chat-conversation': OpenRouterChatConversationEvent;
    'openrouter-chat-feedback': OpenRouterChatFeedbackEvent;
    'openrouter-chat-tool-call': OpenRouterChatToolCallEvent;
    'openrouter-chat-tool-result': OpenRouterChatToolResultEvent;
    'openrouter-chat-attachment': OpenRouterChatAttachmentEvent;
    'openrouter-chat-send': OpenRouterChatSendEvent;
    'openrouter-chat-delta': OpenRouterChatDeltaEvent;
    'openrouter-chat-complete': OpenRouterChatCompleteEvent;
    'openrouter-chat-error': OpenRouterChatErrorEvent;
    'openrouter-chat-abort': OpenRouterChatAbortEvent;
  }
}
