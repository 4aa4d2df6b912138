/**
 * Whether a request's history fits the chosen model's context, by an estimate: no tokenizer
 * is loaded (each model family has its own, and they are large). The estimate leans high so
 * a request is cut before the provider refuses it:
 * - a character of ASCII text counts a quarter token (English and code average about four
 *   characters per token), any other character a whole token (CJK text is about one each);
 * - an image, PDF or audio part counts 1,600 tokens (a 1-megapixel image on Claude; OpenAI's
 *   high detail is at most about 1,100);
 * - each message adds 4 tokens of framing;
 * - a quarter of the context, at most 8,192 tokens, is left for the answer.
 *
 * @module
 */
import type { ChatMessage } from '../types.js';

const PART_TOKENS = 1600;
const MESSAGE_TOKENS = 4;
const ANSWER_SHARE = 0.25;
const MAX_ANSWER_TOKENS = 8192;

/** Estimated tokens of a piece of text. */
export function textTokens(text: string): number {
  let ascii = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) < 128) ascii++;
  return Math.ceil(ascii / 4) + (text.length - ascii);
}

/** Estimated tokens of one message: its text, its parts, its tool calls. */
export function messageTokens(message: ChatMessage): number {
  let tokens = MESSAGE_TOKENS;
  const { content } = message;
  if (typeof content === 'string') tokens += textTokens(content);
  else if (Array.isArray(content)) for (const part of content) tokens += part.type === 'text' ? textTokens(part.text) : PART_TOKENS;
  if (message.role === 'assistant') for (const call of message.tool_calls ?? []) tokens += textTokens(call.function.name + call.function.arguments);
  return tokens;
}

/**
 * A test for the controller's history window: whether messages (plus the system prompt)
 * leave room for an answer in a context of `contextLength` tokens.
 */
export function contextFit(contextLength: number, systemPrompt: string | undefined): (window: readonly ChatMessage[]) => boolean {
  const budget = contextLength - Math.min(Math.ceil(contextLength * ANSWER_SHARE), MAX_ANSWER_TOKENS) - (systemPrompt ? textTokens(systemPrompt) + MESSAGE_TOKENS : 0);
  return (window) => {
    let tokens = 0;
    for (const message of window) tokens += messageTokens(message);
    return tokens <= budget;
  };
}
