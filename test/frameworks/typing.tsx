/**
 * The type test (`npm run typecheck`): what TypeScript users get. Each `@ts-expect-error`
 * must meet an error, so looser types (an `any` detail, an untyped tag) fail the check.
 */
import { OpenRouterChat as ReactChat } from 'openrouter-chat/react';
import type { OpenRouterChat, OpenRouterChatCompleteEvent } from 'openrouter-chat';

// HTMLElementTagNameMap: the tag gives the class.
const chat: OpenRouterChat = document.createElement('openrouter-chat');
export const found: OpenRouterChat | null = document.querySelector('openrouter-chat');

// HTMLElementEventMap: listeners get the event class and its detail.
chat.addEventListener('openrouter-chat-delta', (event) => {
  const text: string = event.detail.text;
  // @ts-expect-error the answer so far is a string
  const wrong: number = event.detail.text;
  return [text, wrong];
});
chat.addEventListener('openrouter-chat-complete', (event: OpenRouterChatCompleteEvent) => event.detail.message.content);
// @ts-expect-error a delta event is no complete event
chat.addEventListener('openrouter-chat-delta', (event: OpenRouterChatCompleteEvent) => event.detail.message);

// React 19 JSX: the intrinsic element, its properties and `on<event-name>` listeners.
export const native = (
  <openrouter-chat
    endpoint="/api/chat"
    messages={[{ role: 'user', content: 'Hi' }]}
    models={['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku']}
    temperature={0.3}
    onopenrouter-chat-error={(event) => event.detail.partial.trim()}
    conversations
    conversationId="support-7"
    onopenrouter-chat-conversation={(event) => event.detail.id.trim()}
    // @ts-expect-error a delta's detail has no `message`
    onopenrouter-chat-delta={(event) => event.detail.message}
  />
);
// @ts-expect-error a conversation event's action is one of four words, not any string
chat.addEventListener('openrouter-chat-conversation', (event) => { const action: 'open' = event.detail.action; return action; });
// @ts-expect-error temperature is a number
export const wrongProperty = <openrouter-chat temperature="warm" />;
// @ts-expect-error React 19 sets `models` as a property: a list, not the attribute's text
export const wrongList = <openrouter-chat models="openai/gpt-4o-mini" />;

// The React 18 wrapper: element properties and onDelta-style events, typed alike.
export const wrapped = (
  <ReactChat
    endpoint="/api/chat"
    onComplete={(event) => event.detail.finishReason}
    conversations
    onConversation={(event) => {
      const action: 'create' | 'switch' | 'rename' | 'delete' = event.detail.action;
      return action;
    }}
    // @ts-expect-error a delta's detail has no `usage`
    onDelta={(event) => event.detail.usage}
  />
);
