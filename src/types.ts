/**
 * The public data shapes shared by the element, its controller, its events and the stream.
 *
 * @module
 */

/** Who wrote a message, in the OpenAI/OpenRouter vocabulary. */
export type ChatRole = ChatMessage['role'];

/**
 * One message of the conversation, exactly as it is sent to the endpoint: OpenAI's and
 * OpenRouter's chat message, so `messages` round-trips with any OpenAI-compatible backend. A
 * string `content` is valid everywhere (conversations saved before attachments keep loading).
 */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** Instructions sent before the conversation (the `system-prompt`). */
export interface SystemMessage {
  role: 'system';
  content: string;
}

/** What the user sent: text, or text with attachments as content parts. */
export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
}

/** One answer from the assistant, as the complete event reports it. */
export interface AssistantMessage {
  role: 'assistant';
  /** `null` only beside `tool_calls`. */
  content: string | null;
  tool_calls?: ToolCall[];
  /** The provider's reasoning record, sent back unchanged with tool calls. */
  reasoning_details?: unknown[];
}

/** The result of a tool call, answering the call with the same id. */
export interface ToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/** A function call the model asked for; `arguments` is JSON text, as the model wrote it. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * One piece of a user message. Images are `https:` or `data:image/(png|jpeg|webp|gif);base64`
 * URLs, files (PDFs) `https:` or `data:application/pdf;base64` URLs, audio raw base64.
 */
export type ContentPart = TextPart | ImagePart | FilePart | AudioPart;

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface FilePart {
  type: 'file';
  file: { filename: string; file_data: string };
}

export interface AudioPart {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
}

/**
 * A function the model may call, defined by the page. It is sent as an OpenAI tool (without
 * `execute`); the chat runs `execute` when the model calls it, and sends what it returns
 * back to the model.
 */
export interface ChatTool {
  /** `^[a-zA-Z0-9_-]{1,64}$`, as providers require. */
  name: string;
  /** Tells the model what the tool does and when to call it. */
  description?: string;
  /** A JSON Schema object describing the arguments. */
  parameters?: Record<string, unknown>;
  /**
   * Runs the call with the model's arguments, parsed. What it returns (or resolves to) is
   * sent as JSON (a string as it is); a throw or a rejection sends an error result the model
   * can read. Without `execute`, a listener of `openrouter-chat-tool-call` answers with
   * `detail.respond()`.
   */
  execute?: (args: Record<string, unknown>, context: ToolExecuteContext) => unknown;
  /** Asks the user to approve each call before it runs (Approve / Deny buttons). */
  needsApproval?: boolean;
}

/** What `execute` gets beside the arguments. */
export interface ToolExecuteContext {
  /** Aborted when the user stops the answer or the call runs past the time limit. */
  signal: AbortSignal;
  /** The call as the model wrote it. */
  call: ToolCall;
}

/** OpenAI's `tool_choice`: let the model choose, forbid calls, require one, or name the tool. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** A source an answer cites, from a `url_citation` annotation (web search). */
export interface Citation {
  url: string;
  title?: string;
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
  /** The page's tools, as OpenAI function tools, and OpenRouter's web search server tool. */
  tools?: RequestTool[];
  tool_choice?: ToolChoice;
  /** The conversation's id (`conversationId`): OpenRouter keeps a conversation on one provider, its prompt cache warm. */
  session_id?: string;
}

/** A tool as the request carries it. */
export type RequestTool =
  | { type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }
  | { type: 'openrouter:web_search' };

/** A message as a conversation is saved: the message, with whether it was cut short and how it was rated. */
export type SavedMessage = ChatMessage & { interrupted?: boolean; feedback?: 'up' | 'down' };

/** A saved conversation, as `store.save()` gets it and `store.load()` gives it back. */
export interface Conversation {
  /** Also sent as `session_id` with each request. */
  id: string;
  /** Shown in the list: the first user message's text, until the user renames it. */
  title: string;
  /** The user renamed it: the title no longer follows the first message. */
  renamed?: boolean;
  /** When its messages last changed, in milliseconds since 1970; the list is newest first. */
  updatedAt: number;
  /** Its messages, attachments inside (content parts with data URLs). */
  messages: SavedMessage[];
}

/** What the list shows of a conversation: `store.list()` may give whole conversations too. */
export type ConversationSummary = Pick<Conversation, 'id' | 'title' | 'updatedAt'>;

/**
 * Where conversations are saved (the `store` property): IndexedDB by default, or the
 * site's own backend. Every call may fail or hang; the chat goes on without the saved copy.
 */
export interface ConversationStore {
  list(): Promise<ConversationSummary[]>;
  /** The conversation, or `undefined` when there is none under `id`. */
  load(id: string): Promise<Conversation | undefined>;
  /** Saves one conversation (a whole record: each conversation is written on its own). */
  save(conversation: Conversation): Promise<void>;
  remove(id: string): Promise<void>;
}
