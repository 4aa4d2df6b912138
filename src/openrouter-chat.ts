import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ChatController } from './chat-controller.js';
import { renderAnswer } from './render-answer.js';
import { styles } from './openrouter-chat.styles.js';
import type { ChatMessage, ChatStatus } from './types.js';

/** How close to the bottom (px) still counts as "reading the latest", so new text scrolls in. */
const STICK_TO_BOTTOM_PX = 32;

/**
 * A streaming AI chat backed by OpenRouter through a server-side proxy that holds the key.
 *
 * @summary Drop-in streaming chat for OpenRouter models.
 *
 * @fires {OpenRouterChatSendEvent} openrouter-chat-send - Before the request; cancelable. `detail: { messages, model }`.
 * @fires {OpenRouterChatDeltaEvent} openrouter-chat-delta - Each piece of streamed text or reasoning. `detail: { delta, reasoning?, text }`.
 * @fires {OpenRouterChatCompleteEvent} openrouter-chat-complete - The answer finished. `detail: { message, finishReason, usage?, model? }`.
 * @fires {OpenRouterChatErrorEvent} openrouter-chat-error - Any failure. `detail: { message, status?, code?, partial }`.
 * @fires {OpenRouterChatAbortEvent} openrouter-chat-abort - The answer was stopped (stop(), Esc, or removal). `detail: { partial }`.
 *
 * @slot header - Above the conversation, e.g. a title.
 * @slot empty - Shown while the conversation is empty.
 *
 * @csspart log - The scrolling conversation (`role="log"`).
 * @csspart message - Every message bubble.
 * @csspart message-user - A message the user sent.
 * @csspart message-assistant - An answer, finished or streaming.
 * @csspart indicator - The "waiting for the first token" dots.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button (shown while idle).
 * @csspart stop-button - The stop button (shown while streaming).
 * @csspart error - The error region (`role="alert"`).
 *
 * @cssprop [--openrouter-chat-accent=light-dark(#4f46e5, #818cf8)] - Buttons and the user's bubbles.
 * @cssprop [--openrouter-chat-accent-text=light-dark(#ffffff, #111827)] - Text on the accent colour.
 * @cssprop [--openrouter-chat-background=light-dark(#ffffff, #111827)] - The chat's background.
 * @cssprop [--openrouter-chat-text=light-dark(#111827, #f3f4f6)] - The main text colour.
 * @cssprop [--openrouter-chat-muted=light-dark(#6b7280, #9ca3af)] - Secondary text and the indicator.
 * @cssprop [--openrouter-chat-border=light-dark(#e5e7eb, #374151)] - Borders.
 * @cssprop [--openrouter-chat-assistant-background=light-dark(#f3f4f6, #1f2937)] - The answers' bubbles.
 * @cssprop [--openrouter-chat-error=light-dark(#b91c1c, #fca5a5)] - Error text.
 * @cssprop [--openrouter-chat-error-background=light-dark(#fef2f2, #450a0a)] - Error background.
 * @cssprop [--openrouter-chat-radius=12px] - Corner radius of the chat and its bubbles.
 * @cssprop [--openrouter-chat-font=system-ui, sans-serif] - The font family.
 * @cssprop [--openrouter-chat-height=32rem] - The chat's height.
 * @cssprop [--openrouter-chat-color-scheme=light dark] - `light` or `dark` pins the default colours to one scheme.
 */
export class OpenRouterChat extends LitElement {
  static override styles = styles;

  // Declared without decorators: the test runner's esbuild reads tsconfig.json raw, without
  // its `extends`, so experimental decorators and define semantics cannot be relied on there.
  static override properties = {
    endpoint: {},
    model: {},
    systemPrompt: { attribute: 'system-prompt' },
    temperature: { type: Number },
  };

  /** The proxy URL the chat request is POSTed to. */
  declare endpoint: string;

  /** OpenRouter model id with its vendor prefix, e.g. `anthropic/claude-3.5-sonnet`; unset lets the proxy choose. */
  declare model?: string;

  /** Sent first, as a `system` message; not part of `messages`. */
  declare systemPrompt?: string;

  /** Sampling temperature; left out of the request when unset. */
  declare temperature?: number;

  private readonly chat = new ChatController(this, () => ({
    endpoint: this.endpoint,
    model: this.model,
    systemPrompt: this.systemPrompt,
    temperature: this.temperature,
  }));

  private stickToBottom = true;

  constructor() {
    super();
    this.endpoint = '/api/chat';
  }

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private get log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  /**
   * The conversation (`{ role, content }[]`, without the system prompt). Set it to restore
   * one; setting it stops a streaming answer.
   */
  get messages(): readonly ChatMessage[] {
    return this.chat.messages;
  }

  set messages(messages: readonly ChatMessage[]) {
    this.chat.messages = messages;
  }

  /** `'streaming'` while an answer arrives, `'error'` after a failure, else `'idle'`. Also reflected as the `status` attribute. */
  get status(): ChatStatus {
    return this.chat.status;
  }

  /**
   * Sends `text` as the user's message and streams the answer.
   * @returns resolves when the answer completes or is stopped; rejects on an error, or when an answer is already streaming.
   */
  send(text: string): Promise<void> {
    return this.chat.send(text);
  }

  /** Stops the streaming answer, keeping what arrived. */
  stop(): void {
    this.chat.stop();
  }

  /** Stops any answer and empties the conversation. */
  clear(): void {
    this.chat.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.setAttribute('status', this.status);
    const log = this.log;
    this.stickToBottom = !log || log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  protected override render() {
    const streaming = this.status === 'streaming';
    const visible = this.messages.filter((message) => message.role !== 'system');
    return html`
      <slot name="header"></slot>
      <div part="log" class="log" role="log" aria-label="Conversation" aria-busy=${streaming ? 'true' : 'false'}>
        ${visible.length === 0 && !streaming
          ? html`<slot name="empty" class="empty">Ask anything to start the conversation.</slot>`
          : nothing}
        ${visible.map((message) => this.renderMessage(message))}
        ${streaming ? this.renderStreamingAnswer() : nothing}
      </div>
      <div part="error" class="error" role="alert">${this.chat.error?.message ?? nothing}</div>
      <form class="composer" @submit=${this.onSubmit} @keydown=${this.onKeydown}>
        <textarea part="input" aria-label="Message" placeholder="Type a message…" rows="2"></textarea>
        ${streaming
          ? html`<button part="stop-button" class="stop" type="button" @click=${this.onStopClick}>Stop</button>`
          : html`<button part="send-button" type="submit">Send</button>`}
      </form>
    `;
  }

  private renderMessage(message: ChatMessage) {
    const interrupted = this.chat.isInterrupted(message);
    return html`<div part="message message-${message.role}" class="message ${message.role}">
      <span class="visually-hidden">${message.role === 'user' ? 'You:' : 'Assistant:'}</span>
      ${message.role === 'assistant' ? renderAnswer(message.content) : message.content}
      ${interrupted ? html`<span class="interrupted-note">Interrupted</span>` : nothing}
    </div>`;
  }

  private renderStreamingAnswer() {
    const answer = this.chat.answer;
    return html`<div part="message message-assistant" class="message assistant">
      <span class="visually-hidden">Assistant:</span>
      ${answer
        ? renderAnswer(answer)
        : html`<span part="indicator" class="indicator">
            <span class="dot"></span><span class="dot"></span><span class="dot"></span>
            <span class="visually-hidden">Waiting for the answer…</span>
          </span>`}
    </div>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.sendInput();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.status === 'streaming') {
      event.preventDefault();
      this.stopAndRefocus();
      return;
    }
    // Enter also confirms an IME composition (isComposing, or keyCode 229 in older Safari): never send then.
    const confirmsComposition = event.isComposing || event.keyCode === 229;
    if (event.key === 'Enter' && !event.shiftKey && !confirmsComposition && event.target === this.input) {
      event.preventDefault();
      this.sendInput();
    }
  }

  private onStopClick(): void {
    this.stopAndRefocus();
  }

  private stopAndRefocus(): void {
    this.stop();
    // The stop button is about to disappear; keep focus in the chat rather than losing it to the page.
    this.input?.focus();
  }

  private sendInput(): void {
    const input = this.input;
    if (!input || this.status === 'streaming' || !input.value.trim()) return;
    const text = input.value;
    // Failures are shown in the alert region and fired as events; nothing more to do here.
    this.send(text).catch(() => {});
    // send() starts synchronously: clear the box only if the message really went out, so a
    // refused one (invalid model, cancelled send event) is not lost.
    if (this.chat.status === 'streaming') input.value = '';
    input.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'openrouter-chat': OpenRouterChat;
  }
}
