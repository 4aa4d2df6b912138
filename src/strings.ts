/**
 * Every word `<openrouter-chat>` shows or announces, in English. A page translates or
 * rewords the chat by setting the element's `strings` property to a partial object: what it
 * names replaces the default, the rest stays.
 *
 * @module
 */
import type { AttachmentStrings } from './attachments/attachment-strings.js';
import type { CatalogStrings } from './catalog/catalog-strings.js';
import type { ConversationStrings } from './conversations/conversation-strings.js';
import type { ImageStrings } from './images/image-strings.js';
import type { ToolStrings } from './tools/tool-strings.js';
import type { ChatUsage } from './types.js';

/**
 * The chat's visible and spoken texts. Functions are for texts that include a value. The
 * texts of the attachments ({@link AttachmentStrings}), the tools ({@link ToolStrings}) and
 * the conversations' extras ({@link ConversationStrings}) have their defaults in their rooms,
 * loaded with them.
 */
export interface ChatStrings extends CoreChatStrings, AttachmentStrings, ToolStrings, ConversationStrings, CatalogStrings, ImageStrings {}

/** The texts of the chat without attachments, whose defaults are {@link defaultChatStrings}. */
export interface CoreChatStrings {
  /** Accessible name of the conversation log. */
  conversation: string;
  /** Shown in the empty conversation when the `empty` slot is not used. */
  empty: string;
  /** Accessible name of the message box. */
  inputLabel: string;
  /** Placeholder of the message box. */
  inputPlaceholder: string;
  send: string;
  stop: string;
  /** Empties the conversation. */
  clear: string;
  /** Read before each of the user's messages by screen readers. */
  userLabel: string;
  /** Read before each answer by screen readers. */
  assistantLabel: string;
  /** Spoken while waiting for the first token. */
  waiting: string;
  /** Copies an answer's text. */
  copy: string;
  /** Replaces a copy button's label for a moment after copying. */
  copied: string;
  /** Replaces a copy button's label for a moment when the clipboard refused. */
  copyFailed: string;
  /** The copy button of each code block. */
  copyCode: string;
  /** Asks again for the last answer. */
  regenerate: string;
  /** Puts the last message back in the box to change and send again. */
  edit: string;
  /** Shown above the box while the last message is being edited. */
  editing: string;
  /** Leaves editing without changing the conversation. */
  cancelEdit: string;
  /** Asks again after an answer was cut short or failed. */
  retry: string;
  /** Marks an answer cut short by a stop or an error. */
  interrupted: string;
  /** In place of an answer the provider's content filter withheld (finish reason `content_filter`). */
  noAnswerFiltered: string;
  /** In place of an answer that hit the token limit before any text, e.g. while still reasoning (finish reason `length`). */
  noAnswerTokenLimit: string;
  /** In place of an answer that ended without any text for another reason. */
  noAnswer: string;
  /** The summary of the collapsible reasoning section. */
  thinking: string;

  /** Scrolls back to the newest text after the reader scrolled up. */
  jumpToLatest: string;
  /** Accessible name of the model picker. */
  modelLabel: string;
  /** The model picker's choice for "let the server choose" (when `model` is unset). */
  defaultModel: string;
  /** The launcher button's name while the panel is closed. */
  openChat: string;
  /** The launcher button's name while the panel is open. */
  closeChat: string;
  /** Token counts and cost under an answer (`show-usage`). */
  usage: (usage: ChatUsage) => string;
  /** Errors: the API key was refused (401). */
  errorBadKey: string;
  /** The account has no credits left (402). */
  errorNoCredits: string;
  /** Rate limited (429); `seconds` is the wait the server asked for, when it said. */
  errorRateLimited: (seconds: number | undefined) => string;
  /** The provider failed (5xx) or stopped the answer with an error. */
  errorProvider: string;
  /** The chat server could not be reached, or the connection to it dropped mid-answer. */
  errorNetwork: string;
  /** The server sent nothing for `idle-timeout-ms`, so the chat gave up on the answer. */
  errorTimeout: string;
  /** The stream ended before the answer was finished. */
  errorCutOff: string;
}

const numberFormat = new Intl.NumberFormat('en');
/** The English defaults. */
export const defaultChatStrings: Readonly<CoreChatStrings> = Object.freeze({
  conversation: 'Conversation',
  empty: 'Ask anything to start the conversation.',
  inputLabel: 'Message',
  inputPlaceholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  clear: 'Clear conversation',
  userLabel: 'You:',
  assistantLabel: 'Assistant:',
  waiting: 'Waiting for the answer…',
  copy: 'Copy answer',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copyCode: 'Copy',
  regenerate: 'Regenerate answer',
  edit: 'Edit message',
  editing: 'Editing your last message',
  cancelEdit: 'Cancel',
  retry: 'Retry',
  interrupted: 'Interrupted',
  noAnswerFiltered: "No answer: the provider's content filter withheld it.",
  noAnswerTokenLimit: 'No answer: the token limit was reached before the answer began.',
  noAnswer: 'No answer came back.',
  thinking: 'Thinking',
  jumpToLatest: 'Jump to latest',
  modelLabel: 'Model',
  defaultModel: 'Default model',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  usage: ({ prompt_tokens, completion_tokens, total_tokens, cost }: ChatUsage) => {
    const parts: string[] = [];
    if (prompt_tokens !== undefined) parts.push(`${numberFormat.format(prompt_tokens)} in`);
    if (completion_tokens !== undefined) parts.push(`${numberFormat.format(completion_tokens)} out`);
    if (!parts.length && total_tokens !== undefined) parts.push(`${numberFormat.format(total_tokens)} tokens`);
    // Costs are fractions of a cent: show enough digits to be non-zero.
    if (typeof cost === 'number') parts.push(`$${cost.toPrecision(2)}`);
    return parts.join(' · ');
  },
  errorBadKey: 'The API key was refused. The chat server needs a valid OpenRouter key.',
  errorNoCredits: 'The OpenRouter account is out of credits.',
  errorRateLimited: (seconds: number | undefined) =>
    seconds === undefined
      ? 'Too many requests. Please wait a moment and try again.'
      : `Too many requests. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
  errorProvider: 'The AI provider is having trouble. Please try again in a moment.',
  errorNetwork: 'The connection to the chat server failed. Check your network and try again.',
  errorTimeout: 'The server stopped responding, so the answer was given up. Please try again.',
  errorCutOff: 'The answer was cut off before it finished.',
});

/** The chat's texts before the rooms add their defaults. */
export type ResolvedStrings = CoreChatStrings & Partial<AttachmentStrings> & Partial<ToolStrings> & Partial<ConversationStrings> & Partial<CatalogStrings> & Partial<ImageStrings>;

const resolved = new WeakMap<object, ResolvedStrings>();

/**
 * The defaults with `overrides` on top; `undefined` members keep the default. The rooms'
 * texts are there only where the page set them (each room adds the rest). The same object
 * for the same `overrides`, so a render can tell that the texts did not change.
 */
export function resolveStrings(overrides: Partial<ChatStrings> | undefined): ResolvedStrings {
  const given = overrides ?? defaultChatStrings;
  let strings = resolved.get(given);
  if (!strings) {
    strings = { ...defaultChatStrings };
    for (const [name, value] of Object.entries(given)) {
      if (value !== undefined) Object.assign(strings, { [name]: value });
    }
    resolved.set(given, strings);
  }
  return strings;
}
