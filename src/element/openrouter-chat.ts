import { adoptStyles, css, html, LitElement, nothing, svg, type CSSResult, type PropertyValues } from 'lit';
import { ChatController, type ChatEntry } from '../chat/chat-controller.js';
import { renderComposer, type ComposerContext } from '../views/composer-view.js';
import type { CopyFeedback, EntryContext } from '../views/entry-view.js';
import { renderEntries } from '../views/log-view.js';
import { errorText } from '../views/error-text.js';
import { arrowDownIcon, clearIcon, closeIcon, editIcon, icon } from '../views/icons.js';
import {
  OpenRouterChatAttachmentEvent,
  OpenRouterChatConversationEvent,
  OpenRouterChatToolCallEvent,
  OpenRouterChatToolResultEvent,
} from '../events.js';
import { renderLauncher, type LauncherContext } from '../views/launcher-view.js';
import { modelListConverter, suggestionListConverter } from './model-list.js';
import { loadedMarkdownRoom, loadMarkdownRoom } from '../markdown/markdown-loader.js';
import { styles } from './openrouter-chat.styles.js';
import { ScrollFollow } from './scroll-follow.js';
import { resolveStrings, type ChatStrings, type CoreChatStrings, type ResolvedStrings } from '../strings.js';
import { renderToolbar, type ToolbarContext } from '../views/toolbar-view.js';
import { userContent } from '../chat/message-content.js';
import type { AttachmentTray } from '../attachments/attachment-tray.js';
import type { AttachmentStrings } from '../attachments/attachment-strings.js';
import type { AttachmentsRoom } from '../attachments/attachments-room.js';
import type { ToolsRoom } from '../tools/tools-room.js';
import type { Conversations, ConversationsRoom } from '../conversations/conversations-room.js';
import type { CatalogChat } from '../catalog/catalog-chat.js';
import type { CatalogRoom } from '../catalog/catalog-room.js';
import type { MathRoom } from '../math/math-room.js';
import type { ImagesRoom } from '../images/images-room.js';
import type { RoomKit } from '../rooms/room-kit.js';
import { lazyHighlighter } from './lazy-highlighter.js';
import type { ToolCallStatus } from '../chat/chat-controller.js';
import { toolChoiceConverter } from './tool-choice.js';
import type { ChatMessage, ChatStatus, ChatTool, ContentPart, ConversationStore, ToolChoice } from '../types.js';

/** How long the copy button says "Copied" (or that it failed). */
const COPY_FEEDBACK_MS = 2000;

/**
 * How long an open chat lets the browser stay busy before it fetches the markdown room anyway
 * (`requestIdleCallback`'s timeout), and how long it waits where the browser cannot say when it
 * is idle (Safari): well after the first paint, well before a first answer could arrive.
 */
const MARKDOWN_PREFETCH_MS = 2000;

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
 * @fires {OpenRouterChatAttachmentEvent} openrouter-chat-attachment - A file was picked, dropped or pasted, before it is checked and added; cancelable. `detail: { file }`.
 * @fires {OpenRouterChatToolCallEvent} openrouter-chat-tool-call - A tool call is about to run (after approval); cancelable (then answer with `respond`). `detail: { id, name, arguments, args, respond }`.
 * @fires {OpenRouterChatFeedbackEvent} openrouter-chat-feedback - The reader rated an answer (with `feedback`). `detail: { message, index, rating }`.
 * @fires {OpenRouterChatConversationEvent} openrouter-chat-conversation - The user made, switched to, renamed or deleted a conversation in the list (with `conversations`). `detail: { id, action }`.
 * @fires {OpenRouterChatToolResultEvent} openrouter-chat-tool-result - A tool call has its result, before it goes to the model. `detail: { id, name, result, error? }`.
 *
 * @slot header - Above the conversation, e.g. a title.
 * @slot empty - Shown while the conversation is empty (default: a one-line invitation, `strings.empty`).
 *
 * @csspart panel - The chat's frame: everything but the launcher button.
 * @csspart toolbar - The row with the model picker and the clear button.
 * @csspart model-picker - The model picker (with `models`): a `<select>` of ids, or, once the endpoint's catalog answers, a search field (a combobox) with names, prices and badges.
 * @csspart model-list - The catalog picker's list of models, while open.
 * @csspart model-option - One model in that list: its name, id, price per million tokens, context length and badges (images, PDFs, audio, tools, reasoning).
 * @csspart model-note - Under the picker: the chosen model cannot read what the conversation or the box holds.
 * @csspart clear-button - Empties the conversation.
 * @csspart log - The scrolling conversation (`role="log"`).
 * @csspart message - Every message bubble.
 * @csspart message-user - A message the user sent.
 * @csspart message-assistant - An answer, finished or streaming.
 * @csspart thinking - The collapsible "Thinking" section above an answer (`<details>`).
 * @csspart indicator - The "waiting for the first token" dots.
 * @csspart interrupted - The note on an answer cut short by a stop or an error.
 * @csspart no-answer - The note in place of an answer that ended without text (filtered, token limit).
 * @csspart copy-answer-button - Copies an answer's text.
 * @csspart copy-button - Copies a code block (from the markdown renderer).
 * @csspart code-block - A fenced code block (from the markdown renderer).
 * @csspart regenerate-button - Asks again for the last answer.
 * @csspart retry-button - Asks again after an interrupted answer or an error.
 * @csspart edit-button - Edits and resends the last user message.
 * @csspart usage - Tokens and cost under an answer (with `show-usage`).
 * @csspart jump-button - "Jump to latest", shown after the reader scrolled up.
 * @csspart error - The error region (`role="alert"`).
 * @csspart input - The message textarea.
 * @csspart send-button - The send button (shown while idle).
 * @csspart stop-button - The stop button (shown while streaming).
 * @csspart launcher-button - The floating button of `variant="launcher"`.
 * @csspart attach-button - Opens the file picker (with `accept`).
 * @csspart attachment - A file waiting to be sent: its thumbnail or icon, name and size.
 * @csspart attachment-remove - Takes a waiting file out.
 * @csspart attachment-note - Says which file was not added, and why.
 * @csspart drop-target - Over the conversation while files are dragged onto the chat.
 * @csspart message-attachment - A sent image's thumbnail (a button that opens it) or a sent file's chip.
 * @csspart image-viewer - The dialog showing a sent image at full size.
 * @csspart tool-call - A tool call in its answer: name, status (`data-status`), and its arguments and result when opened.
 * @csspart tool-approve - Lets a call that needs approval run.
 * @csspart tool-deny - Refuses it; the model is told the user denied it.
 * @csspart tool-note - Why a call failed (unknown tool, arguments that are not JSON) or why the tool loop stopped.
 * @csspart sources - The numbered sources under an answer (web search).
 * @csspart suggestion - A starter prompt in the empty conversation (with `suggestions`).
 * @csspart conversation-list - The list of conversations (with `conversations`): New chat, then one button per conversation (`aria-current` on the shown one) with Rename and Delete.
 * @csspart new-chat-button - Starts a new conversation.
 * @csspart conversation-toggle - Folds the list open and shut at narrow widths and in the launcher.
 * @csspart generated-image - An image the model generated (with `image-output`): the image and its download link.
 * @csspart generated-image-download - The download link under a generated image.
 * @csspart feedback-button - The thumbs up and down under a finished answer (with `feedback`); `aria-pressed` on the chosen one.
 *
 * @cssprop [--openrouter-chat-accent=light-dark(#4f46e5, #818cf8)] - Buttons, links and focus rings.
 * @cssprop [--openrouter-chat-accent-text=light-dark(#ffffff, #111827)] - Text and icons on the accent colour.
 * @cssprop [--openrouter-chat-background=light-dark(#ffffff, #111827)] - The chat's background.
 * @cssprop [--openrouter-chat-text=light-dark(#111827, #f3f4f6)] - The main text colour.
 * @cssprop [--openrouter-chat-muted=light-dark(#4b5563, #9ca3af)] - Secondary text: notes, usage, icons.
 * @cssprop [--openrouter-chat-border=light-dark(#e5e7eb, #374151)] - Borders and dividers.
 * @cssprop [--openrouter-chat-user-background=var(--openrouter-chat-accent)] - The user's bubbles.
 * @cssprop [--openrouter-chat-user-text=var(--openrouter-chat-accent-text)] - Text in the user's bubbles.
 * @cssprop [--openrouter-chat-assistant-background=light-dark(#f3f4f6, #1f2937)] - The answers' bubbles.
 * @cssprop [--openrouter-chat-error=light-dark(#b91c1c, #fca5a5)] - Error text.
 * @cssprop [--openrouter-chat-error-background=light-dark(#fef2f2, #450a0a)] - Error background.
 * @cssprop [--openrouter-chat-radius=12px] - Corner radius of the chat and its bubbles.
 * @cssprop [--openrouter-chat-font=system-ui, sans-serif] - The font family.
 * @cssprop [--openrouter-chat-font-size=15px] - The base font size; everything else scales with it.
 * @cssprop [--openrouter-chat-spacing=1rem] - The base spacing unit (padding, gaps).
 * @cssprop [--openrouter-chat-height=32rem] - The chat's height (the panel's, with the launcher).
 * @cssprop [--openrouter-chat-width=24rem] - The launcher panel's width (inline, the chat fills its container).
 * @cssprop [--openrouter-chat-z-index=1000] - Stacking of the launcher button and panel.
 * @cssprop [--openrouter-chat-color-scheme=light dark] - `light` or `dark` pins the default colours (the `theme` attribute does the same).
 * @cssprop [--openrouter-chat-code-keyword=light-dark(#cf222e, #ff7b72)] - Highlighted code: keywords (`const`, `def`, `SELECT`), CSS selectors' tags.
 * @cssprop [--openrouter-chat-code-builtin=light-dark(#0550ae, #79c0ff)] - Highlighted code: built-in names (`console`, `len`).
 * @cssprop [--openrouter-chat-code-type=light-dark(#953800, #ffa657)] - Highlighted code: types and class names.
 * @cssprop [--openrouter-chat-code-function=light-dark(#8250df, #d2a8ff)] - Highlighted code: function names, defined and called.
 * @cssprop [--openrouter-chat-code-string=light-dark(#0a3069, #a5d6ff)] - Highlighted code: strings, characters, regular expressions.
 * @cssprop [--openrouter-chat-code-number=light-dark(#0550ae, #79c0ff)] - Highlighted code: numbers.
 * @cssprop [--openrouter-chat-code-literal=light-dark(#0550ae, #79c0ff)] - Highlighted code: `true`, `false`, `null`, constants.
 * @cssprop [--openrouter-chat-code-comment=light-dark(#6e7781, #8b949e)] - Highlighted code: comments (also italic).
 * @cssprop [--openrouter-chat-code-variable=light-dark(#953800, #ffa657)] - Highlighted code: variables (`$HOME`, template variables).
 * @cssprop [--openrouter-chat-code-property=light-dark(#0550ae, #79c0ff)] - Highlighted code: properties (CSS, object keys).
 * @cssprop [--openrouter-chat-code-attribute=light-dark(#0550ae, #79c0ff)] - Highlighted code: hTML attributes, CSS classes and ids in selectors.
 * @cssprop [--openrouter-chat-code-tag=light-dark(#116329, #7ee787)] - Highlighted code: hTML tag names.
 * @cssprop [--openrouter-chat-code-punctuation=currentColor] - Highlighted code: punctuation, HTML tags' brackets.
 * @cssprop [--openrouter-chat-code-operator=light-dark(#cf222e, #ff7b72)] - Highlighted code: operators.
 * @cssprop [--openrouter-chat-code-meta=light-dark(#0550ae, #79c0ff)] - Highlighted code: preprocessor lines, shebangs, diff hunks, headings.
 * @cssprop [--openrouter-chat-code-addition=light-dark(#116329, #aff5b4)] - Highlighted code: added lines of a diff (on a green background).
 * @cssprop [--openrouter-chat-code-deletion=light-dark(#82071e, #ffdcd7)] - Highlighted code: removed lines of a diff (on a red background).
 */
export class OpenRouterChat extends LitElement {
  static override styles = [styles];

  // Declared without decorators: the test runner's esbuild reads tsconfig.json raw, without
  // its `extends`, so experimental decorators and define semantics cannot be relied on there.
  static override properties = {
    endpoint: {},
    model: {},
    systemPrompt: { attribute: 'system-prompt' },
    temperature: { type: Number },
    idleTimeoutMs: { type: Number, attribute: 'idle-timeout-ms' },
    historyLimit: { type: Number, attribute: 'history-limit' },
    models: { converter: modelListConverter },
    storageKey: { attribute: 'storage-key' },
    showUsage: { type: Boolean, attribute: 'show-usage' },
    allowImages: { type: Boolean, attribute: 'allow-images' },
    accept: {},
    maxAttachments: { type: Number, attribute: 'max-attachments' },
    maxAttachmentBytes: { type: Number, attribute: 'max-attachment-bytes' },
    tools: { attribute: false },
    toolChoice: { attribute: 'tool-choice', converter: toolChoiceConverter },
    maxToolSteps: { type: Number, attribute: 'max-tool-steps' },
    toolTimeoutMs: { type: Number, attribute: 'tool-timeout-ms' },
    webSearch: { type: Boolean, attribute: 'web-search' },
    imageOutput: { type: Boolean, attribute: 'image-output' },
    suggestions: { converter: suggestionListConverter },
    feedback: { type: Boolean },
    conversations: { type: Boolean },
    store: { attribute: false },
    theme: { reflect: true },
    variant: { reflect: true },
    open: { type: Boolean, reflect: true },
    strings: { attribute: false },
    editing: { state: true },
    copyFeedback: { state: true },
  };

  /** The proxy URL the chat request is POSTed to. */
  declare endpoint: string;

  /** OpenRouter model id with its vendor prefix, e.g. `anthropic/claude-3.5-sonnet`; unset lets the proxy choose. */
  declare model?: string;

  /** Sent first, as a `system` message; not part of `messages`. */
  declare systemPrompt?: string;

  /** Sampling temperature; left out of the request when unset. */
  declare temperature?: number;

  /**
   * Milliseconds without a single byte from the endpoint (keep-alive comments count) after
   * which the answer is given up with an error. Default 120000 (two minutes, room for a slow
   * model's first token); `0` turns it off. Keep it longer than the proxy's own idle timeout,
   * so the proxy's clearer error arrives first.
   */
  declare idleTimeoutMs?: number;

  /**
   * The most messages sent with each request, the system prompt included. When the
   * conversation is longer, only its latest messages are sent, starting at a user message;
   * all of it stays on screen and in `messages`. Default 100, the proxy's `maxMessages`
   * default: keep it at or below your proxy's limit, which refuses longer requests. `0`, a
   * negative number or a non-number means no limit.
   */
  declare historyLimit: number;

  /**
   * Model ids to offer in a picker; choosing one sets `model`. As an attribute, ids
   * separated by commas or spaces (`models="openai/gpt-4o-mini, anthropic/claude-3.5-haiku"`).
   */
  declare models: string[];

  /**
   * When set, conversations are saved in IndexedDB under this key (attachments included)
   * after each change, and the newest is restored on load; a conversation an earlier version
   * saved in `localStorage` under the key is moved over once. A store that is full, disabled
   * or holds unreadable data costs the saved copy and a console warning, never the chat.
   */
  declare storageKey?: string;

  /** Shows the tokens and cost of each answer under it, when the server reports them. */
  declare showUsage: boolean;

  /** Lets answers show images (https only). Off by default: an image is a request to a server the model chose. */
  declare allowImages: boolean;

  /**
   * What the user may attach, in `<input type=file accept>` syntax, e.g.
   * `image/*,application/pdf,audio/*`. Unset (the default): no attach button, and dropped or
   * pasted files are ignored. Files are judged by their bytes, not their names: images (PNG,
   * JPEG, WebP, GIF; never SVG), PDFs, and WAV or MP3 audio.
   */
  declare accept?: string;

  /** The most files one message can carry. Default 4. */
  declare maxAttachments: number;

  /**
   * The most bytes per file, after the image step (images are scaled to 2048 px on the long
   * side and re-encoded, and never sent over 3.5 MiB, under what providers take). Default
   * 5 MiB (5242880).
   */
  declare maxAttachmentBytes: number;

  /**
   * Functions the model may call: `{ name, description?, parameters, execute?, needsApproval? }`.
   * They are sent as OpenAI tools (without `execute`); when the model calls one, its call is
   * shown in the answer, run (after the user approves it, with `needsApproval`), and its
   * result sent back in a new request that continues the same answer.
   */
  declare tools: readonly ChatTool[];

  /**
   * OpenAI's `tool_choice`: `auto` (the model decides; the default when unset), `none`,
   * `required`, or a tool's name to make the model call that tool.
   */
  declare toolChoice?: ToolChoice;

  /** The most rounds of tool calls in one answer; then the chat stops and says so. Default 5. */
  declare maxToolSteps: number;

  /** The longest one tool call may run, in milliseconds; then it is aborted and the model told. Default 60000. */
  declare toolTimeoutMs: number;

  /**
   * Asks OpenRouter to search the web (its `openrouter:web_search` server tool) and shows the
   * sources under the answer. The proxy must allow it (`allowWebSearch`): it costs per search.
   */
  declare webSearch: boolean;

  /**
   * Asks for images as well as text (`modalities: ['image', 'text']`), for models that
   * generate them; they show in the answer (`::part(generated-image)`) with a download link.
   */
  declare imageOutput: boolean;

  /**
   * Starter prompts shown in the empty conversation (`::part(suggestion)`); a click sends one.
   * As an attribute, prompts separated by `|`.
   */
  declare suggestions: string[];

  /**
   * Shows thumbs up and down under each finished answer (`::part(feedback-button)`); a click
   * fires `openrouter-chat-feedback`, and the rating is kept with the conversation.
   */
  declare feedback: boolean;

  /**
   * Shows the conversation list (`::part(conversation-list)`): New chat, switch, rename and
   * delete (with Undo), newest first; beside the chat, folded away at narrow widths and in
   * the launcher. Saved with `storage-key` or `store`, else kept for the page's life.
   */
  declare conversations: boolean;

  /**
   * The site's own conversation store, used instead of IndexedDB:
   * `{ list(), load(id), save(conversation), remove(id) }`, all async. Each conversation is
   * saved whole when its messages change (not per streamed piece); a failure is shown as a
   * notice and tried again at the next change.
   */
  declare store?: ConversationStore;

  /** `light` or `dark` pins the colour scheme; `auto` (the default) follows the system's. */
  declare theme: 'light' | 'dark' | 'auto';

  /** `inline` (the default) fills its container; `launcher` shows a floating button that opens the chat as a panel. */
  declare variant: 'inline' | 'launcher';

  /** Whether the launcher's panel is open (`variant="launcher"` only). */
  declare open: boolean;

  /**
   * Replaces visible and spoken texts: a partial {@link ChatStrings} object, merged over the
   * English defaults (`defaultChatStrings`). Set a new object to change them: they are resolved
   * once per object.
   */
  declare strings: Partial<ChatStrings>;

  /** The last user message is in the box, being edited. */
  declare private editing: boolean;

  /** The answer whose text was just copied (or not), to say so on its button. */
  declare private copyFeedback?: CopyFeedback;

  /** The chat shown: with the conversations room, one per conversation shown or still streaming. */
  private chat = this.createChat();

  private createChat(): ChatController {
    return new ChatController(
      this,
      () => ({
        endpoint: this.endpoint,
        model: this.model,
        systemPrompt: this.systemPrompt,
        temperature: this.temperature,
        // A garbled attribute (NaN) would silently turn the timeout off; it gets the default instead.
        idleTimeoutMs: Number.isFinite(this.idleTimeoutMs) ? this.idleTimeoutMs : undefined,
        // 0, negative and garbled values (NaN, a removed attribute's null) mean no limit.
        historyLimit: this.historyLimit >= 1 ? Math.floor(this.historyLimit) : undefined,
        tools: Array.isArray(this.tools) ? this.tools : [],
        toolChoice: this.toolChoice,
        maxToolSteps: this.maxToolSteps >= 0 ? Math.floor(this.maxToolSteps) : 5,
        toolTimeoutMs: positiveOr(this.toolTimeoutMs, 60_000),
        webSearch: this.webSearch,
        fitsContext: this.catalog?.chat.fit(this.model, this.systemPrompt),
        imageOutput: this.imageOutput,
      }),
      {
        describeError: (error) => errorText(error, resolveStrings(this.strings)),
        // An answer without text is announced too: its note says why nothing came.
        onComplete: (entry) => (this.unannouncedKey = entry.key),
        onToolState: (call, status) => this.onToolState(call.id, call.function.name, status),
        loadToolLoop: () => this.loadTools().then((room) => room.createToolLoop),
      },
    );
  }

  private readonly scrollFollow = new ScrollFollow(() => this.requestUpdate());
  /** Counts the element's arrivals on the page: on each, every message renders again (the thumbnails' URLs were revoked when it left). */
  private arrivals = 0;
  /** The key of a finished answer still to be announced by the live region. */
  private unannouncedKey?: number;
  /** What the box held when editing began, put back if the edit is cancelled. */
  private draftBeforeEdit = '';
  private copyFeedbackTimer?: ReturnType<typeof setTimeout>;
  /** The attachments room and its tray, once loaded. */
  private attachments?: { readonly room: AttachmentsRoom; readonly tray: AttachmentTray };
  private attachmentsLoad?: Promise<AttachmentTray>;
  /** The conversation last looked through for attachments, so each is looked through once. */
  private conversationChecked?: readonly ChatMessage[];
  /** The tools room, once loaded. */
  private toolsRoom?: ToolsRoom;
  private toolsLoad?: Promise<ToolsRoom>;
  /** The conversations room (starter prompts, feedback), once loaded. */
  private conversationsRoom?: ConversationsRoom;
  private conversationsLoad?: Promise<ConversationsRoom>;
  /** The catalog room and what it does for this chat, once loaded. */
  private catalog?: { readonly room: CatalogRoom; readonly chat: CatalogChat };
  private catalogLoad?: Promise<void>;
  /** The conversations (list, saving), once their room is loaded. */
  private sessions?: Conversations;
  /** The generated images' room, once loaded. */
  private imagesRoom?: ImagesRoom;
  private imagesLoad?: Promise<unknown>;
  /** This element's wait for the page's markdown room (`markdown-loader.ts`), once it asked. */
  private markdownLoad?: Promise<void>;
  /** Whether this element has asked for the markdown room at the browser's next idle moment. */
  private markdownPrefetch = false;
  /** The math room (formulas), once loaded. */
  private mathRoom?: MathRoom;
  private mathLoad?: Promise<unknown>;
  /** Highlights answers' code: the highlight room, loaded by the first block that names a language. */
  private readonly highlighter = lazyHighlighter(() =>
    this.openRoom(import('../highlight/highlight-room.js').then((module) => module.highlightRoom), (room) => room),
  );
  /** The styles of the rooms loaded so far, adopted after the element's own. */
  private roomStyles: CSSResult[] = [];
  /** A call that just began waiting for approval: its Approve button takes focus once rendered. */
  private approvalToFocus?: string;

  constructor() {
    super();
    this.endpoint = '/api/chat';
    // The proxy's `maxMessages` default: it refuses a longer request with a 400.
    this.historyLimit = 100;
    this.models = [];
    this.showUsage = false;
    this.allowImages = false;
    this.theme = 'auto';
    this.variant = 'inline';
    this.open = false;
    this.strings = {};
    this.editing = false;
    this.maxAttachments = 4;
    this.maxAttachmentBytes = 5 * 1024 * 1024;
    this.tools = [];
    this.maxToolSteps = 5;
    this.toolTimeoutMs = 60_000;
    this.webSearch = false;
    this.imageOutput = false;
    this.suggestions = [];
    this.feedback = false;
    // Lit hands over its declared properties set before the upgrade; `messages` is our own accessor.
    upgradeProperty(this, 'messages');
    upgradeProperty(this, 'conversationId');
    // On the host, so Esc works wherever focus is in the chat, the launcher button included.
    this.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.arrivals++;
  }

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private stopHasFocus(): boolean {
    const stop = this.renderRoot.querySelector('[part~="stop-button"]');
    return stop !== null && stop === this.shadowRoot?.activeElement;
  }

  private get log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  /**
   * The conversation (OpenAI's messages, without the system prompt; a user message with
   * attachments has content parts). Set it to restore
   * one: a different conversation stops a streaming answer (without an abort event); the
   * conversation it already holds (the same array or the same messages) changes nothing, so
   * a framework may set it back on every render. `null` or `undefined` empties it.
   */
  get messages(): readonly ChatMessage[] {
    return this.chat.messages;
  }

  set messages(messages: readonly ChatMessage[] | null | undefined) {
    this.chat.messages = messages;
  }

  /**
   * The shown conversation's id, sent with each request as `session_id`. Set it to show a
   * saved conversation, or to start one under a new id; unset, a new conversation.
   */
  get conversationId(): string | undefined {
    return this.chat.sessionId;
  }

  set conversationId(id: string | null | undefined) {
    if (this.sessions) this.sessions.open(id);
    else this.chat.sessionId = id || undefined;
  }

  /** `'streaming'` while an answer arrives, `'error'` after a failure, else `'idle'`. Also reflected as the `status` attribute. */
  get status(): ChatStatus {
    return this.chat.status;
  }

  /**
   * Sends `content` as the user's message and streams the answer: text, or content parts
   * (text with images, files or audio).
   * @returns resolves when the answer completes or is stopped; rejects on an error, or when an answer is already streaming.
   */
  send(content: string | ContentPart[]): Promise<void> {
    this.scrollFollow.follow();
    return this.chat.send(content);
  }

  /**
   * Adds attachments to the next message, as if the user had picked them: files (checked
   * against `accept` and the limits, images scaled) or ready content parts, such as an
   * `https:` image link after the page uploaded the file itself.
   * @returns resolves when every file is ready or refused.
   */
  async addAttachments(items: Iterable<File | ContentPart>): Promise<void> {
    const tray = await this.loadAttachments();
    await tray.add(items);
  }

  /**
   * Drops the last answer (finished or interrupted) and asks again with the same history.
   * @returns settles like {@link send}.
   */
  regenerate(): Promise<void> {
    this.scrollFollow.follow();
    return this.chat.regenerate();
  }

  /**
   * Replaces the last user message's text with `text` (keeping its attachments, and adding
   * `attachments`), drops what followed it, and streams a new answer.
   * @returns settles like {@link send}.
   */
  editLastMessage(text: string, attachments: readonly ContentPart[] = []): Promise<void> {
    this.scrollFollow.follow();
    return this.chat.editLast(text, attachments);
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
    this.useMarkdownRoom();
    this.loadAttachmentsWhenNeeded();
    if ((this.tools?.length || this.webSearch) && !this.toolsLoad) void this.loadTools();
    if ((this.suggestions?.length || this.feedback || this.conversations || this.storageKey || this.store) && !this.conversationsLoad) void this.loadConversations();
    if (changed.has('storageKey') || changed.has('store') || changed.has('conversations')) this.useStore();
    if (this.models.length || this.accept || this.showUsage) {
      if (this.catalog) this.catalog.chat.ask(this.endpoint);
      else this.loadCatalog();
    }
    if (this.editing && (this.status === 'streaming' || this.chat.lastUserText === undefined)) this.editing = false;
  }

  protected override update(changed: PropertyValues<this>): void {
    // An answer that ends by itself (or is stopped from script) takes the stop button away;
    // if it had focus, focus would fall to the page. Keep it in the chat, as a Stop click does.
    const stopLosesFocus = this.status !== 'streaming' && this.stopHasFocus();
    super.update(changed);
    if (stopLosesFocus) this.input?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const log = this.log;
    if (log) this.scrollFollow.keepUp(log);
    this.sessions?.afterUpdate();
    this.attachments?.tray.retain(this.chat.messages);
    this.announceFinishedAnswer();
    this.focusApproval();
    if (changed.has('open') && changed.get('open') !== undefined) this.moveFocusForPanel();
    this.prefetchMarkdownRoom();
  }

  protected override render() {
    const strings = resolveStrings(this.strings);
    const attachments = this.attachments;
    const roomStrings = attachments?.room.strings(strings);
    const launcher: LauncherContext = {
      strings,
      launcher: this.variant === 'launcher',
      open: this.open,
      onToggle: () => this.togglePanel(),
    };
    const toolbar: ToolbarContext = {
      strings,
      models: this.models,
      model: this.model,
      hasMessages: this.messages.length > 0,
      picker: this.catalog?.room.renderPicker(this.catalog.chat, {
        strings,
        models: this.models,
        model: this.model,
        messages: this.chat.messages,
        pending: attachments?.tray.parts ?? [],
        onPick: (id) => (this.model = id),
      }),
      onModelChange: (event) => this.onModelChange(event),
      onClear: () => this.onClearClick(),
    };
    const accept = this.offeredAccept;
    const composer: ComposerContext = {
      strings,
      streaming: this.status === 'streaming',
      editing: this.editing,
      onSubmit: (event) => this.onSubmit(event),
      onStop: (event) => this.onStopClick(event),
      onCancelEdit: () => this.cancelEditing(),
      attachButton: attachments && accept ? attachments.room.renderAttachButton(attachments.tray, roomStrings!, accept) : undefined,
      pending: attachments?.room.renderPending(attachments.tray, roomStrings!),
    };
    return renderLauncher(
      launcher,
      html`${this.conversations ? this.sessions?.render(strings) : nothing}<slot name="header"></slot>
        ${renderToolbar(toolbar)}
        <div class="log-frame">
          ${this.renderLog(strings, roomStrings)} ${this.renderJumpButton(strings)} ${attachments?.room.renderDropTarget(attachments.tray, roomStrings!) ?? nothing}
        </div>
        ${this.renderError(strings)}
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-announcer></div>
        ${renderComposer(composer)} ${attachments?.room.renderViewer(attachments.tray, roomStrings!) ?? nothing}`,
    );
  }

  private renderLog(strings: ResolvedStrings, roomStrings: AttachmentStrings | undefined) {
    const entries = this.chat.entries.filter((entry) => entry.role !== 'system');
    const streaming = this.status === 'streaming';
    const attachments = this.attachments;
    const context: EntryContext = {
      strings,
      showUsage: this.showUsage,
      usageTotal: this.showUsage ? this.catalog?.chat.cost(entries, this.catalog.room.strings(strings)) : undefined,
      allowImages: this.allowImages,
      highlighter: this.highlighter,
      idle: !streaming,
      lastKey: entries.at(-1)?.key,
      lastUserKey: entries.filter((entry) => entry.role === 'user').at(-1)?.key,
      copyFeedback: this.copyFeedback,
      onCopy: (entry) => this.copyAnswer(entry),
      onRegenerate: () => this.runFromUi(() => this.regenerate()),
      onEdit: () => this.startEditing(),
      renderFeedback: this.feedbackView(strings),
      renderAttachments: attachments && ((parts) => attachments.room.renderMessageAttachments(attachments.tray, parts, roomStrings!)),
      renderTools: this.toolViews(strings, entries),
      renderImages: this.imageViews(strings, entries),
      math: this.mathRoom,
      onMath: () => (this.mathLoad ??= this.openRoom(import('../math/math-room.js').then((module) => module.mathRoom), (room) => (this.mathRoom = room))),
    };
    // aria-live="off": a log is polite by default, which would read every token; finished
    // answers are announced once by the live region instead.
    return html`<div
      part="log"
      class="log"
      role="log"
      aria-live="off"
      aria-label=${strings.conversation}
      aria-busy=${streaming ? 'true' : 'false'}
      tabindex="0"
      @scroll=${this.onLogScroll}
    >
      ${entries.length === 0 ? html`<slot name="empty" class="empty">${strings.empty}</slot>${this.renderSuggestions(strings)}` : nothing}
      ${renderEntries(entries, context, [this.arrivals, loadedMarkdownRoom()])}
    </div>`;
  }

  /**
   * How answers show their tool calls and sources: the tools room's templates once it has
   * loaded; before, nothing, and the first entry that has any loads the room.
   */
  private toolViews(strings: ResolvedStrings, entries: readonly ChatEntry[]): EntryContext['renderTools'] {
    const room = this.toolsRoom;
    if (!room) {
      if (entries.some((entry) => entry.toolCalls.length || entry.citations.length || entry.toolLimit)) void this.loadTools();
      return undefined;
    }
    const context = { strings: room.strings(strings), onDecide: (id: string, approved: boolean) => this.decideTool(id, approved) };
    return (entry) => room.renderAnswerTools(entry, context);
  }

  /** Generated images, with the images room; `image-output` or the first answer with images loads it. */
  private imageViews(strings: ResolvedStrings, entries: readonly ChatEntry[]): EntryContext['renderImages'] {
    const room = this.imagesRoom;
    if (!room) {
      if (this.imageOutput || entries.some((entry) => entry.images.length)) {
        this.imagesLoad ??= this.openRoom(import('../images/images-room.js').then((module) => module.imagesRoom), (loaded) => (this.imagesRoom = loaded));
      }
      return undefined;
    }
    const roomStrings = room.strings(strings);
    return (images) => room.renderImages(images, roomStrings);
  }

  /** Starter prompts, in the empty conversation; a click sends one, as typing it would. */
  private renderSuggestions(strings: ResolvedStrings) {
    const room = this.conversationsRoom;
    const prompts = Array.isArray(this.suggestions) ? this.suggestions : [];
    if (!room || !prompts.length) return nothing;
    return room.renderSuggestions(prompts, room.strings(strings), (prompt) => this.runFromUi(() => this.send(prompt)));
  }

  /** With `feedback`: the thumbs under finished answers, once the conversations room is there. */
  private feedbackView(strings: ResolvedStrings): EntryContext['renderFeedback'] {
    const room = this.conversationsRoom;
    if (!room || !this.feedback) return undefined;
    const roomStrings = room.strings(strings);
    return (entry) => room.renderFeedback(entry, roomStrings, (rated, rating) => this.chat.rate(rated.key, rating));
  }

  private renderJumpButton(strings: CoreChatStrings) {
    if (this.scrollFollow.following) return nothing;
    return html`<button part="jump-button" class="jump-button" type="button" @click=${this.onJumpClick}>
      ${arrowDownIcon}<span>${strings.jumpToLatest}</span>
    </button>`;
  }

  /** The alert is always present (and empty when all is well), so screen readers notice it fill. */
  private renderError(strings: CoreChatStrings) {
    const failure = this.chat.failure;
    // Retry lives on the interrupted answer when there is one; else here, after the question.
    const retryHere = failure && this.messages.at(-1)?.role === 'user';
    return html`<div class="error-row">
      <div part="error" class="error" role="alert">${failure ? errorText(failure, strings) : nothing}</div>
      ${retryHere
        ? html`<button part="retry-button" class="retry" type="button" @click=${() => this.runFromUi(() => this.regenerate())}>
            ${strings.retry}
          </button>`
        : nothing}
    </div>`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.sendInput();
  }

  private onKeydown(event: KeyboardEvent): void {
    // During an IME composition Enter confirms it and Esc cancels it: neither is for the chat.
    // A key something inside already handled (Esc closing the image viewer) is not either.
    if (isImeComposing(event) || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      this.onEscape(event);
      return;
    }
    // composedPath()[0]: at the host, the event's target is retargeted to the host itself.
    if (event.key === 'Enter' && !event.shiftKey && event.composedPath()[0] === this.input) {
      event.preventDefault();
      this.sendInput();
    }
  }

  /** Esc undoes the most recent thing: a streaming answer, then an edit, then the open panel. */
  private onEscape(event: KeyboardEvent): void {
    if (this.status === 'streaming') this.stopAndRefocus();
    else if (this.editing) this.cancelEditing();
    else if (this.variant === 'launcher' && this.open) this.open = false;
    else return;
    event.preventDefault();
  }

  private onStopClick(event: MouseEvent): void {
    // Stop takes Send's place as soon as Send is clicked, so the second click of a double-click
    // on Send lands on Stop and would abort the answer it just started. Keys click with detail 0.
    if (event.detail > 1) return;
    this.stopAndRefocus();
  }

  private stopAndRefocus(): void {
    this.stop();
    // The stop button is about to disappear; keep focus in the chat rather than losing it to the page.
    this.input?.focus();
  }

  private onClearClick(): void {
    this.clear();
    // The clear button disappears with the conversation.
    this.input?.focus();
  }

  private onModelChange(event: Event): void {
    this.model = (event.target as HTMLSelectElement).value || undefined;
  }

  private onLogScroll(): void {
    const log = this.log;
    if (log) this.scrollFollow.onScroll(log);
  }

  private onJumpClick(): void {
    const log = this.log;
    if (!log) return;
    const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.scrollFollow.jump(log, reduceMotion ? 'instant' : 'smooth');
    // The button goes away now that the log follows; the box is the natural next stop.
    this.input?.focus();
  }

  private togglePanel(): void {
    this.open = !this.open;
  }

  /** Opening moves focus into the panel; closing brings it back to the button that opened it. */
  private moveFocusForPanel(): void {
    if (this.variant !== 'launcher') return;
    if (this.open) this.input?.focus();
    else this.renderRoot.querySelector<HTMLElement>('.launcher-button')?.focus();
  }

  private startEditing(): void {
    const input = this.input;
    const text = this.chat.lastUserText;
    if (!input || text === undefined) return;
    if (!this.editing) this.draftBeforeEdit = input.value;
    this.editing = true;
    input.value = text;
    input.focus();
    input.setSelectionRange(text.length, text.length);
  }

  /** Leaves editing and puts back what the user had typed before it began. */
  private cancelEditing(): void {
    this.editing = false;
    const input = this.input;
    if (!input) return;
    input.value = this.draftBeforeEdit;
    this.draftBeforeEdit = '';
    input.focus();
  }

  /** Copies the answer's markdown source, which pastes well both as text and into editors. */
  private copyAnswer(entry: ChatEntry): void {
    const done = (copied: boolean) => {
      this.copyFeedback = { key: entry.key, copied };
      clearTimeout(this.copyFeedbackTimer);
      this.copyFeedbackTimer = setTimeout(() => (this.copyFeedback = undefined), COPY_FEEDBACK_MS);
    };
    // `clipboard` is missing on insecure (http) pages; that is a refusal like any other.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(entry.content))
      .then(() => done(true), () => done(false));
  }

  /**
   * Starts an answer from a button. The button goes away while the answer streams, so focus
   * moves to the box; failures are shown in the alert region and fired as events.
   */
  private runFromUi(start: () => Promise<void>): void {
    start().catch(() => {});
    this.input?.focus();
  }

  private sendInput(): void {
    const input = this.input;
    const tray = this.attachments?.tray;
    if (!input || this.status === 'streaming') return;
    if (tray?.preparing) {
      tray.sayWait();
      return;
    }
    const text = input.value;
    const attachments = tray?.parts ?? [];
    if (!text.trim() && (this.editing || !attachments.length)) return;
    // Failures are shown in the alert region and fired as events; nothing more to do here.
    (this.editing ? this.editLastMessage(text, attachments) : this.send(userContent(text, attachments))).catch(() => {});
    // Sending starts synchronously: clear the box only if the message really went out, so a
    // refused one (invalid model, cancelled send event) is not lost.
    if (this.chat.status === 'streaming') {
      input.value = '';
      this.editing = false;
      tray?.take();
    }
    input.focus();
  }

  /**
   * Loads the attachments room once `accept` is set or the conversation holds parts. Runs
   * at every update (every frame while an answer streams): the conversation is looked
   * through only when it changed.
   */
  private loadAttachmentsWhenNeeded(): void {
    const messages = this.chat.messages;
    if (this.attachmentsLoad || (!this.accept && messages === this.conversationChecked)) return;
    this.conversationChecked = messages;
    if (this.accept || messages.some((message) => Array.isArray(message.content))) void this.loadAttachments();
  }

  /**
   * Loads the attachments room (its own chunk in the bundler build) and sets up its tray,
   * once: a page without `accept` and without attachments in its conversation never loads it.
   */
  private loadAttachments(): Promise<AttachmentTray> {
    this.attachmentsLoad ??= this.openRoom(import('../attachments/attachments-room.js').then((module) => module.attachmentsRoom), (room) => {
      const tray = new room.AttachmentTray(
        this,
        () => ({ accept: this.offeredAccept ?? '', maxAttachments: positiveOr(this.maxAttachments, 4), maxBytes: positiveOr(this.maxAttachmentBytes, 5 * 1024 * 1024) }),
        () => room.strings(resolveStrings(this.strings)),
        room.kit,
      );
      this.attachments = { room, tray };
      return tray;
    });
    return this.attachmentsLoad;
  }

  /**
   * Loads the tools room (its own file, like the attachments'), once: when the page sets
   * `tools` or `web-search`, or the conversation shows a tool call or a source.
   */
  private loadTools(): Promise<ToolsRoom> {
    this.toolsLoad ??= this.openRoom(import('../tools/tools-room.js').then((module) => module.toolsRoom), (room) => (this.toolsRoom = room));
    return this.toolsLoad;
  }

  /** Loads the conversations room once `suggestions`, `feedback`, `conversations`, `storage-key` or `store` is set. */
  private loadConversations(): Promise<ConversationsRoom> {
    this.conversationsLoad ??= this.openRoom(import('../conversations/conversations-room.js').then((module) => module.conversationsRoom), (room) => {
      this.sessions = room.conversations({
        element: this,
        chat: () => this.chat,
        show: (chat) => {
          this.chat = chat;
          this.editing = false;
          this.requestUpdate();
        },
        createChat: () => this.createChat(),
        focusInput: () => this.input?.focus(),
      });
      this.useStore();
      return (this.conversationsRoom = room);
    });
    return this.conversationsLoad;
  }

  /** Saves to the store the settings name (once the room is there). */
  private useStore(): void {
    void this.sessions?.use(this.store, this.storageKey, this.conversations);
  }

  /**
   * Loads the catalog room once the chat has a picker, attachments or usage to show; the room
   * asks the endpoint for its catalog (each endpoint once per page). Neither the first render
   * nor a send waits for it; without an answer (a proxy with no catalog) the chat works as it
   * does without one.
   */
  private loadCatalog(): void {
    this.catalogLoad ??= this.openRoom(import('../catalog/catalog-room.js').then((module) => module.catalogRoom), (room) => {
      this.catalog = { room, chat: new room.CatalogChat(this) };
      this.catalog.chat.ask(this.endpoint);
    });
  }

  /** `accept`, cut down to the kinds the chosen model reads once the catalog says which. */
  private get offeredAccept(): string | undefined {
    return this.catalog ? this.catalog.chat.accept(this.accept, this.model) : this.accept;
  }

  /**
   * Makes a room (every build leaves its import pointing at the room's own file, see
   * vite.config.ts) with the element's kit, hands it to `keep`, adopts its styles after the
   * element's own, and renders again (after `keep`, so the render sees the room).
   * @returns what `keep` returns.
   */
  private async openRoom<Room extends { readonly styles: CSSResult }, Kept>(loaded: Promise<(kit: RoomKit) => Room>, keep: (room: Room) => Kept): Promise<Kept> {
    const room = (await loaded)(this.roomKit());
    const kept = keep(room);
    this.adoptRoomStyles(room.styles);
    this.requestUpdate();
    return kept;
  }

  /** Adopts a room's stylesheet after the element's own and those of the rooms before it. */
  private adoptRoomStyles(sheet: CSSResult): void {
    this.roomStyles = [...this.roomStyles, sheet];
    adoptStyles(this.renderRoot as ShadowRoot, [...OpenRouterChat.elementStyles, ...this.roomStyles]);
  }

  /** Whether the conversation is on screen: always inline, while open as a launcher. */
  private get shown(): boolean {
    return this.variant !== 'launcher' || this.open;
  }

  /**
   * The markdown room, one per page (`markdown-loader.ts`). Once the page has it, this element
   * adopts its stylesheet (in this update, before the render that uses it) and every answer
   * renders with it. Before, answers show as plain text, and the room is asked for when an
   * answer is coming (a send, in parallel with its request) or the chat shows messages (set or
   * restored; a closed launcher shows none), the element rendering again when it arrives.
   */
  private useMarkdownRoom(): void {
    const room = loadedMarkdownRoom();
    if (room) {
      if (!this.roomStyles.includes(room.styles)) this.adoptRoomStyles(room.styles);
    } else if (this.status === 'streaming' || (this.shown && this.messages.length > 0)) {
      this.markdownLoad ??= loadMarkdownRoom().then(
        () => this.requestUpdate(),
        // The file did not load: answers stay plain text, and everything else works.
        () => {},
      );
    }
  }

  /**
   * Once the chat is on screen, asks for the markdown room when the browser is next idle, so a
   * first answer practically never waits for it and the first paint never does. A closed
   * launcher asks for nothing.
   *
   * Why a frame and a task first: before the first frame Chromium has idle periods too (while
   * it waits for the frame), and an idle callback asked for in the first update ran there in
   * some start-up benchmark runs, fetching and compiling the room before the element was
   * interactive. Asked for in the task after the next frame, it comes after the first paint.
   */
  private prefetchMarkdownRoom(): void {
    if (this.markdownPrefetch || this.markdownLoad || !this.shown || loadedMarkdownRoom()) return;
    this.markdownPrefetch = true;
    const fetchRoom = () => void loadMarkdownRoom().catch(() => {});
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (typeof requestIdleCallback === 'function') requestIdleCallback(fetchRoom, { timeout: MARKDOWN_PREFETCH_MS });
        else setTimeout(fetchRoom, MARKDOWN_PREFETCH_MS);
      }),
    );
  }

  private roomKit(): RoomKit {
    return {
      html,
      svg,
      css,
      nothing,
      icon,
      closeIcon,
      AttachmentEvent: OpenRouterChatAttachmentEvent,
      ToolCallEvent: OpenRouterChatToolCallEvent,
      ToolResultEvent: OpenRouterChatToolResultEvent,
      ConversationEvent: OpenRouterChatConversationEvent,
      editIcon,
      clearIcon,
    };
  }

  /** Announces each change of a call's state once, and moves focus to a call that needs the user. */
  private onToolState(id: string, name: string, status: ToolCallStatus): void {
    if (status === 'awaiting-approval') this.approvalToFocus = id;
    void this.loadTools().then((room) => {
      this.announce(room.strings(resolveStrings(this.strings)).toolAnnouncement(name, status));
    });
  }

  private decideTool(id: string, approved: boolean): void {
    this.chat.decideTool(id, approved);
    // The buttons go away with the decision; the box is the natural next stop.
    this.input?.focus();
  }

  /** Focuses the Approve button of a call that just began waiting, once it is rendered. */
  private focusApproval(): void {
    const id = this.approvalToFocus;
    const button = id && this.renderRoot.querySelector<HTMLElement>(`[data-approve="${CSS.escape(id)}"]`);
    if (!button) return;
    this.approvalToFocus = undefined;
    button.focus();
  }


  /**
   * Announces a finished answer once, as rendered text (not markdown source), without the
   * labels of its controls. A fresh node each time, so an answer equal to the previous one is
   * still announced.
   */
  private announceFinishedAnswer(): void {
    const key = this.unannouncedKey;
    if (key === undefined) return;
    this.unannouncedKey = undefined;
    // The answer is the newest message: look in the last chunk, not the whole conversation.
    const content = this.log?.lastElementChild?.lastElementChild?.querySelector(`[data-key="${key}"] .content`);
    // Without the markdown room the answer is plain text, which reads as it is.
    if (content) this.announce(loadedMarkdownRoom()?.spokenText(content) ?? content.textContent ?? '');
  }

  /** Says `text` through the live region: a fresh node each time, so a repeated text is said again. */
  private announce(text: string): void {
    const line = document.createElement('p');
    line.textContent = text;
    this.renderRoot.querySelector('[data-announcer]')?.replaceChildren(line);
  }
}

/** `value` when it is a positive number (attributes can be garbled), else `fallback`. */
function positiveOr(value: number, fallback: number): number {
  return value > 0 ? value : fallback;
}

/** Whether a key belongs to an IME composition (`isComposing`, or keyCode 229 in older Safari). */
function isImeComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/**
 * A page may set a property on the element before its class is defined (a script-tag page
 * that restores `chat.messages` before the bundle has loaded). That value is an own property
 * of the element, which hides the class's accessor for good; this hands it to the accessor.
 */
function upgradeProperty<T extends HTMLElement>(element: T, name: keyof T): void {
  if (!Object.hasOwn(element, name)) return;
  const value = element[name];
  Reflect.deleteProperty(element, name);
  element[name] = value;
}

declare global {
  interface HTMLElementTagNameMap {
    'openrouter-chat': OpenRouterChat;
  }
}
