/**
 * Browser entry: defines `<openrouter-chat>` and exports its class, events and types.
 *
 * @module
 */
import { OpenRouterChat } from './element/openrouter-chat.js';

export { OpenRouterChat } from './element/openrouter-chat.js';
export * from './events.js';
export { defaultChatStrings, type ChatStrings } from './strings.js';
export { ChatStreamError, type ChatStreamErrorKind } from './stream/chat-stream-error.js';
export type {
  AssistantMessage,
  AudioPart,
  ChatMessage,
  ChatRole,
  ChatStatus,
  ChatTool,
  ChatUsage,
  Citation,
  ContentPart,
  Conversation,
  ConversationStore,
  ConversationSummary,
  FilePart,
  ImagePart,
  SavedMessage,
  SystemMessage,
  TextPart,
  ToolCall,
  ToolChoice,
  ToolExecuteContext,
  ToolMessage,
  UserMessage,
} from './types.js';
export type { AttachmentProblem } from './attachments/prepare.js';
export type { ToolCallStatus } from './chat/chat-controller.js';

// Only where custom elements exist (importing under Node or SSR must not throw), and only
// once: a second bundle on the same page keeps the first definition instead of throwing.
if (typeof customElements !== 'undefined' && !customElements.get('openrouter-chat')) {
  customElements.define('openrouter-chat', OpenRouterChat);
}
