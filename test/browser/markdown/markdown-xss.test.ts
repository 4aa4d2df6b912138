import { expect } from '@open-wc/testing';
import { renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

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

interface Trap {
  calls: string[];
  restore: () => void;
}

/** Replaces `window.__xss` and `window.alert` with recorders: a payload that runs calls one. */
function installTrap(): Trap {
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
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Describes everything active in `root`: elements, handlers and URLs that should not be there. */
function violations(root: Element, allowImages: boolean): string[] {
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
function splitPositions(payload: string): number[] {
  const step = Math.max(1, Math.ceil(payload.length / 80));
  const positions: number[] = [];
  for (let position = 1; position < payload.length; position += step) positions.push(position);
  return positions;
}

for (const allowImages of [false, true]) {
  describe(`markdown(): XSS payloads, images ${allowImages ? 'allowed' : 'off'}`, () => {
    let trap: Trap;
    let root: HTMLElement;
    beforeEach(() => {
      trap = installTrap();
      root = document.body.appendChild(document.createElement('div'));
    });
    afterEach(() => {
      root.remove();
      trap.restore();
    });

    /** A new host under `root` (each render starts from a fresh directive). */
    const newHost = () => root.appendChild(document.createElement('div'));

    it('the trap sees script that does run (control)', async () => {
      newHost().innerHTML = '<img src="data:," onerror="__xss()"><img src="data:," onerror="alert(1)">';
      await settle();
      expect(trap.calls).to.have.members(['__xss', 'alert(1)']);
    });

    it(`leaves nothing active from ${XSS_PAYLOADS.length} payloads, whole, streamed by character and split at every position`, async () => {
      const report: string[] = [];
      const check = (payload: string, how: string, container: Element) => {
        for (const problem of violations(container, allowImages)) report.push(`${JSON.stringify(payload)} ${how}: ${problem}`);
      };
      for (const payload of XSS_PAYLOADS) {
        // Rendered whole stays attached until the end, so anything it would load or run gets
        // the time to do it before the trap is read.
        check(payload, 'whole', renderMarkdown(newHost(), payload, { allowImages }));
        const streamed = newHost();
        check(payload, 'by character', streamMarkdown(streamed, [...payload], { allowImages }, (text, out) => check(text, 'streaming', out)));
        streamed.remove();
        for (const position of splitPositions(payload)) {
          const split = newHost();
          const deltas = [payload.slice(0, position), payload.slice(position)];
          check(payload, `split at ${position}`, streamMarkdown(split, deltas, { allowImages }, (text, out) => check(text, 'first part', out)));
          split.remove();
        }
      }
      expect(report).to.deep.equal([]);
      await settle();
      expect(trap.calls).to.deep.equal([]);
    });
  });
}

describe('markdown(): allowed images are https only', () => {
  it('keeps https images from the corpus and drops every other source', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const sources = XSS_PAYLOADS.flatMap((payload) => {
      const out = renderMarkdown(root.appendChild(document.createElement('div')), payload, { allowImages: true });
      return [...out.querySelectorAll('img')].map((image) => image.getAttribute('src'));
    });
    root.remove();
    expect(sources.length).to.be.greaterThan(0);
    for (const src of sources) expect(new URL(src!).protocol).to.equal('https:');
  });
});
