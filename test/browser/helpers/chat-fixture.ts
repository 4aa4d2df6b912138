/**
 * Element fixtures for `<openrouter-chat>` tests: a chat pointed at the mock endpoint, and a
 * recorder of the events it fires.
 */
import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/index.js';
// Answers render as markdown from the first render on, as on a page that has the markdown room.
import './markdown-room-ready.js';
import type { OpenRouterChat } from '../../../src/index.js';
import { CHAT_ENDPOINT } from './sse-mock.js';

/** The five public event names, in no particular order. */
export const CHAT_EVENT_NAMES = [
  'openrouter-chat-send',
  'openrouter-chat-delta',
  'openrouter-chat-complete',
  'openrouter-chat-error',
  'openrouter-chat-abort',
] as const;

export type ChatEventName = (typeof CHAT_EVENT_NAMES)[number];

/** A connected `<openrouter-chat>` posting to the mock endpoint. */
export async function chatFixture(model?: string): Promise<OpenRouterChat> {
  return fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model=${model ?? 'test/model'}></openrouter-chat>`);
}

/** A recorded event: its name and detail, in firing order. */
export interface RecordedEvent {
  type: ChatEventName;
  detail: unknown;
}

/**
 * Records every chat event that reaches `document`, which also proves they bubble out of
 * the element. Returns the live list and a function that stops recording.
 */
export function recordChatEvents(): { events: RecordedEvent[]; stop: () => void } {
  const events: RecordedEvent[] = [];
  const listener = (event: Event) => events.push({ type: event.type as ChatEventName, detail: (event as CustomEvent).detail });
  for (const name of CHAT_EVENT_NAMES) document.addEventListener(name, listener);
  return {
    events,
    stop: () => CHAT_EVENT_NAMES.forEach((name) => document.removeEventListener(name, listener)),
  };
}

/** Waits for the next delta event and returns the answer text so far. */
export async function nextDeltaText(el: OpenRouterChat): Promise<string> {
  return (await oneEvent(el, 'openrouter-chat-delta')).detail.text;
}

/** The element's shadow root, asserted present. */
export function shadow(el: OpenRouterChat): ShadowRoot {
  if (!el.shadowRoot) throw new Error('<openrouter-chat> has no shadow root');
  return el.shadowRoot;
}

/** The text of every rendered message bubble, in order (finished and streaming). */
export function renderedMessages(el: OpenRouterChat): string[] {
  return [...shadow(el).querySelectorAll('[part~="message"]')].map((node) =>
    (node.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}
