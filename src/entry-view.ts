/**
 * The template of one message in the log: its bubble, the answer's "Thinking" section, its
 * usage line and its actions. One template for every state of a message, so a streaming
 * answer and the finished message it becomes share their DOM (and the markdown renderer
 * keeps its work).
 *
 * @module
 */
import { html, nothing } from 'lit';
import type { ChatEntry } from './chat-controller.js';
import { checkIcon, copyIcon, editIcon, regenerateIcon } from './icons.js';
import { renderAnswer } from './render-answer.js';
import type { ChatStrings } from './strings.js';

/** What a message needs from the chat around it. */
export interface EntryContext {
  readonly strings: ChatStrings;
  readonly showUsage: boolean;
  /** No answer is streaming, so actions that start one are offered. */
  readonly idle: boolean;
  /** The key of the last message (where regenerate and retry live). */
  readonly lastKey: number | undefined;
  /** The key of the last user message (the one that can be edited). */
  readonly lastUserKey: number | undefined;
  /** The key of the answer whose text was just copied. */
  readonly copiedKey: number | undefined;
  readonly onCopy: (entry: ChatEntry) => void;
  readonly onRegenerate: () => void;
  readonly onEdit: () => void;
}

/** One message: the bubble, then a row of actions. */
export function renderEntry(entry: ChatEntry, context: EntryContext) {
  const { strings } = context;
  const assistant = entry.role === 'assistant';
  return html`<div class="entry ${entry.role}" data-key=${entry.key}>
    ${assistant && entry.reasoning ? renderThinking(entry, strings) : nothing}
    <div part="message message-${entry.role}" class="message ${entry.role}">
      <span class="visually-hidden">${assistant ? strings.assistantLabel : strings.userLabel}</span>
      <div class="content">${assistant ? renderAnswerOrWaiting(entry, strings) : entry.content}</div>
      ${entry.state === 'interrupted' ? html`<span part="interrupted" class="interrupted-note">${strings.interrupted}</span>` : nothing}
    </div>
    ${entry.state === 'streaming' ? nothing : renderActions(entry, context)}
  </div>`;
}

function renderAnswerOrWaiting(entry: ChatEntry, strings: ChatStrings) {
  if (entry.content) return renderAnswer(entry.content);
  return html`<span part="indicator" class="indicator">
    <span class="dot"></span><span class="dot"></span><span class="dot"></span>
    <span class="visually-hidden">${strings.waiting}</span>
  </span>`;
}

/**
 * Open while only reasoning has arrived, closed once the answer starts. Lit sets `open` only
 * when this value changes, so a reader who opens it again keeps it open.
 */
function renderThinking(entry: ChatEntry, strings: ChatStrings) {
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
  const copied = entry.key === context.copiedKey;
  return html`<div class="actions">
    ${actionButton('copy-answer-button', copied ? strings.copied : strings.copy, copied ? checkIcon : copyIcon, () => context.onCopy(entry))}
    ${last && context.idle
      ? entry.state === 'interrupted'
        ? html`<button part="retry-button" class="retry" type="button" @click=${context.onRegenerate}>${strings.retry}</button>`
        : actionButton('regenerate-button', strings.regenerate, regenerateIcon, context.onRegenerate)
      : nothing}
    ${context.showUsage && entry.usage ? html`<span part="usage" class="usage">${strings.usage(entry.usage)}</span>` : nothing}
  </div>`;
}

function actionButton(part: string, label: string, icon: unknown, onClick: () => void) {
  return html`<button part=${part} class="icon-button" type="button" aria-label=${label} title=${label} @click=${onClick}>
    ${icon}
  </button>`;
}
