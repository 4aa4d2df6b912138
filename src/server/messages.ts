import { checkContentParts, type ContentPart, type ContentPartLimits } from './content-parts.js';
import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';

/** One turn of the conversation, as forwarded upstream: OpenAI's message shape. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ContentPart[] }
  | { role: 'assistant'; content: string };

/** The limits messages are checked against (see `ChatHandlerOptions` for meanings). */
export interface MessageLimits extends ContentPartLimits {
  maxMessages: number;
}

/** Checks one message of a role (already known to be an object) and returns what is forwarded. */
type MessageChecker = (message: Record<string, unknown>, path: string, limits: MessageLimits) => ChatMessage;

/**
 * One checker per role, each building its message from the fields that role has, so a
 * role with fields of its own (a `tool` result and its `tool_call_id`) is one more entry.
 */
const CHECKERS: Readonly<Record<ChatMessage['role'], MessageChecker>> = {
  system: (message, path, limits) => ({ role: 'system', content: textContent(message['content'], path, limits) }),
  user: (message, path, limits) => ({ role: 'user', content: userContent(message['content'], path, limits) }),
  assistant: (message, path, limits) => ({ role: 'assistant', content: textContent(message['content'], path, limits) }),
};

const ROLE_LIST = Object.keys(CHECKERS)
  .map((role) => `"${role}"`)
  .join(', ');

/** Checks the body's `messages` and returns them as forwarded, or throws the 400 to answer. */
export function checkMessages(value: unknown, limits: MessageLimits): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new HttpError(400, 'messages must be a non-empty array of { role, content }.');
  }
  if (value.length > limits.maxMessages) {
    throw new HttpError(400, `messages has more than ${limits.maxMessages} entries.`);
  }
  return value.map((message: unknown, index) => {
    const path = `messages[${index}]`;
    if (!isPlainObject(message)) throw new HttpError(400, `${path} must be an object { role, content }.`);
    const { role } = message;
    if (typeof role !== 'string' || !Object.hasOwn(CHECKERS, role)) {
      throw new HttpError(400, `${path}.role must be one of ${ROLE_LIST}.`);
    }
    return CHECKERS[role as ChatMessage['role']](message, path, limits);
  });
}

/** Whether any message carries a file part (a PDF), which OpenRouter runs through its parser. */
export function carriesFile(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part.type === 'file'),
  );
}

function textContent(content: unknown, path: string, limits: MessageLimits): string {
  if (typeof content !== 'string') {
    throw new HttpError(400, `${path}.content must be a string${Array.isArray(content) ? ' (only user messages carry content parts)' : ''}.`);
  }
  return checkedText(content, path, limits);
}

function userContent(content: unknown, path: string, limits: MessageLimits): string | ContentPart[] {
  if (Array.isArray(content)) return checkContentParts(content, `${path}.content`, limits);
  if (typeof content !== 'string') {
    throw new HttpError(400, `${path}.content must be a string or an array of content parts.`);
  }
  return checkedText(content, path, limits);
}

function checkedText(content: string, path: string, limits: MessageLimits): string {
  if (content.length > limits.maxMessageChars) {
    throw new HttpError(400, `${path}.content is longer than ${limits.maxMessageChars} characters.`);
  }
  return content;
}
