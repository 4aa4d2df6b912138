/**
 * Runs in the benchmark page (bundled by `render.bench.ts`): streams an answer
 * delta by delta into the real `<openrouter-chat>` from the built bundle, or into one of the
 * baselines, and times every delta.
 *
 * Each answer continues what is already on the stage: a second answer goes below the first,
 * in the same element (or plain view), as the next answer of a conversation does. So the
 * benchmark streams a short answer first and measures the next one on a screen that is
 * already full, or clears the stage in between to measure an answer into an empty log.
 *
 * The page is the element's frame clock: `requestAnimationFrame` queues callbacks that run as
 * soon as the delta they render has arrived. The element's code runs unchanged and renders
 * once per delta, exactly as on a display fast enough to show every delta. After each delta
 * the browser then renders a real frame; it is launched without a frame-rate limit, so that
 * costs the frame's work and no waiting for 60 Hz.
 */
import { default_renderer, parser, parser_end, parser_write } from 'streaming-markdown';
import { answerNextRequest, encoder, ENDPOINT, nextTask, sseFrame } from './stream-in-page.js';
import { DELTA_MARK, DELTAS_END_MARK } from './trace.js';

/** What the benchmark reads back from one measured answer. */
export interface DeltaRun {
  /** Per delta, wall time: from its bytes entering the stream to its DOM rendered and laid out. */
  deltaMs: number[];
  /** Durations of the tasks the browser reported as long (over 50 ms) during the run. */
  longTaskMs: number[];
}

/** The part of the element the benchmark drives. */
interface ChatElement extends HTMLElement {
  endpoint: string;
  messages: ReadonlyArray<{ role: string; content: string }>;
  updateComplete: Promise<boolean>;
  send(text: string): Promise<void>;
}

const stage = document.getElementById('stage') as HTMLElement;

/** The browser's own frames, kept before the element's are taken over below. */
const browserFrame = window.requestAnimationFrame.bind(window);
const pendingFrames = new Map<number, FrameRequestCallback>();
let lastFrameId = 0;
window.requestAnimationFrame = (callback) => {
  lastFrameId += 1;
  pendingFrames.set(lastFrameId, callback);
  return lastFrameId;
};
window.cancelAnimationFrame = (id) => {
  pendingFrames.delete(id);
};

function runFrames(): void {
  const now = performance.now();
  const due = [...pendingFrames.values()];
  pendingFrames.clear();
  for (const callback of due) callback(now);
}

/** One answer being streamed into a renderer on a stage. */
interface AnswerSession {
  /** Renders the next delta into the DOM (the frame that paints it comes after). */
  render(delta: string): Promise<void> | void;
  /** Ends the answer, and checks that none of it was lost. */
  finish(): Promise<void> | void;
}

/** Starts an answer on the stage, below whatever answer the stage already shows. */
type Candidate = () => Promise<AnswerSession>;

/** The element on the stage, made there if the stage holds none. */
async function chatOnStage(): Promise<ChatElement> {
  const existing = stage.querySelector<ChatElement>('openrouter-chat');
  if (existing) return existing;
  const chat = document.createElement('openrouter-chat') as ChatElement;
  chat.endpoint = ENDPOINT;
  stage.replaceChildren(chat);
  await chat.updateComplete;
  return chat;
}

/**
 * Waits (a few seconds at most) until the chat's last answer is rendered markdown. The
 * markdown room loads at the warm-up's send, so the warm-up ends with it and the measured
 * answer renders with it from its first delta, as a second answer on a page does; an answer
 * left as plain text (the room missing) would measure the wrong thing, so that fails the run.
 */
async function renderedAsMarkdown(chat: ChatElement): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    await chat.updateComplete;
    if ([...chat.shadowRoot!.querySelectorAll('.message.assistant .content')].at(-1)?.querySelector(':scope > .markdown')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the answer did not render as markdown: the markdown room did not load');
}

/** The real element: bytes of SSE in through `fetch`, rendered once per delta. */
async function elementAnswer(): Promise<AnswerSession> {
  const chat = await chatOnStage();
  const opened = answerNextRequest();
  const answered = chat.send('Benchmark question');
  const stream = await opened;
  let text = '';
  return {
    async render(delta) {
      text += delta;
      const applied = new Promise((resolve) => chat.addEventListener('openrouter-chat-delta', resolve, { once: true }));
      stream.enqueue(encoder.encode(sseFrame({ content: delta }, null)));
      await applied;
      runFrames();
      await chat.updateComplete;
    },
    async finish() {
      stream.enqueue(encoder.encode(`${sseFrame({}, 'stop')}data: [DONE]\n\n`));
      stream.close();
      await answered;
      if (chat.messages.at(-1)?.content !== text) throw new Error('the element lost part of the answer');
      await renderedAsMarkdown(chat);
    },
  };
}

/**
 * A new answer's container at the end of the plain view on the stage: a scrolling box of the
 * element's size, made there if the stage holds none.
 */
function plainAnswer(): { view: HTMLElement; answer: HTMLElement } {
  let view = stage.querySelector<HTMLElement>('.plain-view');
  if (!view) {
    view = document.createElement('div');
    view.className = 'plain-view';
    stage.replaceChildren(view);
  }
  return { view, answer: view.appendChild(document.createElement('div')) };
}

/**
 * The baseline most chat widgets amount to: each delta, the whole answer so far is parsed
 * again into a fresh container that replaces the old one (the same streaming-markdown
 * parser, with its plain renderer), and the view is kept scrolled to the end.
 */
async function naiveAnswer(): Promise<AnswerSession> {
  const { view, answer } = plainAnswer();
  let text = '';
  return {
    render(delta) {
      text += delta;
      const container = document.createElement('div');
      const markdown = parser(default_renderer(container));
      parser_write(markdown, text);
      parser_end(markdown);
      answer.replaceChildren(container);
      view.scrollTop = view.scrollHeight;
    },
    finish() {},
  };
}

/**
 * The floor: the same parser writing each delta into one growing container, with nothing
 * else (no element, no shadow DOM, no sanitizing renderer, no fetch or SSE), the view kept
 * scrolled to the end. What incremental rendering costs in this browser at the least.
 */
async function floorAnswer(): Promise<AnswerSession> {
  const { view, answer } = plainAnswer();
  const markdown = parser(default_renderer(answer));
  return {
    render(delta) {
      parser_write(markdown, delta);
      view.scrollTop = view.scrollHeight;
    },
    finish() {
      parser_end(markdown);
    },
  };
}

const CANDIDATES: Record<string, Candidate> = { element: elementAnswer, naive: naiveAnswer, floor: floorAnswer };

/** Renders every delta, each in its own task and then a frame, timing each. */
async function timeDeltas(session: AnswerSession, deltas: readonly string[]): Promise<DeltaRun> {
  const longTaskMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTaskMs.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const deltaMs: number[] = [];
  for (const delta of deltas) {
    await nextTask();
    // Marks the task in the trace, where the benchmark reads the CPU time each delta took.
    performance.mark(DELTA_MARK);
    performance.clearMarks(DELTA_MARK);
    const started = performance.now();
    await session.render(delta);
    // Style and layout now, so their cost lands on this delta instead of the next frame.
    void document.body.offsetHeight;
    deltaMs.push(performance.now() - started);
    // Then the browser renders a frame, as it would on screen: paint, compositing, and the
    // decision which content-visibility: auto groups are in view all happen in frames, so a
    // run without them would leave out work a reader's screen does for every delta.
    await new Promise(browserFrame);
  }
  performance.mark(DELTAS_END_MARK);
  // Code highlighting finishes in tasks of its own after the last delta (its final pass);
  // waiting lets them into the trace's main-thread time and the long-task count. Idle time
  // costs no CPU, so the answers without code lose nothing by it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Long tasks are reported after they end: give the last one a task to arrive in.
  await nextTask();
  for (const entry of observer.takeRecords()) longTaskMs.push(entry.duration);
  observer.disconnect();
  return { deltaMs, longTaskMs };
}

/** The answer opened by {@link open}, for {@link measure}. */
let opened: AnswerSession | undefined;

/** Streams `deltas` with `candidate`: the earlier answer a measured one follows. */
async function warm(candidate: string, deltas: readonly string[]): Promise<void> {
  const session = await CANDIDATES[candidate]!();
  await timeDeltas(session, deltas);
  await session.finish();
}

/** Starts the measured answer with `candidate` (kept out of the timed run). */
async function open(candidate: string): Promise<void> {
  opened = await CANDIDATES[candidate]!();
}

/** Streams `deltas` into the answer {@link open} started, timing every delta. */
async function measure(deltas: readonly string[]): Promise<DeltaRun> {
  if (!opened) throw new Error('open() the answer first');
  const session = opened;
  opened = undefined;
  const run = await timeDeltas(session, deltas);
  await session.finish();
  return run;
}

/** Empties the stage, so the next answer starts an empty log. */
function clear(): void {
  stage.replaceChildren();
}

Object.assign(window, { benchRender: { warm, open, measure, clear } });
