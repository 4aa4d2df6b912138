import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { OpenRouterChat } from '../../../src/index.js';
import { chatFixture, shadow } from '../helpers/chat-fixture.js';
import { eventually, part, parts, streamingChat, textarea, typeAndEnter } from '../helpers/chat-ui.js';
import {
  CHAT_ENDPOINT,
  DONE,
  answerEvents,
  contentEvent,
  finishEvent,
  jsonErrorResponse,
  openSseStream,
  reasoningEvent,
  serveChat,
  sseResponse,
  usageEvent,
} from '../helpers/sse-mock.js';

function announcer(el: OpenRouterChat): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[aria-live="polite"]')!;
}

/** Records each text the live region is given, as it is given. */
function recordAnnouncements(el: OpenRouterChat): { texts: string[]; stop(): void } {
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = announcer(el).textContent?.trim();
    if (text) texts.push(text);
  });
  observer.observe(announcer(el), { childList: true, subtree: true, characterData: true });
  return { texts, stop: () => observer.disconnect() };
}

/** A finished exchange with every answer control showing: thinking, copy, regenerate, usage. */
async function answeredChat(): Promise<OpenRouterChat> {
  await serveChat(() =>
    sseResponse([reasoningEvent('Considering.'), contentEvent('An **answer** with `code`.'), finishEvent(), usageEvent({ prompt_tokens: 5, completion_tokens: 7, cost: 0.0001 }), DONE]),
  );
  const el = await chatFixture();
  el.showUsage = true;
  el.models = ['test/model', 'vendor/other'];
  await el.send('Question');
  await el.updateComplete;
  return el;
}

async function erroredChat(): Promise<OpenRouterChat> {
  await serveChat(() => jsonErrorResponse(402, 'Insufficient credits'));
  const el = await chatFixture();
  const failed = oneEvent(el, 'openrouter-chat-error');
  typeAndEnter(el, 'Hi');
  await failed;
  await el.updateComplete;
  return el;
}

describe('accessibility', () => {
  it('the conversation is a labelled log that is busy while streaming and does not read every token', async () => {
    const { el, stream } = await streamingChat();
    const log = part(el, 'log')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(log.getAttribute('aria-live')).to.equal('off');
    expect(log.getAttribute('aria-busy')).to.equal('true');
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
    await oneEvent(el, 'openrouter-chat-complete');
    await el.updateComplete;
    expect(log.getAttribute('aria-busy')).to.equal('false');
  });

  it('announces each finished answer once, as rendered text, and not a stopped one', async () => {
    const first = openSseStream([contentEvent('One ')]);
    await serveChat((n) => (n === 1 ? first.response : sseResponse([contentEvent('Same'), finishEvent(), DONE])));
    const el = await chatFixture();
    const announcements = recordAnnouncements(el);
    const answered = el.send('Hi');
    for (const piece of ['**two** ', 'three']) {
      first.push(contentEvent(piece));
      await oneEvent(el, 'openrouter-chat-delta');
      await el.updateComplete;
    }
    expect(announcements.texts).to.deep.equal([]);
    first.push(finishEvent());
    first.push(DONE);
    first.close();
    await answered;
    await el.updateComplete;
    expect(announcements.texts).to.deep.equal(['One two three']);

    await el.send('Again');
    await el.send('Again');
    await el.updateComplete;
    expect(announcements.texts).to.deep.equal(['One two three', 'Same', 'Same']);
    announcements.stop();
  });

  it('announces only its own answers, not those of a chat nested inside it', async () => {
    await serveChat((n) => sseResponse(answerEvents([n === 1 ? 'Outer answer' : 'Inner answer'])));
    const outer = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}>
      <openrouter-chat slot="header" endpoint=${CHAT_ENDPOINT}></openrouter-chat>
    </openrouter-chat>`);
    const inner = outer.querySelector('openrouter-chat')!;
    await outer.send('Hi');
    await outer.updateComplete;
    const outerAnnouncements = recordAnnouncements(outer);
    const innerAnnouncements = recordAnnouncements(inner);
    await inner.send('Hi');
    await inner.updateComplete;
    // Any later render of the outer chat (here a setting changed) is when it would re-announce.
    outer.showUsage = true;
    await outer.updateComplete;
    expect(innerAnnouncements.texts).to.deep.equal(['Inner answer']);
    expect(outerAnnouncements.texts).to.deep.equal([]);
    outerAnnouncements.stop();
    innerAnnouncements.stop();
  });

  it('announces what the answer says, a line per block, without the labels of its controls', async () => {
    const answer = 'Run this:\n\n```bash\nnpm test\n```\n\n- [ ] done?\n\n| Step | State |\n|---|---|\n| lint | ok |\n';
    await serveChat(() => sseResponse(answerEvents([answer])));
    const el = await chatFixture();
    const announcements = recordAnnouncements(el);
    await el.send('How do I test?');
    await el.updateComplete;
    expect(part(el, 'code-block')!.textContent, 'the controls are on screen').to.contain('bash').and.to.contain('Copy');
    expect(announcements.texts).to.deep.equal(['Run this:\nnpm test\n☐ done?\nStep State\nlint ok']);
    announcements.stop();
  });

  it('announces why an answer came without text', async () => {
    await serveChat(() => sseResponse([finishEvent('content_filter'), DONE]));
    const el = await chatFixture();
    const announcements = recordAnnouncements(el);
    await el.send('Hi');
    await el.updateComplete;
    expect(announcements.texts).to.deep.equal(["No answer: the provider's content filter withheld it."]);
    announcements.stop();
  });

  it('never announces a stopped answer', async () => {
    const { el, stream } = await streamingChat('Half');
    const announcements = recordAnnouncements(el);
    el.stop();
    await stream.cancelled;
    await el.updateComplete;
    expect(announcements.texts).to.deep.equal([]);
    announcements.stop();
  });

  it('labels every control', async () => {
    const el = await answeredChat();
    const controls = shadow(el).querySelectorAll<HTMLElement>('button, select, textarea, summary');
    expect(controls.length).to.be.greaterThan(5);
    for (const control of controls) {
      const name = control.getAttribute('aria-label') ?? control.textContent?.trim();
      expect(name, control.outerHTML).to.not.be.empty;
    }
  });

  it('keeps focus in the box after an error, so the reader can fix and resend', async () => {
    await serveChat(() => jsonErrorResponse(429, 'slow'));
    const el = await chatFixture();
    textarea(el).focus();
    await sendKeys({ type: 'Hi' });
    const failed = oneEvent(el, 'openrouter-chat-error');
    await sendKeys({ press: 'Enter' });
    await failed;
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(textarea(el));
  });

  describe('keyboard (real key presses)', () => {
    it('Enter sends, Shift+Enter adds a line', async () => {
      const stream = openSseStream();
      const endpoint = await serveChat(() => stream.response);
      const el = await chatFixture();
      textarea(el).focus();
      await sendKeys({ type: 'line one' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'line two' });
      expect(textarea(el).value).to.equal('line one\nline two');
      const sent = oneEvent(el, 'openrouter-chat-send');
      await sendKeys({ press: 'Enter' });
      expect((await sent).detail.messages.at(-1)?.content).to.equal('line one\nline two');
      await eventually(() => endpoint.requests.length === 1, 'one request goes out');
      await sendKeys({ press: 'Escape' });
      expect(el.status).to.equal('idle');
    });
  });

  describe('reduced motion', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('stops the waiting dots from pulsing', async () => {
      const stream = openSseStream();
      await serveChat(() => stream.response);
      const el = await chatFixture();
      el.send('Hi').catch(() => {});
      await el.updateComplete;
      const dot = shadow(el).querySelector('.indicator .dot')!;
      expect(getComputedStyle(dot).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(dot).animationName).to.equal('none');
      el.stop();
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(`axe, ${theme} theme`, () => {
      beforeEach(() => emulateMedia({ colorScheme: theme }));
      afterEach(() => emulateMedia({ colorScheme: 'light' }));

      it('passes while idle', async () => {
        const el = await chatFixture();
        await expect(el).to.be.accessible();
      });

      it('passes while streaming', async () => {
        const { el } = await streamingChat();
        await expect(el).to.be.accessible();
        el.stop();
      });

      it('passes with a finished answer and all its controls', async () => {
        const el = await answeredChat();
        expect(part(el, 'thinking')).to.exist;
        expect(part(el, 'usage')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('passes while showing an error', async () => {
        const el = await erroredChat();
        expect(part(el, 'error')!.textContent).to.contain('credits');
        await expect(el).to.be.accessible();
      });

      it('passes with an interrupted answer and its retry', async () => {
        const { el, stream } = await streamingChat();
        el.stop();
        await stream.cancelled;
        await el.updateComplete;
        expect(part(el, 'retry-button')).to.exist;
        await expect(el).to.be.accessible();
      });
    });
  }
});

describe('theme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  function background(el: OpenRouterChat): string {
    return getComputedStyle(part(el, 'panel')!).backgroundColor;
  }

  it('follows the system scheme by default, and the theme attribute pins one', async () => {
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    await emulateMedia({ colorScheme: 'light' });
    const light = background(el);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = background(el);
    expect(light).to.equal('rgb(255, 255, 255)');
    expect(dark).not.to.equal(light);
    el.theme = 'light';
    await el.updateComplete;
    expect(background(el)).to.equal(light);
    await emulateMedia({ colorScheme: 'light' });
    el.theme = 'dark';
    await el.updateComplete;
    expect(background(el)).to.equal(dark);
  });
});

describe('right-to-left', () => {
  it('mirrors the layout with dir="rtl"', async () => {
    await serveChat(() => sseResponse([contentEvent('مرحبا'), finishEvent(), DONE]));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat dir="rtl" endpoint=${CHAT_ENDPOINT} model="test/model"></openrouter-chat>`);
    await el.send('سلام');
    await el.updateComplete;
    const [user, assistant] = parts(el, 'message').map((node) => node.getBoundingClientRect());
    const panel = part(el, 'panel')!.getBoundingClientRect();
    // The user's bubble sits at the inline end, which is the left in rtl; answers at the right.
    expect(user.left - panel.left).to.be.lessThan(40);
    expect(panel.right - assistant.right).to.be.lessThan(40);
    const send = part(el, 'send-button')!.getBoundingClientRect();
    expect(send.right).to.be.at.most(textarea(el).getBoundingClientRect().left);
  });
});
