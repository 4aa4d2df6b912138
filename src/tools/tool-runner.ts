/**
 * Runs one tool call the model asked for and turns what happened into the `tool` message
 * the model reads next: a result, or an error it can understand. Knows the page's tools and
 * the tool events; nothing about the stream or the DOM. Part of the tools room: the chat
 * loads it with the first call (the loop that calls it is the chat's own).
 *
 * @module
 */
import type { ToolCallProblem } from '../chat/chat-controller.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { ChatTool, ToolCall } from '../types.js';

/** The end of a call: what the model is sent, and what the view shows. */
export interface ToolRun {
  readonly outcome: 'done' | 'error' | 'denied';
  /** The `tool` message's content. */
  readonly content: string;
  /** Set when the failure is the model's mistake, to be shown beside the call. */
  readonly problem?: ToolCallProblem;
}

/** What running a call needs from the chat around it. */
export interface ToolRunContext {
  readonly tools: readonly ChatTool[];
  /** Aborted by Stop; the tool's own signal follows it. */
  readonly signal: AbortSignal;
  /** The longest a call may run (its approval wait excluded). */
  readonly timeoutMs: number;
  /** Where the tool events are fired. */
  readonly target: EventTarget;
  /** Resolves with the user's decision; only asked for tools that need approval. */
  readonly approve: () => Promise<boolean>;
  /** Called once the call really starts (after any approval). */
  readonly onRunning: () => void;
}

/**
 * The most characters of one result sent to the model. A page tool can return anything
 * (a whole database table); past this the model would pay for it on every later turn, and
 * the proxy's limit on a message would refuse the next request.
 */
export const MAX_TOOL_RESULT_CHARS = 50_000;

/** Why a denied call did not run, as the model and the result event are told. */
export const DENIED = 'The user denied this tool call.';

/** A denied call's result; a restored conversation recognises its denied calls by it. */
export const DENIED_RESULT = JSON.stringify({ error: DENIED });

/**
 * Runs `call`: finds the tool, parses the arguments, asks for approval when the tool needs
 * it, fires the call event, runs `execute` (or waits for `respond()`) within the time limit,
 * and fires the result event. Every failure becomes an error result; it rejects only when
 * the chat's signal aborts (Stop), with its reason.
 */
export async function runToolCall(call: ToolCall, context: ToolRunContext, kit: RoomKit): Promise<ToolRun> {
  const { name } = call.function;
  const tool = context.tools.find((candidate) => candidate.name === name);
  const failed = (message: string, problem?: ToolRun['problem']) =>
    finish({ outcome: 'error', content: JSON.stringify({ error: message }), problem }, undefined, message);
  const finish = (run: ToolRun, result?: unknown, error?: string): ToolRun => {
    context.target.dispatchEvent(new kit.ToolResultEvent({ id: call.id, name, result, error }));
    return run;
  };
  if (!tool) return failed(`There is no tool named "${name}". Use one of the tools offered.`, 'unknown-tool');
  const args = parseArguments(call.function.arguments);
  if (!args) return failed('The arguments were not a JSON object, so the tool did not run.', 'bad-arguments');
  if (tool.needsApproval && !(await context.approve())) {
    return finish({ outcome: 'denied', content: DENIED_RESULT }, undefined, DENIED);
  }
  context.signal.throwIfAborted();
  context.onRunning();

  const own = new AbortController();
  const stopOwn = () => own.abort(context.signal.reason);
  context.signal.addEventListener('abort', stopOwn, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await new Promise<unknown>((resolve, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(context.timeoutMs / 1000);
        reject(new Error(`The tool took longer than ${seconds} seconds, so it was stopped.`));
        own.abort(new DOMException('The tool call timed out.', 'TimeoutError'));
      }, context.timeoutMs);
      own.signal.addEventListener('abort', () => reject(own.signal.reason), { once: true });
      let answered = false;
      const respond = (value: unknown) => {
        if (answered) return;
        answered = true;
        resolve(value);
      };
      const event = new kit.ToolCallEvent({ id: call.id, name, arguments: call.function.arguments, args, respond });
      const proceed = context.target.dispatchEvent(event);
      if (answered || !proceed || !tool.execute) return;
      Promise.resolve()
        .then(() => tool.execute!(args, { signal: own.signal, call }))
        .then(respond, reject);
    });
    const content = resultContent(result);
    if (content === undefined) return failed('The tool returned a value that cannot be sent as JSON.');
    return finish({ outcome: 'done', content }, result);
  } catch (error) {
    // Stop: the caller is gone, and records the stop itself.
    if (context.signal.aborted) throw context.signal.reason;
    return failed(describe(error));
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', stopOwn);
  }
}

/** `""` (a tool without parameters) means `{}`; anything but a JSON object is refused. */
function parseArguments(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A string goes as it is, anything else as JSON; `undefined` (a tool that only acts) as
 * `null`. `undefined` back means it cannot be JSON (a function, a BigInt, a cycle).
 */
function resultContent(result: unknown): string | undefined {
  let content: string | undefined;
  try {
    content = typeof result === 'string' ? result : result === undefined ? 'null' : JSON.stringify(result);
  } catch {
    return undefined;
  }
  if (content === undefined) return undefined;
  if (content.length <= MAX_TOOL_RESULT_CHARS) return content;
  return `${content.slice(0, MAX_TOOL_RESULT_CHARS)}\n[Truncated: the result had ${content.length} characters; only the first ${MAX_TOOL_RESULT_CHARS} were sent.]`;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message ? `The tool failed: ${message}` : 'The tool failed.';
}
