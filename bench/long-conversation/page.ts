/**
 * Runs in the long-conversation benchmark's page (bundled by `long-conversation.bench.ts`):
 * restores a conversation into the real `<openrouter-chat>` (through its `messages` property,
 * as a page that keeps its conversations itself does) or into the floor, a plain Lit list, and
 * sends in it with an answer streamed from a mock endpoint, every delta rendered and painted.
 * Each measured stretch lies between two user-timing marks the benchmark finds in the trace.
 */
import { css, html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { default_renderer, parser, parser_end, parser_write } from 'streaming-markdown';
import { answerNextRequest, encoder, ENDPOINT, nextTask, sseFrame } from '../render/stream-in-page.js';
import { END_MARK, START_MARK } from './marks.js';


interface Message {
  role: 'user' | 'assistant';
  content: string;
}

/** The part of the element the benchmark drives. */
interface ChatElement extends HTMLElement {
  endpoint: string;
  messages: readonly Message[];
  updateComplete: Promise<boolean>;
  send(text: string): Promise<void>;
}

/**
 * The floor: a plain Lit element listing the messages, each answer's markdown rendered once
 * by the same parser with its plain renderer. No controls, no shadow-DOM styles beyond a
 * scrolling box, no sanitizing, no grouping: the least a Lit chat that shows markdown does.
 */
class PlainList extends LitElement {
  static override properties = { messages: { attribute: false } };
  static override styles = css`
    :host { display: block; height: 100%; }
    .log { height: 100%; overflow: auto; }
  `;
  declare messages: readonly Message[];
  private readonly rendered = new WeakSet<Element>();

  constructor() {
    super();
    this.messages = [];
  }

  override render() {
    return html`<div class="log">${repeat(this.messages, (_, index) => index, (message) => html`<div class="message ${message.role}"></div>`)}</div>`;
  }

  override updated(): void {
    const boxes = this.renderRoot.querySelectorAll('.message');
    boxes.forEach((box, index) => {
      if (this.rendered.has(box)) return;
      this.rendered.add(box);
      const markdown = parser(default_renderer(box as HTMLElement));
      parser_write(markdown, this.messages[index]!.content);
      parser_end(markdown);
    });
    const log = this.renderRoot.querySelector('.log')!;
    log.scrollTop = log.scrollHeight;
  }
}
customElements.define('bench-plain-list', PlainList);

const stage = document.getElementById('stage') as HTMLElement;

/** Resolves after the next frame has been rendered, in the task after it. */
async function painted(): Promise<void> {
  await new Promise(requestAnimationFrame);
  await nextTask();
}

/**
 * Restores `messages` into a new element on the stage (through its `messages` property) or
 * into the floor, from the start mark to the first frame that shows them. Returns the
 * messages on screen.
 */
async function restore(how: 'messages' | 'floor', messages: readonly Message[], measured: boolean): Promise<number> {
  stage.replaceChildren();
  await painted();
  if (measured) performance.mark(START_MARK);
  if (how === 'floor') {
    const list = document.createElement('bench-plain-list') as PlainList;
    list.messages = messages;
    stage.append(list);
    await list.updateComplete;
  } else {
    const chat = document.createElement('openrouter-chat') as ChatElement;
    chat.endpoint = ENDPOINT;
    chat.messages = messages;
    stage.append(chat);
    await chat.updateComplete;
  }
  await painted();
  if (measured) performance.mark(END_MARK);
  const host = stage.firstElementChild!.shadowRoot!;
  return host.querySelectorAll(how === 'floor' ? '.message' : '[part~="message"]').length;
}

/**
 * Sends a question in the element on the stage and streams `deltas` as its answer, each
 * delta in its own task and painted in a frame, from the start mark to the frame after the
 * answer completed. Returns the answer as the element kept it.
 */
async function send(deltas: readonly string[], measured: boolean): Promise<string> {
  const chat = stage.querySelector('openrouter-chat') as ChatElement;
  if (measured) performance.mark(START_MARK);
  const opened = answerNextRequest();
  const answered = chat.send('One more question');
  const stream = await opened;
  for (const delta of deltas) {
    const applied = new Promise((resolve) => chat.addEventListener('openrouter-chat-delta', resolve, { once: true }));
    stream.enqueue(encoder.encode(sseFrame({ content: delta }, null)));
    await applied;
    await new Promise(requestAnimationFrame);
    await chat.updateComplete;
    await nextTask();
  }
  stream.enqueue(encoder.encode(`${sseFrame({}, 'stop')}data: [DONE]\n\n`));
  stream.close();
  await answered;
  await painted();
  if (measured) performance.mark(END_MARK);
  return chat.messages.at(-1)?.content ?? '';
}

/**
 * The send's floor, on the plain list on the stage: the same question and answer, the answer's
 * deltas written by the same parser with its plain renderer into the newest box, each delta in
 * its own task, the list rendered again (Lit) and brought to its bottom (`scrollTop =
 * scrollHeight`) after each, and painted in a frame. What a long log costs the browser alone,
 * with none of the element's work. Returns the answer as rendered.
 */
async function sendInFloor(deltas: readonly string[], measured: boolean): Promise<string> {
  const list = stage.querySelector('bench-plain-list') as PlainList;
  if (measured) performance.mark(START_MARK);
  list.messages = [...list.messages, { role: 'user', content: 'One more question' }, { role: 'assistant', content: '' }];
  await list.updateComplete;
  const box = [...list.renderRoot.querySelectorAll('.message')].at(-1) as HTMLElement;
  const markdown = parser(default_renderer(box));
  for (const delta of deltas) {
    await nextTask();
    parser_write(markdown, delta);
    list.requestUpdate();
    await list.updateComplete;
    await new Promise(requestAnimationFrame);
  }
  parser_end(markdown);
  await painted();
  if (measured) performance.mark(END_MARK);
  return box.textContent ?? '';
}

Object.assign(window, { benchLong: { restore, send, sendInFloor } });
