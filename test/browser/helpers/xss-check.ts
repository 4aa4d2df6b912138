/**
 * Checking rendered hostile model output: a trap that records script that runs, and a
 * description of everything active left in the DOM. Shared by the markdown and the code
 * highlighting XSS tests.
 */

/** What the renderer may create at all; anything else in the output is a failure. */
const ALLOWED_ELEMENTS = new Set([
  'DIV', 'SPAN', 'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE',
  'BLOCKQUOTE', 'UL', 'OL', 'LI', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'A', 'BR', 'HR', 'BUTTON',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'class', 'part', 'href', 'rel', 'target', 'src', 'alt', 'referrerpolicy', 'loading', 'start', 'type', 'data-language',
]);
/** Named on their own too, so the report says plainly which active element appeared. */
const ACTIVE_ELEMENTS = 'script, style, iframe, object, embed, svg, math, form, meta, base, link, input, textarea, select, video, audio, frame, frameset, template';
const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];

export interface Trap {
  calls: string[];
  restore: () => void;
}

/** Replaces `window.__xss` and `window.alert` with recorders: a payload that runs calls one. */
export function installTrap(): Trap {
  const calls: string[] = [];
  const target = window as unknown as Record<string, unknown>;
  const originalAlert = window.alert;
  target.__xss = () => calls.push('__xss');
  window.alert = (message?: unknown) => void calls.push(`alert(${String(message)})`);
  return {
    calls,
    restore: () => {
      delete target.__xss;
      window.alert = originalAlert;
    },
  };
}

/**
 * Lets anything a payload scheduled (error events of images, frames loading) happen. A timer,
 * not an animation frame: frames pause in a page the browser does not show.
 */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Describes everything active in `root`: elements, handlers and URLs that should not be there. */
export function violations(root: Element, allowImages: boolean): string[] {
  const found: string[] = [];
  for (const active of root.querySelectorAll(ACTIVE_ELEMENTS)) found.push(`<${active.localName}>`);
  for (const element of root.querySelectorAll('*')) {
    const image = element.tagName === 'IMG';
    if (!ALLOWED_ELEMENTS.has(element.tagName) && !(image && allowImages)) found.push(`element <${element.localName}>`);
    for (const { name, value } of element.attributes) {
      if (/^on/i.test(name) || !ALLOWED_ATTRIBUTES.has(name)) found.push(`attribute ${name}="${value}"`);
    }
    const href = element.getAttribute('href');
    if (href !== null) {
      const url = URL.canParse(href) ? new URL(href) : null;
      if (!url || !LINK_PROTOCOLS.includes(url.protocol) || url.href !== href) found.push(`href="${href}"`);
      if (element.getAttribute('rel') !== 'noopener noreferrer') found.push(`link without rel: ${href}`);
    }
    const src = element.getAttribute('src');
    if (src !== null && (!URL.canParse(src) || new URL(src).protocol !== 'https:')) found.push(`src="${src}"`);
  }
  return found;
}

/** Split positions for `payload`: every one, or an even spread of about 80 for long payloads. */
export function splitPositions(payload: string): number[] {
  const step = Math.max(1, Math.ceil(payload.length / 80));
  const positions: number[] = [];
  for (let position = 1; position < payload.length; position += step) positions.push(position);
  return positions;
}

