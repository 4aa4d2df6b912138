import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { OpenRouterChat } from '../../../src/index.js';
import { part, parts } from '../helpers/chat-ui.js';
import { savedConversations, writeRecords } from '../helpers/conversation-db.js';
import { CHAT_ENDPOINT, answerEvents, serveChat, sseResponse } from '../helpers/sse-mock.js';

async function chat(attributes: string): Promise<OpenRouterChat> {
  const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model"></openrouter-chat>`);
  for (const [name, value] of new URLSearchParams(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

describe('suggestions', () => {
  it('shows the starter prompts of the attribute in the empty conversation, and a click sends one', async () => {
    const endpoint = await serveChat(() => sseResponse(answerEvents(['Sure.'])));
    const el = await chat('suggestions=Plan a trip, with stops | Explain <b>this</b> code |  ');
    await waitUntil(() => parts(el, 'suggestion').length, 'no suggestions');
    const buttons = parts(el, 'suggestion');
    expect(buttons.map((button) => button.textContent)).to.deep.equal(['Plan a trip, with stops', 'Explain <b>this</b> code']);
    expect(buttons[1].querySelector('b')).to.equal(null);
    const complete = oneEvent(el, 'openrouter-chat-complete');
    buttons[0].click();
    await complete;
    expect((endpoint.requests[0].body as { messages: unknown[] }).messages).to.deep.equal([{ role: 'user', content: 'Plan a trip, with stops' }]);
    await el.updateComplete;
    expect(parts(el, 'suggestion')).to.have.length(0);
  });

  it('takes a list as the property, and shows nothing for an empty one', async () => {
    const el = await chat('');
    expect(parts(el, 'suggestion')).to.have.length(0);
    el.suggestions = ['One', 'Two'];
    await waitUntil(() => parts(el, 'suggestion').length, 'no suggestions');
    expect(parts(el, 'suggestion').map((button) => button.textContent)).to.deep.equal(['One', 'Two']);
  });

  it('is accessible', async () => {
    const el = await chat('suggestions=One | Two');
    await waitUntil(() => parts(el, 'suggestion').length, 'no suggestions');
    await expect(el).to.be.accessible();
  });
});

describe('feedback', () => {
  it('shows thumbs under a finished answer only with the attribute, fires the event, and shows the choice', async () => {
    await serveChat(() => sseResponse(answerEvents(['Helpful answer.'])));
    const plain = await chat('');
    await plain.send('Hi');
    await plain.updateComplete;
    expect(parts(plain, 'feedback-button')).to.have.length(0);

    const el = await chat('feedback=');
    await el.send('Hi');
    await waitUntil(() => parts(el, 'feedback-button').length, 'no thumbs');
    const [up, down] = parts(el, 'feedback-button');
    expect([up.getAttribute('aria-label'), down.getAttribute('aria-label')]).to.deep.equal(['Good answer', 'Bad answer']);
    const rated = oneEvent(el, 'openrouter-chat-feedback');
    down.click();
    const { detail } = await rated;
    expect(detail).to.deep.equal({ message: el.messages[1], index: 1, rating: 'down' });
    await el.updateComplete;
    expect(parts(el, 'feedback-button').map((button) => button.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true']);

    let again = 0;
    el.addEventListener('openrouter-chat-feedback', () => again++);
    parts(el, 'feedback-button')[1].click();
    expect(again).to.equal(0);
    parts(el, 'feedback-button')[0].click();
    expect(again).to.equal(1);
  });

  it('keeps the rating with the saved conversation, and refuses a stored rating that is not up or down', async () => {
    const key = `feedback-${Math.random()}`;
    await serveChat(() => sseResponse(answerEvents(['Saved answer.'])));
    const first = await chat(`feedback=&storage-key=${key}`);
    await first.send('Hi');
    await waitUntil(() => parts(first, 'feedback-button').length, 'no thumbs');
    parts(first, 'feedback-button')[0].click();
    await waitUntil(async () => ((await savedConversations(key))[0]?.messages as { feedback?: string }[] | undefined)?.[1]?.feedback, 'the rating was not saved');
    expect(((await savedConversations(key))[0].messages as unknown[])[1]).to.deep.equal({ role: 'assistant', content: 'Saved answer.', feedback: 'up' });
    first.remove();

    const second = await chat(`feedback=&storage-key=${key}`);
    await waitUntil(() => parts(second, 'feedback-button').length === 2, 'the restored answer has no thumbs');
    expect(parts(second, 'feedback-button')[0].getAttribute('aria-pressed')).to.equal('true');
    // The rating is not part of what the model is sent.
    expect(second.messages[1]).to.deep.equal({ role: 'assistant', content: 'Saved answer.' });

    const hostileKey = `${key}-hostile`;
    const hostile = { id: 'h', title: 'x', updatedAt: 1, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y', feedback: '<script>' }] };
    await writeRecords(hostileKey, { conversations: [hostile], summaries: [{ id: 'h', title: 'x', updatedAt: 1 }] });
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (message: unknown) => warnings.push(message);
    try {
      const third = await chat(`storage-key=${hostileKey}`);
      await waitUntil(() => warnings.length, 'no warning');
      expect(String(warnings[0])).to.contain('unreadable');
      expect(third.messages).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
    expect(part(second, 'feedback-button')).to.not.equal(null);
  });
});
