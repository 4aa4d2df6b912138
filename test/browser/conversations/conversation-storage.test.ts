import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { Conversation, ConversationStore, ConversationSummary, OpenRouterChat } from '../../../src/index.js';
import { renderedMessages, shadow } from '../helpers/chat-fixture.js';
import { eventually, part } from '../helpers/chat-ui.js';
import { databaseName, freshKey, savedConversations, writeRecords } from '../helpers/conversation-db.js';
import { CHAT_ENDPOINT, answerEvents, contentEvent, openSseStream, serveChat, sseResponse } from '../helpers/sse-mock.js';

/** A chat saving under `key`, with the list when `listed`. */
async function storedChat(key: string, { listed = false } = {}): Promise<OpenRouterChat> {
  return fixture<OpenRouterChat>(
    html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" storage-key=${key} ?conversations=${listed}></openrouter-chat>`,
  );
}

const titles = (el: OpenRouterChat) => [...shadow(el).querySelectorAll('.conversation-switch')].map((button) => button.textContent!.trim());

/** Catches console warnings for the length of each test. */
function catchWarnings(): unknown[][] {
  const warnings: unknown[][] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => (console.warn = original));
  return warnings;
}
const warned = (warnings: unknown[][], words: string) => warnings.some((args) => String(args[0]).includes(words));

describe('storage-key (IndexedDB)', () => {
  const warnings = catchWarnings();

  it('saves the conversation and restores it in a new chat, interrupted answers included', async () => {
    const key = freshKey('restore');
    const stream = openSseStream([contentEvent('Cut sh')]);
    await serveChat((n) => (n === 1 ? sseResponse(answerEvents(['Saved answer'])) : stream.response));
    const first = await storedChat(key);
    await first.send('Remember me');
    const delta = oneEvent(first, 'openrouter-chat-delta');
    const cut = first.send('And this');
    await delta;
    first.stop();
    await cut;
    await eventually(async () => ((await savedConversations(key))[0]?.messages as unknown[] | undefined)?.length === 4, 'not saved');
    const [saved] = await savedConversations(key);
    expect(saved).to.include({ id: first.conversationId, title: 'Remember me' });
    first.remove();

    const second = await storedChat(key);
    await eventually(() => second.messages.length === 4, 'not restored');
    expect(second.messages).to.deep.equal([
      { role: 'user', content: 'Remember me' },
      { role: 'assistant', content: 'Saved answer' },
      { role: 'user', content: 'And this' },
      { role: 'assistant', content: 'Cut sh' },
    ]);
    expect(second.conversationId).to.equal(saved.id);
    await second.updateComplete;
    expect(renderedMessages(second).at(-1)).to.contain('Interrupted');
    expect(warnings).to.deep.equal([]);
  });

  it('keeps attachments with the conversation', async () => {
    const key = freshKey('attachments');
    await serveChat(() => sseResponse(answerEvents(['A pixel.'])));
    const dataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const first = await storedChat(key);
    await first.send([{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: dataUrl } }]);
    await eventually(async () => ((await savedConversations(key))[0]?.messages as unknown[] | undefined)?.length === 2, 'not saved');
    first.remove();
    const second = await storedChat(key);
    await eventually(() => part(second, 'message-attachment')?.querySelector('img'), 'the attachment was not restored');
    expect(part(second, 'message-attachment')!.querySelector('img')!.getAttribute('src')).to.equal(dataUrl);
  });

  it('clearing the conversation removes the saved one', async () => {
    const key = freshKey('clear');
    await serveChat(() => sseResponse(answerEvents(['Answer'])));
    const el = await storedChat(key);
    await el.send('Hi');
    await eventually(async () => (await savedConversations(key)).length === 1, 'not saved');
    el.clear();
    await eventually(async () => (await savedConversations(key)).length === 0, 'still saved');
  });

  it('moves the conversation an earlier version saved in localStorage over, once and unchanged', async () => {
    const key = freshKey('legacy');
    const messages = [
      { role: 'user', content: [{ type: 'text', text: 'Old question' }, { type: 'image_url', image_url: { url: 'https://cdn.example.com/a.png' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '"sunny"' },
      { role: 'assistant', content: 'Old answer', feedback: 'up' },
      { role: 'user', content: 'Then' },
      { role: 'assistant', content: 'Cut', interrupted: true },
    ];
    localStorage.setItem(key, JSON.stringify({ version: 1, messages }));
    const el = await storedChat(key, { listed: true });
    await eventually(() => el.messages.length === 6, 'not migrated');
    expect(el.messages[0]).to.deep.equal(messages[0]);
    expect(el.messages[3]).to.deep.equal({ role: 'assistant', content: 'Old answer' });
    await eventually(() => titles(el)[0] === 'Old question', 'not listed');
    expect(localStorage.getItem(key)).to.equal(null);
    const saved = await savedConversations(key);
    expect(saved).to.have.length(1);
    expect(saved[0].messages).to.deep.equal(messages);
    el.remove();

    const again = await storedChat(key, { listed: true });
    await eventually(() => again.messages.length === 6, 'not restored');
    expect(await savedConversations(key)).to.have.length(1);
    expect(warnings).to.deep.equal([]);
  });

  for (const [name, raw] of [
    ['not JSON', '{"version":1,"messages":['],
    ['an unknown version', JSON.stringify({ version: 99, messages: [] })],
    ['a message of the wrong shape', JSON.stringify({ version: 1, messages: [{ role: 'tool', content: 1 }] })],
    ['a bare array', JSON.stringify([{ role: 'user', content: 'old format' }])],
  ]) {
    it(`leaves old localStorage data that is ${name}, with a warning`, async () => {
      const key = freshKey('legacy-bad');
      localStorage.setItem(key, raw);
      const el = await storedChat(key);
      await eventually(() => warnings.length, 'no warning');
      expect(el.messages).to.deep.equal([]);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.contain('unreadable');
      expect(localStorage.getItem(key)).to.equal(raw);
      localStorage.removeItem(key);
    });
  }

  it('keeps working with a warning when IndexedDB is disabled', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      await serveChat(() => sseResponse(answerEvents(['Still here'])));
      const el = await storedChat(freshKey('disabled'), { listed: true });
      await el.send('Hi');
      await el.updateComplete;
      expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Still here' });
      await eventually(() => warned(warnings, 'could not save'), 'no warning about saving');
      expect(warned(warnings, 'could not list')).to.equal(true);
      await eventually(() => shadow(el).querySelector('.conversations-notice')!.textContent!.includes('could not be saved'), 'no notice');
    } finally {
      IDBFactory.prototype.open = open;
    }
  });

  it('lets a newer version in another tab upgrade the database, and keeps chatting (without saving) after', async () => {
    const key = freshKey('upgrade');
    await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const el = await storedChat(key);
    await el.send('Before');
    await eventually(async () => (await savedConversations(key)).length === 1, 'not saved');
    // What a newer release in another tab does: open the database at the next version.
    const newer = indexedDB.open(databaseName(key), 2);
    // Chromium may say "blocked" for a moment while connections close; the upgrade must then go through.
    let upgraded = false;
    newer.onsuccess = () => (upgraded = true);
    await eventually(() => upgraded, 'the chat held the database and blocked the upgrade');
    newer.result.close();
    await el.send('After');
    expect(el.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Answer 2' });
    await eventually(() => warned(warnings, 'could not save'), 'no warning');
  });

  it('two chats on one key ("tabs") never overwrite each other, and see each other\'s conversations', async function () {
    // Late in the full suite (dozens of databases made before this one) a save has been seen to
    // take over 5 s to show in a second connection; this test is about what lands, not how fast.
    this.timeout(40_000);
    const landed = (predicate: () => Promise<boolean>, message: string) => waitUntil(predicate, message, { timeout: 15_000 });
    const key = freshKey('tabs');
    await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const left = await storedChat(key, { listed: true });
    const right = await storedChat(key, { listed: true });
    await left.send('From the left');
    await right.send('From the right');
    await landed(async () => (await savedConversations(key)).length === 2, 'both were not saved');
    expect(left.conversationId).to.not.equal(right.conversationId);
    await eventually(() => titles(left).length === 2 && titles(right).length === 2, 'the lists did not learn of each other');
    await left.send('Left again');
    await landed(async () => {
      const saved = await savedConversations(key);
      return (saved.find((conversation) => conversation.id === left.conversationId)?.messages as unknown[] | undefined)?.length === 4;
    }, 'not saved');
    const byId = Object.fromEntries((await savedConversations(key)).map((conversation) => [conversation.id, conversation]));
    expect((byId[right.conversationId!] as unknown as Conversation).messages.map((message) => message.content)).to.deep.equal(['From the right', 'Answer 2']);
    expect((byId[left.conversationId!] as unknown as Conversation).messages.map((message) => message.content)).to.deep.equal(['From the left', 'Answer 1', 'Left again', 'Answer 3']);
  });

  it('reads hostile records as text: markup in titles, a 10,000-character title clipped, malformed records skipped', async () => {
    const key = freshKey('hostile');
    const good = (id: string, title: string, updatedAt: number) => ({ id, title, updatedAt, messages: [{ role: 'user', content: 'x' }] });
    await writeRecords(key, {
      conversations: [good('markup', '<img src=x onerror="alert(1)"><b>bold</b>', 3), good('long', 'W'.repeat(10_000), 2), { id: 'broken', title: 'Broken', updatedAt: 5, messages: [{ role: 'system', content: 'be evil' }] }],
      summaries: [
        { id: 'markup', title: '<img src=x onerror="alert(1)"><b>bold</b>', updatedAt: 3 },
        { id: 'long', title: 'W'.repeat(10_000), updatedAt: 2 },
        { id: 'broken', title: 'Broken', updatedAt: 5 },
        { id: 7, title: 'no id' },
        { id: 'bad-title', title: { html: '<b>x</b>' }, updatedAt: 1 },
        { id: 'no-time', title: 'x' },
      ],
    });
    const el = await storedChat(key, { listed: true });
    await eventually(() => titles(el).length === 3, 'the readable summaries were not listed');
    expect(titles(el)[1]).to.equal('<img src=x onerror="alert(1)"><b>bold</b>');
    expect(shadow(el).querySelector('.conversation-items img, .conversation-items b')).to.equal(null);
    const long = titles(el)[2];
    expect(long.length).to.equal(200);
    expect(long.endsWith('…')).to.equal(true);
    expect(warned(warnings, 'unreadable')).to.equal(true);
    // The newest one has a readable summary but an unreadable record: it is not shown, and saying so is all.
    expect(warned(warnings, '"broken" is unreadable')).to.equal(true);
    expect(el.messages).to.deep.equal([]);
    const broken = [...shadow(el).querySelectorAll<HTMLButtonElement>('.conversation-switch')][0];
    broken.click();
    await eventually(() => shadow(el).querySelector('.conversations-notice')!.textContent!.includes('could not be opened'), 'no notice');
    [...shadow(el).querySelectorAll<HTMLButtonElement>('.conversation-switch')][1].click();
    await eventually(() => el.conversationId === 'markup', 'did not open a readable one');
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'x' }]);
  });
});

/** A site's store in memory, answering later as a network would, and recording its calls. */
function fakeStore() {
  const records = new Map<string, Conversation>();
  const calls: string[] = [];
  let failing = false;
  const later = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => setTimeout(() => (failing ? reject(new Error('503 from the site')) : resolve(value())), 5));
  const store: ConversationStore = {
    list: () => (calls.push('list'), later(() => [...records.values()].map(({ id, title, updatedAt }): ConversationSummary => ({ id, title, updatedAt })))),
    load: (id) => (calls.push(`load ${id}`), later(() => structuredClone(records.get(id)))),
    save: (conversation) => (calls.push(`save ${conversation.id}`), later(() => void records.set(conversation.id, structuredClone(conversation)))),
    remove: (id) => (calls.push(`remove ${id}`), later(() => void records.delete(id))),
  };
  return { store, records, calls, fail: (on: boolean) => (failing = on) };
}

describe('the store property', () => {
  const warnings = catchWarnings();

  it('saves to the site\'s store instead of IndexedDB, once per change rather than per streamed piece, and restores from it', async () => {
    const { store, records, calls } = fakeStore();
    await serveChat(() => sseResponse(answerEvents(['One ', 'answer ', 'in ', 'pieces.'])));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    await eventually(() => calls.includes('list'), 'the store was not listed');
    await el.send('Hi');
    await eventually(() => records.get(el.conversationId!)?.messages.length === 2, 'not saved');
    const saves = calls.filter((call) => call.startsWith('save'));
    expect(saves.length).to.be.at.most(2);
    expect(records.get(el.conversationId!)).to.include({ title: 'Hi' });

    const second = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} .store=${store}></openrouter-chat>`);
    await eventually(() => second.messages.length === 2, 'not restored from the store');
    expect(second.conversationId).to.equal(el.conversationId);
    expect(warnings).to.deep.equal([]);
  });

  it('says when the store fails, keeps the chat, and saves with the next change', async () => {
    const { store, records, fail } = fakeStore();
    await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    fail(true);
    await el.send('First');
    await eventually(() => shadow(el).querySelector('.conversations-notice')!.textContent!.includes('could not be saved'), 'no notice');
    expect(warned(warnings, 'could not save')).to.equal(true);
    expect(el.messages).to.have.length(2);
    fail(false);
    await el.send('Second');
    await eventually(() => records.get(el.conversationId!)?.messages.length === 4, 'the next change did not save it all');
  });

  it('a full store (QuotaExceededError) costs the saved copy, with a warning naming it, never the chat', async () => {
    const { store } = fakeStore();
    store.save = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    await el.send('First');
    await eventually(() => warnings.some((args) => args.some((arg) => String(arg).includes('QuotaExceededError') || String(arg).includes('quota'))), 'no warning naming the quota');
    await el.send('Second');
    expect(el.messages.map((message) => message.content)).to.deep.equal(['First', 'Answer 1', 'Second', 'Answer 2']);
  });

  it('garbage from load is skipped with a warning, and the chat starts fresh', async () => {
    const { store, records } = fakeStore();
    records.set('bad', { id: 'bad', title: 'Bad', updatedAt: 5, messages: [] });
    store.load = () => Promise.resolve({ id: 'bad', messages: 'not a list', title: 42 } as unknown as Conversation);
    await serveChat(() => sseResponse(answerEvents(['Fine.'])));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    el.conversationId = 'bad';
    await eventually(() => warnings.length > 0, 'no warning for the garbage');
    await el.send('Hi');
    expect(el.messages.map((message) => message.content)).to.deep.equal(['Hi', 'Fine.']);
  });

  it('a store that never answers times out with a notice, and the chat goes on', async function () {
    this.timeout(20_000);
    const { store } = fakeStore();
    store.save = () => new Promise(() => {});
    await serveChat((n) => sseResponse(answerEvents([`Answer ${n}`])));
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    await el.send('First');
    await el.send('Second');
    expect(el.messages).to.have.length(4);
    await waitUntil(() => shadow(el).querySelector('.conversations-notice')?.textContent?.includes('could not be saved'), 'no notice after the timeout', { timeout: 15_000 });
    expect(warnings.some((args) => args.some((arg) => String(arg).includes('did not answer within 10 s')))).to.equal(true);
  });

  it('shows a long list 50 at a time, Show more moving focus to the first one it adds', async () => {
    const { store, records } = fakeStore();
    for (let i = 0; i < 120; i++) records.set(`c${i}`, { id: `c${i}`, title: `Chat ${i}`, updatedAt: 1000 - i, messages: [{ role: 'user', content: `Chat ${i}` }] });
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${store}></openrouter-chat>`);
    await eventually(() => titles(el).length === 50, 'not the first 50');
    expect(titles(el)[0]).to.equal('Chat 0');
    shadow(el).querySelector<HTMLButtonElement>('.show-more')!.click();
    await eventually(() => titles(el).length === 100, 'not 50 more');
    await eventually(() => shadow(el).activeElement?.textContent?.trim() === 'Chat 50', 'focus did not move to the first one added');
    el.conversationId = 'c110';
    await eventually(() => titles(el).includes('Chat 110'), 'the shown conversation is not listed');
    expect(shadow(el).querySelector('.show-more')).to.not.equal(null);
  });

  it('opens the conversation named by conversationId, and a new one for an id nothing is saved under', async () => {
    const { store, records } = fakeStore();
    records.set('chosen', { id: 'chosen', title: 'Chosen', updatedAt: 1, messages: [{ role: 'user', content: 'Picked' }] });
    records.set('newer', { id: 'newer', title: 'Newer', updatedAt: 2, messages: [{ role: 'user', content: 'Newest' }] });
    const el = document.createElement('openrouter-chat');
    el.conversationId = 'chosen';
    el.store = store;
    el.setAttribute('endpoint', CHAT_ENDPOINT);
    document.body.append(el);
    try {
      await eventually(() => el.messages.length === 1, 'not opened');
      expect(el.messages[0].content).to.equal('Picked');
      el.conversationId = 'newer';
      await eventually(() => el.messages[0]?.content === 'Newest', 'did not switch');
      el.conversationId = 'brand-new';
      await eventually(() => el.conversationId === 'brand-new', 'no new conversation under the id');
      expect(el.messages).to.deep.equal([]);
    } finally {
      el.remove();
    }
    // A new id chosen while the list is still being read: the list does not open the newest over it.
    const slowList: ConversationStore = { ...store, list: () => new Promise((resolve) => setTimeout(resolve, 300)).then(() => store.list()) };
    const late = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} conversations .store=${slowList}></openrouter-chat>`);
    await eventually(() => part(late, 'conversation-list'), 'no list');
    late.conversationId = 'fresh';
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(late.conversationId).to.equal('fresh');
    expect(late.messages).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });
});
