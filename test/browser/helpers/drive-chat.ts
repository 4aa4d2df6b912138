/**
 * Drives `<openrouter-chat>` through its own UI, as a user would, wherever it came from: a
 * built bundle in an iframe (another realm, so no `instanceof`), or a framework's render.
 */
import { waitUntil } from '@open-wc/testing';

/**
 * How long to wait for the chat to show something. Generous: the element renders once per
 * animation frame, and a page the runner keeps in the background gets frames (and timers)
 * slowly when the machine is busy with other test files.
 */
export const SHOW_TIMEOUT_MS = 5000;

function part(el: Element, name: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`<${el.localName}> has no rendered part "${name}" (is the element defined?)`);
  return found;
}

/** Types `text` into the chat's input and presses its send button. */
export function typeAndSend(el: Element, text: string): void {
  const input = part(el, 'input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  part(el, 'send-button').click();
}

/** The text of every rendered message bubble, in order, whitespace collapsed. */
export function shownMessages(el: Element): string[] {
  return [...(el.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Waits until the chat shows a message bubble containing `text`. */
export async function waitForMessage(el: Element, text: string): Promise<void> {
  await waitUntil(() => shownMessages(el).some((shown) => shown.includes(text)), `no message with "${text}"; shown: ${JSON.stringify(shownMessages(el))}`, {
    timeout: SHOW_TIMEOUT_MS,
  });
}
