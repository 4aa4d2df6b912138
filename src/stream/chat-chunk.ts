/**
 * Reads one OpenRouter `chat.completion.chunk` (already JSON-parsed) into the typed pieces
 * {@link streamChat} yields. Knows the chunk shape, nothing about HTTP or SSE.
 *
 * @module
 */
import { ChatStreamError } from './chat-stream-error.js';
import type { ChatUsage, GeneratedImage } from '../types.js';

/** One typed piece of a streamed answer. */
export type ChatStreamChunk =
  /** A piece of the answer text. */
  | { type: 'content'; text: string }
  /** A piece of the model's reasoning, for models that stream it. */
  | { type: 'reasoning'; text: string }
  /** The model finished, for `finishReason` (`stop`, `length`, ...); `model` is the one that served. */
  | { type: 'finish'; finishReason: string; model?: string }
  /** Token accounting (OpenRouter sends it once, near the end). */
  | { type: 'usage'; usage: ChatUsage }
  /** A keep-alive comment such as `: OPENROUTER PROCESSING`: the server is still working. */
  | { type: 'keepalive'; comment: string }
  /** The provider's reasoning record (`delta.reasoning_details`), to send back unchanged with tool calls. */
  | { type: 'reasoning-details'; details: readonly unknown[] }
  /** Images the model generated, each whole (`delta.images`, or a final message's `images`). */
  | { type: 'images'; images: GeneratedImage[] }
  /**
   * A chunk that carries tool calls, sources or our proxy's report of its own tools, whole:
   * the tools room reads it (a chat without tools never loads that code).
   */
  | { type: 'tool-data'; chunk: object };

interface WireChunk {
  model?: unknown;
  choices?: unknown;
  usage?: unknown;
  error?: { code?: unknown; message?: unknown };
  /** Our proxy's report of the tools it ran itself; plain OpenAI clients ignore it. */
  openrouter_chat?: unknown;
}

interface WireChoice {
  delta?: { content?: unknown; reasoning?: unknown; reasoning_details?: unknown; tool_calls?: unknown; annotations?: unknown; images?: unknown };
  annotations?: unknown;
  message?: { images?: unknown };
  finish_reason?: unknown;
}

/**
 * Splits a parsed chunk into typed pieces, in the order content, reasoning, finish, usage,
 * and appends them to `pieces`.
 *
 * @throws {ChatStreamError} `midstream` for an `error` member or a `finish_reason` of
 * `error`, after appending the chunk's text (so an error chunk that carries the last words
 * loses none of them); `invalid-json` when the value is not a chunk object at all.
 */
export function readChatChunk(value: unknown, pieces: ChatStreamChunk[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatStreamError('invalid-json', 'The server sent a data event that is not a chat chunk object.');
  }
  const chunk = value as WireChunk;
  // Only the first choice: the element never asks for more than one (`n` is not sent).
  const choice = (Array.isArray(chunk.choices) ? chunk.choices[0] : undefined) as WireChoice | undefined;
  const content = choice?.delta?.content;
  if (typeof content === 'string' && content) pieces.push({ type: 'content', text: content });
  const reasoning = readReasoning(choice?.delta);
  if (reasoning) pieces.push({ type: 'reasoning', text: reasoning });
  const details = choice?.delta?.reasoning_details;
  if (Array.isArray(details) && details.length) pieces.push({ type: 'reasoning-details', details });
  const images = choice?.delta?.images ?? choice?.message?.images;
  // Kept as they come (with the `index` some providers add); the images room checks each URL before showing it.
  const kept = Array.isArray(images) ? images.filter((image) => typeof image?.image_url?.url === 'string') : [];
  if (kept.length) pieces.push({ type: 'images', images: kept });
  // Sources may sit in the delta, on the choice or on a final message, depending on the provider.
  if (choice?.delta?.tool_calls || choice?.delta?.annotations || choice?.annotations || choice?.message || chunk.openrouter_chat) {
    pieces.push({ type: 'tool-data', chunk });
  }

  const finishReason = choice?.finish_reason;
  if (chunk.error) throw midstreamError(chunk.error);
  if (finishReason === 'error') throw midstreamError({});
  if (typeof finishReason === 'string') {
    pieces.push({ type: 'finish', finishReason, model: typeof chunk.model === 'string' ? chunk.model : undefined });
  }
  if (typeof chunk.usage === 'object' && chunk.usage !== null) {
    pieces.push({ type: 'usage', usage: chunk.usage as ChatUsage });
  }
}

/**
 * Reasoning comes as `delta.reasoning` text and/or `reasoning_details[]`; when both come they
 * carry the same text, so the plain field wins. Encrypted details are not readable text.
 */
function readReasoning(delta: WireChoice['delta']): string {
  if (typeof delta?.reasoning === 'string') return delta.reasoning;
  if (!Array.isArray(delta?.reasoning_details)) return '';
  let text = '';
  for (const detail of delta.reasoning_details as { type?: unknown; text?: unknown; summary?: unknown }[]) {
    if (detail?.type === 'reasoning.text' && typeof detail.text === 'string') text += detail.text;
    else if (detail?.type === 'reasoning.summary' && typeof detail.summary === 'string') text += detail.summary;
  }
  return text;
}

function midstreamError(error: { code?: unknown; message?: unknown }): ChatStreamError {
  const code = typeof error.code === 'number' || typeof error.code === 'string' ? error.code : undefined;
  const reason = typeof error.message === 'string' && error.message.trim() ? ` It said: “${error.message.trim()}”` : '';
  return new ChatStreamError('midstream', `The provider stopped the answer with an error.${reason}`, { code });
}
