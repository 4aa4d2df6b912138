import { checkContentParts, type ContentPart, type ContentPartLimits } from './content-parts.js';
import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';
import { checkToolName, MAX_TOOLS } from './tools.js';

/** One turn of the conversation, as forwarded upstream: OpenAI's message shape. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ContentPart[] }
  | AssistantMessage
  | { role: 'tool'; tool_call_id: string; content: string };

/** An answer; `content` is `null` only beside `tool_calls`. */
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  tool_calls?: ToolCall[];
  /** The provider's reasoning record, forwarded as it is (some providers refuse it altered). */
  reasoning_details?: unknown[];
}

/** A call the model made, as the history carries it back. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The limits messages are checked against (see `ChatHandlerOptions` for meanings). */
export interface MessageLimits extends ContentPartLimits {
  maxMessages: number;
  /** When false, calls in the history must be to the proxy's own tools. */
  allowClientTools: boolean;
  /** The names of the proxy's own tools. */
  serverToolNames: ReadonlySet<string>;
}

/** Longer ids are not ids; OpenAI's are about 30 characters. */
const MAX_TOOL_CALL_ID_CHARS = 256;

/** Checks one message of a role (already known to be an object) and returns what is forwarded. */
type MessageChecker = (message: Record<string, unknown>, path: string, limits: MessageLimits) => ChatMessage;

/**
 * One checker per role, each building its message from the fields that role has, so a
 * role with fields of its own (a `tool` result and its `tool_call_id`) is one more entry.
 */
const CHECKERS: Readonly<Record<ChatMessage['role'], MessageChecker>> = {
  system: (message, path, limits) => ({ role: 'system', content: textContent(message['content'], path, limits) }),
  user: (message, path, limits) => ({ role: 'user', content: userContent(message['content'], path, limits) }),
  assistant: assistantMessage,
  tool: (message, path, limits) => ({
    role: 'tool',
    tool_call_id: toolCallId(message['tool_call_id'], `${path}.tool_call_id`),
    content: textContent(message['content'], path, limits),
  }),
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
  const messages = value.map((message: unknown, index) => {
    const path = `messages[${index}]`;
    if (!isPlainObject(message)) throw new HttpError(400, `${path} must be an object { role, content }.`);
    const { role } = message;
    if (typeof role !== 'string' || !Object.hasOwn(CHECKERS, role)) {
      throw new HttpError(400, `${path}.role must be one of ${ROLE_LIST}.`);
    }
    return CHECKERS[role as ChatMessage['role']](message, path, limits);
  });
  checkToolResults(messages);
  return messages;
}

/**
 * Every tool result answers a call of an earlier assistant message, once: providers refuse
 * a history where one does not, and the error they return names nothing useful.
 */
function checkToolResults(messages: readonly ChatMessage[]): void {
  const open = new Set<string>();
  messages.forEach((message, index) => {
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) open.add(call.id);
    if (message.role !== 'tool') return;
    if (!open.delete(message.tool_call_id)) {
      throw new HttpError(400, `messages[${index}].tool_call_id "${message.tool_call_id}" answers no tool call of an earlier assistant message.`);
    }
  });
}

function assistantMessage(message: Record<string, unknown>, path: string, limits: MessageLimits): AssistantMessage {
  const calls = message['tool_calls'];
  const details = message['reasoning_details'];
  // `null` content is how OpenAI writes a turn that only calls tools.
  const content = message['content'] === null && calls !== undefined ? null : textContent(message['content'], path, limits);
  const turn: AssistantMessage = { role: 'assistant', content };
  if (calls !== undefined) turn.tool_calls = toolCalls(calls, `${path}.tool_calls`, limits);
  if (details !== undefined) {
    if (!Array.isArray(details)) throw new HttpError(400, `${path}.reasoning_details must be an array.`);
    turn.reasoning_details = details;
  }
  return turn;
}

function toolCalls(value: unknown, path: string, limits: MessageLimits): ToolCall[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TOOLS) {
    throw new HttpError(400, `${path} must be an array of 1 to ${MAX_TOOLS} calls { id, type, function }.`);
  }
  return value.map((call: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(call) || call['type'] !== 'function' || !isPlainObject(call['function'])) {
      throw new HttpError(400, `${at} must be { id, type: "function", function: { name, arguments } }.`);
    }
    const name = checkToolName(call['function']['name'], `${at}.function.name`);
    if (!limits.allowClientTools && !limits.serverToolNames.has(name)) {
      throw new HttpError(400, `${at} calls "${name}": this proxy does not take tools from the client (allowClientTools is off).`);
    }
    const args = call['function']['arguments'];
    if (typeof args !== 'string' || args.length > limits.maxMessageChars) {
      throw new HttpError(400, `${at}.function.arguments must be a string of at most ${limits.maxMessageChars} characters.`);
    }
    return { id: toolCallId(call['id'], `${at}.id`), type: 'function', function: { name, arguments: args } };
  });
}

function toolCallId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_TOOL_CALL_ID_CHARS) {
    throw new HttpError(400, `${path} must be a string of 1 to ${MAX_TOOL_CALL_ID_CHARS} characters.`);
  }
  return value;
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
