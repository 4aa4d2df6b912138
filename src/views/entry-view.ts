/**
 * The template of one message in the log: its bubble, the answer's "Thinking" section, its
 * usage line and its actions. One template for every state of a message, so a streaming
 * answer and the finished message it becomes share their DOM (and the markdown renderer
 * keeps its work).
 *
 * @module
 */
import { html, nothing } from 'lit';
import type { ChatEntry } from '../chat/chat-controller.js';
import { checkIcon, copyIcon, editIcon, regenerateIcon } from './icons.js';
import { markdown } from '../markdown/markdown.js';
import type { CoreChatStrings } from '../strings.js';
import type { ContentPart } from '../types.js';

/** The outcome of the last click on an answer's copy button. */
export interface CopyFeedback {
  readonly key: number;
  readonly copied: boolean;
}

/** What a message needs from the chat around it. */
export interface EntryContext {
  readonly strings: CoreChatStrings;
  readonly showUsage: boolean;
  /** The conversation's cost so far, shown after the last answer's usage (the catalog room's). */
  readonly usageTotal?: string;
  /** Answers may show https images. */
  readonly allowImages: boolean;
  /** No answer is streaming, so actions that start one are offered. */
  readonly idle: boolean;
  /** The key of the last message (where regenerate and retry live). */
  readonly lastKey: number | undefined;
  /** The key of the last user message (the one that can be edited). */
  readonly lastUserKey: number | undefined;
  /** The answer whose copy button was just clicked, and whether the copy worked. */
  readonly copyFeedback: CopyFeedback | undefined;
  readonly onCopy: (entry: ChatEntry) => void;
  readonly onRegenerate: () => void;
  readonly onEdit: () => void;
  /** With `feedback`, once the conversations room has loaded: the thumbs under a finished answer. */
  readonly renderFeedback?: (entry: ChatEntry) => unknown;
  /** A user message's thumbnails and file chips, once the attachments room has loaded. */
  readonly renderAttachments?: (attachments: readonly ContentPart[]) => unknown;
  /** An answer's tool calls and sources, once the tools room has loaded. */
  readonly renderTools?: (entry: ChatEntry) => unknown;
}

/** One message: the bubble, then a row of actions. */
export function renderEntry(entry: ChatEntry, context: EntryContext) {
  const { strings } = context;
  const assistant = entry.role === 'assistant';
  return html`<div class="entry ${entry.role}" data-key=${entry.key}>
    ${assistant && entry.reasoning ? renderThinking(entry, strings) : nothing}
    <div part="message message-${entry.role}" class="message ${entry.role}">
      <span class="visually-hidden">${assistant ? strings.assistantLabel : strings.userLabel}</span>
      <div class="content">${assistant ? renderAnswerOrWaiting(entry, context) : entry.content}</div>
      ${entry.attachments.length ? context.renderAttachments?.(entry.attachments) : nothing}
      ${entry.toolCalls.length || entry.citations.length || entry.toolLimit ? context.renderTools?.(entry) : nothing}
      ${entry.state === 'interrupted' ? html`<span part="interrupted" class="interrupted-note">${strings.interrupted}</span>` : nothing}
    </div>
    ${entry.state === 'streaming' ? nothing : renderActions(entry, context)}
  </div>`;
}

/**
 * The answer is rendered in this same position while it streams and once it is done (or
 * interrupted), so the markdown renderer only appends what is new and, at the end, flushes.
 * An answer that ended without text says why in its place.
 */
function renderAnswerOrWaiting(entry: ChatEntry, { strings, allowImages }: EntryContext) {
  if (entry.content) {
    return markdown(entry.content, {
      complete: entry.state !== 'streaming',
      allowImages,
      strings: { copy: strings.copyCode, copied: strings.copied, copyFailed: strings.copyFailed },
    });
  }
  // A turn that only calls tools: its calls, below, are the answer so far.
  if (entry.toolCalls.length) return nothing;
  if (entry.state === 'empty') {
    return html`<span part="no-answer" class="no-answer-note">${noAnswerText(entry.finishReason, strings)}</span>`;
  }
  // Stopped before any text: the interrupted note below says so.
  if (entry.state === 'interrupted') return nothing;
  return html`<span part="indicator" class="indicator">
    <span class="dot"></span><span class="dot"></span><span class="dot"></span>
    <span class="visually-hidden">${strings.waiting}</span>
  </span>`;
}

function noAnswerText(finishReason: string | null | undefined, strings: CoreChatStrings): string {
  if (finishReason === 'content_filter') return strings.noAnswerFiltered;
  if (finishReason === 'length') return strings.noAnswerTokenLimit;
  return strings.noAnswer;
}

/**
 * Open while only reasoning has arrived, closed once the answer starts. Lit sets `open` only
 * when this value changes, so a reader who opens it again keeps it open.
 */
function renderThinking(entry: ChatEntry, strings: CoreChatStrings) {
  const thinkingNow = entry.state === 'streaming' && !entry.content;
  return html`<details part="thinking" class="thinking" ?open=${thinkingNow}>
    <summary>${strings.thinking}</summary>
    <div class="thinking-text">${entry.reasoning}</div>
  </details>`;
}

function renderActions(entry: ChatEntry, context: EntryContext) {
  const { strings } = context;
  const last = entry.key === context.lastKey;
  if (entry.role === 'user') {
    if (!context.idle || entry.key !== context.lastUserKey) return nothing;
    return html`<div class="actions">${actionButton('edit-button', strings.edit, editIcon, context.onEdit)}</div>`;
  }
  const feedback = context.copyFeedback?.key === entry.key ? context.copyFeedback : undefined;
  const copyLabel = feedback ? (feedback.copied ? strings.copied : strings.copyFailed) : strings.copy;
  return html`<div class="actions">
    ${entry.content
      ? actionButton('copy-answer-button', copyLabel, feedback?.copied ? checkIcon : copyIcon, () => context.onCopy(entry))
      : nothing}
    ${last && context.idle
      ? entry.state === 'done'
        ? actionButton('regenerate-button', strings.regenerate, regenerateIcon, context.onRegenerate)
        : html`<button part="retry-button" class="retry" type="button" @click=${context.onRegenerate}>${strings.retry}</button>`
      : nothing}
    ${entry.content && entry.state === 'done' ? context.renderFeedback?.(entry) : nothing}
    ${context.showUsage && entry.usage ? html`<span part="usage" class="usage">${strings.usage(entry.usage)}${last && context.usageTotal ? ` · ${context.usageTotal}` : ''}</span>` : nothing}
  </div>`;
}

function actionButton(part: string, label: string, icon: unknown, onClick: () => void) {
  return html`<button part=${part} class="icon-button" type="button" aria-label=${label} title=${label} @click=${onClick}>
    ${icon}
  </button>`;
}
