/**
 * Rendering the `markdown()` directive the way the element does: into one host, again and
 * again, with the answer so far.
 */
import { html, render } from 'lit';
import { markdown, type MarkdownOptions } from '../../../src/markdown/markdown.js';
// The renderer itself is the markdown room: loaded before these hosts render.
import './markdown-room-ready.js';

/** Renders `text` into `host` and returns the directive's container. */
export function renderMarkdown(host: HTMLElement, text: string, options?: MarkdownOptions): HTMLElement {
  render(html`${markdown(text, options)}`, host);
  const container = host.querySelector<HTMLElement>(':scope > .markdown');
  if (!container) throw new Error('markdown() rendered no container');
  return container;
}

/**
 * Streams `deltas` into `host` as growing prefixes (`complete: false`), then renders the
 * whole text complete. Returns the container; `onUpdate` sees each streaming update.
 */
export function streamMarkdown(
  host: HTMLElement,
  deltas: readonly string[],
  options: Omit<MarkdownOptions, 'complete'> = {},
  onUpdate?: (text: string, container: HTMLElement) => void,
): HTMLElement {
  let text = '';
  for (const delta of deltas) {
    text += delta;
    const container = renderMarkdown(host, text, { ...options, complete: false });
    onUpdate?.(text, container);
  }
  return renderMarkdown(host, text, { ...options, complete: true });
}

/** A connected, empty host element, removed again by `remove()`. */
export function connectedHost(): HTMLElement {
  return document.body.appendChild(document.createElement('div'));
}

/**
 * Makes connected hosts that are removed after each test: call it at the top of a test file.
 * Made synchronously rather than with fixture(), which waits for an animation frame: frames
 * pause in a page the browser does not show.
 */
export function hostsRemovedAfterEach(): () => HTMLElement {
  const hosts: HTMLElement[] = [];
  afterEach(() => hosts.splice(0).forEach((element) => element.remove()));
  return () => {
    const element = connectedHost();
    hosts.push(element);
    return element;
  };
}
