/**
 * `openrouter-chat/react`: `<openrouter-chat>` for React.
 *
 * - React 19 supports custom elements natively (it sets a prop as a property when the
 *   element has one, and `on<event-name>` props become listeners). Importing this module
 *   (or only its types) types `<openrouter-chat>` in JSX for that.
 * - React 18 sets every prop on a custom element as a string attribute and cannot listen to
 *   its events, so `messages` would arrive as `"[object Object]"`. The {@link OpenRouterChat}
 *   wrapper (from `@lit/react`) sets properties and maps `onDelta`-style props to the events.
 *
 * Importing this module also defines the element.
 *
 * @module
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  OpenRouterChat as OpenRouterChatElement,
  type OpenRouterChatAbortEvent,
  type OpenRouterChatAttachmentEvent,
  type OpenRouterChatCompleteEvent,
  type OpenRouterChatConversationEvent,
  type OpenRouterChatDeltaEvent,
  type OpenRouterChatErrorEvent,
  type OpenRouterChatFeedbackEvent,
  type OpenRouterChatSendEvent,
  type OpenRouterChatToolCallEvent,
  type OpenRouterChatToolResultEvent,
} from './index.js';

/** `@lit/react`'s wrapper: props become properties, `onDelta`-style props become listeners. */
const LitOpenRouterChat = createComponent({
  react: React,
  tagName: 'openrouter-chat',
  elementClass: OpenRouterChatElement,
  displayName: 'OpenRouterChat',
  events: {
    onSend: 'openrouter-chat-send' as EventName<OpenRouterChatSendEvent>,
    onDelta: 'openrouter-chat-delta' as EventName<OpenRouterChatDeltaEvent>,
    onComplete: 'openrouter-chat-complete' as EventName<OpenRouterChatCompleteEvent>,
    onError: 'openrouter-chat-error' as EventName<OpenRouterChatErrorEvent>,
    onAbort: 'openrouter-chat-abort' as EventName<OpenRouterChatAbortEvent>,
    onAttachment: 'openrouter-chat-attachment' as EventName<OpenRouterChatAttachmentEvent>,
    onToolCall: 'openrouter-chat-tool-call' as EventName<OpenRouterChatToolCallEvent>,
    onToolResult: 'openrouter-chat-tool-result' as EventName<OpenRouterChatToolResultEvent>,
    onFeedback: 'openrouter-chat-feedback' as EventName<OpenRouterChatFeedbackEvent>,
    onConversation: 'openrouter-chat-conversation' as EventName<OpenRouterChatConversationEvent>,
  },
});

/** Props of {@link OpenRouterChat}: the element's properties, `onSend`...`onConversation`, React's own. */
export type OpenRouterChatProps = React.ComponentProps<typeof LitOpenRouterChat>;

/**
 * `<openrouter-chat>` as a React component (React 18 and later): props set the element's
 * properties, and `onSend`, `onDelta`, `onComplete`, `onError`, `onAbort`, `onAttachment`, `onToolCall`,
 * `onToolResult`, `onFeedback` and `onConversation` listen to its events.
 * A `ref` gives the element, for `send()`, `stop()` and `clear()`.
 */
export const OpenRouterChat = React.forwardRef<OpenRouterChatElement, OpenRouterChatProps>(function OpenRouterChat(
  { messages, ...props },
  ref,
) {
  const element = React.useRef<OpenRouterChatElement | null>(null);
  // `@lit/react` assigns every property on every render, trusting Lit to ignore unchanged
  // values. The element ignores the conversation it already holds, but only after comparing
  // it message by message: assigning only when the array itself changes skips that per render.
  React.useLayoutEffect(() => {
    if (messages !== undefined && element.current) element.current.messages = messages;
  }, [messages]);
  const setRef = React.useCallback(
    (node: OpenRouterChatElement | null) => {
      element.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );
  return React.createElement(LitOpenRouterChat, { ...props, ref: setRef });
});

/** The element's events by name, as `HTMLElementEventMap` types them. */
type ChatEventMap = Pick<
  HTMLElementEventMap,
  | 'openrouter-chat-send'
  | 'openrouter-chat-delta'
  | 'openrouter-chat-complete'
  | 'openrouter-chat-error'
  | 'openrouter-chat-abort'
  | 'openrouter-chat-attachment'
  | 'openrouter-chat-feedback'
  | 'openrouter-chat-conversation'
>;

/**
 * Props of `<openrouter-chat>` in React 19's JSX: the element's settable properties, and one
 * `on<event-name>` listener per event (React 19 adds those with `addEventListener`).
 */
export type OpenRouterChatJsxProps = React.DetailedHTMLProps<React.HTMLAttributes<OpenRouterChatElement>, OpenRouterChatElement> &
  Partial<
    Pick<
      OpenRouterChatElement,
      | 'endpoint'
      | 'model'
      | 'models'
      | 'systemPrompt'
      | 'temperature'
      | 'messages'
      | 'accept'
      | 'maxAttachments'
      | 'maxAttachmentBytes'
      | 'suggestions'
      | 'feedback'
      | 'conversations'
      | 'conversationId'
      | 'store'
    >
  > & {
    [Name in keyof ChatEventMap as `on${Name}`]?: (event: ChatEventMap[Name]) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'openrouter-chat': OpenRouterChatJsxProps;
    }
  }
}
