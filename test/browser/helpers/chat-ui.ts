/**
 * Driving `<openrouter-chat>` the way a person does: find its parts, type, press keys, and
 * open a chat whose answer stays streaming.
 */
import { waitUntil } from '@open-wc/testing';
import type { OpenRouterChat } from '../../../src/index.js';
import { chatFixture, nextDeltaText, shadow } from './chat-fixture.js';
import { contentEvent, openSseStream, serveChat } from './sse-mock.js';

/** The first element with `part` name `name` in the chat's shadow root. */
export function part<T extends Element = HTMLElement>(el: OpenRouterChat, name: string): T | null {
  return shadow(el).querySelector<T>(`[part~="${name}"]`);
}

/** Every element with `part` name `name`. */
export function parts<T extends Element = HTMLElement>(el: OpenRouterChat, name: string): T[] {
  return [...shadow(el).querySelectorAll<T>(`[part~="${name}"]`)];
}

/** The message box. */
export function textarea(el: OpenRouterChat): HTMLTextAreaElement {
  const input = part<HTMLTextAreaElement>(el, 'input');
  if (!input) throw new Error('no input part');
  return input;
}

/** Dispatches a keydown as a keyboard would (bubbling, composed, cancelable). */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

/** Types `text` into the chat's box and presses Enter. */
export function typeAndEnter(el: OpenRouterChat, text: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const input = textarea(el);
  input.value = text;
  return press(input, 'Enter', init);
}

/** A chat whose answer stays open after `first` arrived, so the streaming UI can be inspected. */
export async function streamingChat(first = 'Partial') {
  const stream = openSseStream([contentEvent(first)]);
  const endpoint = await serveChat(() => stream.response);
  const el = await chatFixture();
  const delta = nextDeltaText(el);
  typeAndEnter(el, 'Question');
  await delta;
  await el.updateComplete;
  return { el, stream, endpoint };
}

/**
 * Waits for `predicate` like `waitUntil`, but longer: when test files run side by side, a
 * page in the background gets no animation frames and throttled timers, so a render can take
 * a second or more to land.
 */
export function eventually(predicate: () => unknown, message: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: 5000 });
}
