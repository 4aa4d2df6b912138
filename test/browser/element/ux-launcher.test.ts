import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { OpenRouterChat } from '../../../src/index.js';
import { shadow } from '../helpers/chat-fixture.js';
import { part, press, textarea } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, contentEvent, openSseStream, serveChat } from '../helpers/sse-mock.js';

async function launcher(): Promise<OpenRouterChat> {
  return fixture<OpenRouterChat>(html`<openrouter-chat variant="launcher" endpoint=${CHAT_ENDPOINT} model="test/model"></openrouter-chat>`);
}

function button(el: OpenRouterChat): HTMLButtonElement {
  return part<HTMLButtonElement>(el, 'launcher-button')!;
}

function panelShown(el: OpenRouterChat): boolean {
  return part(el, 'panel')!.checkVisibility();
}

describe('launcher variant', () => {
  it('shows only a labelled floating button until opened', async () => {
    const el = await launcher();
    expect(button(el).getAttribute('aria-label')).to.equal('Open chat');
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    expect(button(el).getAttribute('aria-controls')).to.equal(part(el, 'panel')!.id);
    expect(panelShown(el)).to.equal(false);
    expect(getComputedStyle(el).position).to.equal('fixed');
  });

  it('opens the panel on click and moves focus into it; the button closes it and takes focus back', async () => {
    const el = await launcher();
    button(el).click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(panelShown(el)).to.equal(true);
    expect(button(el).getAttribute('aria-expanded')).to.equal('true');
    expect(button(el).getAttribute('aria-label')).to.equal('Close chat');
    expect(shadow(el).activeElement).to.equal(textarea(el));

    button(el).click();
    await el.updateComplete;
    expect(panelShown(el)).to.equal(false);
    expect(shadow(el).activeElement).to.equal(button(el));
  });

  it('Escape closes the panel and returns focus to the button', async () => {
    const el = await launcher();
    button(el).click();
    await el.updateComplete;
    press(textarea(el), 'Escape');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(shadow(el).activeElement).to.equal(button(el));
  });

  it('Escape on the launcher button closes the open panel too', async () => {
    const el = await launcher();
    button(el).click();
    await el.updateComplete;
    button(el).focus();
    press(button(el), 'Escape');
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('Escape while an answer streams stops it and leaves the panel open', async () => {
    const stream = openSseStream([contentEvent('Streaming')]);
    await serveChat(() => stream.response);
    const el = await launcher();
    button(el).click();
    await el.updateComplete;
    const delta = oneEvent(el, 'openrouter-chat-delta');
    el.send('Hi').catch(() => {});
    await delta;
    press(textarea(el), 'Escape');
    await stream.cancelled;
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect(el.open).to.equal(true);
    expect(shadow(el).activeElement).to.equal(textarea(el));
  });

  it('passes axe with the panel open', async () => {
    const el = await launcher();
    button(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('small screens', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('keeps the open panel inside a 320 px wide viewport', async () => {
      await setViewport({ width: 320, height: 568 });
      const el = await launcher();
      button(el).click();
      await el.updateComplete;
      const panel = part(el, 'panel')!.getBoundingClientRect();
      expect(panel.left).to.be.at.least(0);
      expect(panel.right).to.be.at.most(320);
      expect(panel.top).to.be.at.least(0);
    });
  });
});

describe('inline in a 320 px column', () => {
  it('fits without horizontal overflow', async () => {
    // A plain container given to fixture(), which removes it afterwards; not a fixture of its
    // own, because fixture() waits a frame for non-Lit elements and a background page gets none.
    const column = document.createElement('div');
    column.style.inlineSize = '320px';
    document.body.append(column);
    const el = await fixture<OpenRouterChat>(
      html`<openrouter-chat endpoint=${CHAT_ENDPOINT} models="vendor/a-very-long-model-name-that-could-overflow, vendor/b"></openrouter-chat>`,
      { parentNode: column },
    );
    el.messages = [
      { role: 'user', content: 'A question with a verylongwordthatdoesnotbreakanywhereatallinthecolumn' },
      { role: 'assistant', content: 'An answer.' },
    ];
    await el.updateComplete;
    const panel = part(el, 'panel')!;
    expect(panel.getBoundingClientRect().width).to.be.at.most(320);
    expect(panel.scrollWidth).to.be.at.most(panel.clientWidth);
    expect(part(el, 'log')!.scrollWidth).to.be.at.most(part(el, 'log')!.clientWidth);
  });
});
