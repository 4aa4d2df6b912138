/**
 * The conversation and its one running answer, as a Lit reactive controller. It owns the
 * request lifecycle (send, stream, stop, fail) and fires the public events on its host; the
 * element only renders what this controller holds.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatStreamError, streamChat, type ChatStreamChunk } from '../stream/chat-stream.js';
import {
  OpenRouterChatAbortEvent,
  OpenRouterChatCompleteEvent,
  OpenRouterChatDeltaEvent,
  OpenRouterChatErrorEvent,
  OpenRouterChatFeedbackEvent,
  OpenRouterChatSendEvent,
  type ChatErrorDetail,
} from '../events.js';
import { FrameScheduler } from './frame-scheduler.js';
import type { ToolCallState, ToolLoop, ToolLoopHost } from './tool-loop-host.js';
import { historyWindow } from './history-window.js';
import { modelIdProblem } from './model-id.js';
import { attachmentsOf, NO_ATTACHMENTS, sameContent, textOf, userContent } from './message-content.js';
import type {
  AssistantMessage,
  ChatMessage,
  ChatRequestBody,
  ChatRole,
  ChatStatus,
  ChatTool,
  ChatUsage,
  Citation,
  ContentPart,
  GeneratedImage,
  RequestTool,
  ToolCall,
  ToolChoice,
} from '../types.js';

/** What the host decides about a request; read fresh at every `send()`. */
export interface ChatSettings {
  endpoint: string;
  model?: string;
  systemPrompt?: string;
  temperature?: number;
  /** Give up when the server sends no byte for this long; `streamChat`'s default when unset. */
  idleTimeoutMs?: number;
  /** The most messages per request, system prompt included; unset for no limit. */
  historyLimit?: number;
  /** The page's tools, offered to the model and run when it calls them. */
  tools?: readonly ChatTool[];
  toolChoice?: ToolChoice;
  /** The most rounds of tool calls in one answer. */
  maxToolSteps: number;
  /** The longest one tool call may run. */
  toolTimeoutMs: number;
  /** Asks OpenRouter to search the web (its `openrouter:web_search` server tool). */
  webSearch?: boolean;
  /** Whether a history window fits the model's context (from the catalog); unset, any does. */
  fitsContext?: (window: readonly ChatMessage[]) => boolean;
  /** Asks for images as well as text (`modalities: ['image', 'text']`). */
  imageOutput?: boolean;
}

/** The element hosting the controller: it renders, and the events are fired on it. */
export type ChatControllerHost = ReactiveControllerHost & EventTarget;

/** What the host tells the controller beyond its settings; fixed for the controller's life. */
export interface ChatControllerHooks {
  /**
   * The sentence a person is shown for a failure, carried by the error event's
   * `detail.message`; the host's alert shows the same sentence (one function for both).
   * Default: the error's own message.
   */
  describeError?: (error: ChatStreamError) => string;
  /** Called after each answer ends by itself (with or without text), after the complete event. */
  onComplete?: (entry: ChatEntry) => void;
  /** Called when a tool call changes state, to announce it. */
  onToolState?: (call: ToolCall, status: ToolCallStatus) => void;
  /** Makes the tool loop of an answer (the tools room's, loaded with the first tool data of a stream). */
  loadToolLoop?: () => Promise<(host: ToolLoopHost) => ToolLoop>;
}

/** Where a tool call stands, as its block shows it. */
export type ToolCallStatus = 'running' | 'awaiting-approval' | 'done' | 'error' | 'denied';

/** What went wrong with a call that is the model's mistake: a tool the page does not have, or arguments that are not JSON. */
export type ToolCallProblem = 'unknown-tool' | 'bad-arguments';

/** A tool call as the element shows it. */
export interface ToolCallEntry extends Partial<ToolCallState> {
  readonly call: ToolCall;
  /** The `tool` message's content, once there is one. */
  readonly result?: string;
}

/** Why an answer's tool loop ended before the model was done. */
export type ToolLimit = 'steps' | 'calls';

/**
 * One message as the element shows it: the streaming answer included, with what the chat
 * knows about it beyond `{ role, content }`.
 */
export interface ChatEntry {
  /**
   * Stable for the life of the message, and the same for a streaming answer and the message
   * it becomes, so a keyed render keeps (and only extends) its DOM.
   */
  readonly key: number;
  readonly role: ChatRole;
  /** The message's text (a user message's text parts joined). */
  readonly content: string;
  /** A user message's attachments: its parts other than text, in order. */
  readonly attachments: readonly ContentPart[];
  /** An answer's generated images (unchecked: the view shows only safe ones). */
  readonly images: readonly GeneratedImage[];
  /** The model's reasoning, when it streamed any. */
  readonly reasoning: string;
  /** Token accounting of an answer, when the server sent it. */
  readonly usage?: ChatUsage;
  /**
   * `streaming`: arriving now; `interrupted`: cut short by a stop or an error (with no text
   * when stopped before any came: then not part of `messages`); `done`: finished; `empty`:
   * finished without any text (not part of `messages`).
   */
  readonly state: 'streaming' | 'interrupted' | 'done' | 'empty';
  /** Why an `empty` answer ended, as the server said (`content_filter`, `length`, …). */
  readonly finishReason?: string | null;
  /** An answer's tool calls, in order (none for most messages). */
  readonly toolCalls: readonly ToolCallEntry[];
  /** The sources an answer cites (web search), deduplicated by URL. */
  readonly citations: readonly Citation[];
  /** Set on the answer where the tool loop stopped before the model was done. */
  readonly toolLimit?: ToolLimit;
  /** How the reader rated the answer (`feedback`). */
  readonly feedback?: Rating;
}

/** A reader's rating of an answer (the `feedback` thumbs). */
export type Rating = 'up' | 'down';

/** What is saved beside a message: whether the answer was interrupted, and how it was rated. */
export interface MessageMarks {
  interrupted?: boolean;
  feedback?: Rating;
}

/** A message to restore, with its marks. */
export type RestoredMessage = ChatMessage & MessageMarks;

/** What the chat knows about a message beyond its role and content. */
interface MessageFacts {
  readonly key: number;
  readonly reasoning: string;
  readonly usage?: ChatUsage;
  readonly interrupted: boolean;
  readonly feedback?: Rating;
  readonly citations?: readonly Citation[];
  readonly toolLimit?: ToolLimit;
}

const NO_TOOL_CALLS: readonly ToolCallEntry[] = [];
/**
 * Message keys, shared by every chat of the page: an element shows one conversation at a
 * time, and a keyed render must never take one conversation's message for another's.
 */
let nextKey = 1;
const NO_CITATIONS: readonly Citation[] = [];
const NO_IMAGES: readonly GeneratedImage[] = [];

/** One answer being streamed. A stopped or failed run is replaced, never reused. */
interface Run {
  /** The step streaming now; each round of tool calls closes a step and starts the next under a new key. */
  key: number;
  readonly abort: AbortController;
  /**
   * False while the send event's listeners run: until the request starts, a stop only
   * releases the slot (nothing was asked, so nothing is interrupted or reported).
   */
  started: boolean;
  answer: string;
  reasoning: string;
  finishReason: string | null;
  usage?: ChatUsage;
  model?: string;
  /** This step's reasoning record, sent back with its tool calls. */
  details: unknown[];
  citations: readonly Citation[];
  images: GeneratedImage[];
  toolLimit?: ToolLimit;
  /** The answer's tool loop, made with the first tool data of its stream. */
  loop?: ToolLoop;
}

/** Conversation state and the single in-flight request of one chat element. */
export class ChatController implements ReactiveController {
  private conversation: readonly ChatMessage[] = [];
  /**
   * The running answer, if any. Each async step of a run checks it is still this one
   * (identity is the run-id guard): a stopped run must never write over what came after.
   */
  private run?: Run;
  private lastError?: ChatErrorDetail;
  private lastFailure?: ChatStreamError;
  /**
   * The last answer when it ended without any text: finished so (shown with why), or stopped
   * before any came (shown as interrupted). It is kept out of the conversation: providers
   * refuse empty assistant turns.
   */
  private emptyAnswer?: ChatEntry;
  /**
   * Facts about each message, kept beside it so `messages` stays plain OpenAI messages
   * (what the endpoint gets and what pages compare).
   */
  private facts = new WeakMap<ChatMessage, MessageFacts>();
  /**
   * The entry last shown for each message's facts (which are replaced, never changed, as the
   * message is): an unchanged message keeps its entry object from render to render, so the
   * log can skip what did not change (`views/log-view.ts`). Not for turns with tool calls,
   * whose results and states live elsewhere.
   */
  private shown = new WeakMap<MessageFacts, ChatEntry>();
  /** The entries of the conversation as last listed (it is replaced, never changed, on every change). */
  private listed?: { readonly conversation: readonly ChatMessage[]; readonly entries: readonly ChatEntry[] };
  /** Where each tool call run in this chat's life stands, by id (restored ones are judged by their results). */
  private toolStates = new Map<string, ToolCallState>();
  /** The conversation's id, sent as `session_id` (OpenRouter keeps the conversation on one provider). */
  sessionId?: string;
  /** Many deltas can land in one frame; one render per frame keeps long answers cheap. */
  private readonly render = new FrameScheduler(() => this.host.requestUpdate());

  constructor(
    private readonly host: ChatControllerHost,
    private readonly settings: () => ChatSettings,
    private readonly hooks: ChatControllerHooks = {},
  ) {
    host.addController(this);
  }

  /** The conversation: the user's messages and the finished (or interrupted) answers. */
  get messages(): readonly ChatMessage[] {
    return this.conversation;
  }

  /**
   * Replaces the conversation (to restore one). Setting the conversation it already holds
   * (the same array, or the same messages) changes nothing, so a framework that mirrors
   * `messages` into its state and sets it back on render never stops the answer. Any other
   * conversation stops a running answer first, without an abort event: the page that sets a
   * property knows it did. `null` and `undefined` mean an empty conversation.
   */
  set messages(messages: readonly ChatMessage[] | null | undefined) {
    const next = messages ?? [];
    if (sameConversation(next, this.conversation)) return;
    this.restore(next);
  }

  /**
   * Replaces the conversation, keeping which answers were interrupted; stops a running
   * answer first, silently (see {@link messages}).
   */
  restore(messages: readonly RestoredMessage[]): void {
    this.end({ report: false });
    this.conversation = messages.map(({ interrupted, feedback, ...given }) => {
      const message = restoredMessage(given);
      const rating = feedback === 'up' || feedback === 'down' ? feedback : undefined;
      this.facts.set(message, { key: nextKey++, reasoning: '', interrupted: interrupted === true, feedback: rating });
      return message;
    });
    this.forgetOutcome();
    this.render.runNow();
  }

  /** `streaming` while an answer runs, `error` after a failure, otherwise `idle`. */
  get status(): ChatStatus {
    if (this.run) return 'streaming';
    return this.lastError ? 'error' : 'idle';
  }

  /** The last failure, until the next send, stop or clear. */
  get error(): ChatErrorDetail | undefined {
    return this.lastError;
  }

  /** The error behind {@link error}, with its kind and the wait a rate limit asked for. */
  get failure(): ChatStreamError | undefined {
    return this.lastFailure;
  }

  /** What is saved beside `message`: only the marks it has. */
  marksOf(message: ChatMessage): MessageMarks {
    const { interrupted, feedback } = this.factsOf(message);
    return { ...(interrupted && { interrupted }), ...(feedback && { feedback }) };
  }

  /**
   * Rates the answer shown under `key` and fires the feedback event; the rating it already
   * has changes nothing.
   */
  rate(key: number, rating: Rating): void {
    const index = this.conversation.findIndex((message) => message.role === 'assistant' && this.factsOf(message).key === key);
    const message = this.conversation[index];
    if (!message || this.factsOf(message).feedback === rating) return;
    this.facts.set(message, { ...this.factsOf(message), feedback: rating });
    // A new array, so the host sees the conversation changed (and saves the rating).
    this.conversation = [...this.conversation];
    this.render.runNow();
    this.host.dispatchEvent(new OpenRouterChatFeedbackEvent({ message, index, rating }));
  }

  /** The conversation as shown: every message, then an answer that ended empty or the one streaming now. */
  get entries(): ChatEntry[] {
    const listed = this.listed?.conversation === this.conversation ? this.listed.entries : this.list();
    const entries = [...listed];
    if (this.emptyAnswer) entries.push(this.emptyAnswer);
    const run = this.run;
    if (run) {
      const toolCalls = run.loop?.streamingCalls.map((call) => ({ call, status: 'running' as const })) ?? NO_TOOL_CALLS;
      entries.push({ key: run.key, role: 'assistant', content: run.answer, attachments: NO_ATTACHMENTS, images: run.images, reasoning: run.reasoning, state: 'streaming', toolCalls, citations: run.citations });
    }
    return entries;
  }

  /** The conversation's messages as entries, kept until it changes (each frame of an answer lists them). */
  private list(): readonly ChatEntry[] {
    // Tool results are shown in their call's block, not as messages of their own.
    const results = new Map<string, string>();
    for (const message of this.conversation) if (message.role === 'tool') results.set(message.tool_call_id, message.content);
    const entries: ChatEntry[] = [];
    for (const message of this.conversation) {
      if (message.role === 'tool') continue;
      const facts = this.factsOf(message);
      const toolCalls =
        message.role === 'assistant' && message.tool_calls
          ? message.tool_calls.map((call) => ({ call, result: results.get(call.id), ...this.toolStates.get(call.id) }))
          : NO_TOOL_CALLS;
      let entry = this.shown.get(facts);
      if (!entry || toolCalls !== NO_TOOL_CALLS) {
        const { key, reasoning, usage, interrupted, feedback, citations = NO_CITATIONS, toolLimit } = facts;
        const { role, content } = message;
        const images = (message.role === 'assistant' && message.images) || NO_IMAGES;
        const state = interrupted ? 'interrupted' : 'done';
        entry = { key, role, content: textOf(content), attachments: attachmentsOf(content), images, reasoning, usage, state, toolCalls, citations, toolLimit, feedback };
        this.shown.set(facts, entry);
      }
      entries.push(entry);
    }
    this.listed = { conversation: this.conversation, entries };
    return entries;
  }

  /**
   * Answers a call waiting for approval: Approve runs it, Deny sends the model a "denied by
   * the user" result. A call that is not waiting is left alone.
   */
  decideTool(id: string, approved: boolean): void {
    this.run?.loop?.decide(id, approved);
  }

  /** Removing the host mid-stream must not leave a request (and its bill) running. */
  hostDisconnected(): void {
    this.stop();
  }

  /**
   * Sends `content` as the user's next message and streams the answer: text, or content
   * parts (text and attachments).
   *
   * @returns a promise that resolves when the answer completes, when `stop()` ends it, or
   * at once when a listener cancels the send event; it rejects on any failure (after the
   * error event), and when an answer is already streaming (then nothing else happens).
   */
  async send(content: string | ContentPart[]): Promise<void> {
    this.refuseWhileStreaming();
    const empty = Array.isArray(content) ? content.length === 0 : !String(content).trim();
    if (empty) throw new TypeError('send() needs a message with some text or an attachment.');
    return this.start([...this.conversation, { role: 'user', content: Array.isArray(content) ? [...content] : String(content) }]);
  }

  /**
   * Asks again for the answer to the last user message: the answer after it (finished or
   * interrupted) is dropped and the same history is sent. Settles like {@link send}.
   */
  async regenerate(): Promise<void> {
    this.refuseWhileStreaming();
    const last = this.lastUserIndex();
    if (last < 0) throw new Error('regenerate() needs a user message to answer.');
    return this.start(this.conversation.slice(0, last + 1));
  }

  /**
   * Replaces the text of the last user message with `text`, keeping its attachments (and
   * adding `added`), drops everything after it and streams a new answer. Settles like
   * {@link send}.
   */
  async editLast(text: string, added: readonly ContentPart[] = []): Promise<void> {
    this.refuseWhileStreaming();
    if (!text.trim()) throw new TypeError('editLast() needs a message with some text.');
    const last = this.lastUserIndex();
    if (last < 0) throw new Error('editLast() needs a user message to replace.');
    const attachments = [...attachmentsOf(this.conversation[last].content), ...added];
    return this.start([...this.conversation.slice(0, last), { role: 'user', content: userContent(text, attachments) }]);
  }

  /** The text of the last user message, if there is one. */
  get lastUserText(): string | undefined {
    const last = this.conversation[this.lastUserIndex()];
    return last && textOf(last.content);
  }

  /**
   * Requests an answer to `messages` (which end with a user message) and streams it. They all
   * become the conversation; the request carries the latest that fit the history limit.
   */
  private async start(messages: readonly ChatMessage[]): Promise<void> {
    const settings = this.settings();
    const problem = settingsProblem(settings);
    if (problem) {
      this.fail(undefined, new ChatStreamError('invalid-request', problem));
    }

    const model = settings.model || undefined;
    const run: Run = {
      key: nextKey++,
      abort: new AbortController(),
      started: false,
      answer: '',
      reasoning: '',
      finishReason: null,
      details: [],
      citations: NO_CITATIONS,
      images: [],
    };
    // Claim the one slot before listeners run, so a send() from a send listener is refused too.
    this.run = run;
    const sent = historyWindow(messages, settings.historyLimit, Boolean(settings.systemPrompt), settings.fitsContext);
    const proceed = this.host.dispatchEvent(new OpenRouterChatSendEvent({ messages: sent, model }));
    if (this.run !== run) return;
    if (!proceed) {
      this.run = undefined;
      return;
    }
    run.started = true;
    this.conversation = messages;
    this.forgetOutcome();
    this.render.runNow();
    try {
      let request = sent;
      for (;;) {
        const chunks = streamChat({
          endpoint: settings.endpoint,
          body: requestBody(settings, request, this.sessionId),
          signal: run.abort.signal,
          idleTimeoutMs: settings.idleTimeoutMs,
        });
        for await (const chunk of chunks) {
          if (this.run !== run) return;
          if (chunk.type === 'tool-data' && !run.loop) {
            // The stream waits the moment the tools room takes to load; nothing is lost.
            run.loop = await this.startToolLoop(run, settings);
            if (this.run !== run) return;
          }
          this.apply(run, chunk);
        }
        const next = await run.loop?.endStep();
        if (this.run !== run) return;
        if (!next) break;
        request = [...request, ...next];
      }
    } catch (error) {
      // A stopped run ends with its abort; stop() has already reported it.
      if (this.run !== run) return;
      this.fail(run, toChatStreamError(error));
    }
    if (this.run === run) this.complete(run);
  }

  /** Stops the running answer: the request is aborted, the partial answer kept. */
  stop(): void {
    this.end({ report: true });
  }

  /**
   * Ends the running answer. Before its request started (inside a send listener) that only
   * releases the slot; after, the request is aborted and the partial answer kept, and
   * `report` fires the abort event.
   */
  private end({ report }: { report: boolean }): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    if (!run.started) return;
    run.abort.abort();
    run.loop?.stop();
    // Stopped before any text: the stop is shown in the answer's place, with its Retry.
    if (run.answer || run.images.length) this.keepPartial(run);
    else this.emptyAnswer = emptyAnswerEntry(run, 'interrupted');
    this.render.runNow();
    if (report) this.host.dispatchEvent(new OpenRouterChatAbortEvent({ partial: run.answer }));
  }

  /** Stops any running answer and forgets the conversation and the last error. */
  clear(): void {
    this.end({ report: true });
    this.conversation = [];
    this.forgetOutcome();
    this.render.runNow();
  }

  private refuseWhileStreaming(): void {
    if (this.run) {
      throw new Error('An answer is still streaming: wait for it to finish or call stop() before sending again.');
    }
  }

  private lastUserIndex(): number {
    for (let index = this.conversation.length - 1; index >= 0; index--) {
      if (this.conversation[index].role === 'user') return index;
    }
    return -1;
  }

  /** Facts of a message; one the chat has not seen (set from outside) gets a key now. */
  private factsOf(message: ChatMessage): MessageFacts {
    let facts = this.facts.get(message);
    if (!facts) {
      facts = { key: nextKey++, reasoning: '', interrupted: false };
      this.facts.set(message, facts);
    }
    return facts;
  }

  /** Forgets how the last answer ended: its error, or its having no text. */
  private forgetOutcome(): void {
    this.lastError = undefined;
    this.lastFailure = undefined;
    this.emptyAnswer = undefined;
  }

  private apply(run: Run, chunk: ChatStreamChunk): void {
    switch (chunk.type) {
      case 'content':
        // String append: V8 builds a rope, so each delta costs O(delta) and `text` is free.
        run.answer += chunk.text;
        this.host.dispatchEvent(new OpenRouterChatDeltaEvent({ delta: chunk.text, text: run.answer }));
        this.render.schedule();
        break;
      case 'reasoning':
        run.reasoning += chunk.text;
        this.host.dispatchEvent(new OpenRouterChatDeltaEvent({ delta: '', reasoning: chunk.text, text: run.answer }));
        this.render.schedule();
        break;
      case 'finish':
        run.finishReason = chunk.finishReason;
        run.model = chunk.model;
        break;
      case 'usage':
        run.usage = chunk.usage;
        break;
      case 'keepalive':
        // The server is alive; the idle timeout in streamChat already counts it.
        break;
      case 'reasoning-details':
        run.details.push(...chunk.details);
        break;
      case 'images':
        // A new array, so the streaming entry's images are seen to change.
        run.images = [...run.images, ...chunk.images];
        this.render.schedule();
        break;
      case 'tool-data':
        run.loop?.apply(chunk.chunk);
        this.render.schedule();
        break;
    }
  }

  /** The tool loop of `run`, given what it may change: the steps, the results, the calls' states. */
  private async startToolLoop(run: Run, settings: ChatSettings): Promise<ToolLoop | undefined> {
    const create = await this.hooks.loadToolLoop?.();
    return create?.({
      step: run,
      signal: run.abort.signal,
      settings,
      target: this.host,
      closeStep: (turn) => {
        this.facts.set(turn, { key: run.key, reasoning: run.reasoning, interrupted: false, citations: run.citations });
        this.conversation = [...this.conversation, turn];
        // The next step is a new message, under a new key.
        run.key = nextKey++;
        run.answer = '';
        run.reasoning = '';
        run.details = [];
        run.citations = NO_CITATIONS;
        this.render.runNow();
      },
      addResult: (message) => {
        this.conversation = [...this.conversation, message];
        this.render.schedule();
      },
      setState: (call, state) => {
        const known = this.toolStates.get(call.id);
        this.toolStates.set(call.id, { ...state, server: state.server ?? known?.server });
        this.listed = undefined;
        this.render.schedule();
        if (known?.status !== state.status) this.hooks.onToolState?.(call, state.status);
      },
    });
  }

  private complete(run: Run): void {
    this.run = undefined;
    const message = answerMessage(run);
    if (run.answer || run.images.length) this.append(run, message, false);
    else this.emptyAnswer = emptyAnswerEntry(run, 'empty');
    this.render.runNow();
    // Taken before the event: a listener may start the next answer at once.
    const entry = this.entries.at(-1);
    this.host.dispatchEvent(
      new OpenRouterChatCompleteEvent({ message, finishReason: run.finishReason, usage: run.usage, model: run.model }),
    );
    if (entry) this.hooks.onComplete?.(entry);
  }

  /** Reports a failure and rejects the caller with it. */
  private fail(run: Run | undefined, error: ChatStreamError): never {
    this.run = undefined;
    if (run) this.keepPartial(run);
    this.lastFailure = error;
    const message = this.hooks.describeError?.(error) ?? error.message;
    this.lastError = { message, status: error.status, code: error.code, partial: run?.answer ?? '' };
    this.render.runNow();
    this.host.dispatchEvent(new OpenRouterChatErrorEvent(this.lastError));
    throw error;
  }

  /**
   * A partial answer stays in the conversation (marked interrupted), so what the user saw is
   * what the model sees next time.
   */
  private keepPartial(run: Run): void {
    if (run.answer || run.images.length) this.append(run, answerMessage(run), true);
  }

  /** Adds the run's answer to the conversation under the run's key, so its DOM is kept. */
  private append(run: Run, message: ChatMessage, interrupted: boolean): void {
    const { key, reasoning, usage, citations, toolLimit } = run;
    this.facts.set(message, { key, reasoning, usage, interrupted, citations, toolLimit });
    this.conversation = [...this.conversation, message];
  }
}

/**
 * Whether `next` is the conversation `current` already is: the same array, or the same
 * messages in order (the objects themselves, or equal roles and contents, as a page's copy
 * of `messages` has).
 */
function sameConversation(next: readonly ChatMessage[], current: readonly ChatMessage[]): boolean {
  if (next === current) return true;
  if (next.length !== current.length) return false;
  return next.every((message, index) => {
    const held = current[index];
    return message === held || (message?.role === held.role && sameContent(message.content, held.content));
  });
}

/**
 * A message as the conversation holds it, from one a page or a store gave: its own copy,
 * fields of other roles kept (a tool message's id), a user's parts kept as a list, and any
 * other content as text.
 */
function restoredMessage(given: ChatMessage): ChatMessage {
  const { content } = given;
  if (given.role === 'user' && Array.isArray(content)) return { ...given, content: [...content] };
  if (given.role === 'assistant' && content === null && given.tool_calls) return { ...given };
  return { ...given, content: typeof content === 'string' ? content : String(content ?? '') } as ChatMessage;
}

/**
 * An answer that ended without text, as shown: `empty` when it finished so (filtered, or out
 * of tokens while still reasoning), `interrupted` when stopped before any text came.
 */
function emptyAnswerEntry(run: Run, state: 'empty' | 'interrupted'): ChatEntry {
  const { key, reasoning, usage, finishReason, citations, toolLimit } = run;
  return { key, role: 'assistant', content: '', attachments: NO_ATTACHMENTS, images: NO_IMAGES, reasoning, usage, state, finishReason, toolCalls: NO_TOOL_CALLS, citations, toolLimit };
}

/** The run's answer as a message: its text, and its images when it has any (OpenRouter's shape). */
function answerMessage(run: Run): AssistantMessage & { content: string } {
  return { role: 'assistant', content: run.answer, ...(run.images.length && { images: run.images }) };
}

function settingsProblem({ endpoint, model }: ChatSettings): string | undefined {
  if (!endpoint) return 'No endpoint is set: point the endpoint attribute at your chat proxy, e.g. endpoint="/api/chat".';
  return model ? modelIdProblem(model) : undefined;
}

/** The system prompt leads the request but is not part of the conversation. */
function requestBody(settings: ChatSettings, messages: readonly ChatMessage[], sessionId?: string): ChatRequestBody {
  const system: ChatMessage[] = settings.systemPrompt ? [{ role: 'system', content: settings.systemPrompt }] : [];
  // Generated images stay in the conversation but not in requests: megabytes each, over the proxy's body limit.
  const sent = messages.map((message) => ('images' in message ? { ...message, images: undefined } : message));
  const body: ChatRequestBody = { messages: [...system, ...sent], stream: true };
  if (settings.model) body.model = settings.model;
  if (typeof settings.temperature === 'number' && Number.isFinite(settings.temperature)) {
    body.temperature = settings.temperature;
  }
  const tools: RequestTool[] = (settings.tools ?? []).map(({ name, description, parameters }) => ({
    type: 'function',
    function: { name, description, parameters: parameters ?? { type: 'object', properties: {} } },
  }));
  if (settings.webSearch) tools.push({ type: 'openrouter:web_search' });
  if (tools.length) body.tools = tools;
  if (settings.toolChoice && settings.tools?.length) body.tool_choice = settings.toolChoice;
  if (sessionId) body.session_id = sessionId;
  if (settings.imageOutput) body.modalities = ['image', 'text'];
  return body;
}

function toChatStreamError(error: unknown): ChatStreamError {
  if (error instanceof ChatStreamError) return error;
  return new ChatStreamError('network', 'Something went wrong while streaming the answer. Please try again.', { cause: error });
}
