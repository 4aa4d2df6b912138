/**
 * Hostile TeX, streamed in several chunkings: nothing runs, no link is active, and the output
 * holds only the markdown renderer's elements and MathML's allowlisted elements and
 * attributes (`src/math/mathml.ts`).
 */
import { expect } from '@open-wc/testing';
import { css, html, nothing, svg } from 'lit';
import { mathRoom } from '../../../src/math/math-room.js';
import type { RoomKit } from '../../../src/rooms/room-kit.js';
import { connectedHost, streamMarkdown } from '../helpers/markdown-host.js';

const math = mathRoom({ html, svg, css, nothing } as unknown as RoomKit);

const MATHML_ELEMENTS = new Set([
  'math', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup', 'munder', 'mover',
  'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'merror',
  'mpadded', 'mphantom', 'mtable', 'mtr', 'mtd', 'menclose',
]);
const MATHML_ATTRIBUTES = new Set([
  'display', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize', 'dir', 'lspace', 'rspace', 'stretchy',
  'symmetric', 'maxsize', 'minsize', 'largeop', 'movablelimits', 'form', 'fence', 'separator', 'accent',
  'accentunder', 'linethickness', 'width', 'height', 'depth', 'voffset', 'columnalign', 'rowalign',
  'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'columnspan', 'rowspan', 'notation', 'frame',
  'framespacing', 'equalrows', 'equalcolumns', 'side', 'minlabelspacing', 'linebreak', 'class', 'mathcolor', 'mathbackground',
]);
const HTML_ELEMENTS = new Set(['DIV', 'SPAN', 'P', 'CODE', 'PRE', 'STRONG', 'EM', 'A', 'BR', 'BUTTON', 'UL', 'LI']);
const HTML_ATTRIBUTES = new Set(['class', 'part', 'type', 'data-language', 'href', 'rel', 'target']);

const JAVASCRIPT = ['javascript:window.__xss()', 'JaVaScRiPt:window.__xss()', ' javascript:window.__xss()', 'java\tscript:window.__xss()', 'java&#115;cript:window.__xss()', '&#106;avascript:window.__xss()', '%6Aavascript:window.__xss()', 'javascript&colon;window.__xss()', 'vbscript:window.__xss()', 'data:text/html,<script>window.__xss()</script>'];

const TEX = [
  ...JAVASCRIPT.flatMap((url) => [`\\href{${url}}{click}`, `\\url{${url}}`, `\\includegraphics{${url}}`, `\\includegraphics[width=1em]{${url}}`]),
  '\\htmlId{x}{y}', '\\htmlClass{copy-button}{y}', '\\htmlStyle{background:url(javascript:window.__xss())}{y}', '\\htmlData{foo=bar}{y}',
  '\\class{x}{y}', '\\cssId{x}{y}', '\\style{color:red}{y}',
  '\\text{<img src=x onerror=window.__xss()>}', '\\text{<script>window.__xss()</script>}',
  '\\text{<math href="javascript:window.__xss()"><mi>x</mi></math>}',
  '\\text{<maction actiontype="statusline" xlink:href="javascript:window.__xss()">x</maction>}',
  '\\text{<semantics><annotation encoding="text/html"><img src=x onerror=window.__xss()></annotation></semantics>}',
  '\\mathrm{<a href="javascript:window.__xss()">x</a>}',
  '\\color{url(javascript:window.__xss())}{x}', '\\color{red" onmouseover="window.__xss()}{x}', '\\colorbox{red;background:url(x)}{x}',
  '\\def\\x{\\href{javascript:window.__xss()}{a}}\\x', '\\def\\a{\\a\\a}\\a', '\\operatorname{<b onclick=window.__xss()>}',
  '\\unicode{x}', '\\require{html}', '\\verb|<script>|',
];

function violations(root: Element): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const mathml = element.namespaceURI === 'http://www.w3.org/1998/Math/MathML';
    if (mathml ? !MATHML_ELEMENTS.has(element.localName) : !HTML_ELEMENTS.has(element.tagName)) found.push(`<${element.localName}>`);
    for (const { name, value } of element.attributes) {
      if (!(mathml ? MATHML_ATTRIBUTES : HTML_ATTRIBUTES).has(name)) found.push(`${element.localName} ${name}="${value}"`);
      if (name === 'class' && mathml && !/^(?:tml-[\w-]+|mathcal|mathscr|menclose|special-fraction)(?: |$)/.test(value)) found.push(`class="${value}"`);
    }
    if (element.hasAttribute('href')) found.push(`link ${element.getAttribute('href')}`);
  }
  return found;
}

describe('math: hostile TeX in every chunking', () => {
  let host: HTMLElement;
  const calls: string[] = [];
  before(() => ((window as unknown as Record<string, unknown>).__xss = () => calls.push('__xss')));
  after(() => delete (window as unknown as Record<string, unknown>).__xss);
  beforeEach(() => (host = connectedHost()));
  afterEach(() => host.remove());

  for (const [open, close] of [['$', '$'], ['$$', '$$'], ['\\(', '\\)'], ['\\[', '\\]']] as const) {
    it(`${open}...${close}: nothing runs, nothing links, only allowlisted MathML`, async () => {
      for (const tex of TEX) {
        const text = `Look ${open}${tex}${close} here and ${open}x^2${close}.`;
        for (const size of [text.length, 1, 4, 7]) {
          const pieces: string[] = [];
          for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
          const container = streamMarkdown(host, pieces, { math });
          expect(violations(container), `${tex} in pieces of ${size}`).to.deep.equal([]);
          expect(container.querySelector('math'), `${tex}: the harmless formula still renders`).to.exist;
        }
      }
      // Let anything a payload scheduled (an image error, a navigation) happen.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(calls).to.deep.equal([]);
    });
  }
});
