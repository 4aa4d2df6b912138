import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/index.js';
import type { OpenRouterChat, OpenRouterChatConversationEvent } from '../../../src/index.js';
import { renderedMessages, shadow } from '../helpers/chat-fixture.js';
import { eventually, part, press, typeAndEnter } from '../helpers/chat-ui.js';
import { freshKey, savedConversations } from '../helpers/conversation-db.js';
import { CHAT_ENDPOINT, answerEvents, contentEvent, openSseStream, serveChat, sseResponse, DONE, finishEvent } from '../helpers/sse-mock.js';

/** A chat with the list, saving under a key of its own unless given one. */
async function listChat(key = freshKey('list'), variant = 'inline'): Promise<OpenRouterChat> {
  const el = await fixture<OpenRouterChat>(
    html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" conversations storage-key=${key} variant=${variant}></openrouter-chat>`,
  );
  await eventually(() => part(el, 'conversation-list'), 'no conversation list');
  return el;
}

const switches = (el: OpenRouterChat) => [...shadow(el).querySelectorAll<HTMLButtonElement>('.conversation-switch')];
const titles = (el: OpenRouterChat) => switches(el).map((button) => button.textContent!.trim());
const currentTitle = (el: OpenRouterChat) => switches(el).find((button) => button.getAttribute('aria-current') === 'true')?.textContent?.trim();
const conversationEvents = (el: OpenRouterChat) => {
  const seen: { id: string; action: string }[] = [];
  el.addEventListener('openrouter-chat-conversation', (event: OpenRouterChatConversationEvent) => seen.push({ ...event.detail }));
  return seen;
};

/** Answers each request with "Answer n". */
const answerNumbered = () => serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));

describe('the conversation list', () => {
  it('makes, titles and orders conversations, newest first, with the shown one current', async () => {
    await answerNumbered();
    const el = await listChat();
    const events = conversationEvents(el);
    expect(titles(el)).to.deep.equal([]);
    await el.send('First question');
    await eventually(() => titles(el).length === 1, 'the first conversation is not listed');
    const firstId = el.conversationId!;
    expect(firstId).to.match(/^[0-9a-f]{32}$/);
    expect(titles(el)).to.deep.equal(['First question']);

    part(el, 'new-chat-button')!.click();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(el.conversationId).to.not.equal(firstId);
    expect(shadow(el).activeElement).to.equal(part(el, 'input'));
    expect(events).to.deep.equal([{ id: el.conversationId, action: 'create' }]);
    await el.send('Second question');
    await eventually(() => titles(el).length === 2, 'the second conversation is not listed');
    expect(titles(el)).to.deep.equal(['Second question', 'First question']);
    expect(currentTitle(el)).to.equal('Second question');

    switches(el)[1].click();
    await eventually(() => el.conversationId === firstId, 'did not switch');
    await el.updateComplete;
    expect(renderedMessages(el)).to.have.length(2);
    expect(el.messages[0]).to.deep.equal({ role: 'user', content: 'First question' });
    expect(currentTitle(el)).to.equal('First question');
    expect(events.at(-1)).to.deep.equal({ id: firstId, action: 'switch' });
  });

  it('renames inline: Enter keeps, Escape cancels, an empty title gives back the first message', async () => {
    await answerNumbered();
    const key = freshKey('rename');
    const el = await listChat(key);
    const events = conversationEvents(el);
    await el.send('Original words');
    await eventually(() => titles(el).length === 1, 'not listed');

    shadow(el).querySelector<HTMLButtonElement>('[data-rename]')!.click();
    const field = await fieldShown(el);
    expect(shadow(el).activeElement).to.equal(field);
    field.value = 'Trip plans';
    press(field, 'Enter');
    await eventually(() => titles(el)[0] === 'Trip plans', 'not renamed');
    expect(shadow(el).activeElement).to.equal(switches(el)[0]);
    expect(events).to.deep.equal([{ id: el.conversationId, action: 'rename' }]);
    await eventually(async () => (await savedConversations(key))[0]?.title === 'Trip plans', 'the new title was not saved');

    shadow(el).querySelector<HTMLButtonElement>('[data-rename]')!.click();
    const again = await fieldShown(el);
    again.value = 'Never mind';
    press(again, 'Escape');
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['Trip plans']);
    expect(el.status).to.equal('idle');

    shadow(el).querySelector<HTMLButtonElement>('[data-rename]')!.click();
    const emptied = await fieldShown(el);
    emptied.value = '   ';
    press(emptied, 'Enter');
    await eventually(() => titles(el)[0] === 'Original words', 'the title did not follow the first message again');

    // A new answer keeps a given title.
    shadow(el).querySelector<HTMLButtonElement>('[data-rename]')!.click();
    (await fieldShown(el)).value = 'Kept';
    press(shadow(el).querySelector('.conversation-title-field')!, 'Enter');
    await el.send('More');
    await eventually(() => titles(el)[0] === 'Kept', 'the given title was lost');
  });

  it('deletes with Undo; deleting the shown conversation shows a new one', async () => {
    await answerNumbered();
    const key = freshKey('delete');
    const el = await listChat(key);
    const events = conversationEvents(el);
    await el.send('Keep me');
    const deletedId = el.conversationId!;
    await eventually(() => titles(el).length === 1, 'not listed');
    await eventually(async () => (await savedConversations(key)).length === 1, 'not saved');

    shadow(el).querySelector<HTMLButtonElement>('[aria-label="Delete \\"Keep me\\""]')!.click();
    await eventually(() => titles(el).length === 0, 'not deleted');
    expect(el.messages).to.deep.equal([]);
    expect(el.conversationId).to.not.equal(deletedId);
    expect(events).to.deep.equal([{ id: deletedId, action: 'delete' }]);
    const notice = shadow(el).querySelector('.conversations-notice')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.contain('Deleted "Keep me".');
    await eventually(() => shadow(el).activeElement?.hasAttribute('data-undo'), 'Undo did not take focus');
    await eventually(async () => (await savedConversations(key)).length === 0, 'still saved');

    shadow(el).querySelector<HTMLButtonElement>('[data-undo]')!.click();
    await eventually(() => titles(el).length === 1, 'Undo did not bring it back');
    expect(el.conversationId).to.equal(deletedId);
    expect(el.messages[0]).to.deep.equal({ role: 'user', content: 'Keep me' });
    await eventually(async () => (await savedConversations(key)).length === 1, 'Undo did not save it again');
  });

  it('is driven by keyboard: arrows, Home and End move in the list; Enter on a button switches', async () => {
    await answerNumbered();
    const el = await listChat();
    for (const text of ['One', 'Two', 'Three']) {
      if (el.messages.length) part(el, 'new-chat-button')!.click();
      await el.send(text);
    }
    await eventually(() => titles(el).length === 3, 'not all listed');
    const [three, two, one] = switches(el);
    three.focus();
    press(three, 'ArrowDown');
    expect(shadow(el).activeElement).to.equal(two);
    press(two, 'End');
    expect(shadow(el).activeElement).to.equal(one);
    press(one, 'ArrowDown');
    expect(shadow(el).activeElement).to.equal(one);
    press(one, 'Home');
    expect(shadow(el).activeElement).to.equal(three);
    press(three, 'ArrowUp');
    expect(shadow(el).activeElement).to.equal(three);
    // Buttons: Enter and Space click them, as the browser does.
    one.click();
    await eventually(() => currentTitle(el) === 'One', 'did not switch');
    expect(shadow(el).activeElement).to.equal(part(el, 'input'));
    await expect(el).to.be.accessible();
  });

  it('folds away in the launcher behind a toggle', async () => {
    await answerNumbered();
    const el = await listChat(freshKey('launcher'), 'launcher');
    el.open = true;
    await el.updateComplete;
    await el.send('Folded');
    await eventually(() => titles(el).length === 1, 'not listed');
    const toggle = part<HTMLButtonElement>(el, 'conversation-toggle')!;
    const items = shadow(el).querySelector<HTMLElement>('.conversation-items')!;
    expect(getComputedStyle(toggle).display).to.not.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(items.getClientRects()).to.have.length(0);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(items.getClientRects().length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    switches(el)[0].click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows the list beside the chat when there is room, with no toggle', async () => {
    const el = await listChat();
    el.style.inlineSize = '60rem';
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'conversation-toggle')!).display).to.equal('none');
    expect(shadow(el).querySelector('.conversation-items')!.getClientRects().length).to.be.greaterThan(0);
  });
});

describe('conversations and the answer', () => {
  it('an answer keeps streaming into its own conversation after a switch, and shows live on the way back', async () => {
    const stream = openSseStream([contentEvent('Slow ')]);
    await serveChat((n) => (n === 1 ? stream.response : sseResponse(answerEvents([`Quick ${n}`]))));
    const key = freshKey('streaming');
    const el = await listChat(key);
    const delta = oneEvent(el, 'openrouter-chat-delta');
    const slow = el.send('Slow question');
    await delta;
    const slowId = el.conversationId!;

    part(el, 'new-chat-button')!.click();
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    await el.send('Quick question');
    expect(el.messages.map((message) => message.content)).to.deep.equal(['Quick question', 'Quick 2']);
    stream.push(contentEvent('and steady.'));

    await eventually(() => titles(el).length === 2, 'both conversations are not listed');
    switches(el).find((button) => button.textContent!.trim() === 'Slow question')!.click();
    await eventually(() => el.conversationId === slowId, 'did not switch back');
    expect(el.status).to.equal('streaming');
    await eventually(() => renderedMessages(el).at(-1)?.includes('Slow and steady.'), 'the live answer is not shown');
    stream.push(finishEvent());
    stream.push(DONE);
    stream.close();
    await slow;
    expect(el.messages.map((message) => message.content)).to.deep.equal(['Slow question', 'Slow and steady.']);
    await eventually(async () => {
      const saved = await savedConversations(key);
      const slowSaved = saved.find((conversation) => conversation.id === slowId) as { messages: { content: string }[] } | undefined;
      return slowSaved?.messages.at(-1)?.content === 'Slow and steady.';
    }, 'the finished answer was not saved into its conversation');
    const quick = (await savedConversations(key)).find((conversation) => conversation.id !== slowId) as { messages: unknown[] };
    expect(quick.messages).to.deep.equal([
      { role: 'user', content: 'Quick question' },
      { role: 'assistant', content: 'Quick 2' },
    ]);
  });

  it('deleting the conversation that streams stops its answer, and nothing is saved under it', async () => {
    const stream = openSseStream([contentEvent('Doomed')]);
    await serveChat(() => stream.response);
    const key = freshKey('delete-streaming');
    const el = await listChat(key);
    const delta = oneEvent(el, 'openrouter-chat-delta');
    const doomed = el.send('Doomed question');
    await delta;
    await eventually(() => titles(el).length === 1, 'not listed');
    shadow(el).querySelector<HTMLButtonElement>('[aria-label^="Delete"]')!.click();
    await doomed;
    await stream.cancelled;
    await eventually(() => titles(el).length === 0, 'not deleted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await savedConversations(key)).to.deep.equal([]);
  });

  it('sends the conversation id as session_id, a new one for each conversation', async () => {
    const endpoint = await answerNumbered();
    const el = await listChat();
    await el.send('Hi');
    part(el, 'new-chat-button')!.click();
    await el.send('Hello');
    const [first, second] = endpoint.requests.map((request) => (request.body as { session_id?: string }).session_id);
    expect(first).to.match(/^[0-9a-f]{32}$/);
    expect(second).to.equal(el.conversationId);
    expect(second).to.not.equal(first);
  });

  it('sends a conversationId the page set, without the list too', async () => {
    const endpoint = await answerNumbered();
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    await el.send('No id');
    el.conversationId = 'support-ticket-7';
    await el.send('With id');
    expect(endpoint.requests.map((request) => (request.body as { session_id?: string }).session_id)).to.deep.equal([undefined, 'support-ticket-7']);
  });

  it('typing in the box and Enter still send with the list shown', async () => {
    await answerNumbered();
    const el = await listChat();
    typeAndEnter(el, 'Typed');
    await eventually(() => titles(el)[0] === 'Typed', 'not listed');
  });
});

/** The rename field, once shown. */
async function fieldShown(el: OpenRouterChat): Promise<HTMLInputElement> {
  await eventually(() => shadow(el).querySelector('.conversation-title-field'), 'no title field');
  await el.updateComplete;
  return shadow(el).querySelector<HTMLInputElement>('.conversation-title-field')!;
}
