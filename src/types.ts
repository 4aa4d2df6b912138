/**
 * The public data shapes shared by the element, its controller, its events and the stream.
 *
 * @module
 */

/** Who wrote a message, in the OpenAI/OpenRouter vocabulary. */
export type ChatRole = 'system' | 'user' | 'assistant';

/** One message of the conversation, exactly as it is sent to the endpoint. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** One answer from the assistant, as the complete event reports it. */
export interface AssistantMessage extends ChatMessage {
  role: 'assistant';
}

/** What the element is doing: waiting for input, streaming an answer, or showing an error. */
export type ChatStatus = 'idle' | 'streaming' | 'error';

/**
 * Token accounting OpenRouter sends once, in the last chunk before `[DONE]`. Only the counts
 * are typed; any further detail the server sends is kept as received.
 */
export interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  /** Cost in credits, when the server reports it. */
  cost?: number;
  [detail: string]: unknown;
}

/** The JSON body POSTed to the endpoint: the OpenAI/OpenRouter chat-completions shape. */
export interface ChatRequestBody {
  /** Left out when unset, so the proxy chooses. */
  model?: string;
  messages: ChatMessage[];
  stream: true;
  temperature?: number;
}
