import { expect } from '@open-wc/testing';
import { renderMarkdown, streamMarkdown } from '../helpers/markdown-host.js';
import { installTrap, settle, splitPositions, violations, type Trap } from '../helpers/xss-check.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

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
